"""`dangjian export KIND … --db PATH --out FILE.xlsx|FILE.pdf`: the window's exports, scripted.

Each kind is one entry of `KINDS`: a function that adds its subparser (with the shared --db
and --out) and sets the handler. The handler calls the same `ws.exports` method as the
window, so the file is the one the window would write, and it is written atomically: on any
failure an earlier file at --out is left as it was. The format comes from the suffix of
--out; anything but .xlsx or .pdf is refused (exit 2) before the data file is opened, as
are a year or quarter out of range and the 会议记录 to anything but .pdf. A meeting that is
not in the file is a data problem (exit 1).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from dangjian_desktop.cli import export_venues
from dangjian_desktop.cli.base import (
    EXIT_OK,
    ChineseArgumentParser,
    CliError,
    UsageError,
    add_db_argument,
    workspace_of,
)
from dangjian_desktop.domain.dates import REPORT_MAX_YEAR as MAX_YEAR
from dangjian_desktop.domain.dates import REPORT_MIN_YEAR as MIN_YEAR

FORMAT_HINT = ".xlsx 或 .pdf"


def output_format(out: Path) -> str:
    """The format ("xlsx" or "pdf") from the suffix of --out; a UsageError otherwise."""
    from dangjian_desktop.export import format_of

    fmt = format_of(out)
    if fmt is None:
        raise UsageError(
            f"dangjian export：无法从输出文件名“{out.name}”判断格式，"
            f"请用 {FORMAT_HINT} 结尾（如 --out 花名册.xlsx）。"
        )
    return fmt


def checked_output(out: Path) -> tuple[Path, str]:
    """The --out path made absolute and its format; refuses a folder or a missing folder."""
    fmt = output_format(out)
    out = out.expanduser().absolute()
    if out.is_dir():
        raise UsageError(f"dangjian export：“{out}”是一个文件夹，--out 应是要写入的文件名。")
    if not out.parent.is_dir():
        raise UsageError(f"dangjian export：文件夹“{out.parent}”不存在，请先建好或换一个位置。")
    return out, fmt


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help=f"输出文件（{FORMAT_HINT}，格式由扩展名决定；已有同名文件时整体替换）",
    )


# --- roster ----------------------------------------------------------------------------------
def _add_roster(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "roster",
        help="党员花名册",
        description="导出党员花名册（全部在册党员）。默认隐去身份证号和电话号码的部分数字。",
    )
    add_output_arguments(parser)
    parser.add_argument(
        "--full-ids", action="store_true", help="导出完整身份证号（只在上级明确要求时使用）"
    )
    parser.add_argument(
        "--full-phones", action="store_true", help="导出完整电话号码（只在上级明确要求时使用）"
    )
    parser.add_argument(
        "--prepared-by", metavar="NAME", default="", help="制表人姓名（不填则留空待手写）"
    )
    parser.set_defaults(handler=_export_roster)


def _export_roster(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.roster(
            out,
            fmt,
            full_ids=args.full_ids,
            full_phones=args.full_phones,
            prepared_by=args.prepared_by,
        )
    print(f"已导出党员花名册（共 {result.rows} 人）：{result.path}", file=stdout)
    return EXIT_OK


# --- 会议: ledger, minutes, plan, calendar ------------------------------------------------------


def _year(text: str) -> int:
    if not text.strip().isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"年份应是 {MIN_YEAR} 到 {MAX_YEAR} 之间的四位数字（如 2026），不是“{text}”"
        )
    return int(text)


def _quarter(text: str) -> int:
    if text.strip() not in ("1", "2", "3", "4"):
        raise argparse.ArgumentTypeError(f"季度只能是 1、2、3 或 4，不是“{text}”")
    return int(text)


def _meeting_id(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"会议编号应是正整数，不是“{text}”")
    return int(text)


def _add_prepared_by(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prepared-by", metavar="NAME", default="", help="制表人/填报人姓名（不填则留空待手写）"
    )


def _add_ledger(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "ledger",
        help="三会一课台账",
        description="导出一年或一个季度的三会一课台账（已召开、已归档的会议，每次会议一行）。",
    )
    add_output_arguments(parser)
    parser.add_argument("--year", type=_year, required=True, metavar="YYYY", help="年份")
    parser.add_argument("--quarter", type=_quarter, metavar="1-4", help="季度（不填为全年）")
    _add_prepared_by(parser)
    parser.set_defaults(handler=_export_ledger)


def _export_ledger(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.ledger(out, fmt, args.year, args.quarter, prepared_by=args.prepared_by)
    print(f"已导出三会一课台账（共 {result.rows} 次会议）：{result.path}", file=stdout)
    return EXIT_OK


def _add_minutes(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "minutes",
        help="一次会议的会议记录（PDF）",
        description="导出一次会议的会议记录（A4 PDF，含出席情况、表决情况和签字栏）；"
        "--list 列出已召开的会议及其编号。",
    )
    add_db_argument(parser)
    parser.add_argument(
        "--out", type=Path, metavar="FILE.pdf", help="输出文件（已有同名文件时整体替换）"
    )
    parser.add_argument("--meeting", type=_meeting_id, metavar="ID", help="会议编号")
    parser.add_argument(
        "--list", action="store_true", help="列出已召开、已归档的会议及其编号（不写文件）"
    )
    parser.add_argument("--year", type=_year, metavar="YYYY", help="与 --list 同用：只列这一年")
    _add_prepared_by(parser)
    parser.set_defaults(handler=_export_minutes)


def _list_meetings(args: argparse.Namespace, stdout: TextIO) -> int:
    """One line a held or archived meeting, oldest first: what --meeting takes."""
    from dangjian_desktop.domain.meetings import MeetingFilter, MeetingSort, MeetingStatus
    from dangjian_desktop.export.labels import MEETING_STATUS, MEETING_TYPE

    held = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)
    with workspace_of(args) as ws:
        ids = ws.meetings.ids(MeetingFilter(year=args.year, statuses=held), MeetingSort())
        rows = ws.meetings.rows(ids)
    listed = [rows[i] for i in reversed(ids) if i in rows]
    print("编号\t日期\t类型\t状态\t议题", file=stdout)
    for row in listed:
        kind, status = MEETING_TYPE[row.type], MEETING_STATUS[row.status]
        print(f"{row.id}\t{row.date}\t{kind}\t{status}\t{row.topic}", file=stdout)
    print(f"共 {len(listed)} 次会议", file=stdout)
    return EXIT_OK


def _export_minutes(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    from dangjian_desktop.domain.errors import NotFoundError
    from dangjian_desktop.export.errors import ExportRequestError
    from dangjian_desktop.messages import error_text

    if args.list:
        if args.meeting is not None or args.out is not None:
            raise UsageError(
                "dangjian export minutes：--list 只列出会议，不与 --meeting、--out 同用。"
            )
        return _list_meetings(args, stdout)
    if args.year is not None:
        raise UsageError("dangjian export minutes：--year 只与 --list 同用。")
    if args.meeting is None:
        raise UsageError(
            "dangjian export minutes：缺少参数：--meeting（会议编号；用 --list 列出会议及其编号）"
        )
    if args.out is None:
        raise UsageError("dangjian export minutes：缺少参数：--out（要写入的 PDF 文件）")
    out, fmt = checked_output(args.out)
    if fmt != "pdf":
        reason = error_text(ExportRequestError("minutes_pdf_only", {"format": f".{fmt}"}))
        raise UsageError(f"dangjian export minutes：{reason}")
    with workspace_of(args) as ws:
        try:
            result = ws.exports.minutes(out, args.meeting, prepared_by=args.prepared_by)
        except NotFoundError:
            raise CliError(
                f"数据文件中没有编号为 {args.meeting} 的会议记录，未写入文件。"
                "请核对会议编号（在回收站中的会议记录请先恢复）。"
            ) from None
    print(f"已导出会议记录：{result.path}", file=stdout)
    return EXIT_OK


def _add_plan(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "plan",
        help="三会一课计划报备表",
        description="导出一个季度的三会一课计划报备表（已列计划、已召开的会议和尚未安排的会议）。",
    )
    add_output_arguments(parser)
    parser.add_argument("--year", type=_year, required=True, metavar="YYYY", help="年份")
    parser.add_argument("--quarter", type=_quarter, required=True, metavar="1-4", help="季度")
    _add_prepared_by(parser)
    parser.set_defaults(handler=_export_plan)


def _export_plan(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.plan(out, fmt, args.year, args.quarter, prepared_by=args.prepared_by)
    print(f"已导出三会一课计划报备表（共 {result.rows} 项）：{result.path}", file=stdout)
    return EXIT_OK


def _add_calendar(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "calendar",
        help="年度三会一课落实情况（合规日历）",
        description="导出一年的三会一课落实情况：按会议频次要求逐月、逐季度列出是否召开。",
    )
    add_output_arguments(parser)
    parser.add_argument("--year", type=_year, required=True, metavar="YYYY", help="年份")
    _add_prepared_by(parser)
    parser.set_defaults(handler=_export_calendar)


def _export_calendar(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.calendar(out, fmt, args.year, prepared_by=args.prepared_by)
    print(
        f"已导出{args.year}年三会一课落实情况（共 {result.rows} 项要求）：{result.path}",
        file=stdout,
    )
    return EXIT_OK


# --- statistics ------------------------------------------------------------------------------
def parse_day(text: str) -> date:
    """--date 2026-12-31 (ISO), as argparse's type: a bad one is a usage error (exit 2)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写作 2026-12-31") from None


