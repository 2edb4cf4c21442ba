"""Opening a data file: lock it, check it, back it up, bring its schema up to date."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.engine import Engine

from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.storage import backup
from dangjian_desktop.storage.engine import create_db_engine, readonly_uri
from dangjian_desktop.storage.errors import (
    DamagedFileError,
    FileInUseError,
    FileTooNewError,
    ReadOnlyLocationError,
    StorageError,
    classify,
)
from dangjian_desktop.storage.migrate import (
    head_revision,
    known_revisions,
    read_revision,
    upgrade_to_head,
)

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    path: Path
    engine: Engine
    backup_dir: Path
    _lock: FileLock = field(repr=False)
    upgraded_from: str | None = None  # revision before this open upgraded it
    pre_upgrade_backup: Path | None = None

    def dispose(self) -> None:
        """Close every pooled connection (SQLite then checkpoints and removes the -wal)."""
        self.engine.dispose()

    def reopen_engine(self) -> None:
        self.engine.dispose()
        self.engine = create_db_engine(self.path)

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire_lock(db_path: Path) -> FileLock:
    """An OS lock (released by the OS if the process dies), so a crash never leaves it stuck."""
    lock = FileLock(lock_path_for(db_path), timeout=0, is_singleton=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise FileInUseError(db_path, "locked by another process") from exc
    except OSError as exc:
        raise classify(exc, db_path) or exc from exc
    return lock


def inspect_file(path: Path) -> str | None:
    """Check an existing file without writing to it; return its schema revision.

    Raises DamagedFileError for a file that is not SQLite or fails quick_check, and
    FileTooNewError for a revision this program does not know.
    """
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DamagedFileError(path, "not a SQLite database")
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise DamagedFileError(path, "; ".join(str(r[0]) for r in result[:5]))
            revision = read_revision(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise classify(exc, path) or DamagedFileError(path, str(exc)) from exc
    if revision is not None and revision not in known_revisions():
        raise FileTooNewError(path, revision)
    return revision


def _check_writable(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise classify(exc, path) or exc from exc
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReadOnlyLocationError(path, "no write permission")


def open_database(path: Path, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) the data file at `path`, ready for use at the head schema."""
    path = Path(path).absolute()
    backup_dir = backup_dir or backup_dir_for(path)
    _check_writable(path)
    lock = acquire_lock(path)
    try:
        existing = path.exists() and path.stat().st_size > 0
        revision = inspect_file(path) if existing else None
        pre_upgrade = None
        if existing and revision != head_revision():
            # Back up before touching the schema (DESIGN.md §3).
            pre_upgrade = backup.take_backup(path, backup_dir, backup.Reason.UPGRADE).path
        engine = create_db_engine(path)
        try:
            if revision != head_revision():
                upgrade_to_head(engine)
            with engine.connect() as conn:  # proves the pragmas apply (e.g. WAL on this disk)
                conn.exec_driver_sql("SELECT 1")
        except BaseException:
            engine.dispose()
            raise
        return Database(
            path,
            engine,
            backup_dir,
            lock,
            upgraded_from=revision if revision != head_revision() else None,
            pre_upgrade_backup=pre_upgrade,
        )
    except BaseException as exc:
        lock.release()
        if isinstance(exc, StorageError):
            raise
        mapped = classify(exc, path)
        if mapped is not None:
            raise mapped from exc
        raise
