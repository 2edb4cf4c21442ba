"""Shared fixtures: a data file opened through the real open path (lock, check, migrate)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.services import Workspace

# A fixed "today" so rules that depend on the date give the same answer every day.
TODAY = date(2025, 6, 15)


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "data.sqlite"


@pytest.fixture
def workspace(data_path: Path) -> Iterator[Workspace]:
    """A fresh data file at the head schema, opened like the app opens it."""
    ws = Workspace.open(data_path, today=lambda: TODAY)
    yield ws
    # No exit backup here: tests that care about it call close() themselves.
    ws.close(final_backup=False)
