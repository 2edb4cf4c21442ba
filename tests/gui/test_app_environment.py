"""The program started the way users and the system start it: without a desktop, and
stopped by a signal (logout, a closed terminal, Ctrl+C)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(extra)
    return env


def test_without_a_desktop_one_chinese_line_and_a_failure_exit(tmp_path):
    db = tmp_path / "d.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "dangjian_desktop", "--db", str(db)],
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "需要图形桌面" in lines[0] and "X11/Wayland" in lines[0]
    assert "xcb" not in result.stderr and result.stdout == ""
    assert not db.exists()  # nothing was created on the way out


def test_smoke_still_runs_offscreen_without_a_desktop():
    result = subprocess.run(
        [sys.executable, "-m", "dangjian_desktop", "--smoke"],
        env=_env(QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: main window shown" in result.stdout
