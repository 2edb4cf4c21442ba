"""The log file beside the data file (帮助 → 打开日志文件夹), shared by the window and the
command line. A folder that cannot be written is not fatal: the program runs without a log.

The log holds no personal data (DESIGN.md §3): SQL errors come without their parameters
(storage/engine.py, hide_parameters), and as a second line of defence anything shaped like
an ID or mobile number is masked before it is written. The file is 0600 in a 0700 folder on
POSIX; Windows ignores the modes.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from dangjian_desktop.export.atomic import PRIVATE_FILE_MODE, make_private_dirs

LOG_FILE_NAME = "dangjian.log"
_log_path: Path | None = None

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """Mask ID numbers (110105********1234) and mobile numbers (138****5678)."""
    return _MOBILE.sub(r"\1****\2", _ID_NUMBER.sub(r"\1********\2", text))


class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """Opens each log file (the first and every one after a rollover) 0600."""

    def _open(self):
        def opener(path, flags):
            return os.open(path, flags, PRIVATE_FILE_MODE)

        return open(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=opener,
        )


def setup_logging(log_dir: Path) -> Path | None:
    global _log_path
    try:
        make_private_dirs(log_dir)
        handler = _PrivateRotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(_ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_path = log_dir / LOG_FILE_NAME
    return _log_path


def log_path() -> Path | None:
    return _log_path
