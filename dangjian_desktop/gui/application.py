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
from dangjian_desktop.storage.errors import DamagedFileError, EmptyFileError, StorageError

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
    """Open the file; on a damaged (or emptied) file offer the newest good backup. None =
    give up. A full disk, a failing stick or another program's file is reported as what it
    is, and never offered a restore: the file is not at fault (issue 7.5, 7.7, 7.8)."""
    offered = False
    while True:
        try:
            return Workspace.open(db_path)
        except DamagedFileError as exc:
            if offered or not interactive:
                _report(exc, interactive)
                return None
            offered = True
            answer = _offer_restore(db_path, exc)
            if answer is None:  # declined, or no usable backup: say what is wrong
                _report(exc, interactive)
                return None
            if answer is False:  # the restore itself failed and was reported
                return None
        except StorageError as exc:
            _report(exc, interactive)
            return None


def _report(exc: StorageError, interactive: bool) -> None:
    if interactive:
        show_storage_error(None, exc)
    else:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)


def _offer_restore(db_path: Path, exc: DamagedFileError) -> bool | None:
    """True = restored, try again; False = the restore failed (reported); None = no
    backup to offer, or the user declined."""
    good = newest_good_backup(backup_dir_for(db_path))
    if good is None:
        return None
    when = good.taken_at.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(exc, EmptyFileError):
        title = QApplication.translate("application", "数据文件是空的")
        text = QApplication.translate(
            "application",
            "数据文件“{path}”是空的（0 字节），可能是写入时断电或U盘被拔出，"
            "而不是新建的台账。\n\n"
            "找到一份完好的备份（{when}）。是否用它恢复？\n"
            "空文件会改名保留在原文件夹中，不会被删除。",
        )
    else:
        title = QApplication.translate("application", "数据文件已损坏")
        text = QApplication.translate(
            "application",
            "数据文件“{path}”已损坏，无法打开。\n\n"
            "找到一份完好的备份（{when}）。是否用它恢复？\n"
            "损坏的文件会改名保留在原文件夹中，不会被删除。",
        )
    question = QMessageBox.question(None, title, text.format(path=db_path, when=when))
    if question != QMessageBox.StandardButton.Yes:
        return None
    try:
        restored = restore_damaged(db_path)
    except StorageError as err:  # a full disk, a failing stick: typed, nothing half-copied
        show_storage_error(None, err)
        return False
    return True if restored is not None else None
