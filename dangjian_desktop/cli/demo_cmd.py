"""`dangjian demo --out PATH [--today YYYY-MM-DD] [--force]`: write the sample branch
(dangjian_desktop.demo) into a new data file, atomically."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from dangjian_desktop.cli.base import EXIT_OK, CliError, UsageError, error_message

# The sample counts ages and party dates back from "today"; far outside this range the
# dates stop making sense (and before year 1 they cannot be written at all).
EARLIEST_TODAY = date(2000, 1, 1)
LATEST_TODAY = date(2099, 12, 31)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo",
        help="生成示例数据文件（一个约30名党员的船舶党支部）",
        description="生成一个示例数据文件：船舶党支部、支委会、3个党小组、约30名党员及其"
        "组织关系转接记录。用 dangjian --db PATH 打开它即可试用各项功能。",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="PATH", help="要写入的数据文件（新文件）"
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="示例中各日期（年龄、入党、转正、选举日期）推算所依据的“今天”，默认是今天",
    )
    parser.add_argument("--force", action="store_true", help="文件已存在时覆盖它")
    parser.set_defaults(handler=run)


def parse_today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--today 的值“{text}”不是有效日期，应写成 2025-06-15 这样。") from None
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise UsageError(f"--today 应在 {EARLIEST_TODAY} 到 {LATEST_TODAY} 之间，而不是 {day}。")
    return day


def run(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    today = parse_today(args.today)
    out = Path(args.out).expanduser().absolute()
    if out.is_dir():
        raise UsageError(f"“{out}”是一个文件夹。请给出要写入的文件名，例如 {out / '示例.sqlite'}。")
    if out.exists() and not args.force:
        raise UsageError(_exists(out))
    from dangjian_desktop import paths
    from dangjian_desktop.demo import build_demo
    from dangjian_desktop.logs import setup_logging

    if out.parent.is_dir():
        setup_logging(paths.log_dir_for(out))
    try:
        summary = build_demo(out, today=today, overwrite=args.force)
    except OSError as exc:
        if isinstance(exc, FileExistsError) and out.exists():  # appeared since the check
            raise UsageError(_exists(out)) from None
        reason = error_message(exc) or (
            f"无法在“{out.parent}”中创建示例数据文件：该文件夹不存在、无法创建或不允许写入。"
            "请换一个文件夹。"
        )
        raise CliError(reason) from exc
    groups = "，".join(f"{name} {count} 人" for name, count in summary.groups)
    formal = summary.members - summary.probationary
    lines = [
        f"已写入示例数据：{summary.path}",
        f"  {summary.branch}：支委 {summary.committee} 人，党小组 {len(summary.groups)} 个，"
        f"活动阵地 {summary.venues} 处",
        f"  在册党员 {summary.members} 人（正式党员 {formal} 人，预备党员 "
        f"{summary.probationary} 人）：{groups}",
        f"  已转出 {summary.transferred_out} 人，回收站中 {summary.deleted} 人",
        f"  各日期以 {summary.today} 为“今天”推算。",
        f'打开它：dangjian --db "{summary.path}"',
    ]
    if args.today is not None:
        lines.insert(-1, "  在其他日期打开时，转正、换届等提醒按打开当天计算。")
    print("\n".join(lines), file=stdout)
    return EXIT_OK


def _exists(out: Path) -> str:
    return f"文件“{out}”已存在，未作改动。要用示例数据覆盖它请加 --force，或换一个文件名。"
