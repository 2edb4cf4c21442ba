"""The log file beside the data file (帮助 → 打开日志文件夹), shared by the window and the
command line. A folder that cannot be written is not fatal: the program runs without a log."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "dangjian.log"
_log_path: Path | None = None


def setup_logging(log_dir: Path) -> Path | None:
    global _log_path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_path = log_dir / LOG_FILE_NAME
    return _log_path


def log_path() -> Path | None:
    return _log_path
