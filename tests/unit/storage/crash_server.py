"""Child processes of test_crash_safety.py: service-level writes, one after another, until
a SIGKILL.

Usage: python crash_server.py   (commands on stdin, events on stdout, one JSON line each)

Importing the program takes a second or two, so this process (the server) imports it once
and forks one writer per {"cmd": "spawn", ...} command. The server never opens a data file
and runs no threads, so every writer starts as a fresh process would, without SQLite state.

A writer opens the file through the app's open path (Workspace.open: lock, check, migrate)
and loops: pick an action (crash_workload.choose), prepare it, write "begin" and the spec
to its journal (fsync'd), make the one service call, write "done" and the result (fsync'd).
The journal is the record of what was reported committed.

The kill: when the writer begins the `occurrence`-th call of the `target` kind, it tells
the server over a pipe "kill me at T", and the server, idle until then, sleeps until T and
sends SIGKILL. T = the call's start + fraction * typical (* rows, for an import: `typical`
is then per row), chosen by the writer, which knows when the call began; the kill comes
from outside, at any instruction. With target "anywhere" the server kills fraction *
typical seconds after the fork. The server then reaps the writer and reports {"event":
"reaped", "pid", "status", "delay", "late"}.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

import openpyxl  # noqa: F401 (loaded once here, not in every writer)

from dangjian_desktop.domain.pinyin import search_keys
from dangjian_desktop.services import Workspace
from tests.unit.storage import crash_workload as workload


def emit(**event: object) -> None:
    # One write() of a short line: atomic on a pipe, so the writer's lines and ours never
    # interleave, and nothing sits in a buffer that a fork would copy.
    os.write(1, (json.dumps(event) + "\n").encode())


def run_writer(cmd: dict, kill_pipe: int) -> None:
    pid = os.getpid()
    opening = time.monotonic()
    ws = Workspace.open(Path(cmd["path"]), today=lambda: workload.TODAY)
    emit(event="opened", pid=pid, elapsed=time.monotonic() - opening)
    journal = workload.Journal(Path(cmd["journal"]))
    roster = workload.Roster(ws)
    rng = random.Random(f"{cmd['seed']}:{cmd['run']}")
    counter = cmd["run"] * workload.RUN_SPAN
    limit = counter + workload.RUN_SPAN - workload.IMPORT_BIG_ROWS[1]
    seq = seen = 0
    while counter < limit:
        choosing = time.monotonic()
        spec, counter = workload.choose(rng, roster, cmd["target"], counter)
        call = workload.prepare(ws, spec, Path(cmd["workdir"]))
        journal.write(seq=seq, phase="begin", spec=spec)
        start = time.monotonic()
        if spec["kind"] == cmd["target"]:
            seen += 1
            if seen == cmd["occurrence"]:
                delay = cmd["fraction"] * cmd["typical"] * spec.get("count", 1)
                os.write(kill_pipe, f"{start!r} {delay!r}\n".encode())
        result = call()
        elapsed = time.monotonic() - start
        journal.write(seq=seq, phase="done", result=result)
        roster.after(spec, result)
        emit(
            event="done",
            pid=pid,
            seq=seq,
            kind=spec["kind"],
            elapsed=elapsed,
            rows=spec.get("count", 1),
            prepared=start - choosing,
            journaled=time.monotonic() - start - elapsed,
        )
        seq += 1
    emit(event="exhausted", pid=pid)  # the test never let a run go on this long


def spawn(cmd: dict) -> None:
    read_end, write_end = os.pipe()
    forked = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_end)
            os.close(0)
            run_writer(cmd, write_end)
        except BaseException:
            emit(event="error", pid=os.getpid(), traceback=traceback.format_exc())
            code = 1
        os._exit(code)  # never run the server's cleanup in a writer
    os.close(write_end)
    if cmd["target"] == "anywhere":
        start, delay = forked, cmd["fraction"] * cmd["typical"]
    else:
        with os.fdopen(read_end) as pipe:
            line = pipe.readline()  # "" when the writer ended before its target
        start, delay = map(float, line.split()) if line else (None, None)
    late = None
    if start is not None:
        kill_at = start + delay
        time.sleep(max(0.0, kill_at - time.monotonic()))
        late = time.monotonic() - kill_at
        os.kill(pid, signal.SIGKILL)
    if cmd["target"] == "anywhere":
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    emit(event="reaped", pid=pid, status=status, delay=delay, late=late)


def serve() -> None:
    for line in sys.stdin:
        spawn(json.loads(line))


if __name__ == "__main__":
    search_keys("张三")  # the pinyin tables load on first use: once, here
    emit(event="server_ready", pid=os.getpid())
    serve()
