"""Getting a user back to work when the data file cannot be opened."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from dangjian_desktop.export.atomic import create_temp, remove_temp, replace, tracked_temp
from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.storage import backup
from dangjian_desktop.storage.database import acquire_lock
from dangjian_desktop.storage.errors import classify


def newest_good_backup(backup_dir: Path) -> backup.BackupInfo | None:
    """The newest backup (by sequence, not by its date) that can be restored here."""
    return backup.newest_good_backup(backup_dir)


def _keep_copy(source: Path, kept: Path) -> None:
    """Copy `source` to `kept` whole or not at all: through a temporary file, so a full disk
    leaves no partial copy (issue 7.7)."""
    fd, tmp = create_temp(kept)
    os.close(fd)
    with tracked_temp(tmp):
        try:
            shutil.copyfile(source, tmp)
            shutil.copystat(source, tmp)
            replace(tmp, kept)
        except BaseException:
            remove_temp(tmp)
            raise


def restore_damaged(
    db_path: Path, backup_dir: Path | None = None
) -> tuple[backup.BackupInfo, Path] | None:
    """Put the newest good backup in place of a damaged file.

    The damaged file is kept beside it under a new name, never deleted: someone may still
    rescue rows from it. Returns (backup used, where the damaged file went), or None when
    there is no usable backup (nothing is changed then). A full or failing disk comes out
    as a typed error with nothing half-copied left behind.
    """
    db_path = Path(db_path).absolute()
    backup_dir = backup_dir or backup_dir_for(db_path)
    good = newest_good_backup(backup_dir)
    if good is None:
        return None
    lock = acquire_lock(db_path)
    kept_files: list[Path] = []
    try:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
        # Keep a copy of the damaged file (and its -wal/-shm) first; replace_database then
        # swaps the data file in one step, so a crash never leaves no data file at all.
        for extra in ("", "-wal", "-shm"):
            old = Path(str(db_path) + extra)
            if old.exists():
                target = Path(str(kept) + extra)
                _keep_copy(old, target)
                kept_files.append(target)
        backup.replace_database(good.path, db_path)
        return good, kept
    except BaseException as exc:
        for path in kept_files:  # the original is still in place: the copies are not needed
            path.unlink(missing_ok=True)
        mapped = classify(exc, db_path)
        if mapped is not None and mapped is not exc:
            raise mapped from exc
        raise
    finally:
        lock.release()
