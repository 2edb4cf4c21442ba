"""党员: the roster, member records, 党籍状态 history and 组织关系转接 (DESIGN.md §2).

Every write is one transaction (write_session: one audit row) and returns Changes. Input
that breaks a rule raises domain ValidationError before anything is written. The status of
a member changes only through change_status / transfer_out / transfer_in, each of which
writes a dated history row in the same transaction, so the history is never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from os import PathLike

from sqlmodel import Session

from dangjian_desktop.domain import member_reminders
from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.member_rules import normalize_member, validate_member
from dangjian_desktop.domain.people import (
    Member,
    MemberFilter,
    MemberHistory,
    MemberSort,
    PartyPost,
    PartyStatus,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import transfer_file
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.transfer_file import TransferFileError, TransferPackage
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import branch_repo, member_history_repo, member_repo

# 介绍信 validity "generally ≤ 3 months" (domain brief §2.3).
LETTER_VALIDITY_MONTHS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A member in one of these states has left the branch; a transfer out makes no sense.
_GONE = (PartyStatus.TRANSFERRED_OUT, PartyStatus.EXPELLED, PartyStatus.DECEASED)
CHANGED = Changes(members=True)

__all__ = [
    "MemberDeletedError",
    "MemberReminders",
    "MemberService",
    "TransferFileError",
    "TransferImportResult",
]


class MemberDeletedError(Exception):
    """The member is in the 回收站: restore it before editing it."""

    def __init__(self, member_id: int) -> None:
        super().__init__(f"member {member_id} is deleted")
        self.member_id = member_id


@dataclass(frozen=True)
class MemberReminders:
    probation_due: tuple[member_reminders.ProbationDue, ...] = ()
    lost_contact: tuple[member_reminders.LostContact, ...] = ()


@dataclass(frozen=True)
class TransferImportResult:
    member_id: int
    created: bool  # False: an existing record (same uid) was used
    changes: Changes  # Changes() when the member was already here: nothing was written

    @property
    def already_present(self) -> bool:
        """The same file was imported before: nothing was written. (created=False with
        changes written means a member who had left this branch came back to its record.)"""
        return not self.changes.members


class MemberService(Service):
    # --- reading -------------------------------------------------------------------------
    def ids(self, flt: MemberFilter, sort: MemberSort) -> list[int]:
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
            return _load(s, member_id)

    def history(self, member_id: int) -> MemberHistory:
        with read_session(self._engine()) as s:
            member = _load(s, member_id)
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
    def add(self, member: Member) -> tuple[int, Changes]:
        """A new member on the roster, status 正常 from the 入党日期 (or today)."""
        member = _clean(replace(member, id=None, status=PartyStatus.NORMAL))
        errors = list(validate_member(member, self._today()))
        with write_session(self._engine(), "member.add") as s:
            errors += _duplicate_id(s, member.id_number)
            if errors:
                raise ValidationError(errors)
            member_id = member_repo.insert_member(s, _free_uid(s, member))
            first = StatusChange(PartyStatus.NORMAL, member.join_date or self._today())
            member_history_repo.add_status(s, member_id, first)
        return member_id, self._report(CHANGED)

    def update(self, member: Member) -> Changes:
        """Save the record's fields. The status and uid are not touched (see change_status)."""
        if member.id is None:
            raise NotFoundError("member without id")
        member = _clean(member)
        errors = list(validate_member(member, self._today()))
        with write_session(self._engine(), "member.update", str(member.id)) as s:
            _require_live(s, member.id)
            errors += _duplicate_id(s, member.id_number, member.id)
            if errors:
                raise ValidationError(errors)
            member_repo.update_member(s, member.id, member)
        return self._report(CHANGED)

    def delete(self, member_id: int) -> Changes:
        """Soft delete (回收站): the record and its history stay and can be restored."""
        return self.delete_many([member_id])

    def delete_many(self, member_ids: Sequence[int]) -> Changes:
        """Soft-delete several members in one transaction (one user action)."""
        detail = ",".join(map(str, member_ids))
        with write_session(self._engine(), "member.delete", detail) as s:
            now = datetime.now(UTC)
            for member_id in member_ids:
                _load(s, member_id)
                if member_repo.deleted_at(s, member_id) is None:
                    member_repo.set_deleted(s, member_id, now)
        return self._report(CHANGED)

    def restore(self, member_id: int) -> Changes:
        return self.restore_many([member_id])

    def restore_many(self, member_ids: Sequence[int]) -> Changes:
        detail = ",".join(map(str, member_ids))
        with write_session(self._engine(), "member.restore", detail) as s:
            for member_id in member_ids:
                _load(s, member_id)
                member_repo.set_deleted(s, member_id, None)
        return self._report(CHANGED)

    def set_photo(self, member_id: int, data: bytes | None, mime: str = "image/jpeg") -> Changes:
        """Store the photo, or remove it with data=None. Photos are optional (§7.4)."""
        if data is not None and len(data) > MAX_PHOTO_BYTES:
            raise ValidationError([FieldError("photo", "too_large")])
        with write_session(self._engine(), "member.set_photo", str(member_id)) as s:
            _require_live(s, member_id)
            member_history_repo.set_photo(s, member_id, mime, data)
        return self._report(CHANGED)

    # --- status and transfers ------------------------------------------------------------
    def change_status(self, member_id: int, change: StatusChange) -> Changes:
        """A dated 党籍状态 change: a history row and the member's status, together.
        已转出 is set only by transfer_out, which also records the transfer."""
        today = self._today()
        with write_session(self._engine(), "member.change_status", str(member_id)) as s:
            current = _require_live(s, member_id)
            errors: list[FieldError] = []
            if change.status == PartyStatus.TRANSFERRED_OUT:
                errors.append(FieldError("status", "use_transfer_out"))
            elif change.status == current.status:
                errors.append(FieldError("status", "unchanged"))
            errors += _date_errors(s, member_id, "changed_on", change.changed_on, today)
            if errors:
                raise ValidationError(errors)
            member_history_repo.add_status(s, member_id, replace(change, id=None))
            member_repo.set_status(s, member_id, change.status)
        return self._report(CHANGED)

    def transfer_out(self, member_id: int, transfer: Transfer) -> Changes:
        """组织关系转出: the transfer record, a 已转出 history row and the status, together.
        The member leaves the active roster; record and history stay in the file."""
        today = self._today()
        transfer = replace(transfer, direction=TransferDirection.OUT, id=None)
        with write_session(self._engine(), "member.transfer_out", str(member_id)) as s:
            current = _require_live(s, member_id)
            errors = _transfer_errors(transfer, "to_org")
            if current.status in _GONE:
                errors.append(FieldError("status", "not_transferable"))
            errors += _date_errors(s, member_id, "transfer_date", transfer.transfer_date, today)
            if errors:
                raise ValidationError(errors)
            if not transfer.from_org.strip():
                transfer = replace(transfer, from_org=_branch_name(s))
            member_history_repo.add_transfer(s, member_id, transfer)
            out = StatusChange(PartyStatus.TRANSFERRED_OUT, transfer.transfer_date, transfer.reason)
            member_history_repo.add_status(s, member_id, out)
            member_repo.set_status(s, member_id, PartyStatus.TRANSFERRED_OUT)
        return self._report(CHANGED)

    def transfer_in(self, member: Member, transfer: Transfer) -> tuple[int, Changes]:
        """组织关系转入 typed from a paper letter. A member who once left this branch
        (same uid, or same ID number and status 已转出) comes back to the same record, so
        the history stays in one piece; anyone else is a new record."""
        today = self._today()
        transfer = replace(transfer, direction=TransferDirection.IN, id=None)
        member = _clean(replace(member, id=None, status=PartyStatus.NORMAL))
        errors = list(validate_member(member, today)) + _transfer_errors(transfer, "from_org")
        if transfer.transfer_date is not None and transfer.transfer_date > today:
            errors.append(FieldError("transfer_date", "in_future"))
        with write_session(self._engine(), "member.transfer_in") as s:
            returning = _returning_member(s, member)
            if returning is None:
                errors += _duplicate_id(s, member.id_number)
                member = _free_uid(s, member)
            elif transfer.transfer_date is not None:
                # Coming back: the 转入 cannot precede what the history already holds.
                last = member_history_repo.last_status_date(s, returning)
                if last is not None and transfer.transfer_date < last:
                    errors.append(
                        FieldError("transfer_date", "before_last_change", (("last", last),))
                    )
            if errors:
                raise ValidationError(errors)
            member_id = self._receive(s, member, transfer, returning)
        return member_id, self._report(CHANGED)

    # --- the transfer file ---------------------------------------------------------------
    def export_transfer_file(self, member_id: int, path: str | PathLike[str]) -> None:
        """Write one file holding the member, its status history, transfers and photo.
        Usually done right after transfer_out; written atomically."""
        with read_session(self._engine()) as s:
            member = _load(s, member_id)
            if member_repo.deleted_at(s, member_id) is not None:
                raise MemberDeletedError(member_id)
            package = TransferPackage(
                member=replace(member, id=None),
                statuses=tuple(
                    replace(c, id=None) for c in member_history_repo.statuses(s, member_id)
                ),
                transfers=tuple(
                    replace(t, id=None) for t in member_history_repo.transfers(s, member_id)
                ),
                photo=member_history_repo.photo(s, member_id),
                from_branch=_branch_name(s),
            )
        transfer_file.write(path, package)

    def import_transfer_file(
        self, path: str | PathLike[str], received_on: date | None = None
    ) -> TransferImportResult:
        """Receive a member from another branch's transfer file (see _receive for how a
        record already here is matched). A bad file raises TransferFileError and writes
        nothing; importing the same file twice writes nothing the second time."""
        package = transfer_file.read(path)
        today = self._today()
        received_on = received_on or today
        # 党小组 ids and 党内职务 belong to the sending branch: here the member starts
        # ungrouped and without a post (ids would point at another file's groups).
        member = _clean(
            replace(
                package.member,
                status=PartyStatus.NORMAL,
                party_group_id=None,
                party_post=PartyPost.NONE,
            )
        )
        errors = list(validate_member(member, today))
        if errors:
            raise TransferFileError("invalid_member", errors=tuple(errors))
        try:
            with write_session(self._engine(), "member.import_transfer_file", member.uid) as s:
                existing = member_repo.find_by_uid(s, member.uid)
                if existing is not None:
                    if member_repo.deleted_at(s, existing) is not None:
                        raise TransferFileError("member_deleted", member_id=existing)
                    if member_repo.get(s, existing).status != PartyStatus.TRANSFERRED_OUT:
                        # Already on this roster (the same file imported twice). Raising
                        # rolls back, so not even an audit row is written.
                        raise _AlreadyHere(existing)
                else:
                    clash = member_repo.find_by_id_number(s, member.id_number)
                    if clash:
                        raise TransferFileError("id_conflict", member_id=clash[0])
                transfer = _incoming_transfer(package, received_on)
                if not transfer.to_org.strip():
                    transfer = replace(transfer, to_org=_branch_name(s))
                member_id = self._receive(s, member, transfer, existing, package)
        except _AlreadyHere as here:
            return TransferImportResult(here.member_id, False, Changes())
        return TransferImportResult(member_id, existing is None, self._report(CHANGED))

    # --- reminders -----------------------------------------------------------------------
    def reminders(self, today: date | None = None) -> MemberReminders:
        """预备党员 whose 转正 falls due within 60 days, and 失联 members (工作台).
        Only the 失联 flag counts until meetings and dues record members' last activity."""
        today = today or self._today()
        with read_session(self._engine()) as s:
            ids = member_repo.reminder_candidate_ids(s)
            members = member_repo.rows(s, ids, skip_damaged=True).values()
            members = sorted(members, key=lambda m: m.id)
        return MemberReminders(
            probation_due=tuple(member_reminders.probation_due(members, today)),
            lost_contact=tuple(member_reminders.lost_contact(members, None, today)),
        )

    # --- helpers -------------------------------------------------------------------------
    def _receive(
        self,
        s: Session,
        member: Member,
        transfer: Transfer,
        existing: int | None,
        package: TransferPackage | None = None,
    ) -> int:
        """Write a received member: a new record, or the returning one brought up to date;
        history from the file merged without duplicates; then the 转入 record and 正常."""
        if existing is None:
            member_id = member_repo.insert_member(s, member)
        else:
            member_id = existing
            member_repo.update_member(s, member_id, member)
        if package is not None:
            known_statuses = {_key(c) for c in member_history_repo.statuses(s, member_id)}
            for change in package.statuses:
                if _key(change) not in known_statuses:
                    member_history_repo.add_status(s, member_id, change)
            known_transfers = {_key(t) for t in member_history_repo.transfers(s, member_id)}
            for old in package.transfers:
                if _key(old) not in known_transfers:
                    member_history_repo.add_transfer(s, member_id, old)
            if package.photo is not None:
                member_history_repo.set_photo(s, member_id, *package.photo)
        member_history_repo.add_transfer(s, member_id, transfer)
        back = StatusChange(PartyStatus.NORMAL, transfer.transfer_date, transfer.reason)
        member_history_repo.add_status(s, member_id, back)
        member_repo.set_status(s, member_id, PartyStatus.NORMAL)
        return member_id


