"""Attachments of any record (`ws.attachments`): read, verify, collect the unused files.

Attachments are added and removed by the owner's own save (e.g. `ws.meetings.save(...,
attachments_added=…, attachments_removed=…)`), in the owner's transaction; the files are
written to the store before it (storage/attachment_store.py explains why). This service
holds what every owner shares: checking picked files, writing them to the store, reading
them back checked, and the whole-store check and clean-up.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from dangjian_desktop.domain.attachments import (
    Attachment,
    AttachmentProblem,
    BlobState,
    NewAttachment,
)
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.progress import Progress, ProgressTicker
from dangjian_desktop.services.attachment_files import PreparedFile, prepare
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import attachment_repo, backup
from dangjian_desktop.storage.attachment_store import (
    AttachmentReadError,
    AttachmentStore,
    GarbageReport,
)

log = logging.getLogger(__name__)

# (file_name, mime, size, sha256, caption): a file in the store, for attachment_repo.add.
StoredFile = tuple[str, str, int, str, str]


class AttachmentService(Service):
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
        store: Callable[[], AttachmentStore],
        backup_dir: Callable[[], Path],
    ) -> None:
        super().__init__(engine, today, on_write)
        self._store = store
        self._backup_dir = backup_dir

    @property
    def store(self) -> AttachmentStore:
        return self._store()

    # --- reading ----------------------------------------------------------------------------
    def of(self, owner_kind: str, owner_id: int) -> list[Attachment]:
        """The record's attachments, in order (descriptions only, no bytes)."""
        with read_session(self._engine()) as s:
            return attachment_repo.of_owner(s, owner_kind, owner_id)

    def get(self, attachment_id: int) -> Attachment:
        with read_session(self._engine()) as s:
            found = attachment_repo.get(s, attachment_id)
        if found is None:
            raise NotFoundError(f"attachment {attachment_id}")
        return found

    def read(self, attachment_id: int) -> tuple[Attachment, bytes]:
        """The attachment and its bytes, checked by sha256. AttachmentReadError (state
        missing or damaged) when the file is not what it was: only this attachment is
        affected, its record is not."""
        found = self.get(attachment_id)
        return found, self.store.read(found.sha256)

    def verify(self, progress: Progress | None = None) -> list[AttachmentProblem]:
        """Hash every attachment's file: the missing and the damaged, by record. Reads
        every file (hundreds of MB on a big ledger): run it off the GUI thread; progress
        may cancel (Cancelled)."""
        with read_session(self._engine()) as s:
            items = attachment_repo.all_attachments(s)
        ticker = ProgressTicker(progress, len(items), every=10)
        problems = []
        states: dict[str, BlobState] = {}
        for done, item in enumerate(items):
            ticker.report(done)
            if item.sha256 not in states:
                states[item.sha256] = self.store.state(item.sha256)
            if states[item.sha256] is not BlobState.OK:
                problems.append(AttachmentProblem(item, states[item.sha256]))
        ticker.force(len(items))
        return problems

    def usage(self) -> tuple[int, int]:
        """(attachment rows, bytes in the store)."""
        with read_session(self._engine()) as s:
            rows = len(attachment_repo.all_attachments(s))
        return rows, self.store.total_bytes()

    # --- the store ---------------------------------------------------------------------------
    def collect_garbage(self, now: datetime | None = None) -> GarbageReport:
        """Remove files that neither the data file nor any kept backup names (so restoring
        any backup still finds its attachments), and none younger than the grace period."""
        return self.store.collect_garbage(self._referenced, now=now)

    def _referenced(self) -> set[str] | None:
        with read_session(self._engine()) as s:
            names = attachment_repo.names(s)
        for info in backup.list_backups(self._backup_dir()):
            try:
                names |= backup.attachment_names(info.path)
            except sqlite3.Error:
                log.warning("backup %s unreadable: no attachment is collected", info.path.name)
                return None
        return names

    # --- for the owners' saves -------------------------------------------------------------
    def prepare_all(self, items: Sequence[NewAttachment]) -> list[PreparedFile]:
        """Every picked file checked (attachment_files.prepare); ValidationError with one
        FieldError per refused file ("attachments.N") before anything is written."""
        prepared: list[PreparedFile] = []
        errors: list[FieldError] = []
        for i, item in enumerate(items):
            result = prepare(item, f"attachments.{i}")
            if isinstance(result, FieldError):
                errors.append(result)
            else:
                prepared.append(result)
        if errors:
            raise ValidationError(errors)
        return prepared

    def store_all(self, prepared: Sequence[PreparedFile]) -> list[StoredFile]:
        """Write the files to the store (before the owner's transaction: a crash then
        leaves an unused file, never a row without its file)."""
        stored = []
        for item in prepared:
            name = self.store.put(item.data)
            stored.append((item.file_name, item.mime, len(item.data), name, item.caption))
        return stored


__all__ = [
    "AttachmentReadError",
    "AttachmentService",
    "GarbageReport",
    "StoredFile",
]
