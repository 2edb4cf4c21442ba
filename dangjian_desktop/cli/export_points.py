"""`dangjian export points|statements|appraisal`: the 积分 exports on the command line.

Kinds of `dangjian export` (cli/export_cmd.py adds POINT_KINDS to its KINDS), calling the same
`ws.exports` methods as the window: written atomically, exit 0 when written, 1 for a data
problem (the reason in Chinese on stderr, an earlier file at --out untouched), 2 for a wrong
command line (checked before the data file is opened). The 排名 column only with --ranking.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from dangjian_desktop.cli.base import EXIT_OK, UsageError, workspace_of
from dangjian_desktop.cli.export_cmd import add_output_arguments, checked_output
from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR


def _add_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, metavar="YEAR", help="年度，如 2026")


def _year(args: argparse.Namespace) -> int:
    if not MIN_YEAR <= args.year <= MAX_YEAR:
        raise UsageError(f"dangjian export：年度应在 {MIN_YEAR} 到 {MAX_YEAR} 之间。")
    return args.year


def _period(args: argparse.Namespace):
    from dangjian_desktop.domain.points import PeriodKey

    return PeriodKey(_year(args), getattr(args, "quarter", None))


def _add_points(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "points",
        help="党员积分汇总表",
        description="导出一个计分期间的党员积分汇总表。默认不含排名，需要时加 --ranking。",
    )
    add_output_arguments(parser)
    _add_year(parser)
    parser.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), metavar="Q", help="季度 1–4（按季度计分时）"
    )
    parser.add_argument(
        "--ranking", action="store_true", help="按总分排序并加“排名”一栏（默认不导出排名）"
    )
    parser.set_defaults(handler=_export_points)


def _export_points(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    period = _period(args)
    with workspace_of(args) as ws:
        result = ws.exports.points(out, fmt, period, ranking=args.ranking)
    print(f"已导出党员积分汇总表（共 {result.rows} 人）：{result.path}", file=stdout)
    return EXIT_OK


def _add_statements(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "statements",
        help="党员积分明细",
        description="导出党员积分明细：PDF 每人一页起，Excel 一张工作表、每人一节。",
    )
    add_output_arguments(parser)
    _add_year(parser)
    parser.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), metavar="Q", help="季度 1–4（按季度计分时）"
    )
    parser.add_argument("--member", type=int, metavar="ID", help="只导出这名党员（编号）")
    parser.set_defaults(handler=_export_statements)


def _export_statements(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    period = _period(args)
    with workspace_of(args) as ws:
        result = ws.exports.statements(out, fmt, period, member_id=args.member)
    print(f"已导出党员积分明细（共 {result.rows} 人）：{result.path}", file=stdout)
    return EXIT_OK


def _add_appraisal(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "appraisal", help="民主评议党员结果", description="导出一个年度的民主评议党员结果。"
    )
    add_output_arguments(parser)
    _add_year(parser)
    parser.set_defaults(handler=_export_appraisal)


def _export_appraisal(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    year = _year(args)
    with workspace_of(args) as ws:
        result = ws.exports.appraisal(out, fmt, year)
    print(f"已导出民主评议党员结果（共 {result.rows} 人）：{result.path}", file=stdout)
    return EXIT_OK


POINT_KINDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_points,
    _add_statements,
    _add_appraisal,
]
