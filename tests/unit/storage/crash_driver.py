"""The crash test's driver: draws the kills from a seed, runs crash_server.py,
aims each kill, hands the crash image to crash_check.Checker, and sums up the figures.

Kills of one data file form a lane; lanes run side by side (one thread each: the work is
in the writer processes and SQLite), each with its own file, server and checker.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

import pytest

import dangjian_desktop
from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.services import Workspace
from tests.unit.storage import crash_workload as workload
from tests.unit.storage.crash_check import Checker, RunResult

SERVER = Path(__file__).with_name("crash_server.py")
REPO_ROOT = Path(dangjian_desktop.__file__).resolve().parent.parent
TARGETS = (*workload.KINDS, "anywhere")
EVENT_TIMEOUT_S = 60
RUN_TIMEOUT_S = 120  # one writer's life, from the fork to the kill
# Every check compares which members exist and which are deleted, and the rows the run
# touched plus a sample; every few kills (and after a lane's last) every member's row.
FULL_CHECK_EVERY = 8
FRACTION = (0.0, 1.2)  # of a call's typical duration: mostly inside it, some just after
OCCURRENCE = (1, 2)  # kill during the k-th call of the target kind
ANYWHERE_S = 0.6  # "anywhere" kills fall within this long after the fork
DEFAULT_DURATION_S = 0.01  # until a kind's calls have been timed
DEFAULT_ROW_S = 0.0005  # ... an import's, per row


@dataclass(frozen=True)
class Shot:
    """One kill as drawn from the seed."""

    run: int
    target: str  # a kind, or "anywhere"
    occurrence: int  # kill during the k-th call of the target kind
    fraction: float  # ... this far into its typical duration
    anywhere_s: float

    def describe(self) -> str:
        return (
            f"run {self.run}: target={self.target} occurrence={self.occurrence} "
            f"fraction={self.fraction:.3f} anywhere_s={self.anywhere_s:.3f}"
        )


def draw_shots(seed: int, per_kind: int) -> list[Shot]:
    """`per_kind` kills of each target, in rounds shuffled by the seed."""
    rng = random.Random(seed)
    targets: list[str] = []
    for _ in range(per_kind):
        round_ = list(TARGETS)
        rng.shuffle(round_)
        targets += round_
    return [
        Shot(run, t, rng.randint(*OCCURRENCE), rng.uniform(*FRACTION), rng.uniform(0, ANYWHERE_S))
        for run, t in enumerate(targets)
    ]


class WriterServer:
    """crash_server.py: forks a writer per shot and kills it; reports by pid."""

    def __init__(self, stderr_path: Path) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), *sys.path]))
        self._stderr = stderr_path.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            bufsize=1,
            env=env,
        )
        self._events: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        first = self._events.get(timeout=EVENT_TIMEOUT_S)
        assert first["event"] == "server_ready", first

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self._events.put(json.loads(line))
        self._events.put({"event": "eof"})

    def shoot(self, **cmd: object) -> tuple[dict, list[dict]]:
        """Fork a writer and wait until the server killed and reaped it: (the "reaped"
        event, the writer's own events)."""
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        own = []
        while (event := self._events.get(timeout=RUN_TIMEOUT_S))["event"] != "reaped":
            assert event["event"] != "eof", "the writer server died"
            own.append(event)
        return event, own

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=EVENT_TIMEOUT_S)
        self.proc.stdout.close()
        self._stderr.close()


@dataclass
class Kill:
    shot: Shot
    delay_s: float | None  # after the target call began (or the fork, for "anywhere")
    late_s: float | None  # how much later the SIGKILL went out than asked
    result: RunResult
    writer_s: float  # from the spawn command to the reaped writer
    check_s: float
    opened: bool  # the writer got through Workspace.open before the kill


