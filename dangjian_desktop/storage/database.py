"""Opening a data file: recognise it, lock it, check it, back it up, bring it up to date.

Only the program's own files are opened (DESIGN.md §3). A file is ours when its header
carries our PRAGMA application_id (engine.APPLICATION_ID), or — written by a version before
the mark — when it has our Alembic table at one of our revisions; such a file is marked as
it is opened. Anything else that is SQLite is refused before a byte is written near it:
the first look reads the header and, for an unmarked file, opens it read-only and
immutable, so no -wal/-shm, no lock file, no WAL switch.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from contextlib import suppress
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.engine import Engine

from dangjian_desktop.export.atomic import (
    PRIVATE_FILE_MODE,
    create_private_file,
    make_private_dirs,
)
from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.progress import Cancelled, Progress
from dangjian_desktop.storage import backup
from dangjian_desktop.storage.engine import (
    APPLICATION_ID,
    WRITE,
    create_db_engine,
    readonly_uri,
)
from dangjian_desktop.storage.errors import (
    BadLocationError,
    DamagedFileError,
    EmptyFileError,
    FileInUseError,
    FileTooNewError,
    ForeignFileError,
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
_HEADER_SIZE = 100
_APPLICATION_ID_OFFSET = 68


class FileKind(Enum):
    NEW = "new"  # missing or 0 bytes: a new ledger
    OURS = "ours"  # carries the mark
    UNMARKED = "unmarked"  # ours, from a version before the mark


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
    """Beside the file itself, not beside a link to it: a symlink (or a second spelling of
    the path) must meet the same lock (issue 7.12)."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


