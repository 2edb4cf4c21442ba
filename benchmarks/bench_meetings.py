"""Meetings on the reference file (10,000 members, ≈2,000 meetings over five years).

    python -m benchmarks.bench_meetings [--ref PATH] [-n 20]

Scenarios, each through the service as the window calls it (every call its own read
transaction), timed N times; median and p95 reported:
- open one meeting through the service calls an older form made: `get` + `roster_on` (the
  sign-in list's members on that date) + `quorum_report`, for the 党小组会 and the 主题党日
  (two 党小组) with sign-in lists nearest 300 and for a 党员大会 of the whole 10,000-member
  roster (reported, no budget: the window reads as below);
- what the meeting form reads on opening the 党小组会 and the 主题党日: `get` +
  `listed_roster(date)` (the whole roster as columns, one read: the sign-in list is its
  `.expected(type, group)`, the pickers its names) + `quorum_report` (≤ 100 ms, issue 8);
- the meeting form itself: constructing `MeetingDialog` on that 党小组会 and on the 主题党日
  (whose sign-in list is the whole roster), offscreen, wall and CPU time (≤ 100 ms;
  `--no-gui` skips it);
- the compliance calendar of a year: `calendar(year)` (budget ≤ 50 ms);
- the 工作台's 6-month reminder `no_life_members(today)` and `dashboard.items(today)`
  (reported here; bench_report holds the ≤ 100 ms budget);
- the meetings list: `ids(all, date order)` + `rows(first 50)` (the first page), and the
  same for one year.
Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate_reference import ANCHOR, DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main
from dangjian_desktop.domain.meetings import MeetingFilter, MeetingSort, MeetingType
from dangjian_desktop.services import Workspace

OPEN_BUDGET_MS = 100.0
CALENDAR_BUDGET_MS = 50.0
PAGE = 50


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(work: Callable[[], object], n: int) -> list[float]:
    work()  # warm the page cache and the connection pool
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def open_meeting(ws: Workspace, meeting_id: int) -> None:
    meeting = ws.meetings.get(meeting_id)
    ws.meetings.roster_on(meeting.date, meeting.type, meeting.party_group_id)
    ws.meetings.quorum_report(meeting)


def open_form(ws: Workspace, meeting_id: int) -> None:
    """What the meeting form reads on opening a record: the record, those expected at it,
    the pickers' names of everyone on the roster that day, the quorum."""
    meeting = ws.meetings.get(meeting_id)
    if hasattr(ws.meetings, "listed_roster"):  # the roster as columns: list and pickers
        roster = ws.meetings.listed_roster(meeting.date)
        roster.expected(meeting.type, meeting.party_group_id)
    elif hasattr(ws.meetings, "roster_and_people"):  # one read for the list and the pickers
        ws.meetings.roster_and_people(meeting.date, meeting.type, meeting.party_group_id)
    elif hasattr(ws.meetings, "people_on"):
        ws.meetings.roster_on(meeting.date, meeting.type, meeting.party_group_id)
        ws.meetings.people_on(meeting.date)
    else:  # before people_on: the whole roster on the date, for the pickers
        ws.meetings.roster_on(meeting.date, meeting.type, meeting.party_group_id)
        ws.meetings.roster_on(meeting.date)
    ws.meetings.quorum_report(meeting)


