"""组织关系转接: a member leaving for another branch, arriving from one, and the transfer
file that carries the record between two branches' data files (DESIGN.md §2).

Every write is one transaction and writes the transfer record, a dated status row and the
member's status together, so the history is never overwritten. `ws.members` delegates its
transfer methods here; `ws.members.transfers` is this service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from os import PathLike

from sqlmodel import Session

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.member_rules import normalize_member, validate_member
from dangjian_desktop.domain.people import (
    Member,
    PartyPost,
    PartyStatus,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import transfer_file
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.member_common import (
    CHANGED,
    MemberDeletedError,
    branch_name,
    date_errors,
    duplicate_id_errors,
    free_uid,
    load_member,
    require_live,
)
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.transfer_file import TransferFileError, TransferPackage
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_repo

# 介绍信 validity "generally ≤ 3 months" (domain brief §2.3).
LETTER_VALIDITY_MONTHS = 3
# A member in one of these states has left the branch; a transfer out makes no sense.
_GONE = (PartyStatus.TRANSFERRED_OUT, PartyStatus.EXPELLED, PartyStatus.DECEASED)


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


class MemberTransfers(Service):
    def transfer_out(self, member_id: int, transfer: Transfer) -> Changes:
        """组织关系转出: the transfer record, a 已转出 history row and the status, together.
        The member leaves the active roster; record and history stay in the file."""
        today = self._today()
        transfer = replace(transfer, direction=TransferDirection.OUT, id=None)
        with write_session(self._engine(), "member.transfer_out", str(member_id)) as s:
            current = require_live(s, member_id)
            errors = _transfer_errors(transfer, "to_org")
            if current.status in _GONE:
                errors.append(FieldError("status", "not_transferable"))
            errors += date_errors(s, member_id, "transfer_date", transfer.transfer_date, today)
            if errors:
                raise ValidationError(errors)
            if not transfer.from_org.strip():
                transfer = replace(transfer, from_org=branch_name(s))
            member_repo.add_transfer(s, member_id, transfer)
            out = StatusChange(PartyStatus.TRANSFERRED_OUT, transfer.transfer_date, transfer.reason)
            member_repo.add_status(s, member_id, out)
            member_repo.set_status(s, member_id, PartyStatus.TRANSFERRED_OUT)
        return self._report(CHANGED)

    def transfer_in(self, member: Member, transfer: Transfer) -> tuple[int, Changes]:
        """组织关系转入 typed from a paper letter. A member who once left this branch
        (same uid, or same ID number and status 已转出) comes back to the same record, so
        the history stays in one piece; anyone else is a new record."""
        today = self._today()
        transfer = replace(transfer, direction=TransferDirection.IN, id=None)
        member = normalize_member(replace(member, id=None, status=PartyStatus.NORMAL))
        errors = list(validate_member(member, today)) + _transfer_errors(transfer, "from_org")
        if transfer.transfer_date is not None and transfer.transfer_date > today:
            errors.append(FieldError("transfer_date", "in_future"))
        with write_session(self._engine(), "member.transfer_in") as s:
            returning = _returning_member(s, member)
            if returning is None:
                errors += duplicate_id_errors(s, member.id_number)
                member = free_uid(s, member)
            elif transfer.transfer_date is not None:
                # Coming back: the 转入 cannot precede what the history already holds.
                last = member_repo.last_status_date(s, returning)
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
            member = load_member(s, member_id)
            if member_repo.deleted_at(s, member_id) is not None:
                raise MemberDeletedError(member_id)
            package = TransferPackage(
                member=replace(member, id=None),
                statuses=tuple(replace(c, id=None) for c in member_repo.statuses(s, member_id)),
                transfers=tuple(replace(t, id=None) for t in member_repo.transfers(s, member_id)),
                photo=member_repo.photo(s, member_id),
                from_branch=branch_name(s),
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
        member = normalize_member(
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
                    transfer = replace(transfer, to_org=branch_name(s))
                member_id = self._receive(s, member, transfer, existing, package)
        except _AlreadyHere as here:
            return TransferImportResult(here.member_id, False, Changes())
        return TransferImportResult(member_id, existing is None, self._report(CHANGED))

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
            known_statuses = {_key(c) for c in member_repo.statuses(s, member_id)}
            for change in package.statuses:
                if _key(change) not in known_statuses:
                    member_repo.add_status(s, member_id, change)
            known_transfers = {_key(t) for t in member_repo.transfers(s, member_id)}
            for old in package.transfers:
                if _key(old) not in known_transfers:
                    member_repo.add_transfer(s, member_id, old)
            if package.photo is not None:
                member_repo.set_photo(s, member_id, *package.photo)
        member_repo.add_transfer(s, member_id, transfer)
        back = StatusChange(PartyStatus.NORMAL, transfer.transfer_date, transfer.reason)
        member_repo.add_status(s, member_id, back)
        member_repo.set_status(s, member_id, PartyStatus.NORMAL)
        return member_id


class _AlreadyHere(Exception):
    def __init__(self, member_id: int) -> None:
        super().__init__(member_id)
        self.member_id = member_id


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
