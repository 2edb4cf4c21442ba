"""One transaction per service call."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.audit import AuditRecord
from dangjian_desktop.storage.engine import WRITE
from dangjian_desktop.storage.errors import classify
from dangjian_desktop.storage.tables import AuditRow


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down PCs
        return ""


@contextmanager
def _mapped_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        mapped = classify(exc, engine.url.database or "")
        if mapped is not None and mapped is not exc:
            raise mapped from exc
        raise


@contextmanager
def write_session(
    engine: Engine, action: str, detail: str = "", *, audit: AuditRecord | None = None
) -> Iterator[Session]:
    """A write transaction (BEGIN IMMEDIATE) that also records one audit row.

    `audit` says what the action did (domain/audit.py: the record, the changed fields); the
    block may fill it in as it learns ids and changes, since the row is written at the end,
    in the same transaction. Without it the row's detail is the plain `detail` text."""
    if audit is not None and detail:
        raise ValueError("write_session takes a detail text or an AuditRecord, not both")
    write_engine = engine.execution_options(**WRITE)
    with _mapped_errors(engine), Session(write_engine) as session, session.begin():
        yield session
        text = audit.to_json() if audit is not None else detail
        session.add(
            AuditRow(at=datetime.now(UTC), actor=current_actor(), action=action, detail=text)
        )


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with _mapped_errors(engine), Session(engine) as session, session.begin():
        yield session
