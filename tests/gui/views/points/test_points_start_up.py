"""The 积分 tab adds nothing to start-up (DESIGN.md §5): its dialogs load when first used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

LAZY = (
    "dangjian_desktop.gui.dialogs.point_entry_dialog",
    "dangjian_desktop.gui.dialogs.point_scheme_dialog",
    "dangjian_desktop.gui.dialogs.point_statement_dialog",
)


def test_the_points_dialogs_are_not_loaded_at_start_up(tmp_path):
    db = tmp_path / "d.sqlite"
    probe = (
        "import sys; from dangjian_desktop.app import main;"
        f"rc = main(['--db', {str(db)!r}, '--smoke']);"
        f"print(sorted(m for m in {LAZY!r} if m in sys.modules), rc)"
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