class _AlreadyHere(Exception):
    def __init__(self, member_id: int) -> None:
        super().__init__(member_id)
        self.member_id = member_id


def _clean(member: Member) -> Member:
    return normalize_member(member)


def _free_uid(s: Session, member: Member) -> Member:
    """A new record keeps a given uid only while no other record has it (uids are unique)."""
    if member.uid and member_repo.find_by_uid(s, member.uid) is not None:
        return replace(member, uid="")
    return member


def _load(s: Session, member_id: int) -> Member:
    member = member_repo.get(s, member_id)
    if member is None:
        raise NotFoundError(f"member {member_id}")
    return member


def _require_live(s: Session, member_id: int) -> Member:
    member = _load(s, member_id)
    if member_repo.deleted_at(s, member_id) is not None:
        raise MemberDeletedError(member_id)
    return member


def _duplicate_id(s: Session, id_number: str, exclude_id: int | None = None) -> list[FieldError]:
    others = member_repo.find_by_id_number(s, id_number, exclude_id)
    if not others:
        return []
    return [FieldError("id_number", "duplicate_id", (("member_id", others[0]),))]


def _returning_member(s: Session, member: Member) -> int | None:
    """The record of a member who transferred out of this branch and now comes back."""
    candidates = []
    if member.uid:
        found = member_repo.find_by_uid(s, member.uid)
        candidates += [found] if found is not None else []
    candidates += member_repo.find_by_id_number(s, member.id_number)
    for member_id in candidates:
        old = member_repo.get(s, member_id)
        if (
            old.status == PartyStatus.TRANSFERRED_OUT
            and member_repo.deleted_at(s, member_id) is None
        ):
            return member_id
    return None


