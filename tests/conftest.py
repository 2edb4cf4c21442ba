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


# The sample branch (dangjian demo) as of this day: two years of meetings up to it.
DEMO_TODAY = date(2026, 11, 20)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """`dangjian demo` written once per run; tests copy it (demo_path) before writing."""
    from dangjian_desktop.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "示例数据.sqlite"
    build_demo(path, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample file in this test's folder."""
    import shutil

    target = tmp_path / "demo" / "示例数据.sqlite"
    target.parent.mkdir()
    shutil.copyfile(demo_file, target)
    return target


@pytest.fixture
def demo_workspace(demo_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_path, today=lambda: DEMO_TODAY)
    yield ws
    ws.close(final_backup=False)
