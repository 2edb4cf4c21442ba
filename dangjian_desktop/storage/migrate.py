"""Schema migrations with Alembic, run from app code at open."""

from __future__ import annotations

import sqlite3
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from dangjian_desktop.paths import migrations_dir


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def read_revision(conn: sqlite3.Connection) -> str | None:
    """The file's schema revision, or None for a file that has never been migrated."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade in one transaction; a failure rolls the whole upgrade back.

    Foreign keys are off while batch operations copy tables (a table rebuild would otherwise
    cascade deletes); PRAGMA foreign_keys is a no-op inside a transaction, so it is set
    before BEGIN and the constraints are checked before COMMIT.
    """
    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection  # outside any transaction
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"foreign key violations after upgrade: {problems[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
