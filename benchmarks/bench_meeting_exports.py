"""The 会议 exports end to end on the reference file, as the window and `dangjian export` run
them: `ws.exports.ledger(path, fmt, year)` — the read snapshot, the adapter and the writer —
against bare openpyxl write-only / reportlab canvas dumps of the same cells; plus the
会议记录 of the largest ≈300-line meeting and the compliance calendar of a year.

    python -m benchmarks.bench_meeting_exports [--ref PATH] [--rounds 5] [--profile]

The bare dumps get the ledger's cell values computed beforehand (as bench_export and
bench_meeting_reports do), so each is the library alone; the export's time includes
reading ≈400 records with their sign-in lists from SQLite. Runs alternate, medians are
compared (budget ≤ 1.5×, DESIGN.md §5). --profile prints cProfile's top functions of one
.xlsx and one .pdf export.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.bench_meeting_reports import bare_pdf, bare_xlsx
from benchmarks.generate_reference import ANCHOR, DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main
from dangjian_desktop.domain.meetings import MeetingFilter, MeetingSort, MeetingType
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.ledger_report import ledger_table
from dangjian_desktop.services import Workspace

BUDGET = 1.5


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
        cells = [[c.value(i, r) for c in table.columns] for i, r in enumerate(table.rows, 1)]
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
        with tempfile.TemporaryDirectory(prefix="bench_meeting_exports_") as tmp:
            out = Path(tmp)
            runs = {
                "ox": lambda: ws.exports.ledger(out / "ledger.xlsx", "xlsx", year),
                "bx": lambda: bare_xlsx([header, *cells], out / "dump.xlsx"),
                "op": lambda: ws.exports.ledger(out / "ledger.pdf", "pdf", year),
                "bp": lambda: bare_pdf(texts, out / "dump.pdf", font),
                "read": lambda: ws.exports.ledger_report(year),
            }
            for fn in runs.values():
                fn()  # warm-up
            times: dict[str, list[float]] = {k: [] for k in runs}
            cpu: dict[str, list[float]] = {k: [] for k in runs}
            order = list(runs.items())
            for r in range(args.rounds):
                for key, fn in order if r % 2 == 0 else reversed(order):
                    c0 = time.process_time()
                    times[key].append(timed(fn))
                    cpu[key].append(time.process_time() - c0)
            med = {k: statistics.median(v) for k, v in times.items()}
            for name, key in (
                ("ws.exports.ledger → .xlsx", "ox"),
                ("bare openpyxl write-only dump", "bx"),
                ("ws.exports.ledger → .pdf", "op"),
                ("bare reportlab canvas dump", "bp"),
                ("ledger_report (the read snapshot)", "read"),
            ):
                runs_text = ", ".join(f"{s:.3f}" for s in times[key])
                print(f"{name:38} {med[key]:7.3f} s  ({runs_text})")
            x_ratio, p_ratio = med["ox"] / med["bx"], med["op"] / med["bp"]
            print(f"\nxlsx: {x_ratio:.2f}× the bare dump (budget ≤ {BUDGET}×)")
            print(f"pdf:  {p_ratio:.2f}× the bare canvas dump (budget ≤ {BUDGET}×)")
            c = {k: statistics.median(v) for k, v in cpu.items()}
            print(
                f"CPU time: xlsx {c['ox'] / c['bx']:.2f}×, pdf {c['op'] / c['bp']:.2f}×; "
                f"without the read: xlsx {(c['ox'] - c['read']) / c['bx']:.2f}×, "
                f"pdf {(c['op'] - c['read']) / c['bp']:.2f}×"
            )

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
    ok = x_ratio <= BUDGET and p_ratio <= BUDGET
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
