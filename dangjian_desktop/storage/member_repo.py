"""Member rows ↔ domain.people.Member. The only place that knows the member table's shape
(status history, transfers and photo: member_history_repo).

The roster is a list of ids filtered and sorted in SQL (`ids`), and rows fetched in pages
(`rows`): the table model never holds 10,000 ORM objects (calibre's id-list view).

Name order: SQLite has no pinyin collation, so every write stores the name's keys from
domain.pinyin: `name_sort` ("wang jian guo": full pinyin, tones ignored, surname reading for
the first character) orders the roster, then the name itself, then the id; `name_search`
("|wjg|wangjianguo", every plausible reading, each after a "|") is what pinyin search text
is matched against: "zhangs" is LIKE '%|zhangs%', a prefix of one of the readings.

A value that cannot be read (a damaged file) raises DamagedRecordError naming the record
and column, never a decoding error per row (see storage/damage.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from operator import attrgetter

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy import insert as sql_insert
from sqlmodel import Session

from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    MemberFilter,
    PartyPost,
    PartyStatus,
    Sex,
)
from dangjian_desktop.domain.pinyin import name_keys
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.storage import damage, query
from dangjian_desktop.storage.tables import MemberRow, PartyGroupRow

_ENUMS = {"sex": Sex, "category": MemberCategory, "party_post": PartyPost, "status": PartyStatus}
_FIELDS = [f.name for f in fields(Member) if f.name != "id"]
_COLUMNS = [MemberRow.id, *(getattr(MemberRow, name) for name in _FIELDS)]
_ROW_NAMES = ["id", *_FIELDS]
_field_values = attrgetter(*_FIELDS)  # one call for all of a Member's fields, in order
SORTABLE = frozenset(f.name for f in fields(Member))
CHUNK = query.CHUNK
KEY_SEPARATOR = "|"  # before each reading of a name (多音字) in name_search
# Longer search text is cut here: no name, phone or ID number is longer, and SQLite refuses
# a LIKE pattern over 50,000 bytes ("LIKE or GLOB pattern too complex"). The search box
# has the same limit (gui/views/members_view.py).
MAX_SEARCH_TEXT = 100
_MEMBER_TABLE = MemberRow.__table__
_FIELD_COLUMNS = [_MEMBER_TABLE.c[name] for name in _FIELDS]
_NAME = _MEMBER_TABLE.c.name
# What each sortable field orders by: names by their pinyin key, then the name itself
# (ix_member_roster covers both); 党小组 by the group's place in the branch profile, as the
# profile lists them; every other field by its column.
_SORT_KEYS: dict[str, tuple] = {
    **{name: (getattr(MemberRow, name),) for name in SORTABLE},
    "name": (MemberRow.name_sort, MemberRow.name),
    "party_group_id": (
        select(PartyGroupRow.position)
        .where(PartyGroupRow.id == MemberRow.party_group_id)
        .scalar_subquery(),
    ),
}
# Text a Member always holds (NOT NULL): a damaged record header can make it bytes.
_TEXT_FIELDS = tuple(
    name
    for name in _FIELDS
    if damage.is_text(_MEMBER_TABLE.c[name]) and not _MEMBER_TABLE.c[name].nullable
)
# Column defaults of the member fields (a Member never holds None there, but if it did
# the row would get the default, as with the ORM insert, instead of a NULL).
_MEMBER_DEFAULTS = {
    name: column.default.arg
    for name in (*_FIELDS, "name_sort", "name_search")
    if name != "uid"
    and (column := _MEMBER_TABLE.c[name]).default is not None
    and column.default.is_scalar
}


# --- mapping -------------------------------------------------------------------------------
def _from_values(values: dict) -> Member:
    for name in _TEXT_FIELDS:
        if type(values[name]) is not str:
            damage.check_text(values[name])
    for name, enum in _ENUMS.items():
        if values.get(name) is not None:
            values[name] = enum(values[name])
    return Member(**values)


def _check_value(name: str, value: object) -> None:
    """Raise when a member column's stored value is not one a Member can hold."""
    if value is None:
        return
    if name in _ENUMS:
        _ENUMS[name](value)
    elif name in _TEXT_FIELDS:
        damage.check_text(value)


def to_member(row: MemberRow) -> Member:
    return _from_values({"id": row.id, **{name: getattr(row, name) for name in _FIELDS}})


def _values(member: Member) -> dict:
    """A Member's column values (enums as their codes), without id, uid and timestamps."""
    values = dict(zip(_FIELDS, _field_values(member), strict=True))
    for name in _ENUMS:
        if values[name] is not None:
            values[name] = values[name].value
    values.update(name_columns(member.name))
    del values["uid"]
    return values


