"""The 会议 exports on the reference file, as the window and `dangjian export` run them:
`ws.exports.ledger(path, fmt, year)` — the read snapshot, the adapter and the writer — plus
the 会议记录 of the largest ≈300-line meeting and the compliance calendar of a year.

    python -m benchmarks.bench_meeting_exports [--ref PATH] [--rounds 5] [--profile]

DESIGN.md §5 (and issue 8): the 台账 ≤ 1.5× "a bare openpyxl/reportlab dump of the same
rows". The rows are in SQLite, so the baseline is what a bare export of them costs: a
plain sqlite3 read of what the ledger prints (the year's records with their host, recorder
and venue names, the lines away with the members' names, the resolutions) and then a bare
openpyxl write-only / reportlab canvas dump of the ledger's cells. Two ratios are held to
the budget:
1. end to end: `ws.exports.ledger` vs plain read + bare dump;
2. the writer alone: the ledger's report value (read beforehand) → cells → file vs the bare
   dump, as bench_export holds the roster's writer.
Reported beside them: the read snapshot vs the plain read, end to end vs the bare dump
alone (which gets its cells, and so the read, for nothing), and the writer alone in its two
parts: working out the cells of a fresh report (the names of every line away, grouped by
reason) and the writer given the rows' values, as the bare dump is. Runs alternate, medians are
compared; CPU-time ratios are printed too. --profile prints cProfile's top functions of one
.xlsx and one .pdf export.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.bench_meeting_reports import _nth, bare_pdf, bare_xlsx
from benchmarks.generate_reference import ANCHOR, DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main
from dangjian_desktop.domain.meetings import MeetingFilter, MeetingSort, MeetingType
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.ledger_report import ledger_table
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import write_table_xlsx
from dangjian_desktop.services import Workspace

BUDGET = 1.5


# What the 台账 prints of a year, read plainly: the records with the names they refer to,
# the lines away (leave, absent, excluded) with the members' names, the resolutions.
PLAIN_RECORDS = """
SELECT m.id, m.type, m.also_counts_as, m.date, m.start_time, m.place, v.name, h.name,
       r.name, l.name, m.lecturer_name, m.topic, m.first_topic, m.first_topic_material,
       m.first_topic_form, f.name, m.first_topic_leader_name, g.name, m.expected_count,
       m.present_count, m.leave_count, m.absent_count
FROM meeting m
LEFT JOIN venue v ON v.id = m.venue_id
LEFT JOIN member h ON h.id = m.host_id
LEFT JOIN member r ON r.id = m.recorder_id
LEFT JOIN member l ON l.id = m.lecturer_id
LEFT JOIN member f ON f.id = m.first_topic_leader_id
LEFT JOIN party_group g ON g.id = m.party_group_id
WHERE m.deleted_at IS NULL AND m.status IN ('held', 'archived')
  AND m.date BETWEEN ? AND ?
ORDER BY m.date, m.id
"""
PLAIN_AWAY = """
SELECT a.meeting_id, p.name, a.presence, a.reason, a.note, a.excluded
FROM meeting_attendance a JOIN member p ON p.id = a.member_id
WHERE a.meeting_id IN ({ids}) AND (a.presence <> 'present' OR a.excluded)
ORDER BY a.meeting_id, a.position
"""
PLAIN_RESOLUTIONS = "SELECT * FROM meeting_resolution WHERE meeting_id IN ({ids})"


def plain_read(conn: sqlite3.Connection, year: int) -> int:
    """The rows a bare export of the year's 台账 needs, as plain tuples; their number."""
    records = conn.execute(PLAIN_RECORDS, (f"{year}-01-01", f"{year}-12-31")).fetchall()
    ids = ",".join(str(r[0]) for r in records)
    away = conn.execute(PLAIN_AWAY.format(ids=ids)).fetchall()
    resolutions = conn.execute(PLAIN_RESOLUTIONS.format(ids=ids)).fetchall()
    return len(records) + len(away) + len(resolutions)


