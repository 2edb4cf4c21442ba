"""Snapshots of the data file, their thinning, and restore.

Snapshots use the sqlite3 online backup API, which is safe while the program writes
(Python docs, sqlite3.Connection.backup). Every file is written under a temporary name in
the target folder, checked and then renamed into place, so a crash never leaves a
half-written backup that looks complete.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dangjian_desktop.storage.engine import readonly_uri
from dangjian_desktop.storage.errors import BackupError, FileTooNewError, classify
from dangjian_desktop.storage.migrate import known_revisions, read_revision

SUFFIX = ".sqlite"
_NAME_RE = re.compile(r"^backup-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-(\w+))?\.sqlite$")
_STAMP = "%Y-%m-%d-%H.%M.%S"


class Reason:
    AUTO = "auto"  # data changed and the interval passed
    EXIT = "exit"
    UPGRADE = "upgrade"  # before a schema upgrade
    MANUAL = "manual"
    RESTORE = "restore"  # the state just before a restore replaced it


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class ThinningPolicy:
    """Keep the newest `recent`, then one a day, one a week and one a month (Anki's scheme)."""

    recent: int = 10
    daily: int = 14
    weekly: int = 8
    monthly: int = 12


def backup_name(taken_at: datetime, reason: str) -> str:
    return f"backup-{taken_at.strftime(_STAMP)}-{reason}{SUFFIX}"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = _NAME_RE.match(path.name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None
    return BackupInfo(path, taken_at, match.group(2) or "")


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first."""
    if not backup_dir.is_dir():
        return []
    found = (parse_backup_name(p) for p in backup_dir.iterdir() if p.is_file())
    return sorted((b for b in found if b), key=lambda b: b.taken_at, reverse=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite file to `target` atomically, as one self-contained file."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
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
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, BackupError):
            raise
        mapped = classify(exc, target)
        if mapped is not None:
            raise mapped from exc
        raise


def take_backup(
    db_path: Path, backup_dir: Path, reason: str, now: datetime | None = None
) -> BackupInfo:
    now = (now or datetime.now()).replace(microsecond=0)
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise classify(exc, backup_dir) or exc from exc
    target = backup_dir / backup_name(now, reason)
    while target.exists():  # two backups in one second: keep both
        now += timedelta(seconds=1)
        target = backup_dir / backup_name(now, reason)
    copy_database(db_path, target)
    return BackupInfo(target, now, reason)


def select_to_keep(backups: list[BackupInfo], policy: ThinningPolicy) -> set[Path]:
    """Which backups thinning keeps: the newest `recent`, then the newest of each of the last
    `daily` days, `weekly` ISO weeks and `monthly` months that have one."""
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in ordered[: policy.recent]}
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


def thin_backups(backup_dir: Path, policy: ThinningPolicy | None = None) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted."""
    backups = list_backups(backup_dir)
    keep = select_to_keep(backups, policy or ThinningPolicy())
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def check_backup(path: Path) -> None:
    """Raise unless `path` can take the data file's place: BackupError for a file that is
    not a readable, checked SQLite data file, FileTooNewError for one from a newer program
    (checked before anything is replaced, so a refused restore changes nothing)."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            has_schema = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name='alembic_version'"
            ).fetchone()
            revision = read_revision(conn) if has_schema else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(path, str(exc)) from exc
    if result != "ok" or not has_schema:
        raise BackupError(path, f"not a usable backup: {result}")
    if revision is not None and revision not in known_revisions():
        raise FileTooNewError(path, revision)


def replace_database(backup: Path, db_path: Path) -> None:
    """Put `backup` in place of `db_path`. The caller has closed every connection to it.

    The backup is copied to a temp file beside the data file and renamed over it, so the
    data file is at every moment either the old one or the new one.
    """
    check_backup(backup)
    staged = db_path.with_name(db_path.name + ".restore")
    copy_database(backup, staged)
    try:
        # A -wal left from the old file must never be replayed into the new one.
        for extra in ("-wal", "-shm"):
            Path(str(db_path) + extra).unlink(missing_ok=True)
        os.replace(staged, db_path)
    except BaseException as exc:
        staged.unlink(missing_ok=True)
        mapped = classify(exc, db_path)
        if mapped is not None:
            raise mapped from exc
        raise
