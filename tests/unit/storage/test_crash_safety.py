"""DESIGN.md §3: "a crash ... at any moment loses at most the action in flight and never
corrupts the file. Prove it with a kill-the-process test."

Writer processes (crash_server.py forks them from one process that imported the program)
open the data file through Workspace.open and make real service calls — add, update,
multi-member delete, restore, status change, roster-import commit, branch-profile save,
backup — journaling each spec before the call and its result after it returned (fsync'd).
Each run aims at one kind: it waits for the k-th call of that kind to begin and kills the
writer with SIGKILL a random fraction of that kind's measured duration later (k and the
fraction drawn from SEED); one run in nine kills at a random moment after the fork instead
(opening and recovering the file, reading, preparing an import). After every kill,
crash_check.Checker opens a copy of the crash image through the app's open path and checks:
  (a) PRAGMA integrity_check is "ok" (and the open path accepts the file);
  (b) every action journaled as done is in the file (nothing reported is ever lost);
  (c) the action in flight is all or nothing: every row of an import or none, every
      member of a multi-delete or none, the whole profile or none, a status together
      with its history row;
  (d) every file listed as a backup is whole and readable, and a reported backup holds
      the data of its moment.
The original file keeps its -wal and -shm, so the next writer recovers from them.
This simulates a process crash; a power cut (which SIGKILL leaves the page cache to
survive) is what synchronous=FULL is for and is not testable here.

DANGJIAN_CRASH_SEED and DANGJIAN_CRASH_KILLS_PER_KIND override the defaults; a failure
names the seed and the runs that failed, with the spec that was in flight.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from dangjian_desktop.services import Workspace
from tests.unit.storage import crash_workload as workload
from tests.unit.storage.crash_driver import Lane, draw_shots, summarize

SEED = int(os.environ.get("DANGJIAN_CRASH_SEED", "20251126"))
KILLS_PER_KIND = int(os.environ.get("DANGJIAN_CRASH_KILLS_PER_KIND", "28"))  # 9 targets
# Issue 7 item 15 asks for at least 200; a smaller DANGJIAN_CRASH_KILLS_PER_KIND is for debugging.
MIN_KILLS = 200 if "DANGJIAN_CRASH_KILLS_PER_KIND" not in os.environ else 0
LANES = 2  # independent data files killed side by side (CI has 2 cores)
# Not vacuous: of the kills aimed at a kind, this share must land while a call of that kind
# was in flight, and this share before its commit was durable (the call's effect absent).
MIN_IN_FLIGHT_SHARE = 0.4
MIN_ABSENT_SHARE = 0.2


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
def test_sigkill_during_service_writes_never_corrupts_or_loses_commits(tmp_path):
    shots = draw_shots(SEED, KILLS_PER_KIND)
    lanes = [Lane(tmp_path / f"lane-{i}", SEED) for i in range(LANES)]
    started = time.monotonic()
    with ThreadPoolExecutor(LANES) as pool:
        futures = [pool.submit(lane.run, shots[i::LANES]) for i, lane in enumerate(lanes)]
        kills = sorted((k for f in futures for k in f.result()), key=lambda k: k.shot.run)
    report = f"{summarize(SEED, kills, lanes)}\nwall time {time.monotonic() - started:.1f} s"
    print(f"\n{report}")
    failed = [k for k in kills if not k.result.ok]
    details = "\n".join(f"{k.shot.describe()} delay_s={k.delay_s} {k.result}" for k in failed[:5])
    assert not failed, f"{report}\n{details}"

    # The last crash's leftovers open through the app's own path, lock included.
    for lane in lanes:
        ws = Workspace.open(lane.path, today=lambda: workload.TODAY)
        try:
            with ws.database.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        finally:
            ws.close(final_backup=False)

    # Not vacuous: enough kills of every kind landed while a call of that kind was running,
    # and before it had committed; the writers wrote more than they were killed.
    assert len(kills) == len(shots) >= MIN_KILLS
    results = [k.result for k in kills if k.result.in_flight]
    in_flight = Counter(r.in_flight["kind"] for r in results)
    absent = Counter(r.in_flight["kind"] for r in results if r.outcome == "absent")
    for kind in workload.KINDS:
        assert in_flight[kind] >= MIN_IN_FLIGHT_SHARE * KILLS_PER_KIND, f"{kind}\n{report}"
        assert absent[kind] >= MIN_ABSENT_SHARE * KILLS_PER_KIND, f"{kind}\n{report}"
    imports = [r.in_flight["count"] for r in results if r.in_flight["kind"] == "import"]
    assert min(imports) >= workload.IMPORT_ROWS[0], report
    assert sum(k.result.reported for k in kills) >= 2 * len(kills), report
