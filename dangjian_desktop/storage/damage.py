"""Finding the stored value that cannot be read, so a damaged file gets one clear error.

A flipped byte inside a text cell passes `PRAGMA quick_check` and `integrity_check` (the
page is intact, only the value is wrong). Reading it then fails as undecodable UTF-8
(pysqlite raises OperationalError without an SQLite error code), as an enum code that is
not a member, or as a date that is not a date (ValueError). Repositories read pages of rows
on the fast path; when that fails they call `locate`, which re-reads the rows one value at
a time to name the record and the column (DamagedRecordError). A failure that no single
value reproduces is not damage: the original error is raised, as a bug.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from sqlalchemy import Column, String, Table, TypeDecorator, select
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from dangjian_desktop.storage.errors import DamagedRecordError

# What a damaged value raises while a row is read and mapped (see the module docstring).
READ_ERRORS = (ValueError, TypeError, DBAPIError)


def may_be_damage(exc: BaseException) -> bool:
    """An error a damaged value can raise. DBAPIErrors count only when pysqlite raised them
    itself (no SQLite error code), as for text that is not UTF-8; SQLite's own errors (disk
    I/O, a damaged page) keep their classification in storage/errors.py."""
    if isinstance(exc, ValueError | TypeError):
        return True
    orig = getattr(exc, "orig", None)
    return (
        isinstance(orig, sqlite3.OperationalError)
        and getattr(orig, "sqlite_errorcode", None) is None
    )


def is_text(column: Column) -> bool:
    """A column whose values are str (sqlmodel's AutoString is a TypeDecorator over a
    String, not a String itself)."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(kind, String)


def check_text(value: object) -> None:
    """A text column holds str (a damaged record header can make it bytes or a number)."""
    if not isinstance(value, str):
        raise TypeError(f"text column holds {type(value).__name__}")


def locate(
    session: Session,
    table: Table,
    record_ids: Iterable[int],
    columns: Iterable[Column],
    check: Callable[[str, object], None],
    original: BaseException,
    label: Column | None = None,
) -> DamagedRecordError:
    """The first damaged value among these records' columns, read one value at a time;
    `check(column name, value)` raises when a value read is not valid for its column.
    The error's record_label is the record's `label` column (a member's name) when that
    one reads fine. Re-raises `original` when every value reads fine."""
    columns = list(columns)
    for record_id in record_ids:
        for column in columns:
            if _damaged(session, table, record_id, column, check):
                error = DamagedRecordError(table.name, record_id, column.name)
                if label is not None and not _damaged(session, table, record_id, label, check):
                    stmt = select(label).where(table.c.id == record_id)
                    error.record_label = str(session.execute(stmt).scalar_one_or_none() or "")
                return error
    raise original


def _damaged(
    session: Session,
    table: Table,
    record_id: int,
    column: Column,
    check: Callable[[str, object], None],
) -> bool:
    stmt = select(column).where(table.c.id == record_id)
    try:
        check(column.name, session.execute(stmt).scalar_one_or_none())
    except READ_ERRORS as exc:
        if may_be_damage(exc):
            return True
        raise
    return False
