"""The main window: tabs, menus, status bar; window geometry remembered in QSettings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from dangjian_desktop import __version__
from dangjian_desktop.domain.dashboard import RecordKind, RecordRef
from dangjian_desktop.gui import demo_launch, errors
from dangjian_desktop.gui.dialogs.restore_dialog import RestoreDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.meeting_export_actions import add_meeting_exports
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.point_export_actions import add_point_exports
from dangjian_desktop.gui.statistics_export_actions import add_statistics_export
from dangjian_desktop.gui.tasks import run_in_background, run_with_progress, wait_for_tasks
from dangjian_desktop.gui.venue_export_actions import add_venue_exports
from dangjian_desktop.gui.views.base import TabView, confirm_discard
from dangjian_desktop.gui.views.branch_view import BranchView
from dangjian_desktop.gui.views.dashboard import DashboardView
from dangjian_desktop.gui.views.dashboard import first_run as steps
from dangjian_desktop.gui.views.meetings import MeetingsView
from dangjian_desktop.gui.views.members_view import MembersView
from dangjian_desktop.gui.views.points import PointsView
from dangjian_desktop.gui.views.venues import VenuesView
from dangjian_desktop.messages import error_text, integrity_problem_text
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.storage.database import IntegrityReport

AUTO_BACKUP_CHECK_MS = 60_000
# The full integrity check starts this long after the window is up, off the GUI thread, so
# it never delays the first screen.
AUTO_INTEGRITY_CHECK_MS = 2_000


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._quit_signals = 0
        self._force_close = False
        self.events = AppEvents(self)
        self.setWindowTitle(self.tr("党建台账"))
        self.setMinimumSize(760, 520)

        self.tabs = QTabWidget(self)
        # One line a tab. Each builds its widgets and runs its queries when first shown;
        # the 工作台 is shown first and is built below (DESIGN.md §5).
        ws, events = workspace, self.events
        self.dashboard_view = self._add_tab(DashboardView(ws, events, self), self.tr("工作台"))
        self.branch_view = self._add_tab(BranchView(ws, events, self), self.tr("支部信息"))
        self.members_view = self._add_tab(MembersView(ws, events, self), self.tr("党员"))
        self.meetings_view = self._add_tab(MeetingsView(ws, events, self), self.tr("会议"))
        self.points_view = self._add_tab(PointsView(ws, events, self), self.tr("积分"))
        self.points_view.meeting_requested.connect(self.show_meeting)
        self.venues_view = self._add_tab(VenuesView(ws, events, self), self.tr("阵地"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self._tab_shown(self.tabs.currentIndex())
        self.members_view.restore_requested.connect(self.restore_from_backup)
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
        self._backup_failure: str | None = None  # the automatic backup's error, told once
        self._closing = False
        self._check_task = None
        self.dashboard_view.repair_requested.connect(self.repair_indexes)
        self.dashboard_view.restore_requested.connect(self.restore_from_backup)
        self.dashboard_view.record_requested.connect(self.show_record)
        self.dashboard_view.step_requested.connect(self.first_run_step)
        self.dashboard_view.demo_requested.connect(self.open_demo)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(AUTO_INTEGRITY_CHECK_MS)
        self._check_timer.timeout.connect(lambda: self.check_data_file(on_demand=False))
        self._check_timer.start()
        self._restore_geometry()

    # --- tabs ----------------------------------------------------------------------------
    def _add_tab(self, view: TabView, title: str) -> TabView:
        self.tabs.addTab(view, title)
        return view

    def show_meeting(self, meeting_id: int) -> None:
        """The 工作台 asked for the 会议 tab (0: the calendar, else that record)."""
        self.tabs.setCurrentWidget(self.meetings_view)
        if meeting_id:
            self.meetings_view.open_meeting(meeting_id)
        else:
            self.meetings_view.show_calendar()

    def show_member(self, member_id: int) -> None:
        """The 党员 tab with that member selected (the filter cleared if it hides them)."""
        view = self.members_view
        self.tabs.setCurrentWidget(view)
        view.show_member(member_id)

    def show_tab(self, title: str) -> None:
        """Switch to the tab of that title (阵地 before its tab has an API to open a record)."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)
                return

    def show_record(self, ref: RecordRef) -> None:
        """A line of the 工作台 was clicked: go to the record it concerns."""
        if ref.kind is RecordKind.MEMBER and ref.member_id is not None:
            self.show_member(ref.member_id)
        elif ref.kind is RecordKind.MEETING_RULE:
            self.tabs.setCurrentWidget(self.meetings_view)
            if ref.rule is not None and ref.period_start is not None:
                # the compliance calendar, on the cell of the meeting not held
                self.meetings_view.show_calendar_cell(
                    ref.rule, ref.party_group_id, ref.period_start
                )
            else:
                self.meetings_view.show_calendar()
        elif ref.kind is RecordKind.BRANCH_TERM:
            self.tabs.setCurrentWidget(self.branch_view)
            self.branch_view.election_date.setFocus()
        elif ref.kind is RecordKind.VENUE:
            self.tabs.setCurrentWidget(self.venues_view)
            if ref.rectification_id is not None:
                self.venues_view.show_rectification(ref.rectification_id)
        elif ref.kind is RecordKind.BACKUPS:
            self.backup_now()
        elif ref.kind is RecordKind.DATA_FILE:
            self.check_data_file(on_demand=True)

    def first_run_step(self, step: str) -> None:
        """A button of the 工作台's first-run checklist."""
        if step == steps.BRANCH:
            self.tabs.setCurrentWidget(self.branch_view)
            self.branch_view.full_name.setFocus()
        elif step == steps.IMPORT:
            self.tabs.setCurrentWidget(self.members_view)
            self.members_view.actions.import_roster()
        elif step == steps.MEMBERS:
            self.tabs.setCurrentWidget(self.members_view)
            self.members_view.add_member()
        elif step == steps.PLAN:
            self.tabs.setCurrentWidget(self.meetings_view)
            self.meetings_view.plan_quarter()

    def open_demo(self) -> None:
        """打开示例数据: `dangjian --demo` in a second window, this file stays open."""
        if demo_launch.start_demo():
            self.statusBar().showMessage(self.tr("正在另一个窗口中打开示例数据…"), 8000)
        else:
            QMessageBox.warning(
                self,
                self.tr("打开示例数据"),
                self.tr("未能启动示例数据窗口。可以在命令行中运行“dangjian --demo”打开。"),
            )

    def tab_views(self) -> list[TabView]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _tab_shown(self, index: int) -> None:
        """The current tab is built now: at start (the 工作台) and on every switch, also
        while the window is not on screen (a page builds itself when Qt shows it, too)."""
        view = self.tabs.widget(index)
        if isinstance(view, TabView):
            view.ensure_built()

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
        self.check_action = self._action(
            self.tr("检查数据文件(&K)"), lambda: self.check_data_file(on_demand=True)
        )
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.check_action)
        file_menu.addAction(self._action(self.tr("打开数据文件夹"), self._open_data_folder))
        file_menu.addSeparator()
        self.report_action = self._action(self.tr("生成上报材料(&P)…"), self.make_report_package)
        self.verify_action = self._action(self.tr("校验上报材料(&V)…"), self.verify_report_package)
        file_menu.addActions([self.report_action, self.verify_action])
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.save_action = self._action(
            self.tr("保存(&S)"), self.save_current, QKeySequence.StandardKey.Save
        )
        edit_menu.addAction(self.save_action)
        edit_menu.addSeparator()
        self.settings_action = self._action(
            self.tr("设置(&T)…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        edit_menu.addAction(self.settings_action)

        self.export_menu = bar.addMenu(self.tr("导出(&X)"))
        self._build_export_menu(self.export_menu)
        self.meeting_exports = add_meeting_exports(self.export_menu, self._ws, self)
        self.point_exports = add_point_exports(self.export_menu, self._ws, self)
        self.venue_exports = add_venue_exports(self.export_menu, self._ws, self)
        self.statistics_export = add_statistics_export(self.export_menu, self._ws, self)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.audit_action = self._action(self.tr("操作记录(&L)…"), self.open_audit_log)
        help_menu.addAction(self.audit_action)
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
        view = self.tabs.currentWidget()
        if isinstance(view, TabView) and view.is_built:
            view.save()

    def open_settings(self) -> None:
        from dangjian_desktop.gui.dialogs.settings_dialog import SettingsDialog  # when first used

        SettingsDialog(self._ws, self.events.publish, self).exec()

    def make_report_package(self) -> None:
        from dangjian_desktop.gui.dialogs.report_package_dialog import ReportPackageDialog

        ReportPackageDialog(self._ws, self).exec()

    def verify_report_package(self) -> None:
        from dangjian_desktop.gui.dialogs.verify_package_dialog import VerifyPackageDialog

        VerifyPackageDialog(self._ws.reports.verify, self).exec()

    def open_audit_log(self) -> None:
        from dangjian_desktop.gui.dialogs.audit_dialog import AuditDialog

        AuditDialog(self._ws, self).exec()

    def backup_now(self) -> None:
        run_op(
            self,
            self.events,
            lambda: (self._ws.backup_now(), Changes(backups=True)),
            on_success=lambda info: self.statusBar().showMessage(
                self.tr("已备份到 {path}").format(path=info.path), 5000
            ),
        )

    def backup_if_due(self) -> None:
        """The timer's slot, every minute. A failing automatic backup is told once, then
        retried quietly each minute, and its recovery is told: the same dialog every
        minute would make the program unusable exactly when the stick is loose."""

        def backup():
            info = self._ws.backup_if_due()
            return info, Changes(backups=info is not None)

        # Any error: a failed automatic backup must not interrupt work.
        run_op(
            self,
            self.events,
            backup,
            on_success=self._automatic_backup_done,
            on_error=self._automatic_backup_failed,
        )

    def _automatic_backup_done(self, _info) -> None:
        if self._backup_failure is not None:
            errors.log.warning("automatic backup works again")
            self._backup_failure = None
            self.backup_label.setObjectName("")
            self._repolish(self.backup_label)
            self.statusBar().showMessage(self.tr("自动备份已恢复正常。"), 10000)
        self._update_status()

    def _automatic_backup_failed(self, exc: Exception) -> None:
        text = error_text(exc)
        first = self._backup_failure is None
        self._backup_failure = text or type(exc).__name__
        self.backup_label.setText(self.tr("自动备份失败，每分钟自动重试"))
        self.backup_label.setObjectName("errorText")
        self._repolish(self.backup_label)
        if not first:
            return  # said already; the retry stays quiet
        if text is None:  # our bug: logged with its traceback, shown as the apology, once
            errors.handle_exception(type(exc), exc, exc.__traceback__)
            return
        errors.log.warning("automatic backup failed: %s", exc)
        QMessageBox.warning(
            self,
            self.tr("自动备份失败"),
            text + self.tr("\n\n程序会每分钟自动重试，不再重复提示；恢复正常后会在状态栏告诉您。"),
        )

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- the full check ------------------------------------------------------------------
    def check_data_file(self, on_demand: bool = True) -> None:
        """PRAGMA integrity_check off the GUI thread: after open, and from 文件 菜单."""
        if self._closing or self._check_task is not None:
            return
        self.check_action.setEnabled(False)
        self.dashboard_view.show_checking()

        def done(report) -> None:
            self._check_task = None
            if self._alive():
                self.check_action.setEnabled(True)
                self._show_integrity(report, on_demand)

        def failed(exc: BaseException) -> None:
            self._check_task = None
            if not self._alive():
                return
            self.check_action.setEnabled(True)
            if isinstance(exc, Cancelled):
                self.dashboard_view.show_checking(started=False)
                return
            text = error_text(exc)
            self.dashboard_view.show_check_failed(text.split("\n")[0] if text else "")
            if on_demand or text is None:
                errors.show_error(self, self.tr("检查数据文件"), exc)

        if on_demand:
            self._check_task = run_with_progress(
                self,
                self.tr("正在检查数据文件…"),
                self._ws.integrity_check,
                done,
                error_title=self.tr("检查数据文件"),
                on_error=failed,
                on_cancel=lambda: failed(Cancelled()),
            )
        else:  # no dialog: the 工作台 shows that it runs; closing the window cancels it
            self._check_task = run_in_background(self._ws.integrity_check, done, failed)

    def _alive(self) -> bool:
        return not self._closing and shiboken6.isValid(self)

    def _show_integrity(self, report: IntegrityReport, on_demand: bool) -> None:
        self.dashboard_view.show_integrity(report, datetime.now())
        if report.ok:
            errors.log.info("integrity check: ok")
            if on_demand:
                QMessageBox.information(
                    self, self.tr("检查数据文件"), self.tr("数据文件完整，没有发现问题。")
                )
            return
        errors.log.warning("integrity check found %d problem(s)", len(report.problems))
        if report.index_only:
            answer = QMessageBox.question(
                self,
                self.tr("数据文件的索引有误"),
                self.tr(
                    "完整检查发现数据文件的索引（用于查找和排序的目录）有误，"
                    "数据本身完好。\n\n是否现在重建索引？重建只需片刻，不会改动任何记录。"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.repair_indexes()
            return
        answer = QMessageBox.question(
            self,
            self.tr("数据文件有损坏"),
            self.tr(
                "完整检查发现数据文件有损坏：\n{problems}\n\n"
                "建议从最近的完好备份恢复。是否现在选择备份？"
            ).format(problems="\n".join(integrity_problem_text(p) for p in report.problems[:3])),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from_backup()

    def repair_indexes(self) -> None:
        def done(report) -> None:
            if self._alive():
                self._show_integrity(report, on_demand=True)

        run_with_progress(
            self,
            self.tr("正在重建索引…"),
            lambda _p: self._ws.reindex(),
            done,
            error_title=self.tr("重建索引"),
            writes=True,
        )

    def restore_from_backup(self) -> None:
        if not self._resolve_unsaved():
            return
        wait_for_tasks()  # a check or export still reading the file finishes first
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
        restored = run_op(
            self,
            self.events,
            lambda: self._ws.restore(dialog.selected_path()),
            on_success=lambda _v: self.statusBar().showMessage(self.tr("已从备份恢复"), 5000),
        )
        if restored:
            self.check_data_file(on_demand=False)  # the restored file gets the full check too

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
        if getattr(self, "_backup_failure", None) is not None:
            return  # the failure notice stays until a backup works again
        last = self._ws.last_backup
        self.backup_label.setText(
            self.tr("最近备份：{when}").format(
                when=last.strftime("%Y-%m-%d %H:%M") if last else self.tr("无")
            )
        )

    # --- lifetime ------------------------------------------------------------------------
    def _resolve_unsaved(self) -> bool:
        """True when it is fine to go on: nothing unsaved, or each tab's edits saved now or
        discarded. 取消, or a save that is refused, stops at that tab."""
        for view in self.tab_views():
            if not view.is_dirty():
                continue
            answer = confirm_discard(self, self.tabs.tabText(self.tabs.indexOf(view)))
            if answer == QMessageBox.StandardButton.Save:
                if not view.save():
                    return False
            elif answer == QMessageBox.StandardButton.Discard:
                view.discard()
            else:
                return False
        return True

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)

    def close_on_signal(self, _signum: int = 0) -> None:
        """SIGTERM, SIGHUP, SIGINT: close as 文件→退出 does (unsaved 支部信息 edits are asked
        about; app.main then takes the exit backup). Open dialogs are cancelled first, or
        the window would close behind them and the program keep running. A second signal,
        while the question is open or after 取消, closes without asking."""
        self._quit_signals += 1
        if self._quit_signals > 1:
            self._force_close = True
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # From the event loop, once the cancelled dialogs' own loops have returned.
        QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._force_close and not self._resolve_unsaved():
            event.ignore()
            return
        self._closing = True
        self._backup_timer.stop()
        self._check_timer.stop()
        if self._check_task is not None:
            self._check_task.cancel()  # the full check stops at its next progress step
        wait_for_tasks()  # an export still writing must finish before the file closes
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        event.accept()
