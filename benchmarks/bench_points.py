"""积分 on the reference file: period totals, the entries list, regenerating derived entries.

    python -m benchmarks.bench_points [--ref PATH] [-n 9] [--only totals|list|regenerate …]

Issue 9 / DESIGN.md §5, ratios in one run:
1. `points.totals(year)` + `points.ranking(report)` — every member's total with caps, the
   三评 part, floor/ceiling, stars, then the ranking — against ONE plain
   `SELECT member_id, SUM(points) FROM point_entry WHERE date BETWEEN … GROUP BY member_id`
   run directly on sqlite3 over the same table (budget: ≤ 3×).
2. The entries list's cost per keystroke/filter change, as the tab's model does it:
   `points.window(filter, sort)`, its count up to COUNT_AT_ONCE + 1, the ids of the first
   page and `points.rows` of the 50 rows shown — for the filters the tab offers (whole
   year, a category, derived only, typed only, a name, a pinyin search) and every sort it
   offers (date, member, rule, points) — budget ≤ 16 ms as the roster's keystroke. The
   service keeps the members a search text names (services/member_matches.py), so a
   repeated keystroke finds them kept; "cold" is the same keystroke with nothing kept (a
   text's first search, or the first after a member changed), held to the same budget.
   The exact count the model runs after the keystroke, the next page (scrolling) and the
   old way (every id in Python) are reported beside it, and a name typed letter by letter
   (each letter's matches looked up among the previous letter's).
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
from functools import partial
from pathlib import Path

from benchmarks.generate_reference import ANCHOR, DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main
from dangjian_desktop.domain.points import EntryFilter, PeriodKey
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.models.id_list_model import COUNT_AT_ONCE, PAGE_SIZE
from dangjian_desktop.services import Workspace

TOTALS_RATIO = 3.0
LIST_BUDGET_MS = 16.0
PAGE = 50


PARTS = ("totals", "list", "regenerate")


def median_ms(run, n: int) -> float:
    return timed(run, n)[0]


def timed(run, n: int, before=None) -> tuple[float, float, float, float]:
    """Median and p95 of wall time, median and p95 of this process's CPU time (ms);
    `before` is called before each round, untimed."""
    wall, cpu = [], []
    for _ in range(n):
        if before is not None:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), p95(wall), statistics.median(cpu), p95(cpu)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


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
    parser.add_argument(
        "--only", action="append", choices=PARTS, help="run this part only (repeatable)"
    )
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    if not args.ref.exists():
        generate_main(["--out", str(args.ref), "--seed", str(DEFAULT_SEED)])
    ok = True
    year = PeriodKey(ANCHOR.year)
    ws = Workspace.open(args.ref)
    try:
        entries = ws.points.count(EntryFilter(period=year))
        print(f"{args.ref} — {entries:,} entries in {year.year}; {args.n} rounds each")

        if "totals" in parts:
            ok &= totals_part(ws, args, year)
        if "list" in parts:
            ok &= list_part(ws, args, year)
    finally:
        ws.close(final_backup=False)
    if "regenerate" in parts:
        ok &= regenerate_part(args)
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


def totals_part(ws: Workspace, args, year: PeriodKey) -> bool:
    """1. totals with caps and ranking vs one GROUP BY."""

    def totals_and_ranking() -> None:
        report = ws.points.totals(year)
        ws.points.ranking(report)

    totals_and_ranking()
    plain_group_by(args.ref, year)  # warm both
    ours = timed(totals_and_ranking, args.n)
    plain = timed(lambda: plain_group_by(args.ref, year), args.n)
    report = ws.points.totals(year)
    capped = sum(1 for t in report.totals if t.capped)
    ratio, cpu_ratio = ours[0] / plain[0], ours[2] / plain[2]
    print(
        f"totals+ranking  {len(report.totals):,} members ({capped:,} capped): wall "
        f"{ours[0]:.1f} ms (p95 {ours[1]:.1f}) vs plain GROUP BY {plain[0]:.1f} ms "
        f"(p95 {plain[1]:.1f}) → {ratio:.2f}×; CPU {ours[2]:.1f} vs {plain[2]:.1f} ms "
        f"→ {cpu_ratio:.2f}× (budget ≤ {TOTALS_RATIO:.0f}×)"
    )
    return ratio <= TOTALS_RATIO


def keystroke(ws: Workspace, flt: EntryFilter, sort: Sort):
    """What the tab's model does when the filter changes: the window, its bounded count,
    the first page's ids and the rows shown."""
    window = ws.points.window(flt, sort)
    window.count(COUNT_AT_ONCE + 1)
    ws.points.rows(window.ids(0, PAGE_SIZE)[:PAGE])
    return window


