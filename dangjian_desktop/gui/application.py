"""The QApplication and opening the data file with dialogs for what can go wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from dangjian_desktop import messages
from dangjian_desktop.gui.errors import show_storage_error
from dangjian_desktop.gui.fonts import load_app_font
from dangjian_desktop.paths import backup_dir_for
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.recovery import newest_good_backup, restore_damaged
from dangjian_desktop.storage.errors import DamagedFileError, StorageError

ORGANIZATION = "dangjian_desktop"
APPLICATION = "dangjian"
STYLE_SHEET = "QLabel#errorText { color: #c0392b; }"


def create_application() -> QApplication:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("党建台账")
    install_qt_translations(app)
    messages.set_translator(QCoreApplication.translate)
    load_app_font(app)
    app.setStyleSheet(STYLE_SHEET)
    return app


def install_qt_translations(app: QApplication) -> None:
    """Qt's own zh_CN strings, so standard buttons read 确定/取消, not OK/Cancel."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder
    ):
        app.installTranslator(translator)


def open_workspace_interactive(db_path: Path, interactive: bool = True) -> Workspace | None:
    """Open the file; on a damaged file offer the newest good backup. None = give up."""
    while True:
        try:
            return Workspace.open(db_path)
        except DamagedFileError as exc:
            if not interactive or not _offer_restore(db_path, exc):
                _report(exc, interactive)
                return None
        except StorageError as exc:
            _report(exc, interactive)
            return None


def _report(exc: StorageError, interactive: bool) -> None:
    if interactive:
        show_storage_error(None, exc)
    else:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)


def _offer_restore(db_path: Path, exc: DamagedFileError) -> bool:
    good = newest_good_backup(backup_dir_for(db_path))
    if good is None:
        return False
    question = QMessageBox.question(
        None,
        QApplication.translate("application", "数据文件已损坏"),
        QApplication.translate(
            "application",
            "数据文件“{path}”已损坏，无法打开。\n\n"
            "找到一份完好的备份（{when}）。是否用它恢复？\n"
            "损坏的文件会改名保留在原文件夹中，不会被删除。",
        ).format(path=db_path, when=good.taken_at.strftime("%Y-%m-%d %H:%M:%S")),
    )
    if question != QMessageBox.StandardButton.Yes:
        return False
    try:
        restored = restore_damaged(db_path)
    except StorageError as err:
        show_storage_error(None, err)
        return False
    return restored is not None
