"""The SQL side of every id-list table: an ORDER BY for a Sort, and rows read in chunks.

A table in the GUI is a list of ids filtered and sorted in SQL plus pages of rows fetched
by id (calibre's and Anki's big tables; gui/models/id_list_model.py). Each repository
writes only its WHERE conditions and its row mapping; these helpers are the rest.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from sqlalchemy import ColumnElement, Select, String, func, literal, select
from sqlmodel import Session

from dangjian_desktop.domain.query import Sort

# SQLite's default SQLITE_MAX_VARIABLE_NUMBER was 999 before 3.32; stay under it.
CHUNK = 900


def chunked(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    """The ids without repeats, in order, as lists short enough for one IN (...)."""
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), size):
        yield wanted[start : start + size]


def in_ids(session: Session, column: ColumnElement, ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids` for an id list of any length in ONE bound value. On SQLite the ids go
    as a JSON array that json_each reads: the statement's text is the same for every list,
    so SQLAlchemy compiles it once and SQLite prepares it once, where an IN list of 1,000
    literal ids cost more to build and render in Python than the query took to run (the 积分
    search, 824 members). Other databases get a plain IN."""
    return _in_ids(session.connection().dialect.name == "sqlite", column, tuple(ids))


@lru_cache(maxsize=16)
def _in_ids(json_each: bool, column: ColumnElement, ids: tuple[int, ...]) -> ColumnElement[bool]:
    # Kept: building the json_each subquery costs more than running it on a few hundred
    # ids, and a list's count and pages ask for the same ids one after another.
    if not json_each:
        return column.in_(ids)
    values = func.json_each(literal(json.dumps(ids), String)).table_valued("value")
    return column.in_(select(values.c.value))


def order_by(
    sort: Sort,
    keys: Mapping[str, Sequence[ColumnElement]],
    tie_break: ColumnElement,
) -> list[ColumnElement]:
    """ORDER BY for `sort`: the column's keys (`keys[sort.column]`, e.g. a name's pinyin
    then the name), then `tie_break` (the id) so equal values keep one stable order.

    Empty values come last in both directions: a blank date is "not recorded", not
    "earliest". Only on nullable keys: NULLS LAST on a NOT NULL column would stop SQLite
    reading the order off an index (member_repo's covering index, for one)."""
    if sort.column not in keys:
        raise ValueError(f"cannot sort by {sort.column!r}")

    def direction(key: ColumnElement) -> ColumnElement:
        return key.desc() if sort.descending else key.asc()

    ordered = [
        direction(k).nulls_last() if getattr(k, "nullable", True) else direction(k)
        for k in keys[sort.column]
    ]
    return [*ordered, direction(tie_break)]


def id_list(session: Session, stmt: Select) -> list[int]:
    """Run a one-column id query with Core on the session's connection: the ORM layer adds
    about 30% on 10,000 ids, and the roster runs this on every keystroke."""
    return list(session.connection().execute(stmt).scalars())


def plain_rows(session: Session, stmt: Select) -> list[tuple]:
    """The rows of `stmt` as plain tuples from the DBAPI cursor, without SQLAlchemy's
    per-row result processing (which doubles the cost of reading 100,000 sign-in lines).

    Only for statements whose bound values are integers (rendered into the SQL: the ids of
    an IN list) and whose columns need no type conversion (integers and text; a boolean
    arrives as 0/1). The SQL is compiled for the session's own dialect, so it stays
    portable."""
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()
