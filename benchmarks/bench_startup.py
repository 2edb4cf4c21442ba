"""Start to a shown main window: the app on the reference file vs a bare PySide6 window.

    python -m benchmarks.bench_startup [--ref PATH] [-n 7]

DESIGN.md §5 budget: the app ≤ 1.5× a bare PySide6 window with one table, same machine, so
both are measured in one run, interleaved (a warm-up each, then N rounds alternating which
goes first) and compared by their medians. Each run is a fresh process under
QT_QPA_PLATFORM=offscreen; the time runs from spawning it until it prints that its window
is shown (stdout unbuffered), and the process's own exit is timed separately. The app's lock
forbids two processes on one file, so runs are sequential. Peak resident memory comes from
wait4() per process (Linux/macOS).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate_reference import DEFAULT_OUT, DEFAULT_SEED
from benchmarks.generate_reference import main as generate_main

BUDGET_RATIO = 1.5
BUDGET_RSS_MB = 300
SHOWN_MARK = "shown"

# model().setData, not setItem(QTableWidgetItem): in PySide6 6.12.0 on CPython 3.11 every
# setItem()/item() call drops one reference to None, and ~5,000 of them abort the process.
BASELINE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget


def main():
    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableWidget(100, 10)
    model = table.model()
    for r in range(100):
        for c in range(10):
            model.setData(model.index(r, c), f"{r}:{c}")
    window.setCentralWidget(table)
    window.show()
    app.processEvents()
    shown = window.isVisible()
    print("baseline: main window shown" if shown else "baseline: window not shown")
    window.close()
    return 0 if shown else 1


sys.exit(main())
"""


@dataclass
class Series:
    name: str
    command: list[str]
    to_shown: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)


def run_once(series: Series, env: dict[str, str], timeout: float) -> tuple[float, float, float]:
    """(seconds to shown, seconds to exit, peak RSS in MB) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            series.command, stdout=subprocess.PIPE, stderr=err, env=env, text=True
        )
        shown_at = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if shown_at is None and SHOWN_MARK in line:
                shown_at = time.perf_counter()
        # wait4 instead of proc.wait(): it also gives this one child's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        ended = time.perf_counter()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or shown_at is None:
            err.seek(0)
            raise SystemExit(
                f"{series.name} failed (exit {proc.returncode}):\n"
                + err.read().decode(errors="replace")[-2000:]
            )
    if ended - start > timeout:
        print(f"warning: {series.name} took {ended - start:.1f} s", file=sys.stderr)
    rss_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS
    return shown_at - start, ended - start, rss_kb / 1024


def measure(subjects: list[Series], rounds: int, env: dict[str, str], timeout: float) -> None:
    for series in subjects:  # warm-up: disk cache, bytecode, font cache; not counted
        run_once(series, env, timeout)
    for i in range(rounds):
        # Rotate who goes first, so no series always runs right after another.
        for series in subjects[i % len(subjects) :] + subjects[: i % len(subjects)]:
            shown, total, rss = run_once(series, env, timeout)
            series.to_shown.append(shown)
            series.total.append(total)
            series.rss_mb.append(rss)


def _row(label: str, values: list[float], unit: str, scale: float = 1.0) -> str:
    med = statistics.median(values) * scale
    lo, hi = min(values) * scale, max(values) * scale
    return f"  {label:<40}{med:>8.0f} {unit}  (min {lo:.0f}, max {hi:.0f})"


def report(base: Series, apps: list[Series], rounds: int) -> bool:
    ok = True
    print(f"\nstart to shown main window, median of {rounds} interleaved runs (offscreen)")
    for series in (base, *apps):
        print(_row(series.name, series.to_shown, "ms", 1000))
    for series in apps:
        ratio = statistics.median(series.to_shown) / statistics.median(base.to_shown)
        verdict = "within budget" if ratio <= BUDGET_RATIO else "OVER BUDGET"
        ok &= ratio <= BUDGET_RATIO
        label = f"ratio {series.name} / baseline"
        print(f"  {label:<40}{ratio:>8.2f} ×   budget ≤ {BUDGET_RATIO} ×: {verdict}")

    print("\nwhole process, start to exit")
    for series in (base, *apps):
        print(_row(series.name, series.total, "ms", 1000))

    print(f"\npeak resident memory per process (budget for the app ≤ {BUDGET_RSS_MB} MB)")
    for series in (base, *apps):
        print(_row(series.name, series.rss_mb, "MB"))
    for series in apps:
        ok &= statistics.median(series.rss_mb) <= BUDGET_RSS_MB
    print("\nresult:", "within budget" if ok else "OVER BUDGET")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=DEFAULT_OUT, help="reference data file")
    parser.add_argument("-n", "--rounds", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument(
        "--bundle", type=Path, help="also time this PyInstaller executable (dist/dangjian/dangjian)"
    )
    args = parser.parse_args(argv)
    if sys.platform == "win32":
        parser.error("uses os.wait4: run on Linux or macOS")

    ref = args.ref.absolute()
    if not ref.exists():
        print(f"{ref} missing: generating it (seed {DEFAULT_SEED})")
        generate_main(["--out", str(ref)])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    repo = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo), env.get("PYTHONPATH")]))

    base = Series("baseline (bare PySide6)", [sys.executable, "-c", BASELINE])
    app_args = ["--db", str(ref), "--smoke"]
    apps = [Series("app (python -m)", [sys.executable, "-m", "dangjian_desktop", *app_args])]
    if args.bundle:
        apps.append(Series("app (bundle)", [str(args.bundle), *app_args]))
    print(f"python {sys.version.split()[0]}, reference file {ref} ({ref.stat().st_size:,} bytes)")
    measure([base, *apps], args.rounds, env, args.timeout)
    return 0 if report(base, apps, args.rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
