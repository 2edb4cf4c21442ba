"""`dangjian export inspection --inspection ID` (.pdf) and `dangjian export venues --year
2026` (.xlsx or .pdf): the 阵地 tab's exports on the command line, through the same
ws.exports methods as the window, written atomically. Kept apart from export_cmd.py so the
tabs' kinds merge without touching each other; export_cmd adds `KINDS` to its own."""

from __future__ import annotations

import argparse
from typing import TextIO

from dangjian_desktop.cli.base import EXIT_OK, UsageError, workspace_of


def _add_inspection(kinds: argparse._SubParsersAction) -> None:
    from dangjian_desktop.cli.export_cmd import add_output_arguments

    parser = kinds.add_parser(
        "inspection",
        help="阵地检查报告（.pdf）",
        description="导出一次阵地检查的检查报告（A4 PDF，含检查项、照片、整改和签字栏）。",
    )
    parser.add_argument("--inspection", type=int, required=True, metavar="ID", help="检查记录编号")
    add_output_arguments(parser)
    parser.add_argument("--prepared-by", metavar="NAME", default="", help="制表人姓名")
    parser.set_defaults(handler=_export_inspection)


def _export_inspection(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    from dangjian_desktop.cli.export_cmd import checked_output

    out, fmt = checked_output(args.out)
    if fmt != "pdf":
        raise UsageError(
            f"dangjian export inspection：检查报告只能导出为 .pdf（“{out.name}”不是）。"
        )
    with workspace_of(args) as ws:
        result = ws.exports.inspection(out, args.inspection, prepared_by=args.prepared_by)
    print(f"已导出阵地检查报告（检查记录编号 {args.inspection}）：{result.path}", file=stdout)
    return EXIT_OK


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应为四位数字，如 2026（不是“{text}”）") from None
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"年份应在 2000 到 2100 之间（不是 {year}）")
    return year


def _add_venues(kinds: argparse._SubParsersAction) -> None:
    from dangjian_desktop.cli.export_cmd import add_output_arguments

    parser = kinds.add_parser(
        "venues",
        help="阵地建设年度汇总",
        description="导出一年中各阵地的检查和整改汇总（.xlsx 或 .pdf）。",
    )
    parser.add_argument("--year", type=_year, required=True, metavar="YEAR", help="年份")
    add_output_arguments(parser)
    parser.add_argument("--prepared-by", metavar="NAME", default="", help="制表人姓名")
    parser.set_defaults(handler=_export_venues)


def _export_venues(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    from dangjian_desktop.cli.export_cmd import checked_output

    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.venues(out, fmt, args.year, prepared_by=args.prepared_by)
    print(
        f"已导出{args.year}年阵地建设年度汇总（共 {result.rows} 次检查）：{result.path}",
        file=stdout,
    )
    return EXIT_OK


KINDS = [_add_inspection, _add_venues]