def name_columns(name: str) -> dict[str, str]:
    """The stored pinyin keys of a name. name_search starts with the separator, so the
    keystroke query matches each reading's start without building a string per row."""
    sort, search = name_keys(name)
    return {"name_sort": sort, "name_search": KEY_SEPARATOR + search}


def apply_member(row: MemberRow, member: Member) -> MemberRow:
    """Copy a Member's fields onto a row. The uid is set once and never changed."""
    for name, value in _values(member).items():
        setattr(row, name, value)
    if not row.uid:
        row.uid = member.uid or str(uuid.uuid4())
    now = datetime.now(UTC)
    row.created_at = row.created_at or now
    row.updated_at = now
    return row


# --- members -------------------------------------------------------------------------------
def insert_member(session: Session, member: Member) -> int:
    row = apply_member(MemberRow(), member)
    session.add(row)
    session.flush()
    return row.id


def insert_many(session: Session, members: Iterable[Member]) -> int:
    """Bulk insert (reference data, roster import): one Core executemany, no ORM objects
    (the ORM bulk path splits the batch by which values are None and costs ~60% more).
    Returns how many rows were written; find their ids with `ids_by_uid`."""
    now = datetime.now(UTC)
    batch = []
    for m in members:
        values = _values(m)
        # As the ORM insert did: a None left out takes the column's default.
        for name, default in _MEMBER_DEFAULTS.items():
            if values[name] is None:
                values[name] = default
        values["uid"] = m.uid or str(uuid.uuid4())
        values["created_at"] = values["updated_at"] = now
        batch.append(values)
    if batch:
        session.flush()  # objects added before (a group the rows point to) go in first
        session.connection().execute(sql_insert(_MEMBER_TABLE), batch)
    return len(batch)


