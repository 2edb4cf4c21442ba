"""Getting a user back to work when the data file cannot be opened."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.storage import backup
from dangjian_desktop.storage.database import acquire_lock
from dangjian_desktop.storage.errors import BackupError, FileTooNewError


def newest_good_backup(backup_dir: Path) -> backup.BackupInfo | None:
    for info in backup.list_backups(backup_dir):
        try:
            backup.check_backup(info.path)
        except (BackupError, FileTooNewError):  # a newer program's backup cannot be used here
            continue
        return info
    return None


def restore_damaged(
    db_path: Path, backup_dir: Path | None = None
) -> tuple[backup.BackupInfo, Path] | None:
    """Put the newest good backup in place of a damaged file.

    The damaged file is kept beside it under a new name, never deleted: someone may still
    rescue rows from it. Returns (backup used, where the damaged file went), or None when
    there is no usable backup (nothing is changed then).
    """
    db_path = Path(db_path).absolute()
    backup_dir = backup_dir or backup_dir_for(db_path)
    good = newest_good_backup(backup_dir)
    if good is None:
        return None
    lock = acquire_lock(db_path)
    try:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
        # Keep a copy of the damaged file (and its -wal/-shm) first; replace_database then
        # swaps the data file in one step, so a crash never leaves no data file at all.
        for extra in ("", "-wal", "-shm"):
            old = Path(str(db_path) + extra)
            if old.exists():
                shutil.copy2(old, Path(str(kept) + extra))
        backup.replace_database(good.path, db_path)
        return good, kept
    finally:
        lock.release()
