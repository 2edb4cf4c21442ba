"""Attachment rows: what is attached to which record. The bytes are in the attachment
folder (storage/attachment_store.py), named by the row's sha256."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from dangjian_desktop.domain.attachments import Attachment
from dangjian_desktop.storage import query
from dangjian_desktop.storage.tables import AttachmentRow

_TABLE = AttachmentRow.__table__
_COLUMNS = [
    _TABLE.c[name]
    for name in (
        "id",
        "owner_kind",
        "owner_id",
        "position",
        "file_name",
        "mime",
        "size",
        "sha256",
        "added_at",
        "caption",
    )
]


def _attachment(values) -> Attachment:
    return Attachment(*values)


def add(
    session: Session,
    owner_kind: str,
    owner_id: int,
    items: Iterable[tuple[str, str, int, str, str]],
) -> list[int]:
    """Rows for files already in the store: (file_name, mime, size, sha256, caption) each,
    after the owner's existing attachments."""
    stmt = select(func.max(AttachmentRow.position)).where(
        AttachmentRow.owner_kind == owner_kind, AttachmentRow.owner_id == owner_id
    )
    last = session.execute(stmt).scalar_one_or_none()
    position = -1 if last is None else last
    now = datetime.now(UTC)
    ids = []
    for file_name, mime, size, sha256, caption in items:
        position += 1
        values = {
            "owner_kind": owner_kind,
            "owner_id": owner_id,
            "position": position,
            "file_name": file_name,
            "mime": mime,
            "size": size,
            "sha256": sha256,
            "added_at": now,
            "caption": caption,
        }
        ids.append(session.execute(insert(_TABLE).values(**values)).inserted_primary_key[0])
    return ids


def of_owner(session: Session, owner_kind: str, owner_id: int) -> list[Attachment]:
    stmt = (
        select(*_COLUMNS)
        .where(AttachmentRow.owner_kind == owner_kind, AttachmentRow.owner_id == owner_id)
        .order_by(AttachmentRow.position, AttachmentRow.id)
    )
    return [_attachment(values) for values in session.execute(stmt)]


def get(session: Session, attachment_id: int) -> Attachment | None:
    stmt = select(*_COLUMNS).where(AttachmentRow.id == attachment_id)
    found = session.execute(stmt).first()
    return _attachment(found) if found is not None else None


def remove(session: Session, owner_kind: str, owner_id: int, ids: Sequence[int]) -> int:
    """Delete these rows of the owner; returns how many there were. The files stay until
    no backup names them either (garbage collection)."""
    if not ids:
        return 0
    stmt = delete(AttachmentRow).where(
        AttachmentRow.owner_kind == owner_kind,
        AttachmentRow.owner_id == owner_id,
        AttachmentRow.id.in_(list(ids)),
    )
    return session.execute(stmt).rowcount


def remove_owned(session: Session, owner_kind: str, owner_ids: Iterable[int]) -> int:
    """Delete every attachment row of these owners (the owners are being deleted); returns
    how many there were. The files stay until garbage collection finds no one naming them."""
    removed = 0
    for chunk in query.chunked(owner_ids):
        stmt = delete(AttachmentRow).where(
            AttachmentRow.owner_kind == owner_kind, AttachmentRow.owner_id.in_(chunk)
        )
        removed += session.execute(stmt).rowcount
    return removed


def counts(session: Session, owner_kind: str, owner_ids: Sequence[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for chunk in query.chunked(owner_ids):
        stmt = (
            select(AttachmentRow.owner_id, func.count())
            .where(AttachmentRow.owner_kind == owner_kind, AttachmentRow.owner_id.in_(chunk))
            .group_by(AttachmentRow.owner_id)
        )
        found.update({owner: n for owner, n in session.execute(stmt)})
    return found


def all_attachments(session: Session) -> list[Attachment]:
    stmt = select(*_COLUMNS).order_by(AttachmentRow.owner_kind, AttachmentRow.owner_id, "position")
    return [_attachment(values) for values in session.execute(stmt)]


def names(session: Session) -> set[str]:
    return set(session.execute(select(AttachmentRow.sha256).distinct()).scalars())
