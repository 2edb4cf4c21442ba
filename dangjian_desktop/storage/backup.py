"""Snapshots of the data file, their order and thinning, and restore.

Snapshots use the sqlite3 online backup API, which is safe while the program writes
(Python docs, sqlite3.Connection.backup). Every file is written under the app's temporary
name in the target folder (export/atomic.py: one scheme for all of them), checked and then
renamed into place, so a crash never leaves a half-written backup that looks complete, and
what a killed copy left is recognised and removed before the next backup.

The clock does not decide which backup is newest (DESIGN.md §3: clocks on ships are wrong).
Each backup's name carries a sequence number, one more than the highest in the folder, and
backups are ordered by it; the date in the name is what the clock said, for people. A
backup dated after the current time is suspect (the clock went back, or was ahead then):
thinning keeps it and never counts it as the newest, and the backup just taken is never
thinned away.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dangjian_desktop.export.atomic import (
    clean_stale_temps,
    create_temp,
    fsync_dir,
    make_private_dirs,
    remove_temp,
    replace,
    tracked_temp,
)
from dangjian_desktop.storage.engine import APPLICATION_ID, readonly_uri
from dangjian_desktop.storage.errors import (
    BackupError,
    FileTooNewError,
    StorageError,
    classify,
)
from dangjian_desktop.storage.migrate import known_revisions, read_revision

SUFFIX = ".sqlite"
_STAMP_PATTERN = r"\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}"
_NAME_RE = re.compile(rf"^backup-(\d+)-({_STAMP_PATTERN})-(\w+)\.sqlite$")
# Names written before sequence numbers (they sort below every numbered backup).
_LEGACY_NAME_RE = re.compile(rf"^backup-({_STAMP_PATTERN})(?:-(\w+))?\.sqlite$")
# Temporary files of older versions, which named them after the target.
_LEGACY_TEMP_RE = re.compile(r"^backup-.*\.sqlite\.tmp(?:-journal)?$")
_STAMP = "%Y-%m-%d-%H.%M.%S"
# A backup dated later than this after the current time was taken by a clock that is not
# this one: a time-zone change on board moves the clock by hours, not by more than a day's
# worth of suspicion.
CLOCK_TOLERANCE = timedelta(hours=1)


class Reason:
    AUTO = "auto"  # data changed and the interval passed
    EXIT = "exit"
    UPGRADE = "upgrade"  # before a schema upgrade
    MANUAL = "manual"
    RESTORE = "restore"  # the state just before a restore replaced it


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # what the clock said: shown to people, never used to order
    reason: str
    seq: int = 0  # the order: 0 for backups named before sequence numbers

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def dated_in_future(self, now: datetime | None = None) -> bool:
        return self.taken_at > (now or datetime.now()) + CLOCK_TOLERANCE


def order_key(info: BackupInfo) -> tuple[int, datetime]:
    """Newest = highest sequence number; the date only orders unnumbered old backups."""
    return (info.seq, info.taken_at)


@dataclass(frozen=True)
class ThinningPolicy:
    """Keep the newest `recent`, then one a day, one a week and one a month (Anki's scheme)."""

    recent: int = 10
    daily: int = 14
    weekly: int = 8
    monthly: int = 12


def backup_name(taken_at: datetime, reason: str, seq: int | None = None) -> str:
    """The file name of a backup; `seq` None gives the name older versions wrote."""
    stamp = taken_at.strftime(_STAMP)
    if seq is None:
        return f"backup-{stamp}-{reason}{SUFFIX}"
    return f"backup-{seq:06d}-{stamp}-{reason}{SUFFIX}"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = _NAME_RE.match(path.name)
    if match:
        seq, stamp, reason = int(match.group(1)), match.group(2), match.group(3)
    else:
        match = _LEGACY_NAME_RE.match(path.name)
        if not match:
            return None
        seq, stamp, reason = 0, match.group(1), match.group(2) or ""
    try:
        taken_at = datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None
    return BackupInfo(path, taken_at, reason, seq)


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest (highest sequence number) first."""
    try:
        entries = list(backup_dir.iterdir())
    except OSError:
        return []
    found = (parse_backup_name(p) for p in entries if p.is_file())
    return sorted((b for b in found if b), key=order_key, reverse=True)


def next_sequence(backup_dir: Path) -> int:
    backups = list_backups(backup_dir)
    return max((b.seq for b in backups), default=0) + 1


def newest_in_future(backups: list[BackupInfo], now: datetime | None = None) -> bool:
    """The newest backup is dated after now: this PC's clock is probably behind."""
    return bool(backups) and backups[0].dated_in_future(now)


def clean_leftovers(db_path: Path, backup_dir: Path) -> list[Path]:
    """Remove what killed backups, restores and exports left in the data and backup folders:
    the app's temporary files whose writer is gone, and the temp names older versions used
    (the caller holds the data file's lock, so no other copy is writing them)."""
    removed = clean_stale_temps(db_path.parent) + clean_stale_temps(backup_dir)
    old_names = [
        db_path.with_name(db_path.name + ".restore"),
        db_path.with_name(db_path.name + ".restore-journal"),
    ]
    with suppress(OSError):
        old_names += [p for p in backup_dir.iterdir() if _LEGACY_TEMP_RE.match(p.name)]
    for path in old_names:
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sqlite_copy(source: Path, tmp: Path, target: Path) -> None:
    src = sqlite3.connect(readonly_uri(source), uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            # No journal and no syncs for a copy that is thrown away if anything fails: a
            # killed copy leaves no -journal beside it, and the one fsync that matters is
            # ours, of the finished file, before it is renamed into place (a USB stick
            # pays dearly for each of SQLite's own).
            dst.execute("PRAGMA journal_mode=OFF")
            dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
            # A backup is a single file: no -wal beside it to lose on the way.
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if result != "ok":
        raise BackupError(target, f"copy failed its check: {result}")
    _fsync_file(tmp)


@contextmanager
def _staged_copy(source: Path, target: Path) -> Iterator[Path]:
    """A checked copy of `source` under a temporary name beside `target` (0600); the body
    renames it into place. Any failure removes it and comes out typed."""
    try:
        fd, tmp = create_temp(target)
        os.close(fd)
    except OSError as exc:
        raise classify(exc, target) or exc from exc
    with tracked_temp(tmp):
        try:
            _sqlite_copy(source, tmp, target)
            yield tmp
        except BaseException as exc:
            remove_temp(tmp)
            if isinstance(exc, StorageError):
                raise
            mapped = classify(exc, target)
            if mapped is not None:
                raise mapped from exc
            raise


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite file to `target` atomically, as one self-contained file."""
    with _staged_copy(source, target) as tmp:
        replace(tmp, target)
    fsync_dir(target.parent)


def take_backup(
    db_path: Path, backup_dir: Path, reason: str, now: datetime | None = None
) -> BackupInfo:
    now = (now or datetime.now()).replace(microsecond=0)
    try:
        make_private_dirs(backup_dir)
    except OSError as exc:
        raise classify(exc, backup_dir) or exc from exc
    clean_leftovers(db_path, backup_dir)
    seq = next_sequence(backup_dir)
    target = backup_dir / backup_name(now, reason, seq)
    while target.exists():  # a file copied in by hand: never overwrite it
        seq += 1
        target = backup_dir / backup_name(now, reason, seq)
    copy_database(db_path, target)
    return BackupInfo(target, now, reason, seq)


def select_to_keep(
    backups: list[BackupInfo], policy: ThinningPolicy, now: datetime | None = None
) -> set[Path]:
    """Which backups thinning keeps: the newest `recent` by sequence, then the newest of each
    of the last `daily` days, `weekly` ISO weeks and `monthly` months that have one — and
    every backup dated in the future, which this clock cannot place."""
    now = now or datetime.now()
    suspect = [b for b in backups if b.dated_in_future(now)]
    ordered = sorted(
        (b for b in backups if not b.dated_in_future(now)), key=order_key, reverse=True
    )
    keep = {b.path for b in suspect} | {b.path for b in ordered[: policy.recent]}
    for key, limit in (
        (lambda t: t.date(), policy.daily),
        (lambda t: t.isocalendar()[:2], policy.weekly),
        (lambda t: (t.year, t.month), policy.monthly),
    ):
        periods: list[object] = []
        for b in ordered:
            period = key(b.taken_at)
            if period in periods:
                continue
            if len(periods) >= limit:
                break
            periods.append(period)
            keep.add(b.path)
    return keep


def thin_backups(
    backup_dir: Path,
    policy: ThinningPolicy | None = None,
    *,
    protect: Iterable[Path] = (),
    now: datetime | None = None,
) -> list[Path]:
    """Delete the backups the policy does not keep, never one in `protect`; returns what
    was deleted."""
    backups = list_backups(backup_dir)
    keep = select_to_keep(backups, policy or ThinningPolicy(), now)
    keep |= {Path(p) for p in protect}
    removed = []
    for b in backups:
        if b.path not in keep:
            with suppress(FileNotFoundError):
                b.path.unlink()
            removed.append(b.path)
    return removed


def read_identity(conn: sqlite3.Connection) -> tuple[bool, str | None]:
    """(carries our application_id, schema revision or None) of an open file."""
    marked = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    return marked, read_revision(conn)


def is_ours(marked: bool, revision: str | None) -> bool:
    """Marked, or — from versions before the mark — our Alembic table at our revision.
    Another Alembic-based program's file has the table too, at a revision we never had."""
    return marked or (revision is not None and revision in known_revisions())


def check_backup(path: Path) -> None:
    """Raise unless `path` can take the data file's place: BackupError for a file that is
    not a readable, checked data file of this program, FileTooNewError for one from a
    newer version (checked before anything is replaced, so a refused restore changes
    nothing). The look is read-only and immutable: nothing is created beside the file."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            marked, revision = read_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(path, str(exc)) from exc
    if result != "ok":
        raise BackupError(path, f"not a usable backup: {result}")
    if not is_ours(marked, revision):
        raise BackupError(path, "not a data file of this program")
    if revision is not None and revision not in known_revisions():
        raise FileTooNewError(path, revision)


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    for info in list_backups(backup_dir):
        try:
            check_backup(info.path)
        except (BackupError, FileTooNewError):  # a newer program's backup cannot be used here
            continue
        return info
    return None


def replace_database(backup: Path, db_path: Path) -> None:
    """Put `backup` in place of `db_path`. The caller has closed every connection to it.

    The backup is copied to a temp file beside the data file and renamed over it, so the
    data file is at every moment either the old one or the new one.
    """
    check_backup(backup)
    with _staged_copy(backup, db_path) as staged:
        # A -wal left from the old file must never be replayed into the new one.
        for extra in ("-wal", "-shm"):
            Path(str(db_path) + extra).unlink(missing_ok=True)
        replace(staged, db_path)
    fsync_dir(db_path.parent)


def attachment_names(path: Path) -> set[str]:
    """The attachment files (sha256 names) a backup records, read without writing near
    it; empty for a backup from before attachments. sqlite3.Error when it cannot be read
    (the caller then keeps every file: the backup may need any of them)."""
    conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='attachment'"
        ).fetchone()
        if not has_table:
            return set()
        return {row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM attachment")}
    finally:
        conn.close()
