"""10,000-row 花名册 import vs a bare openpyxl read-only pass over the same file.

    python -m benchmarks.bench_import [-n 3] [--rows 10000] [--seed 20261126]

DESIGN.md §5 budget: the import — the dialog's and the command line's path through
RosterImportService: read_workbook (with its container checks and time guard),
propose_mapping, check_mapping, preview and commit into a fresh data file — ≤ 2× a bare
openpyxl read-only pass over every cell. Both are measured in
one run, alternating, and compared by their medians. The roster is generated from a seed:
a title row merged over the header, the header on row 3, dates in the forms real rosters
use, valid ID numbers with computed check digits. Exits 1 when the budget is exceeded.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import openpyxl

from benchmarks.generate_reference import DEFAULT_SEED, person_name
from dangjian_desktop.domain.id_number import compose_id
from dangjian_desktop.services import Workspace

BUDGET_RATIO = 2.0
PHASES = ("read", "map", "preview", "commit")
TODAY = date(2026, 11, 26)
HEADER = [
    "序号", "姓名", "性别", "民族", "出生年月", "籍贯", "学历", "公民身份号码", "参加工作时间",
    "入党时间", "转正时间", "党员类别", "人员类别", "工作单位及职务", "党内职务", "联系电话",
    "备注",
]  # fmt: skip
REGIONS = ("330902", "330203", "310115", "320602", "370202", "210202", "350203", "440104")
EDUCATION = ("大学本科", "大专", "中专", "高中", "硕士研究生")
UNITS = ("远洋一号 轮机长", "远洋二号 水手长", "舟山油库 计量员", "宁波油库 安全员", "机关 科员")


def roster_row(rng: random.Random, index: int) -> list[object]:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    seq = rng.randrange(1000)
    id_number = compose_id(rng.choice(REGIONS), birth, seq)
    join_year = min(birth.year + rng.randint(19, 40), TODAY.year)
    join = date(join_year, rng.randint(1, 12), 1)
    if join > TODAY:
        join = join.replace(year=join_year - 1)
    probationary = join > TODAY - timedelta(days=365)
    full = None if probationary else date(join.year + 1, join.month, 1)
    form = index % 4  # the date forms found in real rosters, mixed
    join_cell: object = (
        join,
        f"{join.year}.{join.month:02d}",
        f"{join.year}年{join.month}月{join.day}日",
        (join - date(1899, 12, 30)).days,
    )[form]
    return [
        index + 1,
        person_name(rng),
        "男" if seq % 2 else "女",
        "汉族",
        f"{birth.year}.{birth.month:02d}",
        "浙江舟山",
        rng.choice(EDUCATION),
        id_number,
        f"{birth.year + 18}.09",
        join_cell,
        full and (full if form % 2 else f"{full:%Y-%m-%d}"),
        "预备党员" if probationary else "正式党员",
        "企事业单位专业技术人员",
        rng.choice(UNITS),
        "",
        f"13{rng.randrange(10**9):09d}",
        "",
    ]


def generate(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("党员花名册")
    ws.append(["中燃油运船舶第一党支部党员花名册"])
    ws.append(["填报单位：远洋一号", None, None, None, None, None, None, "填报日期：2026年11月"])
    ws.append(HEADER)
    seen: set[str] = set()
    written = 0
    while written < rows:
        row = roster_row(rng, written)
        if row[7] in seen:  # the same ID twice would be refused: draw again
            continue
        seen.add(row[7])
        ws.append(row)
        written += 1
    book.save(path)


def bare_pass(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    cells += 1
    book.close()
    return cells


def full_import(path: Path, folder: Path, round_no: int, phases: dict[str, list[float]]) -> int:
    ws = Workspace.open(folder / f"data{round_no}.sqlite", today=lambda: TODAY)
    try:
        svc = ws.roster_import
        marks = [time.perf_counter()]
        source = svc.read_workbook(path)
        marks.append(time.perf_counter())
        sheet = source.default_sheet()
        proposal = svc.propose_mapping(source, sheet.name)
        svc.check_mapping(source, sheet.name, proposal.fields, proposal.header_row)
        marks.append(time.perf_counter())
        result = svc.preview(source, sheet.name, proposal.fields, header_row=proposal.header_row)
        marks.append(time.perf_counter())
        if result.error_count:
            bad = next(r for r in result.rows if not r.ok)
            raise SystemExit(f"generated roster has errors, e.g. row {bad.row_number}: {bad}")
        count = svc.commit(result).count
        marks.append(time.perf_counter())
        for name, (start, end) in zip(PHASES, pairwise(marks), strict=True):
            phases.setdefault(name, []).append(end - start)
        return count
    finally:
        ws.close(final_backup=False)


def _rounded(values: list[float]) -> list[float]:
    return [round(v, 3) for v in values]


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="rounds (median)")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "roster.xlsx"
        seconds, _ = timed(generate, path, args.rows, args.seed)
        size_kb = path.stat().st_size / 1024
        print(f"roster: {args.rows} rows, {size_kb:.0f} KB, generated in {seconds:.2f} s")
        bare_times, import_times = [], []
        phases: dict[str, list[float]] = {}
        for round_no in range(args.n):
            order = ("bare", "import") if round_no % 2 == 0 else ("import", "bare")
            for kind in order:
                if kind == "bare":
                    seconds, cells = timed(bare_pass, path)
                    bare_times.append(seconds)
                else:
                    seconds, count = timed(full_import, path, folder, round_no, phases)
                    import_times.append(seconds)
                    if count != args.rows:
                        raise SystemExit(f"imported {count} of {args.rows} rows")
        bare, full = statistics.median(bare_times), statistics.median(import_times)
    ratio = full / bare
    parts = ", ".join(f"{k} {statistics.median(v):.3f} s" for k, v in phases.items())
    print(
        f"bare openpyxl read-only pass ({cells} cells): median {bare:.3f} s  {_rounded(bare_times)}"
    )
    print(f"import (read+map+preview+commit):       median {full:.3f} s  {_rounded(import_times)}")
    print(f"  of which (medians): {parts}")
    verdict = "OK" if ratio <= BUDGET_RATIO else "OVER BUDGET"
    print(f"ratio {ratio:.2f}× (budget ≤ {BUDGET_RATIO}×): {verdict}")
    return 0 if ratio <= BUDGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
