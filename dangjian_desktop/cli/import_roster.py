"""`dangjian import roster FILE.xlsx --db PATH [--sheet NAME] [--header-row N] [--only-valid]`

The import dialog's path without the dialog: the same RosterImportService calls in the same
order (read the workbook, propose the mapping, check it, preview, commit). One line per roster
row on stdout — row number, name, 导入 or the reasons — then a summary; why nothing (or not
everything) was written goes to stderr.

Exit codes: 0 every row was imported; 1 rows were refused or nothing was written; 2 bad
arguments or a file that cannot be read as a roster workbook.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from dangjian_desktop.cli.base import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    ChineseArgumentParser,
    CliError,
    add_db_argument,
    db_path_of,
    open_workspace,
)

# Refusals that are the command line's fault, not the data's.
_USAGE_CODES = frozenset({"unknown_sheet", "bad_header_row"})


def register(sub: argparse._SubParsersAction) -> None:
    importer = sub.add_parser("import", help="导入数据", description="把文件中的数据导入台账")
    what = importer.add_subparsers(
        dest="what", metavar="内容", parser_class=ChineseArgumentParser, required=True
    )
    roster = what.add_parser(
        "roster",
        help="导入党员花名册（.xlsx）",
        description="导入党员花名册（.xlsx）：先逐行检查，全部无误才写入（或用 --only-valid）。",
    )
    roster.add_argument("file", type=Path, metavar="FILE", help="花名册 .xlsx 文件")
    add_db_argument(roster)
    roster.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个有表头的工作表）")
    roster.add_argument(
        "--header-row",
        type=_row_number,
        metavar="N",
        help="表头所在的行号（默认：自动查找）",
    )
    roster.add_argument(
        "--only-valid", action="store_true", help="有问题的行不导入，只导入无误的行"
    )
    roster.set_defaults(handler=run)


def _row_number(text: str) -> int:
    value = int(text)  # ValueError: argparse says 参数 --header-row 的值 … 无效
    if value < 1:
        raise ValueError(text)
    return value


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dangjian_desktop.messages import error_text, field_error_text, import_field_name
    from dangjian_desktop.services.roster_import import (
        CommitRefused,
        ImportFileError,
        RosterImportError,
    )

    def refused(exc: RosterImportError) -> CliError:
        code = EXIT_USAGE if isinstance(exc, ImportFileError) or exc.code in _USAGE_CODES else 1
        text = error_text(exc)
        if exc.code == "no_header":
            text += "（命令行中用 --header-row N 指定表头所在的行）"
        return CliError(f"无法导入“{args.file}”：{text}", code)

    workspace = open_workspace(db_path_of(args))
    try:
        service = workspace.roster_import
        try:
            source = service.read_workbook(args.file)
            sheet = args.sheet or source.default_sheet().name
            proposal = service.propose_mapping(source, sheet, args.header_row)
            service.check_mapping(source, sheet, proposal.fields, proposal.header_row)
            preview = service.preview(
                source, sheet, proposal.fields, header_row=proposal.header_row
            )
        except RosterImportError as exc:
            raise refused(exc) from None

        committed, reason = 0, None
        if preview.valid_count and (args.only_valid or not preview.error_count):
            try:
                committed = service.commit(preview, allow_partial=args.only_valid).count
            except CommitRefused as exc:
                reason = error_text(exc)

        def reasons(row) -> str:
            parts = [f"{import_field_name(e.field)}：{field_error_text(e)}" for e in row.errors]
            return "；".join(parts)

        def notes(row) -> str:
            parts = [f"{import_field_name(w.field)}：{field_error_text(w)}" for w in row.warnings]
            return f"（提示：{'；'.join(parts)}）" if parts else ""

        for row in preview.rows:
            name = row.member.name or "（无姓名）"
            if not row.ok:
                verdict = f"未导入：{reasons(row)}"
            elif committed:
                verdict = "导入" + notes(row)
            else:
                verdict = "无误，但本次未写入" + notes(row)
            print(f"第 {row.row_number} 行\t{name}\t{verdict}", file=out)

        bad = preview.error_count
        print(
            f"共 {len(preview.rows)} 行：导入 {committed} 行，有问题 {bad} 行，"
            f"跳过空行等 {preview.skipped_count} 行。",
            file=out,
        )
        if reason is not None:
            print(reason, file=err)
        elif not preview.rows:
            print("表头下面没有党员数据，数据未作改动。", file=err)
        elif not committed and bad:
            hint = "" if args.only_valid else "改正后重新导入，或加 --only-valid 只导入无误的行。"
            print(f"有 {bad} 行有问题，数据未作改动。{hint}", file=err)
        elif bad:
            print(f"有 {bad} 行有问题，未导入；其余 {committed} 行已导入。", file=err)
        return EXIT_OK if committed and not bad else EXIT_DATA
    finally:
        workspace.close(final_backup=True)