def _date_errors(
    s: Session, member_id: int, field: str, day: date | None, today: date
) -> list[FieldError]:
    """A status date is required, not in the future, and not before the last change."""
    if day is None:
        return [FieldError(field, "required")]
    if day > today:
        return [FieldError(field, "in_future")]
    last = member_history_repo.last_status_date(s, member_id)
    if last is not None and day < last:
        return [FieldError(field, "before_last_change", (("last", last),))]
    return []


def _transfer_errors(transfer: Transfer, org_field: str) -> list[FieldError]:
    errors = []
    if not getattr(transfer, org_field).strip():
        errors.append(FieldError(org_field, "required"))
    start = transfer.transfer_date
    if start is None:
        errors.append(FieldError("transfer_date", "required"))
        return errors
    if transfer.valid_until is not None:
        if transfer.valid_until < start:
            errors.append(FieldError("valid_until", "before_transfer_date"))
        elif transfer.valid_until > add_months(start, LETTER_VALIDITY_MONTHS):
            errors.append(
                FieldError("valid_until", "too_long", (("months", LETTER_VALIDITY_MONTHS),))
            )
    if transfer.receipt_date is not None and transfer.receipt_date < start:
        errors.append(FieldError("receipt_date", "before_transfer_date"))
    return errors


def _incoming_transfer(package: TransferPackage, received_on: date) -> Transfer:
    """The 转入 record, taken from the file's last 转出 (same letter, organisations)."""
    outs = [t for t in package.transfers if t.direction == TransferDirection.OUT]
    if not outs:
        return Transfer(TransferDirection.IN, received_on, from_org=package.from_branch)
    out = outs[-1]
    return replace(
        out,
        direction=TransferDirection.IN,
        transfer_date=received_on,
        from_org=out.from_org or package.from_branch,
        receipt_date=None,
        id=None,
    )


def _key(record: StatusChange | Transfer) -> tuple:
    return tuple(v for k, v in vars(record).items() if k != "id")


def _branch_name(s: Session) -> str:
    return branch_repo.load_profile(s).full_name
