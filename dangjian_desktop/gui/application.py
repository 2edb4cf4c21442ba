"""The QApplication and opening the data file with dialogs for what can go wrong."""

from __future__ import annotations

import logging
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
# The UI is Chinese whatever the PC's language: an English Windows or a Linux with LANG=C
# must still show 一月/周一 in calendars and 取消/查找范围 in Qt's own dialogs.
CHINESE = QLocale(
    QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China
)
log = logging.getLogger(__name__)

# Strings of Qt 6 that its own qtbase_zh_CN.qm still lacks (the source text gained an "&"),
# found by listing the English left in a translated widget-based file dialog.
QT_ZH_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class QtGapsTranslator(QTranslator):
    """Fills QT_ZH_GAPS. Installed before qtbase, so it is asked only when qtbase has no
    translation, which includes every string of this program.

    None (a null QString) means "not mine": Qt asks the next translator or keeps the source
    text. An empty string would count as a translation and blank every label of the app."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return QT_ZH_GAPS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


def create_application() -> QApplication:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("党建台账")
    install_chinese(app)
    messages.set_translator(QCoreApplication.translate)
    load_app_font(app)
    app.setStyleSheet(STYLE_SHEET)
    return app


def install_chinese(app: QApplication) -> bool:
    """zh_CN as the default locale (month and day names, number formats) and Qt's own zh_CN
    strings (standard buttons 确定/取消, the file dialog). False when the .qm is missing."""
    QLocale.setDefault(CHINESE)
    app.installTranslator(QtGapsTranslator(app))
    for folder in qt_translation_dirs():
        translator = QTranslator(app)
        if translator.load(CHINESE, "qtbase", "_", str(folder)):
            app.installTranslator(translator)
            return True
    log.warning("qtbase_zh_CN.qm not found in %s", [str(d) for d in qt_translation_dirs()])
    return False


def qt_translation_dirs() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea (QLibraryInfo, right for a wheel install and
    for the PyInstaller bundle), then the folders of the PySide6 wheel layouts (Qt/translations
    on Linux and macOS, translations on Windows) in case qt.conf points elsewhere."""
    import PySide6

    package = Path(PySide6.__file__).parent
    candidates = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        package / "Qt" / "translations",
        package / "translations",
    ]
    found: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return found


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
