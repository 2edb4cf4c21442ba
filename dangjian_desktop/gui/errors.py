"""How errors reach the user: environment errors as a clear Chinese dialog, programming
errors logged to a file and shown as a short apology with the log path (qutebrowser's split)."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dangjian_desktop.logs import log_path
from dangjian_desktop.messages import storage_error_text, storage_error_title
from dangjian_desktop.storage.errors import StorageError, classify

log = logging.getLogger("dangjian_desktop")


def show_storage_error(parent: QWidget | None, error: StorageError) -> None:
    QMessageBox.warning(parent, storage_error_title(error), storage_error_text(error))


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """An error from an action: worded in Chinese when the user can act on it, otherwise
    logged as a bug with the short apology. Without a title, a storage error is shown under
    its own (磁盘已满, 数据已损坏 …)."""
    from dangjian_desktop.messages import error_text

    if isinstance(exc, StorageError) and not title:
        show_storage_error(parent, exc)
        return
    text = error_text(exc)
    if text is None:
        handle_exception(type(exc), exc, exc.__traceback__)
    else:
        QMessageBox.warning(parent, title, text)


def show_bug(parent: QWidget | None) -> None:
    path = log_path()
    where = str(path) if path else QCoreApplication.translate("errors", "（日志不可用）")
    QMessageBox.critical(
        parent,
        QCoreApplication.translate("errors", "内部错误"),
        QCoreApplication.translate(
            "errors",
            "很抱歉，程序出现了内部错误，刚才的操作没有完成；已保存的数据不受影响。\n\n"
            "错误详情已记录在：\n{path}\n\n请把这个文件发给技术支持人员。",
        ).format(path=where),
    )


def handle_exception(exc_type, exc, tb) -> None:
    """sys.excepthook: never a raw traceback in front of the user."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    parent = QApplication.activeWindow()
    mapped = classify(exc, getattr(exc, "path", "")) if isinstance(exc, Exception) else None
    if mapped is not None:
        log.warning("environment error: %s", exc)
        show_storage_error(parent, mapped)
        return
    log.error("unhandled error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    show_bug(parent)


def install_excepthook() -> None:
    sys.excepthook = handle_exception
