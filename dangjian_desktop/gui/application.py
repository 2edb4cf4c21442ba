"""The QApplication and opening the data file with dialogs for what can go wrong."""

from __future__ import annotations

import logging
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSocketNotifier,
    QTimer,
    QTranslator,
)
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


# What a desktop sends to end a program: logout or shutdown (SIGTERM), the terminal it was
# started from closing (SIGHUP), Ctrl+C in that terminal (SIGINT).
QUIT_SIGNALS = tuple(
    s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None
)
SIGNAL_POLL_MS = 250  # Windows only: how often Python gets the chance to see a signal


class QuitSignals(QObject):
    """Turns SIGINT/SIGTERM/SIGHUP into a call of `on_signal(signum)` from the event loop.

    A Python signal handler runs only when the interpreter runs, and Qt's event loop is C++:
    without help a signal waits until the next mouse move (SIGTERM, SIGHUP) or surfaces as a
    KeyboardInterrupt traceback (SIGINT). The C-level handler also writes the signal number
    to a wakeup socket (signal.set_wakeup_fd); a QSocketNotifier on its other end wakes the
    loop at once. Windows has no such notifier for it here, so a timer gives Python a turn.
    `on_signal` runs from the loop, never in the middle of whatever Python code was running
    when the signal came."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._pending: list[int] = []
        self._previous: dict[int, object] = {}
        self._previous_fd: int | None = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None

    def install(self) -> None:
        for signum in QUIT_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        if sys.platform.startswith("win"):
            self._timer = QTimer(self)
            self._timer.setInterval(SIGNAL_POLL_MS)
            self._timer.timeout.connect(self._dispatch)
            self._timer.start()
            return
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        self._sockets = (reader, writer)
        self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._dispatch)

    def uninstall(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()
        if self._timer is not None:
            self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            signal.set_wakeup_fd(-1 if self._previous_fd is None else self._previous_fd)
        if self._sockets is not None:
            for sock in self._sockets:
                sock.close()
            self._sockets = None

    def _handle(self, signum: int, _frame) -> None:
        self._pending.append(signum)  # only this: the handler may interrupt any code

    def _dispatch(self, *_args) -> None:
        if self._sockets is not None:
            try:
                while self._sockets[0].recv(512):
                    pass
            except (BlockingIOError, InterruptedError):
                pass
        while self._pending:
            self._on_signal(self._pending.pop(0))


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
