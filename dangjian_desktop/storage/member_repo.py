"""Member rows ↔ domain.people.Member. The only place that knows the member tables' shape."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import UTC, datetime

from sqlmodel import Session

from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyPost,
    PartyStatus,
    Sex,
)
from dangjian_desktop.domain.pinyin import initials
from dangjian_desktop.storage.tables import MemberRow

_ENUMS = {"sex": Sex, "category": MemberCategory, "party_post": PartyPost, "status": PartyStatus}
_FIELDS = [f.name for f in fields(Member) if f.name != "id"]


def to_member(row: MemberRow) -> Member:
    values = {}
    for name in _FIELDS:
        value = getattr(row, name)
        if name in _ENUMS and value is not None:
            value = _ENUMS[name](value)
        values[name] = value
    return Member(id=row.id, **values)


def apply_member(row: MemberRow, member: Member) -> MemberRow:
    """Copy a Member's fields onto a row (enum values as their codes)."""
    for name in _FIELDS:
        value = getattr(member, name)
        if name in _ENUMS and value is not None:
            value = value.value
        setattr(row, name, value)
    row.name_initials = initials(member.name)
    if not row.uid:
        row.uid = member.uid or str(uuid.uuid4())
    now = datetime.now(UTC)
    row.created_at = row.created_at or now
    row.updated_at = now
    return row


def insert(session: Session, member: Member) -> int:
    row = apply_member(MemberRow(), member)
    session.add(row)
    session.flush()
    return row.id


def get(session: Session, member_id: int) -> Member | None:
    row = session.get(MemberRow, member_id)
    return to_member(row) if row is not None else None
