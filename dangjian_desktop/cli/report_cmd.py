"""`dangjian report --period 2026Q3|2026 --out DIR [--db PATH] [--full-ids] [--ranking]` and
`dangjian verify PACKAGE.zip`: the 上报材料 package and its check (issue 11 items 4–6), on
the same service code as 文件 → 生成上报材料 / 校验上报材料.

Exit codes (cli/base.py): 0 written / all is well; 1 a data problem (no data file, a folder
that cannot be written, a package with any finding); 2 a bad command line (a period that
does not parse, such as 2026Q5, is refused before the data file is opened).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from dangjian_desktop.cli.base import (
    EXIT_DATA,
    EXIT_OK,
    CliError,
    UsageError,
    add_db_argument,
    workspace_of,
)


def register_report(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="生成上报材料（.zip）",
        description="生成某季度或某年的上报材料：花名册、三会一课台账、落实情况、党员队伍统计"
        "（各有 .xlsx 和 .pdf）、机读数据副本及其结构说明、文件清单 manifest.json。"
        "默认隐去身份证号的部分数字。",
    )
    parser.add_argument(
        "--period", required=True, metavar="PERIOD", help="报告期：2026Q3（某季度）或 2026（全年）"
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="输出文件夹（或 .zip 文件名；已有同名文件时整体替换）",
    )
    add_db_argument(parser)
    parser.add_argument(
        "--full-ids", action="store_true", help="含完整身份证号（只在上级明确要求时使用）"
    )
    parser.add_argument("--ranking", action="store_true", help="含积分排名（默认不含）")
    parser.add_argument("--prepared-by", metavar="NAME", default="", help="制表人姓名")
    parser.set_defaults(handler=_report)


def _period(text: str):
    from dangjian_desktop.domain.period import PeriodError, parse_period
    from dangjian_desktop.messages import error_text

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UsageError(f"dangjian report：{error_text(exc)}") from None


def _checked_out(out: Path) -> Path:
    out = out.expanduser().absolute()
    folder = out.parent if out.suffix.lower() == ".zip" and not out.is_dir() else out
    if not folder.is_dir():
        raise UsageError(f"dangjian report：文件夹“{folder}”不存在，请先建好或换一个位置。")
    return out


def _report(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    period = _period(args.period)
    out = _checked_out(args.out)
    with workspace_of(args) as ws:
        result = ws.reports.package(
            out,
            period,
            full_ids=args.full_ids,
            ranking=args.ranking,
            prepared_by=args.prepared_by,
        )
    print(f"已生成上报材料（{len(result.files)} 个文件，{result.size:,} 字节）：{result.path}",
          file=stdout)  # fmt: skip
    if result.full_ids:
        print("注意：其中含完整身份证号，请妥善保管。", file=stdout)
    return EXIT_OK


def register_verify(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "verify",
        help="校验上报材料",
        description="按文件清单逐个核对上报材料中的文件：报告被改动、缺少或多出的文件，"
        "以及数据版本不符。只读取，不解压，不写入任何文件。全部无误时退出码为 0。",
    )
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip", help="上报材料 .zip 文件")
    parser.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from dangjian_desktop.services.report_service import verify, verify_lines

    path = args.package.expanduser().absolute()
    if not path.is_file():
        raise CliError(f"找不到上报材料“{path}”。")
    report = verify(path)
    lines = verify_lines(report)
    print("\n".join(lines), file=stdout if report.ok else stderr)
    return EXIT_OK if report.ok else EXIT_DATA
