"""One transaction per service call."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

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
def write_session(engine: Engine, action: str, detail: str = "") -> Iterator[Session]:
    """A write transaction (BEGIN IMMEDIATE) that also records one audit row."""
    write_engine = engine.execution_options(**WRITE)
    with _mapped_errors(engine), Session(write_engine) as session, session.begin():
        yield session
        session.add(
            AuditRow(at=datetime.now(UTC), actor=current_actor(), action=action, detail=detail)
        )


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with _mapped_errors(engine), Session(engine) as session, session.begin():
        yield session