def cells_of(table) -> list[list]:
    """Every cell's value, as the writers get them from the table's columns."""
    return [[c.value(i, r) for c in table.columns] for i, r in enumerate(table.rows, 1)]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    if not args.ref.exists():
        generate_main(["--out", str(args.ref), "--seed", str(DEFAULT_SEED)])
    year = ANCHOR.year - 1
    ws = Workspace.open(args.ref, today=lambda: ANCHOR)
    try:
        table = ledger_table(ws.exports.ledger_report(year))
        cells = cells_of(table)
        header = [c.title for c in table.columns]
        texts = [header] + [
            [
                "" if v is None else v.strftime("%Y.%m.%d") if isinstance(v, date) else str(v)
                for v in row
            ]
            for row in cells
        ]
        lines = sum(r.head_count.expected + r.head_count.excluded for r in table.rows)
        read = sum(len(r.meeting.attendance) for r in table.rows)
        print(
            f"{args.ref}: ledger of {year}, {len(table.rows)} meetings, {lines:,} sign-in lines "
            f"({read:,} of them read: those away, and the lists of records with resolutions)"
        )
        font = register_cjk_font()
        # The writer alone gets a report read afresh, untimed, before each run: a record's
        # head count and lists of those away are worked out once and kept (cached_property),
        # so a report written before would be cheaper to write again.
        fresh: list = []
        given = replace(
            table,
            rows=cells,
            columns=[replace(c, value=_nth(k)) for k, c in enumerate(table.columns)],
        )
        plain = sqlite3.connect(args.ref)  # kept open, as the program keeps its connection
        with tempfile.TemporaryDirectory(prefix="bench_meeting_exports_") as tmp:
            out = Path(tmp)
            runs = {
                "ox": lambda: ws.exports.ledger(out / "ledger.xlsx", "xlsx", year),
                "bx": lambda: bare_xlsx([header, *cells], out / "dump.xlsx"),
                "wx": lambda: write_table_xlsx(ledger_table(fresh.pop()), out / "writer.xlsx"),
                "op": lambda: ws.exports.ledger(out / "ledger.pdf", "pdf", year),
                "bp": lambda: bare_pdf(texts, out / "dump.pdf", font),
                "wp": lambda: write_table_pdf(ledger_table(fresh.pop()), out / "writer.pdf"),
                "read": lambda: ws.exports.ledger_report(year),
                "plain": lambda: plain_read(plain, year),
                # The parts of the writer alone: the cells of a fresh report, and the writer
                # given the same rows as values (what the bare dump is given).
                "cells": lambda: cells_of(ledger_table(fresh.pop())),
                "gx": lambda: write_table_xlsx(given, out / "given.xlsx"),
                "gp": lambda: write_table_pdf(given, out / "given.pdf"),
            }
            for key, fn in runs.items():
                if key in ("wx", "wp", "cells"):
                    fresh.append(ws.exports.ledger_report(year))
                fn()  # warm-up
            times: dict[str, list[float]] = {k: [] for k in runs}
            cpu: dict[str, list[float]] = {k: [] for k in runs}
            order = list(runs.items())
            for r in range(args.rounds):
                for key, fn in order if r % 2 == 0 else reversed(order):
                    if key in ("wx", "wp", "cells"):
                        fresh.append(ws.exports.ledger_report(year))
                    c0 = time.process_time()
                    times[key].append(timed(fn))
                    cpu[key].append(time.process_time() - c0)
            med = {k: statistics.median(v) for k, v in times.items()}
            for name, key in (
                ("ws.exports.ledger → .xlsx", "ox"),
                ("  its writer alone (report → .xlsx)", "wx"),
                ("bare openpyxl write-only dump", "bx"),
                ("ws.exports.ledger → .pdf", "op"),
                ("  its writer alone (report → .pdf)", "wp"),
                ("bare reportlab canvas dump", "bp"),
                ("ledger_report (the read snapshot)", "read"),
                ("plain sqlite3 read of the same rows", "plain"),
                ("the cells of a fresh report", "cells"),
                ("writer given the rows' values → .xlsx", "gx"),
                ("writer given the rows' values → .pdf", "gp"),
            ):
                runs_text = ", ".join(f"{s:.3f}" for s in times[key])
                print(f"{name:38} {med[key]:7.3f} s  ({runs_text})")
            c = {k: statistics.median(v) for k, v in cpu.items()}
            low = {k: min(v) for k, v in times.items()}
            ratios = {}
            for fmt, o, w, b in (("xlsx", "ox", "wx", "bx"), ("pdf", "op", "wp", "bp")):
                ratios[fmt] = (
                    med[o] / (med["plain"] + med[b]),
                    med[w] / med[b],
                )
                cpu_end = c[o] / (c["plain"] + c[b])
                print(
                    f"\n{fmt}: end to end {ratios[fmt][0]:.2f}× plain read + bare dump "
                    f"(CPU {cpu_end:.2f}×); writer {ratios[fmt][1]:.2f}× the bare dump "
                    f"(CPU {c[w] / c[b]:.2f}×) — budget ≤ {BUDGET}× each"
                )
                print(f"      end to end vs the bare dump alone: {med[o] / med[b]:.2f}× (reported)")
                # On a shared machine whole runs slow down together; the fastest of each
                # is what the code costs when nothing else runs (reported, not held).
                print(
                    f"      fastest runs: end to end {low[o] / (low['plain'] + low[b]):.2f}×, "
                    f"writer {low[w] / low[b]:.2f}× (reported)"
                )
            print(f"read snapshot: {med['read'] / med['plain']:.2f}× the plain read (reported)")
            print(
                f"writer given the same rows as the bare dump (no cells to work out): "
                f"xlsx {med['gx'] / med['bx']:.2f}×, pdf {med['gp'] / med['bp']:.2f}× (reported); "
                f"the cells alone {med['cells'] / med['bx']:.2f}× the bare .xlsx dump"
            )
            plain.close()

            if args.profile:
                for key in ("ox", "op"):
                    prof = cProfile.Profile()
                    prof.runcall(runs[key])
                    print(f"\n--- cProfile of {key} ---")
                    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)

            # One meeting's minutes: the 党小组会 or 主题党日 with the list nearest 300.
            ids = ws.meetings.ids(
                MeetingFilter(types=(MeetingType.GROUP, MeetingType.THEME_DAY)), MeetingSort()
            )
            rows = ws.meetings.rows(ids)
            big = min(ids, key=lambda i: (abs(rows[i].expected - 300), i))
            minutes = [
                timed(lambda: ws.exports.minutes(out / "minutes.pdf", big))
                for _ in range(args.rounds)
            ]
            report = [timed(lambda: ws.exports.minutes_report(big)) for _ in range(args.rounds)]
            print(
                f"\n会议记录 of meeting {big} ({rows[big].expected} on the list): "
                f"read {statistics.median(report) * 1000:.1f} ms, "
                f"read + PDF {statistics.median(minutes) * 1000:.1f} ms (medians)"
            )
            cal = [
                timed(lambda: ws.exports.calendar(out / "calendar.pdf", "pdf", year))
                for _ in range(args.rounds)
            ]
            cal_read = [timed(lambda: ws.exports.calendar_report(year)) for _ in range(args.rounds)]
            print(
                f"年度落实情况 {year}: read {statistics.median(cal_read) * 1000:.1f} ms, "
                f"read + PDF {statistics.median(cal) * 1000:.1f} ms (medians)"
            )
    finally:
        ws.close(final_backup=False)
    ok = all(r <= BUDGET for pair in ratios.values() for r in pair)
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