def acquire_lock(db_path: Path) -> FileLock:
    """An OS lock (released by the OS if the process dies), so a crash never leaves it stuck."""
    lock = FileLock(lock_path_for(db_path), timeout=0, mode=PRIVATE_FILE_MODE, is_singleton=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise FileInUseError(db_path, "locked by another process") from exc
    except OSError as exc:
        raise classify(exc, db_path) or exc from exc
    return lock


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(_HEADER_SIZE)
    except OSError as exc:
        raise classify(exc, path) or exc from exc


def _peek_revision(path: Path) -> str | None:
    """The schema revision of a file that may not be ours: immutable, so SQLite creates
    nothing beside it even when the file is in WAL mode."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True)
        try:
            return read_revision(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise classify(exc, path) or DamagedFileError(path, str(exc)) from exc


def identify_file(path: Path) -> FileKind:
    """What `path` is, found without writing anything. Raises DamagedFileError for a file
    that is not SQLite at all and ForeignFileError for another program's database."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return FileKind.NEW
    except OSError as exc:
        raise classify(exc, path) or exc from exc
    if path.is_dir():
        raise BadLocationError(path, "a folder, not a data file")
    if size == 0:
        return FileKind.NEW
    header = _read_header(path)
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        raise DamagedFileError(path, "not a SQLite database")
    (app_id,) = struct.unpack_from(">I", header, _APPLICATION_ID_OFFSET)
    if app_id == APPLICATION_ID:
        return FileKind.OURS
    if app_id != 0:
        raise ForeignFileError(path, f"application_id {app_id:#010x}")
    revision = _peek_revision(path)
    if revision is None or revision not in known_revisions():
        raise ForeignFileError(path, f"no mark, schema revision {revision!r}")
    return FileKind.UNMARKED


def inspect_file(path: Path) -> str | None:
    """Check an existing file without writing to it; return its schema revision.

    Raises ForeignFileError for a file that is not ours, DamagedFileError for one that is
    not SQLite or fails quick_check, and FileTooNewError for a revision this program does
    not know.
    """
    identify_file(path)
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


def mark_file(engine: Engine) -> None:
    """Put the program's mark in the header of one of our files from before the mark.

    In WAL mode the new header first sits in the -wal, where the first look at open
    (which reads the main file only) cannot see it: the checkpoint moves it into the file.
    """
    with engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID:
            return
    with engine.execution_options(**WRITE).begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def bring_up_to_date(engine: Engine, revision: str | None) -> None:
    """Upgrade the schema from `revision` to head and mark the file."""
    if revision != head_revision():
        upgrade_to_head(engine)
    mark_file(engine)


def _check_writable(path: Path) -> None:
    try:
        make_private_dirs(path.parent)  # folders this program creates are 0700
    except OSError as exc:
        raise classify(exc, path) or exc from exc
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReadOnlyLocationError(path, "no write permission")


def _create_marked(path: Path) -> None:
    """Start a new data file: created 0600 before SQLite would make it 0644 (its -wal and
    -shm then get the same mode), and marked while still in rollback mode, so the mark is in
    the file itself before the first byte goes to a -wal. A crash in the first session can
    then never leave a file that looks foreign at the next start."""
    with suppress(FileExistsError):  # the 0-byte file that was there: a new ledger now
        os.close(create_private_file(path))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    finally:
        conn.close()


def open_database(path: Path, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) the data file at `path`, ready for use at the head schema."""
    path = Path(path).absolute()
    backup_dir = backup_dir or backup_dir_for(path)
    identify_file(path)  # a foreign file is refused before even a lock file is made
    _check_writable(path)
    lock = acquire_lock(path)
    try:
        kind = identify_file(path)  # again under the lock: it may have changed meanwhile
        backup.clean_leftovers(path, backup_dir)
        revision = None
        pre_upgrade = None
        if kind is FileKind.NEW:
            if path.exists() and backup.newest_good_backup(backup_dir) is not None:
                # Not a new ledger: a cut write or a pulled stick emptied it (issue 7.12).
                raise EmptyFileError(path, "0 bytes while good backups exist")
            _create_marked(path)
        else:
            revision = inspect_file(path)
            if revision != head_revision():
                # Back up before touching the schema (DESIGN.md §3).
                pre_upgrade = backup.take_backup(path, backup_dir, backup.Reason.UPGRADE).path
        engine = create_db_engine(path)
        try:
            bring_up_to_date(engine, revision)
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


# --- the full check --------------------------------------------------------------------------
_INDEX_PROBLEMS = (
    "missing from index",
    "wrong # of entries in index",
    "non-unique entry in index",
)
# Virtual-machine steps between two progress callbacks of the full check.
_PROGRESS_STEPS = 100_000


@dataclass(frozen=True)
class IntegrityReport:
    """The result of PRAGMA integrity_check. quick_check at open reads every page but does
    not compare indexes with their tables; this does (issue 7.4)."""

    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def index_only(self) -> bool:
        """Only index entries are wrong: REINDEX rebuilds them from the tables."""
        return bool(self.problems) and all(
            any(p in problem for p in _INDEX_PROBLEMS) for problem in self.problems
        )


def integrity_check(engine: Engine, progress: Progress | None = None) -> IntegrityReport:
    """Run the full check on a connection of its own (safe off the GUI thread). A
    progress(0, 0) callback that returns False cancels it (raises Cancelled)."""
    cancelled = False

    def on_step() -> int:
        nonlocal cancelled
        cancelled = progress is not None and progress(0, 0) is False
        return 1 if cancelled else 0

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if progress is not None:
            raw.set_progress_handler(on_step, _PROGRESS_STEPS)
        try:
            rows = conn.exec_driver_sql("PRAGMA integrity_check(100)").fetchall()
        except Exception as exc:
            if cancelled:
                raise Cancelled from exc
            mapped = classify(exc, engine.url.database or "")
            if isinstance(mapped, DamagedFileError):  # a page too broken to even read
                return IntegrityReport((mapped.detail,))
            raise mapped or exc from exc
        finally:
            raw.set_progress_handler(None, 0)
    problems = tuple(str(r[0]) for r in rows if r[0] != "ok")
    return IntegrityReport(problems)


def reindex(engine: Engine) -> None:
    """Rebuild every index from its table, in one write transaction."""
    with engine.execution_options(**WRITE).begin() as conn:
        conn.exec_driver_sql("REINDEX")
