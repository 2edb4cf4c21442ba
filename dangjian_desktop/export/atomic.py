"""Atomic file writes and the app's temporary files.

Every file the app writes appears complete or not at all: the content goes to a temporary
file in the target folder (same file system, so the rename is atomic), is flushed and
fsynced, then renamed over the target with os.replace. On any failure — an exception, a
cancelled export — the temporary file is removed and an existing target is left as it was
(calibre's atomic_rename; DESIGN.md §3).

A process that is killed cannot remove its temporary file, and an export's temporary file
holds clear-text personal data. So every temporary file of the app — exports here, backups
in storage/backup.py — has one recognisable name, `.dangjian-<pid>-<random>.<target>.tmp`,
and `clean_stale_temps` removes those whose writer is gone: at start, before each backup
and before the next write into the same folder. Files are created 0600 (folders 0700) on
POSIX: the data is personal; Windows ignores the mode bits.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

TEMP_PREFIX = ".dangjian-"
TEMP_SUFFIX = ".tmp"
# SQLite may put a journal beside a temporary database; it goes with it.
_COMPANIONS = ("", "-journal", "-wal", "-shm")
_TEMP_RE = re.compile(
    r"^"
    + re.escape(TEMP_PREFIX)
    + r"(\d+)-[0-9a-f]{8}\..+"
    + re.escape(TEMP_SUFFIX)
    + r"(?:-journal|-wal|-shm)?$"
)
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# Windows: a virus scanner or the search indexer may hold the just-written file for a
# moment, so os.replace fails with "access denied"; retrying briefly is the usual cure.
_REPLACE_TRIES = 10
_REPLACE_PAUSE_S = 0.05
_RETRY_REPLACE = sys.platform == "win32"
_MODES = ("wb", "w")

# Temporary files this process is writing right now: cleaning never touches them.
_active: set[str] = set()
_active_lock = threading.Lock()


def temp_name_for(path: Path) -> Path:
    """Hidden on POSIX, recognisable by prefix and suffix, unique so writers never clash."""
    return path.with_name(
        f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.{path.name}{TEMP_SUFFIX}"
    )


def is_app_temp(path: Path) -> bool:
    return _TEMP_RE.match(path.name) is not None


@contextmanager
def tracked_temp(path: Path) -> Iterator[Path]:
    """Mark `path` as being written by this process while the block runs."""
    key = os.path.normcase(os.path.abspath(path))
    with _active_lock:
        _active.add(key)
    try:
        yield path
    finally:
        with _active_lock:
            _active.discard(key)


def create_private_file(path: Path) -> int:
    """Create `path` (it must not exist) readable by its owner only; returns the fd."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, PRIVATE_FILE_MODE)


def create_temp(path: Path) -> tuple[int, Path]:
    while True:
        tmp = temp_name_for(path)
        try:
            return create_private_file(tmp), tmp
        except FileExistsError:
            continue


def remove_temp(tmp: Path) -> None:
    """Remove a temporary file and whatever SQLite left beside it."""
    for extra in _COMPANIONS:
        with suppress(OSError):
            os.unlink(f"{tmp}{extra}")


def make_private_dirs(folder: Path) -> None:
    """mkdir -p, each folder it creates 0700 (existing folders keep their mode)."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        with suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR_MODE)


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours but not active (checked before): left by an aborted write
    if sys.platform == "win32":
        # os.kill(pid, 0) would send Ctrl+C there. A live writer holds its file open, and
        # Windows refuses to delete an open file: the unlink itself is the test.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove the app's temporary files in `folder` whose writer has gone (killed, power
    cut). Files of a write still running, here or in another process, are left alone."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    with _active_lock:
        active = set(_active)
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match is None:
            continue
        path = Path(entry.path)
        base = re.sub(r"(?:-journal|-wal|-shm)$", "", str(path))
        if os.path.normcase(os.path.abspath(base)) in active:
            continue
        if _writer_alive(int(match.group(1))):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(path)
        except OSError:
            continue
        removed.append(path)
    return removed


def replace(src: Path, dst: Path) -> None:
    if not _RETRY_REPLACE:
        os.replace(src, dst)
        return
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(_REPLACE_PAUSE_S * (attempt + 1))


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _name_the_target(exc: OSError, target: Path) -> None:
    """An error while writing names the file the user chose, not our hidden temp file (or
    nothing at all, which the message would show as "." — issue 7.12)."""
    if not exc.filename or is_app_temp(Path(os.fsdecode(exc.filename))):
        exc.filename = str(target)
        exc.filename2 = None


@contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; on success it replaces `path` atomically.

    `mode` is "wb" (the default; exporters hand the file object to openpyxl or reportlab)
    or "w" (text, UTF-8 unless `encoding` says otherwise).
    """
    if mode not in _MODES:
        raise ValueError(f"atomic_write mode must be one of {_MODES}, not {mode!r}")
    target = Path(path)
    clean_stale_temps(target.parent)  # what a killed export left in this folder
    try:
        fd, tmp = create_temp(target)
    except OSError as exc:
        _name_the_target(exc, target)
        raise
    with tracked_temp(tmp):
        try:
            try:
                if mode == "w":
                    fh = os.fdopen(fd, mode, encoding=encoding or "utf-8", newline=newline)
                else:
                    fh = os.fdopen(fd, mode)
            except BaseException:
                os.close(fd)
                raise
            with fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            replace(tmp, target)
        except BaseException as exc:
            remove_temp(tmp)
            if isinstance(exc, OSError):
                _name_the_target(exc, target)
            raise
    fsync_dir(target.parent)
