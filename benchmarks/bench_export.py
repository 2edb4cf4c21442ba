"""10,000-member roster to .xlsx and .pdf, against the baselines of DESIGN.md §5.

    python -m benchmarks.bench_export [-n 10000] [--rounds 3] [--lo-rounds 2]

Budgets, measured in one run on one machine:
- the roster to .xlsx ≤ 1.5× a bare openpyxl write-only dump of the same cell values (the
  values are computed beforehand, so the baseline is openpyxl alone);
- the roster to .pdf faster than `libreoffice --headless --convert-to pdf` of that .xlsx.
The roster goes the way every export goes: `roster_table` (the adapter) and the table
writers `write_table_xlsx` / `write_table_pdf`.
Members are built directly from a fixed seed with the reference generator's member
builder (no database). Python runs alternate between exporter and baseline; medians are
compared. LibreOffice runs with a private profile (made by an untimed warm-up), so a user's
open LibreOffice cannot take the job over. Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook

from benchmarks.generate_reference import ANCHOR, DEFAULT_SEED, build_member, build_profile
from dangjian_desktop.domain.people import PartyPost
from dangjian_desktop.export.roster_report import RosterReport, roster_table
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import write_table_xlsx

XLSX_BUDGET = 1.5
PDF_BUDGET = 1.0  # must beat LibreOffice
NOTES = ("", "", "", "", "在航", "公休", "2019年由油库九组转入", "兼任船舶安全员，负责党员学习台账")


def build_report(n: int, seed: int) -> RosterReport:
    rng = random.Random(seed)
    profile = build_profile(rng)
    groups = [replace(g, id=i) for i, g in enumerate(profile.groups, 1)]
    used: set[str] = set()
    posts = list(PartyPost)
    members = []
    for _ in range(n):
        m = build_member(rng, rng.choice(groups), used)
        members.append(
            replace(
                m,
                note=rng.choice(NOTES),
                party_post=rng.choice(posts) if rng.random() < 0.08 else PartyPost.NONE,
                is_lost=rng.random() < 0.01,
            )
        )
    return RosterReport(
        unit_name=profile.full_name,
        issued_on=ANCHOR,
        members=members,
        group_names={g.id: g.name for g in groups},
        prepared_by="组织委员",
    )


def export_roster_xlsx(report: RosterReport, path: Path) -> None:
    write_table_xlsx(roster_table(report), path)


def export_roster_pdf(report: RosterReport, path: Path) -> None:
    write_table_pdf(roster_table(report), path)


def bare_dump(values: list[list], path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("dump")
    for row in values:
        ws.append(row)
    wb.save(path)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def libreoffice_binary() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def libreoffice_pdf(binary: str, profile: Path, xlsx: Path, outdir: Path) -> None:
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    if not (outdir / (xlsx.stem + ".pdf")).exists():
        raise RuntimeError("LibreOffice reported success but wrote no PDF")


def fmt(seconds: list[float]) -> str:
    return f"{statistics.median(seconds):8.2f} s  ({', '.join(f'{s:.2f}' for s in seconds)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="members (default 10000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the Python exports")
    parser.add_argument("--lo-rounds", type=int, default=2, help="timed LibreOffice runs")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    report = build_report(args.n, args.seed)
    columns = roster_table(report).columns
    values = [[col.value(i, m) for col in columns] for i, m in enumerate(report.members, 1)]
    print(f"{args.n} members generated in {time.perf_counter() - t0:.1f} s (seed {args.seed})")

    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        out = Path(tmp)
        xlsx, dump, pdf = out / "roster.xlsx", out / "dump.xlsx", out / "roster.pdf"
        export_roster_xlsx(report, xlsx)  # warm-up: imports, font registration
        export_roster_pdf(report, pdf)
        ours_x, bare_x, ours_p = [], [], []
        for r in range(args.rounds):
            pair = [
                (ours_x, lambda: export_roster_xlsx(report, xlsx)),
                (bare_x, lambda: bare_dump(values, dump)),
            ]
            for times, fn in pair if r % 2 == 0 else reversed(pair):
                times.append(timed(fn))
            ours_p.append(timed(lambda: export_roster_pdf(report, pdf)))

        lo_times: list[float] = []
        binary = libreoffice_binary()
        if binary:
            profile = out / "lo-profile"
            warm = out / "warm.xlsx"
            export_roster_xlsx(replace(report, members=report.members[:5]), warm)
            libreoffice_pdf(binary, profile, warm, out / "warm")  # creates the profile
            for r in range(args.lo_rounds):
                lo_times.append(
                    timed(lambda r=r: libreoffice_pdf(binary, profile, xlsx, out / f"lo{r}"))
                )

        x_ratio = statistics.median(ours_x) / statistics.median(bare_x)
        rows = [
            ("export_roster_xlsx", fmt(ours_x)),
            ("bare openpyxl write-only dump", fmt(bare_x)),
            ("export_roster_pdf", fmt(ours_p)),
            ("LibreOffice xlsx → pdf", fmt(lo_times) if lo_times else "   (not installed)"),
        ]
        print(f"\n{'scenario':32} {'median':>10}  runs")
        for name, figure in rows:
            print(f"{name:32} {figure}")
        ok = x_ratio <= XLSX_BUDGET
        print(
            f"\nxlsx: {x_ratio:.2f}× the bare dump (budget ≤ {XLSX_BUDGET}×)"
            f" {'OK' if ok else 'OVER BUDGET'}"
        )
        if lo_times:
            p_ratio = statistics.median(ours_p) / statistics.median(lo_times)
            p_ok = p_ratio < PDF_BUDGET
            print(
                f"pdf:  {p_ratio:.2f}× LibreOffice's time (budget < {PDF_BUDGET}×)"
                f" {'OK' if p_ok else 'OVER BUDGET'}"
            )
            ok = ok and p_ok
        else:
            print("pdf:  LibreOffice not found; install libreoffice-calc-nogui to compare")
            ok = False
        print(
            f"sizes: xlsx {xlsx.stat().st_size / 1e6:.1f} MB, pdf {pdf.stat().st_size / 1e6:.1f} MB"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
