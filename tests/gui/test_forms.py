"""Generated forms must match their Designer sources in ui/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "dangjian_desktop" / "gui" / "forms"


def _body(text: str) -> list[str]:
    # The header names the uic version that wrote it; the code below it is what matters.
    return [line for line in text.splitlines() if "Qt User Interface Compiler" not in line]


@pytest.mark.parametrize("ui_file", sorted((ROOT / "ui").glob("*.ui")), ids=lambda p: p.name)
def test_generated_form_is_up_to_date(ui_file, tmp_path):
    beside = Path(sys.executable).with_name("pyside6-uic")  # the venv's own, in CI
    uic = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    assert uic, "pyside6-uic (PySide6-Essentials) is not installed"
    generated = FORMS / f"ui_{ui_file.stem}.py"
    assert generated.exists(), f"run: pyside6-uic {ui_file} -o {generated}"
    fresh = tmp_path / generated.name
    subprocess.run([uic, str(ui_file), "-o", str(fresh)], check=True)
    assert _body(generated.read_text("utf-8")) == _body(fresh.read_text("utf-8")), (
        f"{generated.name} is stale: run pyside6-uic {ui_file} -o {generated}"
    )
