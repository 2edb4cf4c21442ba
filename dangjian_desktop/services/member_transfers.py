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

from dangjian_desktop.domain.audit import MEMBER, AuditRecord, changed_fields
from dangjian_desktop.domain.branch import NAME_MAX as BRANCH_NAME_MAX
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.member_records import (
    normalize_status,
    normalize_transfer,
    validate_photo,
    validate_status,
    validate_transfer,
)
from dangjian_desktop.domain.member_rules import (
    BAD_UID,
    IN_FUTURE,
    TOO_LONG,
    is_uid,
    normalize_member,
    validate_member,
)
from dangjian_desktop.domain.people import (
    Member,
    PartyPost,
    PartyStatus,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.domain.text import clean_text
from dangjian_desktop.progress import Progress, ProgressTicker
from dangjian_desktop.services import transfer_file
from dangjian_desktop.services.audit_service import record_action
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.member_common import (
    BEFORE_LAST_CHANGE,
    CHANGED,
    NOT_TRANSFERABLE,
    MemberDeletedError,
    branch_name,
    duplicate_id_errors,
    free_uid,
    group_errors,
    last_change_errors,
    load_member,
    require_live,
)
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.transfer_file import TransferFileError, TransferPackage
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo

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
        transfer = normalize_transfer(replace(transfer, direction=TransferDirection.OUT, id=None))
        audit = AuditRecord(MEMBER, ids=[member_id], fields=["status"])
        with write_session(self._engine(), "member.transfer_out", audit=audit) as s:
            current = require_live(s, member_id)
            errors = validate_transfer(transfer, today)
            if current.status in _GONE:
                errors.append(FieldError("status", NOT_TRANSFERABLE))
            day = transfer.transfer_date
            errors += last_change_errors(s, member_id, "transfer_date", day, today)
            if errors:
                raise ValidationError(errors)
            if not transfer.from_org.strip():
                transfer = replace(transfer, from_org=branch_name(s))
            member_history_repo.add_transfer(s, member_id, transfer)
            out = StatusChange(PartyStatus.TRANSFERRED_OUT, transfer.transfer_date, transfer.reason)
            member_history_repo.add_status(s, member_id, out)
            member_repo.set_status(s, member_id, PartyStatus.TRANSFERRED_OUT)
        return self._report(CHANGED)

    def transfer_in(
        self, member: Member, transfer: Transfer, photo: bytes | None = None
    ) -> tuple[int, Changes]:
        """组织关系转入 typed from a paper letter. A member who once left this branch
        (same uid, or same ID number and status 已转出) comes back to the same record, so
        the history stays in one piece; anyone else is a new record. A photo (JPEG) chosen
        in the form is stored in the same transaction."""
        today = self._today()
        transfer = normalize_transfer(replace(transfer, direction=TransferDirection.IN, id=None))
        member = normalize_member(replace(member, id=None, status=PartyStatus.NORMAL))
        errors = list(validate_member(member, today)) + validate_transfer(transfer, today)
        if photo is not None:
            errors += validate_photo("image/jpeg", photo)
        audit = AuditRecord(MEMBER)
        with write_session(self._engine(), "member.transfer_in", audit=audit) as s:
            errors += group_errors(s, member)
            returning = _returning_member(s, member)
            audit.details["returning"] = returning is not None
            if returning is not None:
                audit.fields = _changed(member_repo.get(s, returning), member)
            if returning is None:
                errors += duplicate_id_errors(s, member.id_number)
                member = free_uid(s, member)
            else:  # coming back: the 转入 cannot precede what the history already holds
                day = transfer.transfer_date
                errors += last_change_errors(s, returning, "transfer_date", day, today)
            if errors:
                raise ValidationError(errors)
            member_id = self._receive(s, member, transfer, returning)
            audit.ids.append(member_id)
            if photo is not None:
                member_history_repo.set_photo(s, member_id, "image/jpeg", photo)
        return member_id, self._report(CHANGED)

    # --- the transfer file ---------------------------------------------------------------
    def export_transfer_file(
        self, member_id: int, path: str | PathLike[str], progress: Progress | None = None
    ) -> None:
        """Write one file holding the member, its status history, transfers and photo.
        Usually done right after transfer_out; written atomically. `progress` may cancel
        before the file is written (it runs off the GUI thread)."""
        ticker = ProgressTicker(progress, 2)
        ticker.force(0)
        with read_session(self._engine()) as s:
            member = load_member(s, member_id)
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
                from_branch=branch_name(s),
            )
        ticker.force(1)
        transfer_file.write(path, package)
        # The whole record left the program: full ID number, phone, photo (no file name:
        # it is usually the member's name).
        details = {"full_ids": True, "full_phones": True, "photo": package.photo is not None}
        record_action(
            self._engine(),
            "member.export_transfer_file",
            AuditRecord(MEMBER, ids=[member_id], details=details),
        )

    def import_transfer_file(
        self,
        path: str | PathLike[str],
        received_on: date | None = None,
        progress: Progress | None = None,
    ) -> TransferImportResult:
        """Receive a member from another branch's transfer file (see _receive for how a
        record already here is matched). The file is input like a typed form: every field
        is normalised and held to the rules of the form and of change_status/transfer_out
        (_package_errors). A refused file raises TransferFileError and writes nothing;
        importing the same file twice writes nothing the second time. `progress` may cancel
        until the write begins (it runs off the GUI thread)."""
        ticker = ProgressTicker(progress, 3)
        ticker.force(0)
        package = _normalized(transfer_file.read(path))
        ticker.force(1)
        today = self._today()
        received_on = received_on or today
        # 党小组 ids and 党内职务 belong to the sending branch: here the member starts
        # ungrouped and without a post (ids would point at another file's groups).
        member = replace(
            package.member,
            status=PartyStatus.NORMAL,
            party_group_id=None,
            party_post=PartyPost.NONE,
        )
        errors = _package_errors(package, member, today)
        if errors:
            raise TransferFileError("invalid_member", errors=tuple(errors))
        _check_received_on(received_on, package, today)
        ticker.force(2)
        audit = AuditRecord(MEMBER)
        try:
            with write_session(self._engine(), "member.import_transfer_file", audit=audit) as s:
                existing = member_repo.find_by_uid(s, member.uid)
                audit.details["created"] = existing is None
                if existing is not None:
                    if member_repo.deleted_at(s, existing) is not None:
                        raise TransferFileError("member_deleted", member_id=existing)
                    if member_repo.get(s, existing).status != PartyStatus.TRANSFERRED_OUT:
                        # Already on this roster (the same file imported twice). Raising
                        # rolls back, so not even an audit row is written.
                        raise _AlreadyHere(existing)
                    late = last_change_errors(s, existing, "transfer_date", received_on, today)
                    if late:
                        raise ValidationError(late)
                    audit.fields = _changed(member_repo.get(s, existing), member)
                else:
                    clash = member_repo.find_by_id_number(s, member.id_number)
                    if clash:
                        raise TransferFileError("id_conflict", member_id=clash[0])
                transfer = _incoming_transfer(package, received_on)
                if not transfer.to_org.strip():
                    transfer = replace(transfer, to_org=branch_name(s))
                member_id = self._receive(s, member, transfer, existing, package)
                audit.ids.append(member_id)
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
            known_statuses = {_key(c) for c in member_history_repo.statuses(s, member_id)}
            for change in package.statuses:
                if _key(change) not in known_statuses:
                    # The sending branch's history: kept, but it says nothing about who
                    # was on this branch's roster then (domain.meeting_rules.in_branch_on).
                    member_history_repo.add_status(
                        s, member_id, change, member_history_repo.FROM_FILE
                    )
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


