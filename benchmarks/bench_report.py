"""The year's 上报材料 package on the reference file, and the 工作台 refresh (issue 11).

    python -m benchmarks.bench_report --ref benchmarks/out/reference.sqlite [--year 2025] [-n 5]

Reports, measured in one run on a copy of the reference file:
- the year package (`ws.reports.package`): total time and size, against the sum of the
  same reports exported one by one (each through its ws.exports method: its own snapshot,
  writer and audit row), plus verify's time;
- `ws.dashboard.items(today)`, the 工作台 refresh: its first read, then the median and
  worst of `-n` refreshes after nothing changed, after a meeting was saved (one sign-in
  line of a ≈300-member 党小组会 changed: what the secretary does most) and after a member
  was saved (a phone number), wall and CPU time; the budget (≤ 100 ms) applies to the
  refreshes after a change. `--dashboard-only` skips the package.
Exits 1 when the dashboard is over its budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.generate_reference import ANCHOR
from dangjian_desktop.domain.meetings import (
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    Presence,
)
from dangjian_desktop.export import FORMATS, writer_for
from dangjian_desktop.services import Workspace

DASHBOARD_BUDGET_MS = 100.0


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def one_by_one(ws: Workspace, year: int, folder: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    for fmt in FORMATS:
        times[f"roster.{fmt}"], _ = timed(
            lambda fmt=fmt: ws.exports.roster(folder / f"r.{fmt}", fmt)
        )
        times[f"statistics.{fmt}"], _ = timed(
            lambda fmt=fmt: ws.exports.statistics(folder / f"s.{fmt}", fmt, year=year)
        )
        times[f"ledger.{fmt}"], _ = timed(
            lambda fmt=fmt: ws.exports.ledger(folder / f"l.{fmt}", fmt, year)
        )
        times[f"calendar.{fmt}"], _ = timed(
            lambda fmt=fmt: ws.exports.calendar(folder / f"c.{fmt}", fmt, year)
        )
    return times


def refresh_ms(ws: Workspace) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    ws.dashboard.items(ANCHOR)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def group_meeting(ws: Workspace):
    """A held 党小组会 of the newest year with the longest sign-in list."""
    ids = ws.meetings.ids(MeetingFilter(year=ANCHOR.year - 1), MeetingSort())
    rows = ws.meetings.rows(ids).values()
    groups = [r for r in rows if r.type is MeetingType.GROUP and r.status is MeetingStatus.HELD]
    return max(groups, key=lambda r: r.expected).id


def dashboard_refreshes(ws: Workspace, n: int) -> dict[str, list[tuple[float, float]]]:
    times: dict[str, list[tuple[float, float]]] = {"first": [refresh_ms(ws)]}
    times["nothing changed"] = [refresh_ms(ws) for _ in range(n)]
    meeting = ws.meetings.get(group_meeting(ws))
    member = ws.members.get(meeting.attendance[0].member_id)
    times["after a meeting save"], times["after a member save"] = [], []
    for i in range(n):
        line = meeting.attendance[-1]
        away = Presence.ABSENT if line.presence is Presence.PRESENT else Presence.PRESENT
        lines = (*meeting.attendance[:-1], replace(line, presence=away))
        ws.meetings.save(replace(meeting, attendance=lines))
        meeting = ws.meetings.get(meeting.id)
        times["after a meeting save"].append(refresh_ms(ws))
        ws.members.update(replace(member, phone=f"1390000{i:04d}"))
        times["after a member save"].append(refresh_ms(ws))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=Path("benchmarks/out/reference.sqlite"))
    parser.add_argument("--year", type=int, default=ANCHOR.year - 1)
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--dashboard-only", action="store_true", help="skip the package")
    args = parser.parse_args(argv)
    if not args.ref.is_file():
        print(f"no reference file at {args.ref}: run benchmarks.generate_reference first")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = Path(tmp)
        copy = folder / "reference.sqlite"
        shutil.copy(args.ref, copy)
        ws = Workspace.open(copy, today=lambda: ANCHOR)
        try:
            if not args.dashboard_only:
                writer_for("xlsx"), writer_for("pdf")  # imports outside the timings
                ws.exports.statistics(folder / "warm.pdf", "pdf", year=args.year)  # fonts
                parts = one_by_one(ws, args.year, folder)
                package_s, result = timed(lambda: ws.reports.package(folder, str(args.year)))
                verify_s, report = timed(lambda: ws.reports.verify(result.path))
                assert report.ok, report.problems
            refresh = dashboard_refreshes(ws, args.n)
            items = ws.dashboard.items(ANCHOR)
        finally:
            ws.close(final_backup=False)
    print(f"year {args.year} on {args.ref} (today {ANCHOR})")
    if not args.dashboard_only:
        total = sum(parts.values())
        for name, seconds in parts.items():
            print(f"  one by one  {name:<16} {seconds:7.2f} s")
        print(f"  one by one  total            {total:7.2f} s")
        size = result.size / 1e6
        print(f"  package     {len(result.files)} files   {package_s:7.2f} s   {size:.1f} MB")
        print(f"  ratio package / one by one: {package_s / total:.2f}")
        print(f"  verify      {verify_s:7.2f} s")
    print(
        f"  dashboard.items ({len(items.due)} items; budget after a change ≤ "
        f"{DASHBOARD_BUDGET_MS:.0f} ms):"
    )
    over = False
    for name, runs in refresh.items():
        walls, cpus = [w for w, _c in runs], [c for _w, c in runs]
        median = statistics.median(walls)
        print(
            f"    {name:<22} median {median:7.1f} ms wall {statistics.median(cpus):7.1f} ms CPU,"
            f" worst {max(walls):7.1f} ms over {len(runs)}"
        )
        over |= name.startswith("after") and median > DASHBOARD_BUDGET_MS
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
