"""The main window: tabs, menus, status bar; window geometry remembered in QSettings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from dangjian_desktop import __version__
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.dialogs.restore_dialog import RestoreDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.tasks import wait_for_tasks
from dangjian_desktop.gui.views.branch_view import BranchView, confirm_discard
from dangjian_desktop.gui.views.dashboard_view import DashboardView
from dangjian_desktop.gui.views.members_view import MembersView
from dangjian_desktop.gui.views.placeholder_view import PlaceholderView
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.storage.errors import StorageError

AUTO_BACKUP_CHECK_MS = 60_000


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.events = AppEvents(self)
        self.setWindowTitle(self.tr("党建台账"))
        self.setMinimumSize(760, 520)

        self.tabs = QTabWidget(self)
        self.dashboard_view = DashboardView(workspace, self.events, self)
        self.branch_view = BranchView(workspace, self.events, self)
        self.members_view = MembersView(workspace, self.events, self)
        self.tabs.addTab(self.dashboard_view, self.tr("工作台"))
        self.tabs.addTab(self.branch_view, self.tr("支部信息"))
        self.tabs.addTab(self.members_view, self.tr("党员"))
        for title, planned in (
            (self.tr("会议"), self.tr("三会一课记录、出席与表决、年度落实情况")),
            (self.tr("积分"), self.tr("三亮三比三评积分、评议与星级")),
            (self.tr("阵地"), self.tr("“六有”检查表、检查记录与整改")),
        ):
            self.tabs.addTab(PlaceholderView(title, planned, self), title)
        self.setCentralWidget(self.tabs)

        self.file_label = QLabel(self)
        self.backup_label = QLabel(self)
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._build_menus()
        self.events.changed.connect(self._on_changed)
        self._update_status()

        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(AUTO_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_timer.start()
        self._restore_geometry()

    # --- menus ---------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.backup_action = self._action(self.tr("立即备份(&B)"), self.backup_now, "Ctrl+B")
        self.restore_action = self._action(self.tr("从备份恢复(&R)…"), self.restore_from_backup)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self._action(self.tr("打开数据文件夹"), self._open_data_folder))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.save_action = self._action(
            self.tr("保存(&S)"), self.save_current, QKeySequence.StandardKey.Save
        )
        edit_menu.addAction(self.save_action)

        self.export_menu = bar.addMenu(self.tr("导出(&X)"))
        self._build_export_menu(self.export_menu)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action(self.tr("打开日志文件夹"), self._open_log_folder))
        help_menu.addAction(self._action(self.tr("关于党建台账(&A)"), self._about))

    def _exports(self) -> list[tuple[str, str, Callable[[str], None]]]:
        """Every report the window can export: (key, name, action taking "xlsx" or "pdf").

        Each tab adds its reports here, calling the same action as its own export button, so
        the menu and the tab never differ (三会一课台账, 积分排名, 阵地检查报告 come with their
        tabs).
        """
        return [
            ("roster", self.tr("党员花名册"), self.members_view.actions.export_roster),
        ]

    def _build_export_menu(self, menu) -> None:
        for key, name, export in self._exports():
            for fmt, kind in (("xlsx", self.tr("Excel")), ("pdf", self.tr("PDF"))):
                action = self._action(
                    self.tr("{name}（{kind}）…").format(name=name, kind=kind),
                    lambda _checked=False, export=export, fmt=fmt: export(fmt),
                )
                action.setObjectName(f"export_{key}_{fmt}")
                menu.addAction(action)

    # --- actions -------------------------------------------------------------------------
    def save_current(self) -> None:
        if self.tabs.currentWidget() is self.branch_view:
            self.branch_view.save()

    def backup_now(self) -> None:
        try:
            info = self._ws.backup_now()
        except StorageError as exc:
            errors.show_storage_error(self, exc)
            return
        self.events.publish(Changes(backups=True))
        self.statusBar().showMessage(self.tr("已备份到 {path}").format(path=info.path), 5000)

    def backup_if_due(self) -> None:
        try:
            info = self._ws.backup_if_due()
        except StorageError as exc:  # a failed automatic backup must not interrupt work
            errors.log.warning("automatic backup failed: %s", exc)
            self.statusBar().showMessage(self.tr("自动备份失败：{msg}").format(msg=exc), 10000)
            return
        if info is not None:
            self.events.publish(Changes(backups=True))

    def restore_from_backup(self) -> None:
        if not self._resolve_unsaved():
            return
        dialog = RestoreDialog(self._ws.list_backups(), self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.selected_path() is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("确认恢复"),
            self.tr("确定用所选备份替换当前数据吗？当前数据会先另存为一份“恢复前”备份。"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = self._ws.restore(dialog.selected_path())
        except StorageError as exc:
            errors.show_storage_error(self, exc)
            return
        self.events.publish(changes)
        self.statusBar().showMessage(self.tr("已从备份恢复"), 5000)

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ws.path.parent)))

    def _open_log_folder(self) -> None:
        path = errors.log_path()
        QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path.parent if path else self._ws.path.parent))
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于党建台账"),
            self.tr(
                "党建台账 {v}\n离线的党支部工作台账：党员、三会一课、积分、阵地。\n数据文件：{path}"
            ).format(v=__version__, path=self._ws.path),
        )

    # --- status --------------------------------------------------------------------------
    def _on_changed(self, _changes: Changes) -> None:
        self._update_status()

    def _update_status(self) -> None:
        self.file_label.setText(self.tr("数据文件：{path}").format(path=self._ws.path))
        last = self._ws.last_backup
        self.backup_label.setText(
            self.tr("最近备份：{when}").format(
                when=last.strftime("%Y-%m-%d %H:%M") if last else self.tr("无")
            )
        )

    # --- lifetime ------------------------------------------------------------------------
    def _resolve_unsaved(self) -> bool:
        """True when it is fine to go on: nothing unsaved, saved now, or discarded."""
        if not self.branch_view.is_dirty():
            return True
        answer = confirm_discard(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.branch_view.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.branch_view.reload()
            return True
        return False

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._resolve_unsaved():
            event.ignore()
            return
        self._backup_timer.stop()
        wait_for_tasks()  # an export still writing must finish before the file closes
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        event.accept()
