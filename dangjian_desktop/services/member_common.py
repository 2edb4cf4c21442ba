"""What the member record service and the transfer service share: lookups inside a write
transaction, the checks both doors make, and the error for a member in the 回收站."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlmodel import Session

from dangjian_desktop.domain.errors import FieldError, NotFoundError
from dangjian_desktop.domain.people import Member
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.storage import branch_repo, member_repo

CHANGED = Changes(members=True)


class MemberDeletedError(Exception):
    """The member is in the 回收站: restore it before editing it."""

    def __init__(self, member_id: int) -> None:
        super().__init__(f"member {member_id} is deleted")
        self.member_id = member_id


def load_member(s: Session, member_id: int) -> Member:
    member = member_repo.get(s, member_id)
    if member is None:
        raise NotFoundError(f"member {member_id}")
    return member


def require_live(s: Session, member_id: int) -> Member:
    member = load_member(s, member_id)
    if member_repo.deleted_at(s, member_id) is not None:
        raise MemberDeletedError(member_id)
    return member


def free_uid(s: Session, member: Member) -> Member:
    """A new record keeps a given uid only while no other record has it (uids are unique)."""
    if member.uid and member_repo.find_by_uid(s, member.uid) is not None:
        return replace(member, uid="")
    return member


def duplicate_id_errors(
    s: Session, id_number: str, exclude_id: int | None = None
) -> list[FieldError]:
    others = member_repo.find_by_id_number(s, id_number, exclude_id)
    if not others:
        return []
    return [FieldError("id_number", "duplicate_id", (("member_id", others[0]),))]


def date_errors(
    s: Session, member_id: int, field: str, day: date | None, today: date
) -> list[FieldError]:
    """A status date is required, not in the future, and not before the last change."""
    if day is None:
        return [FieldError(field, "required")]
    if day > today:
        return [FieldError(field, "in_future")]
    last = member_repo.last_status_date(s, member_id)
    if last is not None and day < last:
        return [FieldError(field, "before_last_change", (("last", last),))]
    return []


def branch_name(s: Session) -> str:
    return branch_repo.load_profile(s).full_name
