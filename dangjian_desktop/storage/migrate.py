"""Schema migrations with Alembic, run from app code at open.

Alembic is imported only when a file needs upgrading: an up-to-date file opens without it,
which keeps it out of every ordinary start-up. The revision graph is read from the scripts'
own `revision`/`down_revision` lines (tests check it against Alembic's view of them).
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from dangjian_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

_ASSIGNMENT = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+)['\"]?", re.MULTILINE
)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision for every shipped migration script."""
    graph: dict[str, str | None] = {}
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        found = dict(m.groups() for m in _ASSIGNMENT.finditer(script.read_text("utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(_revision_graph())


@cache
def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"migrations must have exactly one head, found {sorted(heads)}"
    return heads.pop()


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
    from alembic import command

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