def ids_by_uid(session: Session, uids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in query.chunked(uids):
        stmt = select(MemberRow.uid, MemberRow.id).where(MemberRow.uid.in_(chunk))
        found.update({uid: mid for uid, mid in session.execute(stmt)})
    return found


def update_member(session: Session, member_id: int, member: Member) -> None:
    """Overwrite the member's fields except uid, status and deletion (own operations)."""
    values = _values(member)
    del values["status"]
    values["updated_at"] = datetime.now(UTC)
    session.execute(update(MemberRow).where(MemberRow.id == member_id).values(**values))


def set_status(session: Session, member_id: int, status: PartyStatus) -> None:
    session.execute(
        update(MemberRow)
        .where(MemberRow.id == member_id)
        .values(status=status.value, updated_at=datetime.now(UTC))
    )


def set_deleted(session: Session, member_id: int, deleted_at: datetime | None) -> None:
    session.execute(
        update(MemberRow).where(MemberRow.id == member_id).values(deleted_at=deleted_at)
    )


def get(session: Session, member_id: int) -> Member | None:
    return rows(session, [member_id]).get(member_id)


def deleted_at(session: Session, member_id: int) -> datetime | None:
    return session.execute(
        select(MemberRow.deleted_at).where(MemberRow.id == member_id)
    ).scalar_one_or_none()


def id_numbers(session: Session) -> set[str]:
    """Every ID number in the file, deleted members' too (empty ones left out): one
    column, for checking an import against the file without building 10,000 Members."""
    stmt = select(MemberRow.id_number).where(MemberRow.id_number != "")
    return set(session.connection().execute(stmt).scalars())


def find_by_uid(session: Session, uid: str) -> int | None:
    stmt = select(MemberRow.id).where(MemberRow.uid == uid)
    return session.execute(stmt).scalar_one_or_none()


def find_by_id_number(session: Session, id_number: str, exclude_id: int | None = None) -> list[int]:
    """Members (deleted ones too) holding this ID number, so a duplicate is caught even
    when the first record sits in the 回收站."""
    if not id_number:
        return []
    stmt = select(MemberRow.id).where(MemberRow.id_number == id_number)
    if exclude_id is not None:
        stmt = stmt.where(MemberRow.id != exclude_id)
    return list(session.execute(stmt.order_by(MemberRow.id)).scalars())


def rows(
    session: Session, member_ids: Iterable[int], *, skip_damaged: bool = False
) -> dict[int, Member]:
    """The members with these ids, fetched in chunks of plain column tuples (no ORM
    objects, which cost more than the query for a page of rows). Missing ids are left out.

    A member with a value that cannot be read raises DamagedRecordError, or with
    skip_damaged is left out like a missing one (for lists that must go on, such as the
    工作台's reminders; the roster tells the user)."""
    found: dict[int, Member] = {}
    for chunk in query.chunked(member_ids):
        try:
            _read_rows(session, chunk, found)
        except damage.READ_ERRORS as exc:
            if not damage.may_be_damage(exc):
                raise
            # The rows of the chunk not read yet: the damaged one is among them.
            rest = [i for i in chunk if i not in found]
            if not skip_damaged:
                raise _damaged(session, rest, exc) from None
            for member_id in rest:
                try:
                    _read_rows(session, [member_id], found)
                except damage.READ_ERRORS as one:
                    if not damage.may_be_damage(one):
                        raise
                    _damaged(session, [member_id], one)  # raises `one` if it is a bug
    return found


def _read_rows(session: Session, member_ids: list[int], found: dict[int, Member]) -> None:
    stmt = select(*_COLUMNS).where(MemberRow.id.in_(member_ids))
    for values in session.execute(stmt):
        member = _from_values(dict(zip(_ROW_NAMES, values, strict=True)))
        found[member.id] = member


def _damaged(session: Session, member_ids: list[int], exc: BaseException):
    return damage.locate(
        session, _MEMBER_TABLE, member_ids, _FIELD_COLUMNS, _check_value, exc, _NAME
    )


# --- the roster query ----------------------------------------------------------------------
def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_condition(text: str) -> ColumnElement[bool] | None:
    """Name (contains), pinyin: initials or full (prefix of any reading), ID tail, phone
    (contains). Text beyond MAX_SEARCH_TEXT characters is ignored."""
    text = text.strip()[:MAX_SEARCH_TEXT].strip()
    if not text:
        return None
    like = _escape_like(text)
    conditions = [MemberRow.name.like(f"%{like}%", escape="\\")]
    spelled = text.lower().replace(" ", "")  # "zhang san" as "zhangsan"
    if spelled.isascii() and spelled.isalpha():
        # "|zsf|zhangsanfeng" LIKE "%|zhangs%": a prefix of any of the readings.
        pattern = f"%{KEY_SEPARATOR}{_escape_like(spelled)}%"
        conditions.append(MemberRow.name_search.like(pattern, escape="\\"))
    digits = text.upper()
    if digits.rstrip("X").isdigit() or digits == "X":
        conditions.append(MemberRow.id_number.like(f"%{_escape_like(digits)}", escape="\\"))
    if text.replace("-", "").replace(" ", "").isdigit():
        conditions.append(MemberRow.phone.like(f"%{like}%", escape="\\"))
    return or_(*conditions)


def search_key(text: str) -> str:
    """The text a name search matches with (name_condition): stripped, cut at
    MAX_SEARCH_TEXT. Two texts with one key match the same members, and a key that starts
    with another matches some of the other's members only (a name containing "张s"
    contains "张"; a reading starting with "zhangs" starts with "zhang")."""
    return text.strip()[:MAX_SEARCH_TEXT].strip()


def name_condition(text: str) -> ColumnElement[bool] | None:
    """A member whose name contains `text`, or one of whose pinyin readings starts with it
    ("zs", "zhangs"): the roster search's name part, for lists of other records that are
    searched by member (the 积分 entries list). None for blank text."""
    text = search_key(text)
    if not text:
        return None
    conditions = [_contains(MemberRow.name, text)]
    spelled = text.lower().replace(" ", "")
    if spelled.isascii() and spelled.isalpha():  # nothing to escape
        conditions.append(MemberRow.name_search.like(f"%{KEY_SEPARATOR}{spelled}%"))
    return or_(*conditions)


def _contains(column, text: str) -> ColumnElement[bool]:
    """`column` contains `text` (LIKE, its wildcards taken literally). ESCAPE is said only
    when the text has a character to escape: SQLite runs a LIKE with an ESCAPE clause an
    eighth slower, and the 积分 search runs this over every member's name."""
    escaped = _escape_like(text)
    if escaped == text:
        return column.like(f"%{text}%")
    return column.like(f"%{escaped}%", escape="\\")


def named(
    session: Session, text: str, within: Collection[int] | None = None
) -> list[tuple[int, str]]:
    """(id, name_sort) of every member name_condition(text) matches, of `within` only when
    given, by id; [] for blank text. Deleted and transferred members included, as in the
    condition. `within` the matches of a shorter key (search_key): each is looked up by id
    instead of scanning every name."""
    condition = name_condition(text)
    if condition is None:
        return []
    # No ORDER BY: SQLite then reads the covering ix_member_roster alone (sorted here).
    stmt = select(MemberRow.id, MemberRow.name_sort).where(condition)
    if within is not None:
        stmt = stmt.where(query.in_ids(session, MemberRow.id, within))
    return sorted((i, n) for i, n in session.connection().execute(stmt).all())


def _conditions(flt: MemberFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    text = _text_condition(flt.text)
    if text is not None:
        where.append(text)
    if flt.party_group_id is not None:
        where.append(MemberRow.party_group_id == flt.party_group_id)
    if flt.statuses:
        where.append(MemberRow.status.in_([s.value for s in flt.statuses]))
    if flt.category is not None:
        where.append(MemberRow.category == flt.category.value)
    if flt.only_deleted:
        where.append(MemberRow.deleted_at.is_not(None))
    elif not flt.include_deleted:
        where.append(MemberRow.deleted_at.is_(None))
    return where


def _order_by(sort: Sort) -> list:
    return query.order_by(sort, _SORT_KEYS, MemberRow.id)


def ids(session: Session, flt: MemberFilter, sort: Sort) -> list[int]:
    stmt = select(MemberRow.id).where(*_conditions(flt)).order_by(*_order_by(sort))
    return query.id_list(session, stmt)


def roster_names(session: Session, only: Sequence[int] | None = None) -> dict[int, str]:
    """id → name of every member on the roster now (正常, not in the 回收站), unordered:
    two columns, for lists that show only names (the 工作台's reminders). A name that cannot
    be read (a damaged row) is left out, as rows(skip_damaged=True) leaves it. `only`: of
    these members only."""
    on_roster = on_roster_now(only)
    # No ORDER BY: unordered, SQLite reads the covering ix_member_roster alone.
    stmt = select(MemberRow.id, MemberRow.name).where(*on_roster)
    try:
        return {i: n for i, n in session.connection().execute(stmt) if isinstance(n, str)}
    except damage.READ_ERRORS as exc:  # a name that cannot be read: row by row
        if not damage.may_be_damage(exc):
            raise
    ids = session.execute(select(MemberRow.id).where(*on_roster).order_by(MemberRow.id))
    return {i: m.name for i, m in rows(session, ids.scalars().all(), skip_damaged=True).items()}


def categories(
    session: Session, member_ids: Iterable[int]
) -> dict[int, tuple[str, MemberCategory, date | None]]:
    """id → (name, 正式/预备, 转正日期) of these members: three columns, for the 民主评议
    sheet of 10,000 members (a whole Member each costs ten times the query)."""
    found: dict[int, tuple[str, MemberCategory, date | None]] = {}
    kinds = {c.value: c for c in MemberCategory}
    for chunk in query.chunked(member_ids):
        stmt = select(MemberRow.id, MemberRow.name, MemberRow.category, MemberRow.full_date)
        for i, name, category, full in session.connection().execute(
            stmt.where(MemberRow.id.in_(chunk))
        ):
            if isinstance(name, str) and category in kinds:  # a damaged row: left out
                found[i] = (name, kinds[category], full)
    return found


def on_roster_now(only: Sequence[int] | None = None) -> tuple[ColumnElement[bool], ...]:
    """The members on the roster now: 正常 and not in the 回收站 (of `only`, if given)."""
    on_roster = (MemberRow.status == PartyStatus.NORMAL.value, MemberRow.deleted_at.is_(None))
    return on_roster if only is None else (*on_roster, MemberRow.id.in_(only))


def reminder_candidate_ids(session: Session, only: Sequence[int] | None = None) -> list[int]:
    """Active members a 工作台 reminder can be about: 预备党员 (转正 due) and 失联 ones
    (of `only`, if given)."""
    stmt = select(MemberRow.id).where(
        *on_roster_now(only),
        or_(MemberRow.category == MemberCategory.PROBATIONARY.value, MemberRow.is_lost),
    )
    return list(session.execute(stmt.order_by(MemberRow.id)).scalars())


def count(session: Session, flt: MemberFilter) -> int:
    stmt = select(func.count(MemberRow.id)).where(*_conditions(flt))
    return session.execute(stmt).scalar_one()


# --- lookups -------------------------------------------------------------------------------
def group_names(session: Session) -> dict[int, str]:
    """党小组 id → name, in the branch profile's order."""
    stmt = select(PartyGroupRow.id, PartyGroupRow.name).order_by(PartyGroupRow.position)
    return {gid: name for gid, name in session.execute(stmt)}
