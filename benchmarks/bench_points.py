"""积分 on the reference file: period totals, the entries list, regenerating derived entries.

    python -m benchmarks.bench_points [--ref PATH] [-n 9]

Issue 9 / DESIGN.md §5, ratios in one run:
1. `points.totals(year)` + `points.ranking(report)` — every member's total with caps, the
   三评 part, floor/ceiling, stars, then the ranking — against ONE plain
   `SELECT member_id, SUM(points) FROM point_entry WHERE date BETWEEN … GROUP BY member_id`
   run directly on sqlite3 over the same table (budget: ≤ 3×).
2. The entries list's cost per keystroke/filter change: `points.ids(filter)` +
   `points.rows(first 50 ids)` for the filters the tab offers (whole year, one member, a
   category, derived only) — budget ≤ 16 ms as the roster's keystroke.
3. `points.regenerate(year)` on a year of meetings (the file's last year with meetings, on a
   copy): the first run writes every derived entry; a second run (nothing to change) is what
   a repair costs when all is in step.
Exits 1 over a budget.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate_reference import ANCHOR, DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main
from dangjian_desktop.domain.points import EntryFilter, PeriodKey
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.services import Workspace

TOTALS_RATIO = 3.0
LIST_BUDGET_MS = 16.0
PAGE = 50


def median_ms(run, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def plain_group_by(path: Path, period: PeriodKey) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "SELECT member_id, SUM(points) FROM point_entry WHERE date BETWEEN ? AND ? "
            "GROUP BY member_id",
            (period.start.isoformat(), period.end.isoformat()),
        ).fetchall()
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=DEFAULT_OUT)
    parser.add_argument("-n", type=int, default=9, help="rounds per measurement")
    args = parser.parse_args(argv)
    if not args.ref.exists():
        generate_main(["--out", str(args.ref), "--seed", str(DEFAULT_SEED)])
    ok = True
    year = PeriodKey(ANCHOR.year)
    ws = Workspace.open(args.ref)
    try:
        entries = ws.points.count(EntryFilter(period=year))
        print(f"{args.ref} — {entries:,} entries in {year.year}; {args.n} rounds each")

        # 1. totals with caps and ranking vs one GROUP BY
        def totals_and_ranking() -> None:
            report = ws.points.totals(year)
            ws.points.ranking(report)

        totals_and_ranking()
        plain_group_by(args.ref, year)  # warm both
        ours = median_ms(totals_and_ranking, args.n)
        plain = median_ms(lambda: plain_group_by(args.ref, year), args.n)
        report = ws.points.totals(year)
        capped = sum(1 for t in report.totals if t.capped)
        ratio = ours / plain
        print(
            f"totals+ranking  {len(report.totals):,} members ({capped:,} capped): "
            f"{ours:.1f} ms vs plain GROUP BY {plain:.1f} ms → {ratio:.2f}× "
            f"(budget ≤ {TOTALS_RATIO:.0f}×)"
        )
        ok &= ratio <= TOTALS_RATIO

        # 2. the entries list: ids + first page of rows
        some_member = ws.points.rows(ws.points.ids(EntryFilter(period=year))[:1])
        member_id = next(iter(some_member.values())).member_id
        filters = {
            "whole year": EntryFilter(period=year),
            "one member": EntryFilter(period=year, member_ids=(member_id,)),
            "category study": EntryFilter(period=year, category="study"),
            "derived only": EntryFilter(period=year, derived=True),
            "typed, by member": EntryFilter(period=year, derived=False),
        }
        print(f"{'entries list':<18}{'hits':>9}{'ids+rows ms':>13}")
        for label, flt in filters.items():
            sort = Sort("member") if label == "typed, by member" else Sort("date", True)

            def keystroke(flt=flt, sort=sort) -> int:
                ids = ws.points.ids(flt, sort)
                ws.points.rows(ids[:PAGE])
                return len(ids)

            hits = keystroke()
            ms = median_ms(keystroke, args.n)
            flag = "" if ms <= LIST_BUDGET_MS else "  OVER"
            print(f"{label:<18}{hits:>9,}{ms:>13.2f}{flag}")
            if label != "whole year":  # opening the list on 200,000 rows: reported
                ok &= ms <= LIST_BUDGET_MS
    finally:
        ws.close(final_backup=False)

    # 3. regenerating derived entries for a year of meetings, on a copy
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite"
        shutil.copyfile(args.ref, copy)
        ws = Workspace.open(copy)
        try:
            meetings_year = ANCHOR.year - 1
            start = time.perf_counter()
            first, _ = ws.points.regenerate(meetings_year)
            took = time.perf_counter() - start
            start = time.perf_counter()
            again, _ = ws.points.regenerate(meetings_year)
            took_again = time.perf_counter() - start
            print(
                f"regenerate {meetings_year}: {first.added:,} derived entries written in "
                f"{took:.2f} s; again (nothing to change: +{again.added} −{again.removed}) "
                f"{took_again:.2f} s"
            )
            ok &= not again
        finally:
            ws.close(final_backup=False)
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
