"""DESIGN.md §3: "a crash ... at any moment loses at most the action in flight and never
corrupts the file. Prove it with a kill-the-process test."

A child process (crash_writer.py) opens the file through the app's open path and commits
one write after another, reporting each key only after its commit returned. We kill it with
SIGKILL at random moments and, once it is dead, check the file read-only (so the next child
meets the crash leftovers, -wal and -shm, exactly as a restarted app would):
  - PRAGMA integrity_check is "ok";
  - every reported key is there (a commit that returned is never lost);
  - each run's keys are a gap-free prefix with at most one unreported key at its end (the
    action in flight may or may not have made it, nothing else);
  - each key has its audit row (a transaction is never half applied).
This simulates a process crash; a power cut (which SIGKILL leaves the page cache to survive)
is what synchronous=FULL is for and is not testable here.
"""

from __future__ import annotations

import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

import dangjian_desktop
from dangjian_desktop.storage.database import open_database
from dangjian_desktop.storage.engine import readonly_uri

WRITER = Path(__file__).with_name("crash_writer.py")
REPO_ROOT = Path(dangjian_desktop.__file__).resolve().parent.parent
KILLS = 50
SEED = 20251126
READY_TIMEOUT_S = 60
ACTION = "crash_test.write"  # as in crash_writer.py


def start_writer(path: Path, run: int) -> tuple[subprocess.Popen, queue.Queue]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), *sys.path]))
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue = queue.Queue()

    def pump() -> None:  # a thread, so waiting for "ready" can time out on any platform
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def drain(lines: queue.Queue) -> list[str]:
    out = []
    while (line := lines.get(timeout=READY_TIMEOUT_S)) is not None:
        out.append(line)
    return out


def check_file(path: Path) -> tuple[list[str], dict[int, list[int]], set[str]]:
    """integrity_check rows, the stored keys per run, and the keys that have an audit row."""
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        stored = defaultdict(list)
        for (key,) in conn.execute("SELECT key FROM setting WHERE key LIKE 'crash-%'"):
            _, run, n = key.split("-")
            stored[int(run)].append(int(n))
        audited = {
            detail
            for (detail,) in conn.execute(
                "SELECT detail FROM audit_log WHERE action = ?", (ACTION,)
            )
        }
    finally:
        conn.close()
    return integrity, stored, audited


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_writing_never_corrupts_or_loses_commits(tmp_path):
    path = tmp_path / "data.sqlite"
    rng = random.Random(SEED)
    reported: dict[int, list[str]] = {}
    integrity_failures = gaps = torn = extra = 0
    lost: set[str] = set()  # reported keys missing at any later check

    for run in range(KILLS):
        proc, lines = start_writer(path, run)
        try:
            first = lines.get(timeout=READY_TIMEOUT_S)
            if first == "ready":
                time.sleep(rng.uniform(0.05, 0.4))
        finally:
            proc.kill()  # SIGKILL on POSIX
            proc.wait()
        keys = drain(lines)  # the pump reaches EOF once the child is dead
        stderr = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        assert first == "ready", f"run {run}: the writer could not open the file: {stderr}"
        reported[run] = keys

        # The child is dead: only now do we look at the file.
        integrity, stored, audited = check_file(path)
        if integrity != ["ok"]:
            integrity_failures += 1
            continue
        present = {f"crash-{r:03d}-{n:06d}" for r, ns in stored.items() for n in ns}
        # Every key reported so far, not only this run's: recovery must not drop old commits.
        lost.update(k for ks in reported.values() for k in ks if k not in present)
        numbers = sorted(stored.get(run, []))
        if numbers != list(range(len(numbers))):
            gaps += 1
        extra += max(0, len(numbers) - len(keys))
        if not len(keys) <= len(numbers) <= len(keys) + 1:
            gaps += 1
        torn += len(present ^ audited)

    total = sum(len(k) for k in reported.values())
    print(
        f"\ncrash test: kills={KILLS} integrity_failures={integrity_failures} "
        f"lost_commits={len(lost)} gaps={gaps} torn_transactions={torn} "
        f"total_commits={total} in_flight_commits_kept={extra}"
    )
    # The last crash's leftovers open through the app's own path, lock included.
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
    finally:
        db.close()

    assert integrity_failures == 0
    assert sorted(lost) == []
    assert gaps == 0
    assert torn == 0
    assert total >= KILLS * 10, "the writer hardly wrote: the kills hit nothing"
