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
  (d) every file listed as a backup is whole and readable, and the last reported backup
      of a run holds the data of its moment.
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
from pathlib import Path

import pytest

from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.services import Workspace
from tests.unit.storage import crash_workload as workload
from tests.unit.storage.crash_check import Checker, RunResult
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
    assert sum(k.result.reported for k in kills) >= 1.5 * len(kills), report


# --- the control: the checker can fail ------------------------------------------------------
PAGE = 4096  # SQLite's default page size, which the app keeps
INDEX_LEAF = 0x0A  # b-tree page type byte (sqlite.org/fileformat.html)


class ControlFile:
    """A data file written through the public API, and journals written by hand that may
    tell the truth about it or not."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "data.sqlite"
        self.open().close(final_backup=False)
        self.checker = Checker(self.path, backup_dir_for(self.path), root / "check")
        self.runs = 0

    def open(self) -> Workspace:
        return Workspace.open(self.path, today=lambda: workload.TODAY)

    def commit(self, *specs: dict) -> None:
        ws = self.open()
        try:
            for spec in specs:
                workload.prepare(ws, spec, self.root)()
        finally:
            ws.close(final_backup=False)

    def check(self, *entries: tuple[str, dict], full: bool = False) -> RunResult:
        """Journal entries ("begin", spec) / ("done", result) as one run, then check it."""
        journal_path = self.root / f"journal-{self.runs}.jsonl"
        journal = workload.Journal(journal_path)
        seq = 0
        for phase, value in entries:
            key = "spec" if phase == "begin" else "result"
            journal.write(seq=seq, phase=phase, **{key: value})
            seq += phase == "done"
        journal.close()
        self.runs += 1
        return self.checker.check(self.runs, journal_path, full)

    def members(self, numbers: list[str]) -> list[int]:
        ws = self.open()
        try:
            rows = ws.members.rows(ws.members.ids(workload.ALL_MEMBERS, workload.BY_ID))
        finally:
            ws.close(final_backup=False)
        by_number = {m.id_number: i for i, m in rows.items()}
        return [by_number[n] for n in numbers]


def test_the_checker_fails_on_lost_torn_and_damaged_files(tmp_path):
    """A test that could not fail is a defect: the checker is shown states a crash must never
    leave — a reported add, update or status change that is not in the file, half an import,
    half a multi-delete, a half backup under a backup's name, index damage that only
    integrity_check sees, overwritten pages — and must flag each one, while the true states
    around them (kept or absent actions in flight) pass."""
    f = ControlFile(tmp_path)
    roster = {"kind": "import", "first": 0, "count": 20}
    f.commit(roster)
    good = f.check(("begin", roster), ("done", {"count": 20}), full=True)
    assert good.ok and good.reported == 1 and good.in_flight is None, good

    kept = {"kind": "add", "c": 100, "note": 900}
    f.commit(kept)
    result = f.check(("begin", kept))  # committed, killed before it was reported
    assert result.ok and result.outcome == "applied", result
    result = f.check(("begin", {"kind": "add", "c": 200, "note": 900}))  # never committed
    assert result.ok and result.outcome == "absent", result

    lost = {"kind": "add", "c": 300, "note": 900}
    result = f.check(("begin", lost), ("done", {"member_id": 999}))  # reported, not there
    assert not result.ok and len(result.lost) == 1 and str(lost) in result.lost.pop(), result

    numbers = [workload.id_number(c) for c in range(3)]
    ids = f.members(numbers)
    update = {"kind": "update", "id": numbers[0], "db_id": ids[0], "c": 310}
    result = f.check(("begin", update), ("done", {}))  # reported, never written
    assert not result.ok and len(result.lost) == 1, result
    status = {"kind": "status", "id": numbers[1], "db_id": ids[1], "c": 320, "to": "suspended"}
    result = f.check(("begin", status), ("done", {}))
    assert not result.ok and len(result.lost) == 1, result  # neither status nor history row

    f.commit({"kind": "import", "first": 400, "count": 5})
    result = f.check(("begin", {"kind": "import", "first": 400, "count": 10}))
    assert not result.ok and result.torn and len(result.torn_facts) == 5, result

    f.commit({"kind": "delete", "ids": numbers[:1], "db_ids": ids[:1]})
    result = f.check(("begin", {"kind": "delete", "ids": numbers, "db_ids": ids}))
    assert not result.ok and result.torn, result

    ws = f.open()
    try:
        half = ws.backup_now().path
    finally:
        ws.close(final_backup=False)
    half.write_bytes(half.read_bytes()[: half.stat().st_size // 2])
    result = f.check()
    assert not result.ok and result.bad_backups == [half.name], result
    half.unlink()

    # Index damage the open path's quick_check does not see (issue 7 item 4): one digit of
    # an ID number changed in every index leaf page that holds it.
    number = workload.id_number(5).encode()
    data = bytearray(f.path.read_bytes())  # closed: everything is in the main file
    flipped = 0
    for start in range(PAGE, len(data), PAGE):
        at = data.find(number, start, start + PAGE)
        if data[start] == INDEX_LEAF and at >= 0:
            data[at + 16] = ord("0") if data[at + 16] != ord("0") else ord("1")
            flipped += 1
    assert flipped, "no index page holds the ID number"
    f.path.write_bytes(bytes(data))
    result = f.check(full=True)
    assert not result.open_error and result.integrity_failed, result

    data[2 * PAGE : 4 * PAGE] = b"\xa5" * (2 * PAGE)  # two whole pages overwritten
    f.path.write_bytes(bytes(data))
    result = f.check(full=True)
    assert result.integrity_failed, result
