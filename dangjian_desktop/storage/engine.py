"""The SQLAlchemy engine and the pragmas every connection gets.

The pysqlite driver's own transaction handling is switched off (SQLAlchemy docs, "Serializable
isolation / Savepoints / Transactional DDL") so that BEGIN is emitted by us: DDL in a migration
is then transactional and a failed upgrade rolls back.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 5000

# PRAGMA application_id of every data file of this program: "DJTZ" (党建台账) in the
# database header, offset 68 (https://sqlite.org/fileformat2.html#application_id). Only a
# file with this mark — or, from versions before the mark, our Alembic table at one of our
# revisions — is opened; anything else is refused untouched (DESIGN.md §3).
APPLICATION_ID = 0x444A545A

# Writes use BEGIN IMMEDIATE: the write lock is taken up front, so two writers wait for each
# other (busy_timeout) instead of failing half-way with SQLITE_BUSY_SNAPSHOT.
WRITE = {"sqlite_begin": "IMMEDIATE"}


def _sqlite_from_hint(_compiler, _table, text: str | None) -> str | None:
    return text


# A table hint given with `select(...).with_hint(table, "INDEXED BY ix_…", "sqlite")` is
# written after the table's name (SQLite's own syntax), which SQLAlchemy's SQLite compiler
# leaves out; other dialects never see a hint named for "sqlite". SQLite's planner, without
# statistics, takes any date range for a narrow one and sorts 200,000 rows rather than
# walk an index already in the list's order (point_repo's entry pages).
SQLiteCompiler.get_from_hint_text = _sqlite_from_hint  # type: ignore[method-assign]

# Kept as is in a `file:` URI; everything else is percent-encoded (SQLite decodes %HH).
_URI_SAFE = "/\\:"


def readonly_uri(path: Path | str, *, immutable: bool = False) -> str:
    """A `file:` URI that opens `path` read-only. "#", "?" and "%" are legal in folder names
    ("党建#2", "50%") but would end or escape the path part of the URI: unescaped, SQLite
    would open (and create) a different file and silently check or copy that one.

    `immutable` also keeps SQLite from creating a -shm/-wal beside a WAL-mode file: for a
    first look at a file that may not be ours, so that not a byte is written near it."""
    uri = f"file:{quote(str(path), safe=_URI_SAFE)}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def create_db_engine(path: Path) -> Engine:
    # URL.create, not an f-string: a "?" in the path would otherwise start the query part.
    # hide_parameters: an error's message (and so the log) never carries the statement's
    # values — ID numbers, names, phones (issue 7.6).
    engine = create_engine(
        URL.create("sqlite", database=str(path)), future=True, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit that returned survives a power cut. Our writes are one user action
        # each, so the extra fsync costs nothing a user notices (DESIGN.md §3).
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
