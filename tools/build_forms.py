"""Regenerate every Designer form: ui/<name>.ui → dangjian_desktop/gui/forms/ui_<name>.py.

    python tools/build_forms.py          # regenerate the forms whose source changed
    python tools/build_forms.py --check  # only say which are stale; exit 1 if any are

The generated modules are committed (PyInstaller and a fresh checkout need nothing extra)
and never edited by hand; tests/gui/test_forms.py runs the same check. A form counts as up
to date when everything but uic's version line matches what pyside6-uic makes of its
source now (calibre's build_forms.py, Anki's build_ui.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "dangjian_desktop" / "gui" / "forms"
VERSION_LINE = "Qt User Interface Compiler"


def uic() -> str:
    """The pyside6-uic of the running interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def target(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def body(text: str) -> list[str]:
    """The generated code without the header line naming the uic version that wrote it."""
    return [line for line in text.splitlines() if VERSION_LINE not in line]


def compile_form(ui_file: Path, out: Path) -> None:
    subprocess.run([uic(), str(ui_file), "-o", str(out)], check=True)


def is_current(ui_file: Path) -> bool:
    generated = target(ui_file)
    if not generated.exists():
        return False
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / generated.name
        compile_form(ui_file, fresh)
        return body(generated.read_text("utf-8")) == body(fresh.read_text("utf-8"))


def orphans() -> list[Path]:
    """Generated modules whose .ui source is gone."""
    wanted = {target(ui).name for ui in sources()}
    return sorted(p for p in FORMS_DIR.glob("ui_*.py") if p.name not in wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale forms, write nothing")
    args = parser.parse_args(argv)
    stale = [ui for ui in sources() if not is_current(ui)]
    for ui in stale:
        if args.check:
            print(f"stale: {target(ui).relative_to(ROOT)} (from {ui.relative_to(ROOT)})")
        else:
            compile_form(ui, target(ui))
            print(f"wrote {target(ui).relative_to(ROOT)}")
    for path in orphans():
        print(f"no source for {path.relative_to(ROOT)}: delete it or restore its .ui")
    if args.check:
        return 1 if stale or orphans() else 0
    return 1 if orphans() else 0


if __name__ == "__main__":
    sys.exit(main())