class Lane:
    """One data file, its writers and its checker."""

    def __init__(self, root: Path, seed: int) -> None:
        root.mkdir(parents=True)
        self.path = root / "data.sqlite"
        self.root = root
        self.seed = seed
        # The app's first start creates the file; the writers then only ever reopen it.
        Workspace.open(self.path, today=lambda: workload.TODAY).close(final_backup=False)
        self.checker = Checker(self.path, backup_dir_for(self.path), root / "check", seed)
        self.durations: dict[str, deque] = defaultdict(lambda: deque(maxlen=50))
        self.phases: dict[str, list[float]] = defaultdict(list)  # the writers' own timings
        (root / "journals").mkdir()
        (root / "work").mkdir()

    def typical(self, kind: str) -> float:
        """A call's median duration so far (per row, for an import)."""
        seen = self.durations[kind]
        if seen:
            return statistics.median(seen)
        return DEFAULT_ROW_S if kind == "import" else DEFAULT_DURATION_S

    def run(self, shots: list[Shot]) -> list[Kill]:
        server = WriterServer(self.root / "writer-stderr.txt")
        try:
            kills = []
            for i, shot in enumerate(shots):
                full = i % FULL_CHECK_EVERY == FULL_CHECK_EVERY - 1 or i == len(shots) - 1
                kills.append(self.shoot(server, shot, full))
                if not kills[-1].result.ok:
                    break  # the file is no longer what the model says: stop here
            return kills
        finally:
            server.close()

    def shoot(self, server: WriterServer, shot: Shot, full: bool) -> Kill:
        journal = self.root / "journals" / f"run-{shot.run:04d}.jsonl"
        if shot.target == "anywhere":
            fraction, typical = 1.0, shot.anywhere_s
        else:
            fraction, typical = shot.fraction, self.typical(shot.target)
        started = time.monotonic()
        reaped, events = server.shoot(
            path=str(self.path),
            journal=str(journal),
            workdir=str(self.root / "work"),
            run=shot.run,
            seed=self.seed,
            target=shot.target,
            occurrence=shot.occurrence,
            fraction=fraction,
            typical=typical,
        )
        where = f"seed={self.seed} {shot.describe()}"
        opened = False
        for event in events:
            if event["event"] == "opened":
                opened = True
                self.phases["open"].append(event["elapsed"])
            if event["event"] == "done":
                self.durations[event["kind"]].append(event["elapsed"] / event["rows"])
                self.phases[f"prepare {event['kind']}"].append(event["prepared"])
                self.phases[f"call {event['kind']}"].append(event["elapsed"])
                self.phases["journal"].append(event["journaled"])
            elif event["event"] == "error":
                pytest.fail(f"{where}: the writer failed\n{event['traceback']}")
            elif event["event"] == "exhausted":
                pytest.fail(f"{where}: the writer ran out of counters")
        status = reaped["status"]
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        assert killed, f"{where}: the writer ended by itself (status {status})"
        checked = time.monotonic()
        result = self.checker.check(shot.run, journal, full)
        done = time.monotonic()
        elapsed = checked - started, done - checked
        return Kill(shot, reaped["delay"], reaped["late"], result, *elapsed, opened)

    def leftovers(self) -> list[str]:
        """Files killed backups left in the backup folder (issue 7 item 11), for the figures."""
        folder = backup_dir_for(self.path)
        return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".sqlite"))


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "-"
    q = statistics.quantiles(values, n=20)
    return f"median {statistics.median(values) * 1000:.2f} ms, p95 {q[-1] * 1000:.2f} ms"


def summarize(seed: int, kills: list[Kill], lanes: list[Lane]) -> str:
    results = [k.result for k in kills]
    in_flight = Counter(r.in_flight["kind"] for r in results if r.in_flight)
    outcomes = Counter((r.in_flight["kind"], r.outcome) for r in results if r.in_flight)
    aimed = Counter(k.shot.target for k in kills)
    lines = [
        f"crash test: seed={seed} kills={len(kills)} "
        f"integrity_failures={sum(r.integrity_failed for r in results)} "
        f"lost_reported_commits={sum(len(r.lost) for r in results)} "
        f"torn_transactions={sum(r.torn for r in results)} "
        f"unexpected_facts={sum(len(r.unexpected) for r in results)} "
        f"bad_backups={sum(len(r.bad_backups) for r in results)} "
        f"backup_mismatches={sum(len(r.backup_mismatches) for r in results)} "
        f"reported_commits={sum(r.reported for r in results)} "
        f"no_action_in_flight={sum(r.in_flight is None for r in results)} "
        f"backups_thinned_on_return={sum(r.backups_vanished for r in results)}",
        f"per kill: writer {statistics.mean(k.writer_s for k in kills):.3f} s, "
        f"check {statistics.mean(k.check_s for k in kills):.3f} s; SIGKILL late by "
        f"{_percentiles([k.late_s for k in kills if k.late_s is not None])}",
        "check phases (mean s): "
        + ", ".join(
            f"{phase} {statistics.mean(r.seconds.get(phase, 0.0) for r in results):.3f}"
            for phase in ("replay", "open", "integrity", "observe", "compare", "backups")
        ),
        f"{'kind':<9}{'aimed':>7}{'in flight':>11}{'kept':>6}{'absent':>8}{'torn':>6}",
    ]
    for kind in TARGETS:
        lines.append(
            f"{kind:<9}{aimed[kind]:>7}{in_flight[kind]:>11}{outcomes[kind, 'applied']:>6}"
            f"{outcomes[kind, 'absent']:>8}{outcomes[kind, 'torn']:>6}"
        )
    anywhere = [k for k in kills if k.shot.target == "anywhere"]
    lines.append(
        f"anywhere kills during Workspace.open: {sum(not k.opened for k in anywhere)} "
        f"of {len(anywhere)}; temp files left by killed backups: "
        f"{sum(len(lane.leftovers()) for lane in lanes)}"
    )
    phases = defaultdict(list)
    for lane in lanes:
        for name, values in lane.phases.items():
            phases[name] += values
    lines.append(
        "writer phases (mean ms): "
        + ", ".join(f"{n} {statistics.mean(v) * 1000:.1f}" for n, v in sorted(phases.items()))
    )
    return "\n".join(lines)
