"""What the member record service and the transfer service share: lookups inside a write
transaction, the checks both doors make, and the error for a member in the 回收站."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from sqlmodel import Session

from dangjian_desktop.domain.errors import AppError, FieldError, NotFoundError
from dangjian_desktop.domain.member_rules import DUPLICATE, NO_SUCH_GROUP, is_uid
from dangjian_desktop.domain.people import Member
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.storage import branch_repo, member_history_repo, member_repo

CHANGED = Changes(members=True)

# Codes the member services raise besides the domain's (member_rules.ERROR_CODES).
BEFORE_LAST_CHANGE = "before_last_change"
NOT_TRANSFERABLE = "not_transferable"
UNCHANGED = "unchanged"
USE_TRANSFER_OUT = "use_transfer_out"
ERROR_CODES: dict[str, str] = {
    BEFORE_LAST_CHANGE: "a status date before the member's last recorded change (param last)",
    NOT_TRANSFERABLE: "the member has left the branch (已转出/出党/去世): no transfer out",
    UNCHANGED: "the new status is the current one",
    USE_TRANSFER_OUT: "已转出 is recorded by transfer_out, with its letter",
}


class MemberDeletedError(AppError):
    """The member is in the 回收站: restore it before editing it."""

    area = "members"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "member_deleted": "the member (`member_id`) is in the 回收站"
    }

    def __init__(self, member_id: int) -> None:
        super().__init__(
            "member_deleted", {"member_id": member_id}, message=f"member {member_id} is deleted"
        )
        self.member_id = member_id


def load_member(s: Session, member_id: int) -> Member:
    member = member_repo.get(s, member_id)
    if member is None:
        raise NotFoundError("member", member_id)
    return member


def require_live(s: Session, member_id: int) -> Member:
    member = load_member(s, member_id)
    if member_repo.deleted_at(s, member_id) is not None:
        raise MemberDeletedError(member_id)
    return member


def free_uid(s: Session, member: Member) -> Member:
    """A new record keeps a given uid only while it is a UUID no other record has (uids are
    unique, and transfer files carry them to other data files)."""
    if member.uid and (not is_uid(member.uid) or member_repo.find_by_uid(s, member.uid)):
        return replace(member, uid="")
    return member


def duplicate_id_errors(
    s: Session, id_number: str, exclude_id: int | None = None
) -> list[FieldError]:
    others = member_repo.find_by_id_number(s, id_number, exclude_id)
    if not others:
        return []
    return [FieldError("id_number", DUPLICATE, (("member_id", others[0]),))]


def group_errors(s: Session, member: Member) -> list[FieldError]:
    """The 党小组 must be one of this file's (else the insert fails on its foreign key)."""
    if member.party_group_id is None or member.party_group_id in member_repo.group_names(s):
        return []
    return [FieldError("party_group_id", NO_SUCH_GROUP)]


def last_change_errors(
    s: Session, member_id: int, field: str, day: date | None, today: date
) -> list[FieldError]:
    """A new status date may not precede what the member's history already holds. (Required
    and not in the future are the domain's rules: validate_status, validate_transfer.)"""
    if day is None or day > today:
        return []
    last = member_history_repo.last_status_date(s, member_id)
    if last is not None and day < last:
        return [FieldError(field, BEFORE_LAST_CHANGE, (("last", last),))]
    return []


def branch_name(s: Session) -> str:
    return branch_repo.load_profile(s).full_name
