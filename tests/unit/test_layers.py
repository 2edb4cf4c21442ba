"""STYLE.md §1: domain/, storage/, services/ and export/ never import PySide6; gui/ calls
services/ only — never a table class, a repository, SQLModel or SQLAlchemy.

Checked in a fresh interpreter, because this test process may already have loaded Qt for
the GUI tests, and statically, because an import inside a function only runs when called.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dangjian_desktop

PACKAGE_DIR = Path(dangjian_desktop.__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
QT_FREE_PACKAGES = ["domain", "storage", "services", "export", "cli", "demo"]
# Modules beside the packages that the command line and the services share.
QT_FREE_MODULES = ["paths.py", "settings.py", "messages.py", "progress.py", "logs.py"]
# Alembic runs env.py and the revision scripts itself; importing them directly fails.
NOT_IMPORTABLE = ("dangjian_desktop.storage.migrations",)
QT_NAMES = ("PySide6", "shiboken6", "dangjian_desktop.gui")

# The modules named in the brief; the ones found on disk are added, so a new module is
# covered without editing this list.
NAMED_MODULES = [
    "dangjian_desktop.paths",
    "dangjian_desktop.settings",
    "dangjian_desktop.domain",
    "dangjian_desktop.storage",
    "dangjian_desktop.storage.engine",
    "dangjian_desktop.storage.database",
    "dangjian_desktop.storage.backup",
    "dangjian_desktop.storage.migrate",
    "dangjian_desktop.storage.tables",
    "dangjian_desktop.storage.branch_repo",
    "dangjian_desktop.services",
    "dangjian_desktop.export",
]

# Imports the modules one by one and reports, for each, which Qt modules are loaded after it.
PROBE = """
import importlib, json, sys
result = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    result[name] = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
print(json.dumps(result))
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_sources() -> list[Path]:
    packaged = [f for package in QT_FREE_PACKAGES for f in (PACKAGE_DIR / package).rglob("*.py")]
    return sorted(packaged + [PACKAGE_DIR / name for name in QT_FREE_MODULES])


def core_modules() -> list[str]:
    found = [_module_name(f) for f in core_sources()]
    found = [m for m in found if not m.startswith(NOT_IMPORTABLE)]
    return list(dict.fromkeys(NAMED_MODULES + found))


def qt_modules_after_import(modules: list[str]) -> dict[str, list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *modules],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_core_packages_do_not_load_pyside6():
    modules = core_modules()
    result = qt_modules_after_import(modules)
    assert list(result) == modules  # every module was imported
    loaded_qt = [name for name, qt in result.items() if qt]
    assert loaded_qt == [], f"{loaded_qt[0]} loaded {result[loaded_qt[0]]}"


def test_probe_sees_pyside6_when_it_is_imported():
    """Without this, a probe that never saw Qt would make the test above pass forever."""
    pytest.importorskip("PySide6")
    result = qt_modules_after_import(["dangjian_desktop.domain", "PySide6.QtCore"])
    assert result["dangjian_desktop.domain"] == []
    assert "PySide6.QtCore" in result["PySide6.QtCore"]


def imported_names(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def is_qt(name: str) -> bool:
    return any(name == q or name.startswith(q + ".") for q in QT_NAMES)


def test_static_check_sees_a_lazy_qt_import():
    source = "def f():\n    from PySide6 import QtCore\n    from dangjian_desktop import gui\n"
    assert sorted(n for n in imported_names(source) if is_qt(n)) == [
        "PySide6",
        "PySide6.QtCore",
        "dangjian_desktop.gui",
    ]


def test_no_qt_import_anywhere_in_core_source():
    """Also imports inside functions, which the fresh-interpreter check cannot see."""
    files = core_sources()
    assert {f.relative_to(PACKAGE_DIR).parts[0] for f in files} == set(
        QT_FREE_PACKAGES + QT_FREE_MODULES
    )
    offenders = {
        str(f.relative_to(REPO_ROOT)): sorted(
            n for n in imported_names(f.read_text(encoding="utf-8")) if is_qt(n)
        )
        for f in files
    }
    assert {f: names for f, names in offenders.items() if names} == {}


# --- gui/ reaches the data only through services/ ----------------------------------------------
GUI_DIR = PACKAGE_DIR / "gui"
# Storage *types* a view may name (errors it words, a backup it lists, a check's report) are
# fine; what would let a view read or write rows itself is not.
DATA_ACCESS = ("sqlalchemy", "sqlmodel", "dangjian_desktop.storage.tables")


def is_data_access(name: str) -> bool:
    if any(name == d or name.startswith(d + ".") for d in DATA_ACCESS):
        return True
    parts = name.split(".")
    return parts[:2] == ["dangjian_desktop", "storage"] and any(
        p.endswith("_repo") for p in parts[2:]
    )


def data_access_imports(source: str) -> list[str]:
    return sorted(n for n in imported_names(source) if is_data_access(n))


def test_gui_never_imports_tables_repositories_or_the_orm():
    files = sorted(f for f in GUI_DIR.rglob("*.py") if "forms" not in f.parts)
    assert len(files) > 30  # the check looked at the GUI, not an empty folder
    offenders = {
        str(f.relative_to(REPO_ROOT)): names
        for f in files
        if (names := data_access_imports(f.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_gui_check_sees_data_access_and_lets_types_through():
    """The control: without it, a check that never matched would pass forever."""
    source = (
        "from sqlalchemy import select\n"
        "import sqlmodel\n"
        "from dangjian_desktop.storage.tables import MemberRow\n"
        "from dangjian_desktop.storage import member_repo, errors\n"
        "def later():\n"
        "    from dangjian_desktop.storage.meeting_repo import ids\n"
        "from dangjian_desktop.storage.errors import DamagedRecordError\n"
        "from dangjian_desktop.storage.backup import BackupInfo\n"
        "from dangjian_desktop.services import Workspace\n"
    )
    assert data_access_imports(source) == [
        "dangjian_desktop.storage.meeting_repo",
        "dangjian_desktop.storage.meeting_repo.ids",
        "dangjian_desktop.storage.member_repo",
        "dangjian_desktop.storage.tables",
        "dangjian_desktop.storage.tables.MemberRow",
        "sqlalchemy",
        "sqlalchemy.select",
        "sqlmodel",
    ]
