"""Where the program finds its resources and keeps its data.

One helper for resources that also works inside the PyInstaller bundle, and the data
locations: the platform data folder by default, or next to the program in portable mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from dangjian_desktop import APP_NAME

DB_FILE_NAME = "dangjian.sqlite"
# A file with this name next to the program (or the source tree) switches to portable mode:
# data, backups and logs live in a "data" folder beside it, e.g. on a USB stick.
PORTABLE_MARKER = "portable.txt"


def program_dir() -> Path:
    """The folder that holds the program: the bundle folder when frozen, else the repo."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    base = Path(getattr(sys, "_MEIPASS", program_dir()))
    return base.joinpath("resources", *parts)


def cjk_font_path() -> Path:
    """The shipped CJK TrueType collection, used by the GUI and by PDF exports alike."""
    return resource_path("fonts", "wqy-microhei.ttc")


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "storage" / "migrations"


def is_portable(base: Path | None = None) -> bool:
    return ((base or program_dir()) / PORTABLE_MARKER).exists()


def data_dir(base: Path | None = None) -> Path:
    base = base or program_dir()
    if is_portable(base):
        return base / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the data file, so a USB stick carries both."""
    return db_path.parent / "backups" / db_path.stem


def log_dir_for(db_path: Path) -> Path:
    return db_path.parent / "logs"
