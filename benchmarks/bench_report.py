"""The year's 上报材料 package on the reference file, and the 工作台 refresh (issue 11).

    python -m benchmarks.bench_report --ref benchmarks/out/reference.sqlite [--year 2025] [-n 5]

Reports, measured in one run on a copy of the reference file:
- the year package (`ws.reports.package`): total time and size, against the sum of the
  same reports exported one by one (each through its ws.exports method: its own snapshot,
  writer and audit row), plus verify's time;
- `ws.dashboard.items(today)`: median and worst of `-n` refreshes (budget ≤ 100 ms).
Exits 1 when the dashboard is over its budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate_reference import ANCHOR
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=Path("benchmarks/out/reference.sqlite"))
    parser.add_argument("--year", type=int, default=ANCHOR.year - 1)
    parser.add_argument("-n", type=int, default=20)
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
            writer_for("xlsx"), writer_for("pdf")  # imports outside the timings
            ws.exports.statistics(folder / "warm.pdf", "pdf", year=args.year)  # fonts loaded
            parts = one_by_one(ws, args.year, folder)
            package_s, result = timed(lambda: ws.reports.package(folder, str(args.year)))
            verify_s, report = timed(lambda: ws.reports.verify(result.path))
            assert report.ok, report.problems
            refresh = []
            for _ in range(args.n):
                seconds, items = timed(lambda: ws.dashboard.items(ANCHOR))
                refresh.append(seconds * 1000)
        finally:
            ws.close(final_backup=False)
    total = sum(parts.values())
    print(f"year {args.year} on {args.ref} (today {ANCHOR})")
    for name, seconds in parts.items():
        print(f"  one by one  {name:<16} {seconds:7.2f} s")
    print(f"  one by one  total            {total:7.2f} s")
    print(
        f"  package     {len(result.files)} files   {package_s:7.2f} s   {result.size / 1e6:.1f} MB"
    )
    print(f"  ratio package / one by one: {package_s / total:.2f}")
    print(f"  verify      {verify_s:7.2f} s")
    median, worst = statistics.median(refresh), max(refresh)
    print(
        f"  dashboard.items: median {median:.1f} ms, worst {worst:.1f} ms over {args.n}"
        f" (budget {DASHBOARD_BUDGET_MS:.0f} ms); {len(items.due)} items"
    )
    return 0 if median <= DASHBOARD_BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