def parse_year(text: str) -> int:
    from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR

    if not text.strip().isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"“{text}”不是 {MIN_YEAR}–{MAX_YEAR} 之间的年份")
    return int(text)


def _add_statistics(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "statistics",
        help="党员队伍统计",
        description="导出党员队伍统计：某日在册党员按性别、民族、学历、年龄、入党时间、职业、"
        "类别分组的人数，以及当年发展、转正、延长预备期、转入、转出、出党人数。",
    )
    add_output_arguments(parser)
    parser.add_argument("--year", type=parse_year, required=True, metavar="YYYY", help="统计年度")
    parser.add_argument(
        "--date", type=parse_day, metavar="YYYY-MM-DD", help="统计截至日期（默认该年12月31日）"
    )
    parser.add_argument("--prepared-by", metavar="NAME", default="", help="制表人姓名")
    parser.set_defaults(handler=_export_statistics)


def _export_statistics(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    out, fmt = checked_output(args.out)
    with workspace_of(args) as ws:
        result = ws.exports.statistics(
            out, fmt, year=args.year, as_of=args.date, prepared_by=args.prepared_by
        )
    print(f"已导出党员队伍统计（{args.year}年，共 {result.rows} 人）：{result.path}", file=stdout)
    return EXIT_OK


# Each kind adds its subparser here, in the order `dangjian export --help` lists them.
KINDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_roster,
    _add_ledger,
    _add_minutes,
    _add_plan,
    _add_calendar,
    _add_statistics,
]
KINDS += export_venues.KINDS


def register(sub: argparse._SubParsersAction) -> None:
    from dangjian_desktop.cli.export_points import POINT_KINDS  # 积分 (its own module)

    parser = sub.add_parser(
        "export",
        help="导出报表（.xlsx 或 .pdf）",
        description="导出报表，与窗口中“导出”菜单写出的文件相同。",
    )
    kinds = parser.add_subparsers(
        dest="kind", metavar="种类", parser_class=ChineseArgumentParser, required=True
    )
    for add_kind in [*KINDS, *POINT_KINDS]:
        add_kind(kinds)
