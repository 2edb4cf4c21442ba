"""党员: the roster, member records and 党籍状态 history (DESIGN.md §2).

Every write is one transaction (write_session: one audit row) and returns Changes. Input
that breaks a rule raises domain ValidationError before anything is written. The status of
a member changes only through change_status and the transfers (services/member_transfers.py,
reached as `ws.members.transfers` or through the delegating methods below), each of which
writes a dated history row in the same transaction, so the history is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from os import PathLike

from sqlalchemy.engine import Engine

from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.audit import MEMBER, AuditRecord, changed_fields
from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.member_records import normalize_status, validate_photo, validate_status
from dangjian_desktop.domain.member_rules import normalize_member, validate_member
from dangjian_desktop.domain.people import (
    Member,
    MemberFilter,
    MemberHistory,
    PartyStatus,
    StatusChange,
    Transfer,
)
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.meeting_common import last_activity
from dangjian_desktop.services.member_common import (
    CHANGED,
    UNCHANGED,
    USE_TRANSFER_OUT,
    MemberDeletedError,
    duplicate_id_errors,
    free_uid,
    group_errors,
    last_change_errors,
    load_member,
    require_live,
)
from dangjian_desktop.services.member_transfers import MemberTransfers, TransferImportResult
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.transfer_file import TransferFileError
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo

__all__ = [
    "KEEP_PHOTO",
    "MemberDeletedError",
    "MemberReminders",
    "MemberService",
    "TransferFileError",
    "TransferImportResult",
]


# What update() does not write (the status changes only with a dated history row).
_NOT_UPDATED = ("id", "uid", "status")


class _Keep(Enum):
    PHOTO = "keep"


# update(member, photo=KEEP_PHOTO): the stored photo stays as it is (None removes it).
KEEP_PHOTO = _Keep.PHOTO
PHOTO_MIME = "image/jpeg"  # the form stores what it scaled with Qt as JPEG


def _photo_errors(photo: bytes | _Keep | None) -> list[FieldError]:
    return validate_photo(PHOTO_MIME, photo) if isinstance(photo, bytes) else []


@dataclass(frozen=True)
class MemberReminders:
    probation_due: tuple[member_reminders.ProbationDue, ...] = ()
    lost_contact: tuple[member_reminders.LostContact, ...] = ()


class MemberService(Service):
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
    ) -> None:
        super().__init__(engine, today, on_write)
        self.transfers = MemberTransfers(engine, today, on_write)

    # --- reading -------------------------------------------------------------------------
    def ids(self, flt: MemberFilter, sort: Sort) -> list[int]:
        with read_session(self._engine()) as s:
            return member_repo.ids(s, flt, sort)

    def rows(self, ids: Sequence[int]) -> dict[int, Member]:
        with read_session(self._engine()) as s:
            return member_repo.rows(s, ids)

    def count(self, flt: MemberFilter) -> int:
        with read_session(self._engine()) as s:
            return member_repo.count(s, flt)

    def get(self, member_id: int) -> Member:
        with read_session(self._engine()) as s:
            return load_member(s, member_id)

    def history(self, member_id: int) -> MemberHistory:
        with read_session(self._engine()) as s:
            member = load_member(s, member_id)
            return MemberHistory(
                member=member,
                statuses=member_history_repo.statuses(s, member_id),
                transfers=member_history_repo.transfers(s, member_id),
                deleted=member_repo.deleted_at(s, member_id) is not None,
                extras={"has_photo": member_history_repo.has_photo(s, member_id)},
            )

    def photo(self, member_id: int) -> tuple[str, bytes] | None:
        """(mime, data) of the member's photo, or None."""
        with read_session(self._engine()) as s:
            return member_history_repo.photo(s, member_id)

    def group_names(self) -> dict[int, str]:
        with read_session(self._engine()) as s:
            return member_repo.group_names(s)

    # --- writing the record --------------------------------------------------------------
    def add(self, member: Member, photo: bytes | None = None) -> tuple[int, Changes]:
        """A new member on the roster, status 正常 from the 入党日期 (or today), with its
        photo (a JPEG) if given: one transaction, so a refused photo stores no member."""
        member = normalize_member(replace(member, id=None, status=PartyStatus.NORMAL))
        errors = list(validate_member(member, self._today())) + _photo_errors(photo)
        audit = AuditRecord(MEMBER)
        with write_session(self._engine(), "member.add", audit=audit) as s:
            errors += duplicate_id_errors(s, member.id_number) + group_errors(s, member)
            if errors:
                raise ValidationError(errors)
            member_id = member_repo.insert_member(s, free_uid(s, member))
            audit.ids.append(member_id)
            first = StatusChange(PartyStatus.NORMAL, member.join_date or self._today())
            member_history_repo.add_status(s, member_id, first)
            if photo is not None:
                member_history_repo.set_photo(s, member_id, PHOTO_MIME, photo)
        return member_id, self._report(CHANGED)

    def update(self, member: Member, photo: bytes | _Keep | None = KEEP_PHOTO) -> Changes:
        """Save the record's fields, and its photo unless KEEP_PHOTO (None removes it), in
        one transaction. The status and uid are not touched (see change_status)."""
        if member.id is None:
            raise NotFoundError("member")
        member = normalize_member(member)
        errors = list(validate_member(member, self._today())) + _photo_errors(photo)
        audit = AuditRecord(MEMBER, ids=[member.id])
        with write_session(self._engine(), "member.update", audit=audit) as s:
            before = require_live(s, member.id)
            audit.fields = changed_fields(before, member, ignore=_NOT_UPDATED)
            if photo is not KEEP_PHOTO:
                audit.fields = [*audit.fields, "photo"]
            errors += duplicate_id_errors(s, member.id_number, member.id)
            errors += group_errors(s, member)
            if errors:
                raise ValidationError(errors)
            member_repo.update_member(s, member.id, member)
            if photo is not KEEP_PHOTO:
                member_history_repo.set_photo(s, member.id, PHOTO_MIME, photo)
        return self._report(CHANGED)

    def delete(self, member_id: int) -> Changes:
        """Soft delete (回收站): the record and its history stay and can be restored."""
        return self.delete_many([member_id])

    def delete_many(self, member_ids: Sequence[int]) -> Changes:
        """Soft-delete several members in one transaction (one user action)."""
        audit = AuditRecord(MEMBER)
        with write_session(self._engine(), "member.delete", audit=audit) as s:
            now = datetime.now(UTC)
            for member_id in member_ids:
                load_member(s, member_id)
                if member_repo.deleted_at(s, member_id) is None:
                    member_repo.set_deleted(s, member_id, now)
                    audit.ids.append(member_id)
        return self._report(CHANGED)

    def restore(self, member_id: int) -> Changes:
        return self.restore_many([member_id])

    def restore_many(self, member_ids: Sequence[int]) -> Changes:
        audit = AuditRecord(MEMBER, ids=list(member_ids))
        with write_session(self._engine(), "member.restore", audit=audit) as s:
            for member_id in member_ids:
                load_member(s, member_id)
                member_repo.set_deleted(s, member_id, None)
        return self._report(CHANGED)

    def set_photo(self, member_id: int, data: bytes | None, mime: str = PHOTO_MIME) -> Changes:
        """Store the photo, or remove it with data=None. Photos are optional (§7.4).
        The form hands over a JPEG it scaled with Qt; here only bytes are checked."""
        if data is not None and (errors := validate_photo(mime, data)):
            raise ValidationError(errors)
        audit = AuditRecord(MEMBER, ids=[member_id], fields=["photo"])
        if data is None:
            audit.details["removed"] = True
        with write_session(self._engine(), "member.set_photo", audit=audit) as s:
            require_live(s, member_id)
            member_history_repo.set_photo(s, member_id, mime, data)
        return self._report(CHANGED)

    # --- status --------------------------------------------------------------------------
    def change_status(self, member_id: int, change: StatusChange) -> Changes:
        """A dated 党籍状态 change: a history row and the member's status, together.
        已转出 is set only by transfer_out, which also records the transfer."""
        today = self._today()
        change = normalize_status(replace(change, id=None))
        audit = AuditRecord(MEMBER, ids=[member_id], fields=["status"])
        with write_session(self._engine(), "member.change_status", audit=audit) as s:
            current = require_live(s, member_id)
            errors: list[FieldError] = []
            if change.status == PartyStatus.TRANSFERRED_OUT:
                errors.append(FieldError("status", USE_TRANSFER_OUT))
            elif change.status == current.status:
                errors.append(FieldError("status", UNCHANGED))
            errors += validate_status(change, today)
            errors += last_change_errors(s, member_id, "changed_on", change.changed_on, today)
            if errors:
                raise ValidationError(errors)
            member_history_repo.add_status(s, member_id, change)
            member_repo.set_status(s, member_id, change.status)
        return self._report(CHANGED)

    # --- transfers (services/member_transfers.py) ----------------------------------------
    def transfer_out(self, member_id: int, transfer: Transfer) -> Changes:
        return self.transfers.transfer_out(member_id, transfer)

    def transfer_in(
        self, member: Member, transfer: Transfer, photo: bytes | None = None
    ) -> tuple[int, Changes]:
        return self.transfers.transfer_in(member, transfer, photo)

    def export_transfer_file(
        self, member_id: int, path: str | PathLike[str], progress: Progress | None = None
    ) -> None:
        self.transfers.export_transfer_file(member_id, path, progress)

    def import_transfer_file(
        self,
        path: str | PathLike[str],
        received_on: date | None = None,
        progress: Progress | None = None,
    ) -> TransferImportResult:
        return self.transfers.import_transfer_file(path, received_on, progress)

    # --- reminders -----------------------------------------------------------------------
    def reminders(self, today: date | None = None) -> MemberReminders:
        """预备党员 whose 转正 falls due within 60 days, and 失联 members (工作台): flagged
        失联, or with no organisational life for 6 months by the meeting records
        (reason NO_ACTIVITY; meeting_common.last_activity: nothing is known before the
        first held meeting, a newcomer counts from arrival). Dues will add to it."""
        today = today or self._today()
        cutoff = add_months(today, -member_reminders.DEFAULT_LOST_CONTACT_MONTHS)
        with read_session(self._engine()) as s:
            activity = last_activity(s)
            ids = member_repo.reminder_candidate_ids(s)
            if activity is not None:
                ids += [mid for mid, day in activity.items() if day < cutoff]
            # A damaged record must not keep the 工作台 (and the window) from opening.
            members = member_repo.rows(s, ids, skip_damaged=True).values()
            members = sorted(members, key=lambda m: m.id)
        return MemberReminders(
            probation_due=tuple(member_reminders.probation_due(members, today)),
            lost_contact=tuple(member_reminders.lost_contact(members, activity, today)),
        )
