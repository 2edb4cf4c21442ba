"""Generated forms must match their Designer sources in ui/ (tools/build_forms.py)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_forms", ROOT / "tools" / "build_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_forms = _load_tool()


@pytest.mark.parametrize("ui_file", build_forms.sources(), ids=lambda p: p.name)
def test_generated_form_is_up_to_date(ui_file):
    generated = build_forms.target(ui_file)
    assert generated.exists(), "run: python tools/build_forms.py"
    assert build_forms.is_current(ui_file), (
        f"{generated.name} is stale: run python tools/build_forms.py"
    )


def test_every_generated_form_has_its_source():
    assert build_forms.orphans() == []


def test_the_check_sees_a_changed_source_and_the_tool_regenerates_it(tmp_path, monkeypatch):
    """The control: an edited .ui makes the check fail, and the tool brings it back."""
    ui_dir, forms_dir = tmp_path / "ui", tmp_path / "forms"
    ui_dir.mkdir()
    forms_dir.mkdir()
    source = next(iter(build_forms.sources()))
    copy = ui_dir / source.name
    shutil.copyfile(source, copy)
    shutil.copyfile(build_forms.target(source), forms_dir / build_forms.target(source).name)
    monkeypatch.setattr(build_forms, "UI_DIR", ui_dir)
    monkeypatch.setattr(build_forms, "FORMS_DIR", forms_dir)
    monkeypatch.setattr(build_forms, "ROOT", tmp_path)
    assert build_forms.main(["--check"]) == 0
    copy.write_text(copy.read_text("utf-8").replace("<string>", "<string>改", 1), "utf-8")
    assert build_forms.main(["--check"]) == 1
    assert build_forms.main([]) == 0
    assert build_forms.main(["--check"]) == 0
    (forms_dir / "ui_gone.py").write_text("# a form whose .ui was deleted\n", "utf-8")
    assert build_forms.main(["--check"]) == 1