def pick(ws: Workspace, kind: MeetingType, size: int) -> tuple[int, int]:
    """The meeting of `kind` whose sign-in list is nearest `size` lines: (id, lines)."""
    ids = ws.meetings.ids(MeetingFilter(types=(kind,)), MeetingSort())
    rows = ws.meetings.rows(ids)
    best = min(ids, key=lambda i: (abs(rows[i].expected - size), i))
    return best, rows[best].expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=DEFAULT_OUT)
    parser.add_argument("-n", type=int, default=20, help="rounds per scenario")
    parser.add_argument("--no-gui", action="store_true", help="skip the MeetingDialog timing")
    args = parser.parse_args(argv)
    if not args.ref.exists():
        generate_main(["--out", str(args.ref), "--seed", str(DEFAULT_SEED)])

    ws = Workspace.open(args.ref, today=lambda: ANCHOR)
    failed = False
    try:
        total = ws.meetings.count(MeetingFilter())
        print(f"{args.ref} — {total:,} meetings; {args.n} rounds a scenario")
        group_id, group_lines = pick(ws, MeetingType.GROUP, 300)
        day_id, day_lines = pick(ws, MeetingType.THEME_DAY, 300)
        general_id, general_lines = pick(ws, MeetingType.GENERAL, 10_000)
        year = ANCHOR.year - 1
        scenarios = [
            # get + roster_on + quorum_report: the service calls an older form made, kept
            # for comparison; the window's own read is "form: open …" below.
            (f"open a 党小组会 ({group_lines} on the list)", None,
             lambda: open_meeting(ws, group_id)),
            (f"open a 主题党日 ({day_lines} on the list)", None,
             lambda: open_meeting(ws, day_id)),
            (f"open a 党员大会 ({general_lines} on the list)", None,
             lambda: open_meeting(ws, general_id)),
            (f"form: open the 党小组会 ({group_lines})", OPEN_BUDGET_MS,
             lambda: open_form(ws, group_id)),
            (f"form: open the 主题党日 ({day_lines})", OPEN_BUDGET_MS,
             lambda: open_form(ws, day_id)),
            (f"calendar({year})", CALENDAR_BUDGET_MS, lambda: ws.meetings.calendar(year)),
            (f"calendar({ANCHOR.year})", CALENDAR_BUDGET_MS,
             lambda: ws.meetings.calendar(ANCHOR.year)),
            ("no_life_members(today)", None, lambda: ws.meetings.no_life_members(ANCHOR)),
            ("dashboard.items(today) (budget: bench_report)", None,
             lambda: ws.dashboard.items(ANCHOR)),
            ("list: ids(all) + rows(first 50)", None, lambda: first_page(ws, MeetingFilter())),
            (f"list: ids({year}) + rows(first 50)", None,
             lambda: first_page(ws, MeetingFilter(year=year))),
        ]  # fmt: skip
        print(f"{'scenario':<42}{'median ms':>11}{'p95 ms':>9}  budget")
        for name, budget, work in scenarios:
            times = timed(work, args.n)
            median, p95 = statistics.median(times), percentile(times, 0.95)
            verdict = "—"
            if budget is not None:
                over = p95 > budget
                failed |= over
                verdict = f"{'OVER' if over else 'within'} {budget:.0f} ms ({p95 / budget:.2f}×)"
            print(f"{name:<42}{median:>11.2f}{p95:>9.2f}  {verdict}")
        if not args.no_gui:
            forms = ((f"党小组会 ({group_lines})", group_id), (f"主题党日 ({day_lines})", day_id))
            failed |= dialog_timings(ws, forms, args.n)
    finally:
        ws.close(final_backup=False)
    return 1 if failed else 0


def dialog_timings(ws: Workspace, forms: list[tuple[str, int]], n: int) -> bool:
    """Construct the meeting form on each record offscreen, n times (after one warm-up):
    median and p95 of wall time, median CPU time; True when a p95 is over the budget."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui.dialogs.meeting_dialog import MeetingDialog
    from dangjian_desktop.gui.events import AppEvents

    app = QApplication.instance() or QApplication([])
    events = AppEvents()
    over = False
    print(
        f"\n{'MeetingDialog(…) offscreen':<42}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>8}  budget"
    )
    for name, meeting_id in forms:
        wall, cpu = [], []
        for i in range(n + 1):
            c0, t0 = time.process_time(), time.perf_counter()
            dialog = MeetingDialog(ws, events, meeting_id, today=lambda: ANCHOR)
            t1, c1 = time.perf_counter(), time.process_time()
            dialog.deleteLater()
            app.processEvents()
            if i:  # the first is the warm-up
                wall.append((t1 - t0) * 1000)
                cpu.append((c1 - c0) * 1000)
        median, p95 = statistics.median(wall), percentile(wall, 0.95)
        over |= p95 > OPEN_BUDGET_MS
        verdict = f"{'OVER' if p95 > OPEN_BUDGET_MS else 'within'} {OPEN_BUDGET_MS:.0f} ms"
        print(
            f"{'form: ' + name:<42}{median:>11.2f}{p95:>9.2f}{statistics.median(cpu):>8.1f}"
            f"  {verdict} ({p95 / OPEN_BUDGET_MS:.2f}×)"
        )
    return over


def first_page(ws: Workspace, flt: MeetingFilter) -> None:
    ids = ws.meetings.ids(flt, MeetingSort())
    ws.meetings.rows(ids[:PAGE])


if __name__ == "__main__":
    sys.exit(main())
