"""The audit log's queries: filter, count and page in SQL (100,000 rows stay fast).

Rows are listed newest first by id, which only grows: never by `at`, the PC's clock, which
on ships may be months off (DESIGN.md §3). Date bounds filter by `at`, the only date there
is. The structured detail (domain/audit.py) is matched as text with LIKE, which every SQL
database has, except the member ids of a search (see _names_members).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, exists, false, func, literal, or_, select
from sqlmodel import Session

from dangjian_desktop.domain.audit import MEMBER, AuditFilter, AuditSearch
from dangjian_desktop.storage.tables import AuditRow

# Text beyond this is ignored (LIKE patterns have a size limit; nothing logged is longer).
MAX_SEARCH_TEXT = 200

Row = tuple[int, datetime, str, str, str]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column, text: str) -> ColumnElement[bool]:
    return column.like(f"%{_escape_like(text)}%", escape="\\")


def _action_condition(actions: Sequence[str]) -> ColumnElement[bool]:
    exact = [a for a in actions if not a.endswith("*")]
    prefixes = [a[:-1] for a in actions if a.endswith("*")]
    parts: list[ColumnElement[bool]] = []
    if exact:
        parts.append(AuditRow.action.in_(exact))
    parts += [AuditRow.action.like(f"{_escape_like(p)}%", escape="\\") for p in prefixes]
    return or_(*parts) if parts else false()


def _names_member_like(member_id: int) -> ColumnElement[bool]:
    """The row's "ids" list holds `member_id`: first, in the middle, last or alone. Other
    lists in a member row hold text, so a digit run between these delimiters is an id."""
    n = int(member_id)
    return or_(
        AuditRow.detail.like(f'%"ids":[{n}]%'),
        AuditRow.detail.like(f'%"ids":[{n},%'),
        AuditRow.detail.like(f"%,{n},%"),
        AuditRow.detail.like(f"%,{n}]%"),
    )


def _has_json_each(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _names_members(session: Session, member_ids: Sequence[int]) -> ColumnElement[bool]:
    """The row names one of these members. SQLite reads the ids with json_each: one pass
    per row whatever the number of members (20 members × 4 LIKE terms took over a second
    on 100,000 rows, json_each 70 ms). Another database gets the portable LIKE terms."""
    ids = [int(i) for i in member_ids]
    if not _has_json_each(session):
        return or_(*(_names_member_like(i) for i in ids))
    # Old rows are plain text, which json_each refuses: they read as an empty object.
    document = case((func.json_valid(AuditRow.detail), AuditRow.detail), else_="{}")
    each = func.json_each(document, "$.ids").table_valued("value")
    return exists(select(literal(1)).select_from(each).where(each.c.value.in_(ids)))


def _search_condition(session: Session, search: AuditSearch) -> ColumnElement[bool] | None:
    text = search.text.strip()[:MAX_SEARCH_TEXT].strip()
    parts: list[ColumnElement[bool]] = []
    if text:
        parts += [_contains(AuditRow.actor, text), _contains(AuditRow.detail, text)]
    if search.actions:
        parts.append(AuditRow.action.in_(search.actions))
    parts += [_contains(AuditRow.detail, f'"{name}"') for name in search.fields]
    if search.member_ids:
        kind = _contains(AuditRow.detail, f'"kind":"{MEMBER}"')
        parts.append(and_(kind, _names_members(session, search.member_ids)))
    return or_(*parts) if parts else None


def _conditions(
    session: Session, flt: AuditFilter, since: datetime | None, before: datetime | None
) -> list[ColumnElement[bool]]:
    """`since`/`before`: the filter's days as instants (the caller knows the time zone)."""
    where: list[ColumnElement[bool]] = []
    if since is not None:
        where.append(AuditRow.at >= since)
    if before is not None:
        where.append(AuditRow.at < before)
    if flt.up_to_id is not None:
        where.append(AuditRow.id <= flt.up_to_id)
    if flt.actions:
        where.append(_action_condition(flt.actions))
    if flt.search is not None:
        found = _search_condition(session, flt.search)
        if found is not None:
            where.append(found)
    return where


def entries(
    session: Session,
    flt: AuditFilter,
    since: datetime | None,
    before: datetime | None,
    limit: int,
    offset: int = 0,
) -> list[Row]:
    """(id, at, actor, action, detail) newest first."""
    stmt = (
        select(AuditRow.id, AuditRow.at, AuditRow.actor, AuditRow.action, AuditRow.detail)
        .where(*_conditions(session, flt, since, before))
        .order_by(AuditRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [tuple(r) for r in session.connection().execute(stmt)]


def count(
    session: Session, flt: AuditFilter, since: datetime | None, before: datetime | None
) -> int:
    stmt = select(func.count(AuditRow.id)).where(*_conditions(session, flt, since, before))
    return session.execute(stmt).scalar_one()


def newest_id(session: Session) -> int | None:
    # Core on the session's connection: caches ask this on every look-up.
    return session.connection().execute(select(func.max(AuditRow.id))).scalar_one()


def rows_after(session: Session, after_id: int, limit: int) -> list[Row]:
    """The rows written after `after_id`, oldest first, at most `limit` of them (what a
    cache kept since that row must catch up on)."""
    stmt = (
        select(AuditRow.id, AuditRow.at, AuditRow.actor, AuditRow.action, AuditRow.detail)
        .where(AuditRow.id > after_id)
        .order_by(AuditRow.id)
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]
