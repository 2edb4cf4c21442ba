"""Write the sample branch into a new data file, through the public services only.

Every record goes through the same service call the window makes (save_profile, add,
transfer_out, transfer_in, delete), so each rule is checked and the sample can never hold
data the app would refuse. The work is a list of small steps (roster.py; meetings, points
and venue checks will be one more module and one more entry in STEPS), each with its own
seeded random generator, so adding a step does not change what the earlier steps write.

Deterministic: for one `today` every row is the same, except the wall-clock timestamps the
storage layer stamps on writes (audit log, created/updated/deleted/recorded at).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dangjian_desktop.demo import meetings, roster
from dangjian_desktop.demo.roster import StepContext
from dangjian_desktop.domain.people import MemberCategory, MemberFilter, PartyStatus
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.database import acquire_lock

SEED = 20180101  # fixed, so the same `today` always gives the same rows
DEMO_FILE_NAME = "示例数据.sqlite"

Step = Callable[[StepContext], None]
# In order; each step gets its own generator, so adding one leaves the others' data as it was.
STEPS: tuple[Step, ...] = (
    roster.branch,
    roster.members,
    roster.history,
    roster.recycle_bin,
    meetings.meetings,
)


@dataclass(frozen=True)
class DemoSummary:
    """What the sample holds, counted back through the services after writing it."""

    path: Path
    today: date
    branch: str
    committee: int
    venues: int
    groups: tuple[tuple[str, int], ...]  # (党小组, active members), in profile order
    members: int  # on the active roster
    probationary: int
    transferred_out: int
    deleted: int  # in the 回收站


# --- writing the file --------------------------------------------------------------------------


def build_demo(
    path: str | os.PathLike[str], *, today: date | None = None, overwrite: bool = False
) -> DemoSummary:
    """Write the sample branch to `path`, complete or not at all.

    It is built in a temporary folder beside `path` and moved into place with os.replace:
    a failure or Ctrl+C leaves no half file, and an existing file stays as it was. An
    existing file is refused (FileExistsError) unless `overwrite`; it is then replaced only
    while no window has it open (FileInUseError otherwise). `today` defaults to the clock;
    every date in the sample is counted back from it.
    """
    today = today or date.today()
    target = Path(path).absolute()
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    if target.exists() and not overwrite:
        raise FileExistsError(errno.EEXIST, "file exists", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent))
    try:
        built = work / target.name
        summary = _write(built, today)
        _install(built, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return replace(summary, path=target)


def _write(path: Path, today: date) -> DemoSummary:
    """Run the steps on a new file at `path` (opened like the app opens a file)."""
    if path.exists():
        raise FileExistsError(errno.EEXIST, "file exists", str(path))
    ws = Workspace.open(path, today=lambda: today)
    try:
        ctx = StepContext(ws, today)
        for step in STEPS:
            ctx.rng = random.Random(f"{SEED}:{step.__name__}")
            step(ctx)
        summary = _summary(ws, today)
    finally:
        ws.close(final_backup=False)
    # Closing the last connection checkpoints the WAL into the file; a -wal left behind
    # would hold rows the moved file lacks.
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RuntimeError("the sample's write-ahead log was not checkpointed")
    return summary


def _install(built: Path, target: Path) -> None:
    if not target.exists():
        os.replace(built, target)
    else:
        lock = acquire_lock(target)  # FileInUseError while a window has the file open
        try:
            # A stale -wal or -shm of the old file would be replayed into the new one.
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(built, target)
        finally:
            lock.release()
    if sys.platform != "win32":  # make the rename itself durable
        with suppress(OSError):
            fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _summary(ws: Workspace, today: date) -> DemoSummary:
    profile = ws.branch.profile()
    count = ws.members.count
    return DemoSummary(
        path=ws.path,
        today=today,
        branch=profile.full_name,
        committee=len(profile.committee),
        venues=len(profile.venues),
        groups=tuple((g.name, count(MemberFilter(party_group_id=g.id))) for g in profile.groups),
        members=count(MemberFilter()),
        probationary=count(MemberFilter(category=MemberCategory.PROBATIONARY)),
        transferred_out=count(MemberFilter(statuses=(PartyStatus.TRANSFERRED_OUT,))),
        deleted=count(MemberFilter(statuses=(), only_deleted=True)),
    )
