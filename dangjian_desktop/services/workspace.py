"""The facade over one open data file (like Anki's Collection): ws.branch, ws.members,
ws.meetings, ws.points, ws.attachments, backups …"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from dangjian_desktop import settings
from dangjian_desktop.domain.audit import BACKUP, DATA_FILE, AuditRecord
from dangjian_desktop.domain.dashboard import FileHealth
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.attachment_service import AttachmentService
from dangjian_desktop.services.audit_service import AuditService
from dangjian_desktop.services.branch_service import BranchService
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.dashboard_service import DashboardService
from dangjian_desktop.services.export_service import ExportService
from dangjian_desktop.services.meeting_service import MeetingService
from dangjian_desktop.services.member_service import MemberService
from dangjian_desktop.services.point_service import PointService, grade_names_in
from dangjian_desktop.services.report_service import ReportService
from dangjian_desktop.services.roster_import_service import RosterImportService
from dangjian_desktop.services.settings_service import SettingsService
from dangjian_desktop.services.statistics_service import StatisticsService
from dangjian_desktop.services.venue_service import VenueService
from dangjian_desktop.storage import backup, database
from dangjian_desktop.storage.attachment_store import AttachmentStore, attachments_dir_for
from dangjian_desktop.storage.database import (
    Database,
    IntegrityReport,
    inspect_file,
    open_database,
)
from dangjian_desktop.storage.errors import StorageError, classify

log = logging.getLogger(__name__)


class Workspace:
    """One open data file. Every write method returns a Changes value."""

    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._dirty = False
        self._closed = False
        self._newest_backup: backup.BackupInfo | None = None
        self._integrity_ok: bool | None = None  # the last full integrity check's verdict
        newest = backup.list_backups(db.backup_dir)
        if newest:
            self._newest_backup = newest[0]
        self.branch = BranchService(lambda: self._db.engine, today, self.note_changes)
        self.members = MemberService(lambda: self._db.engine, today, self.note_changes)
        self.roster_import = RosterImportService(lambda: self._db.engine, today, self.note_changes)
        self.exports = ExportService(lambda: self._db.engine, today, self.note_changes)
        self.settings = SettingsService(lambda: self._db.engine, today, self.note_changes)
        self.audit = AuditService(lambda: self._db.engine, today, self.note_changes)
        self.attachments = AttachmentService(
            lambda: self._db.engine,
            today,
            self.note_changes,
            store=lambda: AttachmentStore(self.attachments_dir),
            backup_dir=lambda: self.backup_dir,
        )
        self.meetings = MeetingService(
            lambda: self._db.engine, today, self.note_changes, self.attachments
        )
        self.exports.attachments = self.attachments  # the 阵地 report prints photos
        self.venues = VenueService(
            lambda: self._db.engine, today, self.note_changes, self.attachments
        )
        self.points = PointService(
            lambda: self._db.engine, today, self.note_changes, self.attachments
        )
        self.statistics = StatisticsService(lambda: self._db.engine, today, self.note_changes)
        self.exports.statistics_source = self.statistics
        self.reports = ReportService(
            lambda: self._db.engine, today, self.note_changes, exports=self.exports
        )
        self.dashboard = DashboardService(
            lambda: self._db.engine,
            today,
            self.note_changes,
            meetings=self.meetings,
            health=self.file_health,
        )
        # The areas that feed others: 民主评议 grades into 党员队伍统计, open 整改 into 工作台.
        self.statistics.grade_source = grade_names_in
        self.dashboard.rectification_source = self.venues.open_rectifications

    @classmethod
    def open(cls, path: Path, backup_dir: Path | None = None, **kwargs) -> Workspace:
        return cls(open_database(Path(path), backup_dir), **kwargs)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def backup_dir(self) -> Path:
        return self._db.backup_dir

    @property
    def attachments_dir(self) -> Path:
        """Attachment files, beside the data file like its backups (attachment_store.py)."""
        return attachments_dir_for(self.path)

    @property
    def database(self) -> Database:
        return self._db

    @property
    def last_backup(self) -> datetime | None:
        """When the newest backup (by sequence, not by date) was taken, by this PC's clock."""
        return self._newest_backup.taken_at if self._newest_backup else None

    @property
    def newest_backup(self) -> backup.BackupInfo | None:
        return self._newest_backup

    def clock_looks_wrong(self, now: datetime | None = None) -> bool:
        """The newest backup is dated after now: this PC's clock is probably behind."""
        return self._newest_backup is not None and self._newest_backup.dated_in_future(now)

    def note_changes(self, changes: Changes) -> None:
        """Every service reports its writes here, so backups know that data changed."""
        if changes.touches_data():
            self._dirty = True

    # --- backups -------------------------------------------------------------------------
    def list_backups(self) -> list[backup.BackupInfo]:
        return backup.list_backups(self.backup_dir)

    def backup_now(self, reason: str = backup.Reason.MANUAL) -> backup.BackupInfo:
        info = backup.take_backup(self.path, self.backup_dir, reason)
        self._newest_backup = info
        self._dirty = False
        backup.thin_backups(self.backup_dir, protect=[info.path])
        # After the copy, so the row never claims a backup that failed; it is not in that
        # backup, and it marks nothing changed (else every backup would make the next due).
        self._record_quietly(
            "backup.take",
            AuditRecord(
                BACKUP, details={"reason": reason, "file": info.path.name, "seq": info.seq}
            ),
        )
        self._collect_attachments()
        return info

    def _record_quietly(self, action: str, record: AuditRecord) -> None:
        """An audit row for a backup or restore that already happened: a failure to write
        it (the disk just filled up) must not turn the backup into a failure."""
        try:
            self.audit.record(action, record)
        except StorageError as exc:
            log.warning("audit row %s not written: %s", action, exc)

    def _collect_attachments(self) -> None:
        """After thinning: attachment files no kept backup and not the data file names go.
        A failure here never fails the backup (the files are collected next time)."""
        try:
            self.attachments.collect_garbage()
        except Exception:  # logged: a backup must not fail for its clean-up
            log.warning("attachment clean-up failed", exc_info=True)

    def backup_if_due(self, now: datetime | None = None) -> backup.BackupInfo | None:
        """A backup when data changed and the interval passed since the last one."""
        if not self._dirty:
            return None
        now = now or datetime.now()
        minutes = int(self.settings.get(settings.BACKUP_INTERVAL_MINUTES))
        last = self.last_backup
        # A last backup dated after now says nothing about the interval (the clock went
        # back): waiting for the clock to catch up would mean weeks without a backup.
        if last is not None and last <= now and now - last < timedelta(minutes=minutes):
            return None
        return self.backup_now(backup.Reason.AUTO)

    def restore(self, source: Path) -> Changes:
        """Replace the data with a backup. The current state is backed up first, so a
        restore can itself be undone by restoring that backup."""
        source = Path(source)
        backup.check_backup(source)
        # Not backup_now(): its thinning could delete the very backup being restored.
        before = backup.take_backup(self.path, self.backup_dir, backup.Reason.RESTORE)
        self._newest_backup = before
        self._db.dispose()
        try:
            backup.replace_database(source, self.path)
        finally:
            self._db.reopen_engine()
        # The backup may be from an older schema or version: bring it up to date and mark
        # it like any file being opened.
        try:
            database.bring_up_to_date(self._db.engine, inspect_file(self.path))
        except Exception as exc:
            raise classify(exc, self.path) or exc from exc
        self._dirty = False
        # Thin like every backup does (2,395 restores once left 4.1 GB), but never the
        # backup restored from nor the state it replaced.
        backup.thin_backups(self.backup_dir, protect=[source, before.path])
        # Into the restored file: the file replaced keeps its history in the 恢复前 backup.
        restored = backup.parse_backup_name(source)
        details: dict[str, object] = {"file": source.name, "before": before.path.name}
        if restored is not None:
            details |= {"taken_at": restored.taken_at, "reason": restored.reason}
        self._record_quietly("data_file.restore", AuditRecord(DATA_FILE, details=details))
        self._collect_attachments()
        return Changes.everything()

    # --- health --------------------------------------------------------------------------
    def quick_check(self) -> list[str]:
        with self._db.engine.connect() as conn:
            return [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]

    def integrity_check(self, progress: Progress | None = None) -> IntegrityReport:
        """The full check (indexes against their tables); slow on a big file, so the GUI
        runs it off its thread after open and on demand."""
        report = database.integrity_check(self._db.engine, progress)
        self._integrity_ok = report.ok
        return report

    def file_health(self) -> FileHealth:
        """The 工作台's data-file line: the newest backup's day and the last full check."""
        taken = self.last_backup
        return FileHealth(taken.date() if taken else None, self._integrity_ok)

    def reindex(self) -> IntegrityReport:
        """Rebuild the indexes (the cure when only index entries are wrong), then check
        again. A rebuild that fails (e.g. duplicate values the index forbids) is reported as
        a problem left, for which a restore is the way out."""
        try:
            database.reindex(self._db.engine)
        except IntegrityError as exc:
            return IntegrityReport((f"REINDEX failed: {exc.orig}",))
        except Exception as exc:
            raise classify(exc, self.path) or exc from exc
        return self.integrity_check()

    def close(self, final_backup: bool = True) -> None:
        """Close the file (idempotent); a final backup when data changed since the last."""
        if self._closed:
            return
        self._closed = True
        try:
            if final_backup and self._dirty:
                self.backup_now(backup.Reason.EXIT)
        finally:
            self._db.close()
