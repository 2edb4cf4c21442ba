"""storage/query.py: the ORDER BY and chunking every id-list repository shares."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select
from sqlmodel import Session

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.storage import query

METADATA = MetaData()
THINGS = Table(
    "thing",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("held_on", String, nullable=True),  # a date that may be blank
)
KEYS = {"name": (THINGS.c.name,), "held_on": (THINGS.c.held_on,)}
ROWS = [
    (1, "b", "2024-03-01"),
    (2, "a", None),
    (3, "b", "2023-01-01"),
    (4, "a", "2025-06-30"),
]


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with Session(engine) as s:
        s.execute(
            insert(THINGS), [dict(zip(("id", "name", "held_on"), r, strict=True)) for r in ROWS]
        )
        yield s


def _ids(session, sort: Sort) -> list[int]:
    stmt = select(THINGS.c.id).order_by(*query.order_by(sort, KEYS, THINGS.c.id))
    return query.id_list(session, stmt)


def test_equal_values_keep_a_stable_order_by_id_in_the_sort_direction(session):
    assert _ids(session, Sort("name")) == [2, 4, 1, 3]
    assert _ids(session, Sort("name", descending=True)) == [3, 1, 4, 2]


def test_blank_values_come_last_in_both_directions(session):
    assert _ids(session, Sort("held_on")) == [3, 1, 4, 2]
    assert _ids(session, Sort("held_on", descending=True)) == [4, 1, 3, 2]


def test_nulls_last_only_on_nullable_keys():
    """NULLS LAST on a NOT NULL column would keep SQLite from reading an index's order."""
    name = [str(c) for c in query.order_by(Sort("name"), KEYS, THINGS.c.id)]
    held = [str(c) for c in query.order_by(Sort("held_on"), KEYS, THINGS.c.id)]
    assert "NULLS LAST" not in name[0] and "NULLS LAST" in held[0]


def test_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="cannot sort by 'colour'"):
        query.order_by(Sort("colour"), KEYS, THINGS.c.id)


def test_chunks_drop_repeats_keep_order_and_stay_under_the_variable_limit():
    ids = [5, 3, 5, *range(10, 2000)]
    chunks = list(query.chunked(ids))
    assert [len(c) for c in chunks] == [900, 900, 192]
    assert [i for c in chunks for i in c] == list(dict.fromkeys(ids))
    assert list(query.chunked([])) == []


@pytest.mark.parametrize("ids", [[], [2], [4, 2, 2, 99], list(range(-5, 3000))])
def test_in_ids_is_in_for_lists_of_any_length(session, ids):
    stmt = select(THINGS.c.id).where(query.in_ids(session, THINGS.c.id, ids))
    assert sorted(query.id_list(session, stmt)) == sorted({r[0] for r in ROWS} & set(ids))


def test_in_ids_is_one_statement_for_every_list_on_sqlite(session):
    def sql(ids):
        stmt = select(THINGS.c.id).where(query.in_ids(session, THINGS.c.id, ids))
        compiled = stmt.compile(dialect=session.connection().dialect)
        return str(compiled), len(compiled.params)

    assert sql([1]) == sql(list(range(2000))) == (sql([1])[0], 1)
    assert "json_each" in sql([1])[0]


def test_in_ids_is_a_plain_in_elsewhere():
    from sqlalchemy.dialects import postgresql

    class Elsewhere:
        def connection(self):
            return type("Conn", (), {"dialect": postgresql.dialect()})()

    stmt = select(THINGS.c.id).where(query.in_ids(Elsewhere(), THINGS.c.id, [1, 2]))
    sql = str(stmt.compile(dialect=postgresql.dialect()))
    assert "json_each" not in sql and "IN (__[POSTCOMPILE_id_1])" in sql