def forget_matches(ws: Workspace) -> None:
    ws.points._matches.clear()  # a bench may look inside: the cold keystroke


def list_part(ws: Workspace, args, year: PeriodKey) -> bool:
    """2. the entries list: what the tab's model does per keystroke / filter change."""
    ok = True
    filters = {
        "whole year": EntryFilter(period=year),
        "category study": EntryFilter(period=year, category="study"),
        "derived only": EntryFilter(period=year, derived=True),
        "typed only": EntryFilter(period=year, derived=False),
        "name 王": EntryFilter(period=year, member_text="王"),
        "pinyin z": EntryFilter(period=year, member_text="z"),
        "pinyin wang": EntryFilter(period=year, member_text="wang"),
    }
    sorts = [Sort("date", True), Sort("member"), Sort("rule"), Sort("points", True)]
    print(
        f"{'entries list':<16}{'sort':<8}{'hits':>9}{'key ms':>8}{'p95':>7}{'cpu':>7}"
        f"{'cpu95':>7}{'cold':>7}{'p95':>7}{'count':>8}{'next':>7}{'old ids':>9}"
    )
    worst = 0.0
    for label, flt in filters.items():
        for sort in sorts:
            run = partial(keystroke, ws, flt, sort)
            window = run()
            wall, wall95, cpu, cpu95 = timed(run, args.n)
            cold = cold95 = ""
            slowest = wall
            if flt.member_text:
                cold_wall, cold_p95, *_ = timed(run, args.n, before=partial(forget_matches, ws))
                cold, cold95 = f"{cold_wall:.2f}", f"{cold_p95:.2f}"
                slowest = max(wall, cold_wall)
            hits = window.count()
            exact = timed(lambda f=flt, s=sort: ws.points.window(f, s).count(), 3)[0]
            nxt = timed(lambda w=window: w.ids(PAGE_SIZE, 2 * PAGE_SIZE), 3)[0]
            old = ""
            if label in ("whole year", "name 王"):  # every id in Python, as before
                old = f"{timed(lambda f=flt, s=sort: ws.points.ids(f, s), 3)[0]:.1f}"
            flag = "" if slowest <= LIST_BUDGET_MS else "  OVER"
            print(
                f"{label:<16}{sort.column:<8}{hits:>9,}{wall:>8.2f}{wall95:>7.2f}"
                f"{cpu:>7.2f}{cpu95:>7.2f}{cold:>7}{cold95:>7}{exact:>8.1f}{nxt:>7.2f}"
                f"{old:>9}{flag}"
            )
            worst = max(worst, slowest)
            ok &= slowest <= LIST_BUDGET_MS
    print(
        f"slowest keystroke (median, kept or cold): {worst:.2f} ms "
        f"(budget ≤ {LIST_BUDGET_MS:.0f} ms)"
    )
    typing_line(ws, args, year)
    return ok


def typing_line(ws: Workspace, args, year: PeriodKey, typed: str = "zhang") -> None:
    """Each letter of a name typed after the one before (sorted by date), nothing kept
    before the first: what a user's typing costs letter by letter."""
    sort = Sort("date", True)
    texts = [typed[: i + 1] for i in range(len(typed))]
    rounds: list[list[float]] = [[] for _ in texts]
    for _ in range(args.n):
        forget_matches(ws)
        for i, text in enumerate(texts):
            start = time.perf_counter()
            keystroke(ws, EntryFilter(period=year, member_text=text), sort)
            rounds[i].append((time.perf_counter() - start) * 1000)
    each = "  ".join(f"{t} {statistics.median(r):.2f}" for t, r in zip(texts, rounds, strict=True))
    print(f"typing {typed!r} (date, ms per letter): {each}")


def regenerate_part(args) -> bool:
    """3. regenerating derived entries for a year of meetings, on a copy."""
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
            return not again
        finally:
            ws.close(final_backup=False)


if __name__ == "__main__":
    sys.exit(main())
