"""Atomic file writes: every file the app writes appears complete or not at all.

The content goes to a temporary file in the target folder (same file system, so the rename
is atomic), is flushed and fsynced, then renamed over the target with os.replace. On any
failure — an exception, a cancelled export — the temporary file is removed and an existing
target is left as it was (calibre's atomic_rename; DESIGN.md §3).
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".tmp"
# Windows: a virus scanner or the search indexer may hold the just-written file for a
# moment, so os.replace fails with "access denied"; retrying briefly is the usual cure.
_REPLACE_TRIES = 10
_REPLACE_PAUSE_S = 0.05
_RETRY_REPLACE = sys.platform == "win32"
_MODES = ("wb", "w")


def temp_name_for(path: Path) -> Path:
    # Hidden on POSIX, recognisable by its suffix, unique so parallel writers never clash.
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _create_temp(path: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = temp_name_for(path)
        try:
            # 0o666 lets the umask decide the permissions, like a plain open() would
            # (tempfile.mkstemp would make every export 0o600).
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _replace(src: Path, dst: Path) -> None:
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


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
    fd, tmp = _create_temp(target)
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
        _replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)
