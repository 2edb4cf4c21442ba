"""Typed storage errors.

Errors that come from the user's environment (file in use, disk full, read-only folder,
damaged file, file from a newer program) are typed so the GUI can word them in Chinese
and offer the right way out. Anything else is a programming error.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path
from typing import ClassVar

from dangjian_desktop.domain.errors import AppError


class StorageError(AppError):
    """A problem with the data file or its folder, not a bug in the program. Each subclass
    is one code of the "storage" area (ERROR_CODES); params: path, detail."""

    area = "storage"
    CODE: ClassVar[str] = "storage_error"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(
            self.CODE,
            {"path": str(path), "detail": detail},
            message=f"{path}: {detail}" if detail else str(path),
        )
        self.path = Path(path)
        self.detail = detail


class FileInUseError(StorageError):
    """Another copy of the program has this data file open."""

    CODE = "in_use"


class FileTooNewError(StorageError):
    """The file was written by a newer version of the program."""

    CODE = "too_new"

    def __init__(self, path: Path | str, revision: str) -> None:
        super().__init__(path, f"unknown schema revision {revision}")
        self.revision = revision


class DamagedFileError(StorageError):
    """The file is not a SQLite database or fails its integrity check."""

    CODE = "damaged_file"


class DamagedRecordError(StorageError):
    """One stored value cannot be read: a record of an otherwise sound file is damaged (a
    flipped byte in a text cell passes quick_check and integrity_check). Names the record,
    never its values: the message may be logged, and values are personal data."""

    CODE = "damaged_record"

    def __init__(self, table: str, record_id: int, column: str, path: Path | str = "") -> None:
        super().__init__(path, f"damaged value in {table} {record_id}, column {column}")
        self.table = table
        self.record_id = record_id
        self.column = column
        self.params = {**self.params, "table": table, "record_id": record_id, "column": column}
        self.record_label = ""  # e.g. the member's name, for the user's eyes only


class ReadOnlyLocationError(StorageError):
    """The file or its folder cannot be written (read-only stick, no permission)."""

    CODE = "read_only"


class BadLocationError(StorageError):
    """The path cannot hold a data file: a file stands where a folder should, or the other
    way round."""

    CODE = "bad_location"


class DiskFullError(StorageError):
    """No space left on the device holding the file."""

    CODE = "disk_full"


class BackupError(StorageError):
    """A backup could not be taken or is not usable for a restore."""

    CODE = "bad_backup"


class ForeignFileError(StorageError):
    """A file that is not a data file of this program (another program's SQLite database,
    including another Alembic-based one). It is refused without writing a byte to it."""

    CODE = "foreign_file"


class DiskIOError(StorageError):
    """Reading or writing failed below the file system: a loose or failing USB stick, a bad
    sector, a network drive that went away. Not damage in the file, not our bug."""

    CODE = "disk_io"


class EmptyFileError(DamagedFileError):
    """The data file is empty (0 bytes) although good backups of it exist: a cut write or a
    stick pulled out, not a new ledger — offer the newest backup instead of starting empty."""

    CODE = "empty_file"


def _codes(cls: type[StorageError]) -> dict[str, str]:
    found = {cls.CODE: " ".join((cls.__doc__ or "").split()).split(". ")[0]}
    for sub in cls.__subclasses__():
        found.update(_codes(sub))
    return found


# The "storage" area's codes: one per class above (params path, detail).
ERROR_CODES: dict[str, str] = _codes(StorageError)
StorageError.ERROR_CODES = ERROR_CODES


# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_IOERR_SHORT_READ = 10 | (2 << 8)  # the file ends early: truncated, i.e. damaged
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


# A disk with less free space than this cannot take a page, a -shm or a journal: an I/O
# error there is a full disk (SQLite reports a -shm it cannot grow as SQLITE_IOERR_SHMSIZE,
# "disk I/O error", without the word "full").
LOW_SPACE_BYTES = 1 << 20

# errno values and Windows error codes of a device that failed or went away.
_IO_ERRNOS = {errno.EIO, errno.ENXIO, errno.ENODEV, getattr(errno, "ESTALE", -1)}
_IO_WINERRORS = {
    21,  # ERROR_NOT_READY
    23,  # ERROR_CRC
    31,  # ERROR_GEN_FAILURE
    483,  # ERROR_DEVICE_HARDWARE_ERROR
    1117,  # ERROR_IO_DEVICE
    1167,  # ERROR_DEVICE_NOT_CONNECTED
}


def disk_nearly_full(path: Path | str) -> bool:
    """True when the disk holding `path` (or its nearest existing folder) is all but full."""
    folder = Path(path) if str(path) else Path.cwd()
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def classify(exc: BaseException, path: Path | str) -> StorageError | None:
    """Map a low-level exception to an environment error, or None if it looks like a bug."""
    if isinstance(exc, StorageError):
        return exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the DB-API error
    if orig is not None and orig is not exc:
        mapped = classify(orig, path)
        if mapped is not None:
            return mapped
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        detail = str(exc)
        if code == _SQLITE_FULL:
            return DiskFullError(path, detail)
        if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and (
            "full" in detail.lower() or disk_nearly_full(path)
        ):
            return DiskFullError(path, detail)
        if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
            return ReadOnlyLocationError(path, detail)
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return DamagedFileError(path, detail)
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return FileInUseError(path, detail)
        if code == _SQLITE_IOERR:
            extended = getattr(exc, "sqlite_errorcode", 0) or 0
            if extended == _SQLITE_IOERR_SHORT_READ:
                return DamagedFileError(path, detail)
            return DiskIOError(path, detail)
        return None
    if isinstance(exc, OSError):
        if isinstance(exc, NotADirectoryError | IsADirectoryError | FileExistsError):
            return BadLocationError(path, str(exc))
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return DiskFullError(path, str(exc))
        if exc.errno in _IO_ERRNOS or getattr(exc, "winerror", None) in _IO_WINERRORS:
            return DiskIOError(path, str(exc))
        if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES):
            return ReadOnlyLocationError(path, str(exc))
    return None
