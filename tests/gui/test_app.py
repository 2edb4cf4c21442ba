"""The program as a user starts it: `python -m dangjian_desktop`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "dangjian_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_smoke_opens_the_window_on_a_temp_file():
    result = _run("--smoke")
    assert result.returncode == 0, result.stderr
    assert "smoke: main window shown" in result.stdout


def test_smoke_on_a_given_file_creates_and_migrates_it(tmp_path):
    db = tmp_path / "船舶" / "一号轮.sqlite"
    result = _run("--db", str(db), "--smoke")
    assert result.returncode == 0, result.stderr
    assert db.exists() and db.read_bytes()[:16] == b"SQLite format 3\x00"


def test_damaged_file_fails_cleanly_without_traceback(tmp_path):
    db = tmp_path / "bad.sqlite"
    db.write_bytes(b"not sqlite" * 50)
    result = _run("--db", str(db), "--smoke")
    assert result.returncode == 1
    assert "DamagedFileError" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == b"not sqlite" * 50


def test_start_up_does_not_load_export_import_or_migration_libraries(tmp_path):
    """Start-up time is a budget (DESIGN.md §5): openpyxl, reportlab, pypinyin and Alembic
    load when an export, import, write or upgrade first needs them, not before."""
    db = tmp_path / "d.sqlite"
    assert _run("--db", str(db), "--smoke").returncode == 0  # create and migrate first
    probe = (
        "import sys; from pathlib import Path;"
        "from dangjian_desktop.app import main;"
        f"rc = main(['--db', {str(db)!r}, '--smoke']);"
        "print(sorted(m for m in ('openpyxl', 'reportlab', 'pypinyin', 'alembic')"
        " if m in sys.modules), rc)"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "[] 0"
