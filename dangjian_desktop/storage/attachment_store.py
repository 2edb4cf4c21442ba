"""The attachment folder: content-addressed files beside the data file.

    <data folder>/dangjian.sqlite
    <data folder>/backups/dangjian/…            (copies of the data file only)
    <data folder>/attachments/dangjian/ab/ab12…  (one file per distinct content, by sha256)

Why a folder and not a BLOB column (issue 8 A.7, the way Anki keeps media apart from the
collection): backups copy the data file up to 44 times (thinning keeps 10 recent + 14 daily
+ 8 weekly + 12 monthly); bytes inside it would be copied every time, bytes here are stored
once whatever the number of backups and records that use them. The name is the content's
sha256, so a file is checked by hashing it, the same scan attached twice is stored once, and
a restored old backup finds its files by the names it recorded.

Order of writes: a file is written (atomically: temp file, fsync, rename) BEFORE the
transaction that adds its attachment row, so a crash leaves at worst an unreferenced file,
never a row without its file. Unreferenced files are removed by `collect_garbage`, which
keeps every file named by the data file or by any backup kept in the backup folder (a
restore must find them) and every file younger than a grace period (a save in flight).

Moving the data file with its folder (to a USB stick, another PC) keeps everything: the
folder is found from the data file's path, like the backups.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

from dangjian_desktop.domain.attachments import BlobState
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.export.atomic import atomic_write, clean_stale_temps, make_private_dirs
from dangjian_desktop.storage.errors import classify

# A file written this recently is never collected: its row may be in a transaction still
# running (or one that ran while the clock was set back).
GRACE = timedelta(hours=24)
_NAME = re.compile(r"^[0-9a-f]{64}$")
_SHARD = re.compile(r"^[0-9a-f]{2}$")
_READ_CHUNK = 1024 * 1024


def attachments_dir_for(db_path: Path) -> Path:
    """Beside the data file, as its backups are (paths.backup_dir_for)."""
    return Path(db_path).parent / "attachments" / Path(db_path).stem


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AttachmentReadError(AppError):
    """An attachment's file is missing or damaged. Only that attachment is affected: its
    record reads and saves as before (verify() lists every such file)."""

    area = "attachments"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "missing": "the attachment's file is not in the attachments folder",
        "damaged": "the attachment's file no longer hashes to its name",
    }

    def __init__(self, sha256: str, state: BlobState) -> None:
        super().__init__(state.value, message=f"attachment {sha256[:12]}…: {state.value}")
        self.sha256 = sha256
        self.state = state


@dataclass(frozen=True)
class GarbageReport:
    removed: int = 0
    freed_bytes: int = 0
    kept_young: int = 0  # unreferenced but within the grace period
    skipped: str = ""  # why nothing was collected ("" when it ran)


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not _NAME.match(sha256):
            raise ValueError("not a sha256 name")
        return self.root / sha256[:2] / sha256

    # --- writing ------------------------------------------------------------------------
    def put(self, data: bytes) -> str:
        """Store `data` under its sha256 (written atomically and durably) and return the
        name. Content already there is written again only if its file is damaged."""
        name = sha256_of(data)
        target = self.path(name)
        if self.state(name) is BlobState.OK:
            os.utime(target)  # young again: a collection running meanwhile keeps it
            return name
        try:
            make_private_dirs(target.parent)
            with atomic_write(target) as fh:
                fh.write(data)
        except OSError as exc:
            raise classify(exc, target) or exc from exc
        return name

    # --- reading ------------------------------------------------------------------------
    def read(self, sha256: str) -> bytes:
        """The bytes, checked against their name; AttachmentReadError when missing or
        damaged."""
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise AttachmentReadError(sha256, BlobState.MISSING) from None
        except OSError as exc:
            raise classify(exc, self.path(sha256)) or exc from exc
        if sha256_of(data) != sha256:
            raise AttachmentReadError(sha256, BlobState.DAMAGED)
        return data

    def state(self, sha256: str) -> BlobState:
        """Hash the file (in chunks: it may be 20 MB) and say whether it is what its
        name promises."""
        digest = hashlib.sha256()
        try:
            with self.path(sha256).open("rb") as fh:
                while chunk := fh.read(_READ_CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return BlobState.MISSING
        except OSError as exc:
            raise classify(exc, self.path(sha256)) or exc from exc
        return BlobState.OK if digest.hexdigest() == sha256 else BlobState.DAMAGED

    def names(self) -> Iterator[tuple[str, os.stat_result]]:
        """Every stored file: (sha256, its stat)."""
        try:
            shards = [e for e in os.scandir(self.root) if _SHARD.match(e.name) and e.is_dir()]
        except FileNotFoundError:
            return
        for shard in shards:
            for entry in os.scandir(shard.path):
                if _NAME.match(entry.name) and entry.name.startswith(shard.name):
                    yield entry.name, entry.stat()

    def total_bytes(self) -> int:
        return sum(st.st_size for _, st in self.names())

    # --- collecting -----------------------------------------------------------------------
    def collect_garbage(
        self,
        referenced: Callable[[], Iterable[str] | None],
        *,
        grace: timedelta = GRACE,
        now: datetime | None = None,
    ) -> GarbageReport:
        """Remove files no one names. `referenced()` gives every name the data file and
        every kept backup record, or None when one of them could not be read (then
        nothing is removed: a backup that cannot be read may need any file). Files
        modified within `grace` of now, or dated after it, are kept."""
        stored = list(self.names())
        if not stored:
            return GarbageReport()
        names = referenced()
        if names is None:
            return GarbageReport(skipped="unreadable backup")
        keep = set(names)
        cutoff = (now or datetime.now()) - grace
        removed = freed = young = 0
        for name, st in stored:
            if name in keep:
                continue
            modified = datetime.fromtimestamp(st.st_mtime)
            if modified > cutoff:
                young += 1
                continue
            try:
                os.unlink(self.path(name))
            except FileNotFoundError:
                continue
            except OSError:
                continue  # held open (a viewer on Windows): next time
            removed += 1
            freed += st.st_size
        for shard in {self.path(name).parent for name, _ in stored}:
            clean_stale_temps(shard)  # what a killed write left
        return GarbageReport(removed, freed, young)