def _changed(before: Member, after: Member) -> list[str]:
    """The fields a returning member's record takes from the letter or the file (its
    status is the history's: 正常 again, recorded apart)."""
    return changed_fields(before, after, ignore=("id", "uid", "status"))


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


def _normalized(package: TransferPackage) -> TransferPackage:
    """Every text field of the file as the services store text (domain.text)."""
    return replace(
        package,
        member=normalize_member(package.member),
        statuses=tuple(normalize_status(c) for c in package.statuses),
        transfers=tuple(normalize_transfer(t) for t in package.transfers),
        from_branch=clean_text(package.from_branch).strip(),
    )


def _package_errors(package: TransferPackage, member: Member, today: date) -> list[FieldError]:
    """The rules a typed record meets, for every record in the file: the member as the form
    (validate_member), each status row as change_status, each transfer row as the transfers
    (history rows: see validate_transfer), the photo as set_photo, and a uid as written."""
    errors = list(validate_member(member, today))
    if not is_uid(member.uid):
        errors.append(FieldError("uid", BAD_UID))
    for i, change in enumerate(package.statuses):
        errors += _prefixed(f"statuses.{i}", validate_status(change, today))
    for i, transfer in enumerate(package.transfers):
        errors += _prefixed(f"transfers.{i}", validate_transfer(transfer, today, history=True))
    if package.photo is not None:
        errors += validate_photo(*package.photo)
    if len(package.from_branch) > BRANCH_NAME_MAX:
        errors.append(FieldError("from_branch", TOO_LONG, (("max", BRANCH_NAME_MAX),)))
    return errors


def _prefixed(prefix: str, errors: list[FieldError]) -> list[FieldError]:
    return [replace(e, field=f"{prefix}.{e.field}") for e in errors]


def _check_received_on(received_on: date, package: TransferPackage, today: date) -> None:
    """The 转入 is dated on arrival: not in the future, not before the file's own history."""
    if received_on > today:
        raise ValidationError([FieldError("transfer_date", IN_FUTURE)])
    last = max((c.changed_on for c in package.statuses), default=None)
    if last is not None and received_on < last:
        raise ValidationError([FieldError("transfer_date", BEFORE_LAST_CHANGE, (("last", last),))])


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
