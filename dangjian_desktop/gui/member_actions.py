"""Actions on members that involve files or several steps: transfers, import, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dangjian_desktop.domain.people import PartyStatus, TransferDirection
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.dialogs.export_dialog import ask_export_options
from dangjian_desktop.gui.dialogs.import_dialog import ImportDialog
from dangjian_desktop.gui.dialogs.member_dialog import MemberDialog
from dangjian_desktop.gui.dialogs.transfer_dialog import TransferDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.labels import STATUS
from dangjian_desktop.gui.ops import run_op_in_background
from dangjian_desktop.gui.printing import print_report
from dangjian_desktop.gui.tasks import BackgroundTask, run_with_progress
from dangjian_desktop.services import Workspace

TRANSFER_FILTER = "党员转接文件 (*.djzj)"


class MemberActions:
    def __init__(self, view: QWidget, workspace: Workspace, events: AppEvents) -> None:
        self._view = view
        self._ws = workspace
        self._events = events

    def _tr(self, text: str) -> str:
        return self._view.tr(text)

    def _single_selected(self) -> int | None:
        ids = self._view.selected_ids()
        if len(ids) != 1:
            QMessageBox.information(
                self._view, self._tr("请选择党员"), self._tr("请先在名单中选中一名党员。")
            )
            return None
        return ids[0]

    def _fail(self, title: str, exc: BaseException) -> None:
        errors.show_error(self._view, title, exc)

    # --- transfers -----------------------------------------------------------------------
    def transfer_out_selected(self) -> None:
        member_id = self._single_selected()
        if member_id is None:
            return
        member = self._ws.members.get(member_id)
        if member.status is not PartyStatus.NORMAL:
            QMessageBox.information(
                self._view,
                self._tr("不能转出"),
                self._tr("{name} 的党籍状态为“{status}”，不能办理组织关系转出。").format(
                    name=member.name, status=STATUS.get(member.status, "")
                ),
            )
            return
        dialog = TransferDialog(
            member.name,
            date.today(),
            self._view,
            events=self._events,
            save=lambda transfer: self._ws.members.transfer_out(member_id, transfer),
        )
        if dialog.exec() != TransferDialog.DialogCode.Accepted:
            return
        if (
            QMessageBox.question(
                self._view,
                self._tr("已转出"),
                self._tr("{name} 已转出。是否现在导出转接文件，交给接收支部导入？").format(
                    name=member.name
                ),
            )
            == QMessageBox.StandardButton.Yes
        ):
            self.export_transfer_file(member_id)

    def transfer_in_manually(self) -> None:
        """A member arrives with a paper letter: the letter first, then the member's record,
        saved together as a transfer in."""
        dialog = TransferDialog("", date.today(), self._view, TransferDirection.IN)
        if dialog.exec() != TransferDialog.DialogCode.Accepted:
            return
        transfer = dialog.transfer()
        form = MemberDialog(
            self._ws.members,
            self._events,
            None,
            self._view,
            save=lambda member, photo: self._ws.members.transfer_in(member, transfer, photo),
        )
        form.setWindowTitle(self._tr("组织关系转入：填写党员信息"))
        if form.exec() == MemberDialog.DialogCode.Accepted:
            self._view.select_member(form.saved_id)

    def export_transfer_file_selected(self) -> None:
        member_id = self._single_selected()
        if member_id is not None:
            self.export_transfer_file(member_id)

    def export_transfer_file(self, member_id: int) -> BackgroundTask | None:
        """Ask where, then write the file off the GUI thread (a photo and a long history
        take a moment on a slow USB stick)."""
        member = self._ws.members.get(member_id)
        suggested = str(Path.home() / f"{member.name}-转接.djzj")
        path, _ = QFileDialog.getSaveFileName(
            self._view, self._tr("导出转接文件"), suggested, self._tr(TRANSFER_FILTER)
        )
        if not path:
            return None

        def done(_result) -> None:
            QMessageBox.information(
                self._view,
                self._tr("已导出"),
                self._tr("转接文件已保存到：\n{path}").format(path=path),
            )

        return run_with_progress(
            self._view,
            self._tr("正在导出转接文件…"),
            lambda progress: self._ws.members.export_transfer_file(member_id, Path(path), progress),
            done,
            error_title=self._tr("导出失败"),
        )

    def import_transfer_file(self) -> BackgroundTask | None:
        """Ask for the file, then read, check and import it off the GUI thread: a file is
        checked in full before anything is written, and a refused one changes nothing."""
        path, _ = QFileDialog.getOpenFileName(
            self._view, self._tr("导入转接文件"), "", self._tr(TRANSFER_FILTER)
        )
        if not path:
            return None

        def done(result) -> None:  # after the roster has refreshed: the new row is there
            text = (
                self._tr("已转入 1 名党员。")
                if result.created or not result.already_present
                else self._tr("该党员已在本支部名单中，未重复导入。")
            )
            QMessageBox.information(self._view, self._tr("导入转接文件"), text)
            self._view.select_member(result.member_id)

        def work(progress):
            result = self._ws.members.import_transfer_file(Path(path), progress=progress)
            return result, result.changes

        return run_op_in_background(
            self._view,
            self._events,
            self._tr("正在检查并导入转接文件…"),
            work,
            then=done,
            title=self._tr("导入失败"),
        )

    # --- roster import and export --------------------------------------------------------
    def import_roster(self) -> ImportDialog | None:
        path, _ = QFileDialog.getOpenFileName(
            self._view,
            self._tr("导入党员花名册"),
            "",
            self._tr("Excel 工作簿 (*.xlsx *.xls);;所有文件 (*)"),
        )
        if not path:
            return
        dialog = ImportDialog(self._ws, self._events, Path(path), self._view)
        dialog.start()  # shown at once; the file is read in the background
        return dialog

    def export_roster(self, fmt: str) -> None:
        """The 党员花名册 as .xlsx or .pdf: the tab's button and the 导出 menu both call this."""
        flt = self._view.current_filter()
        options = ask_export_options(self._view, fmt, self._ws.exports.roster_filter_text(flt))
        if options is None:
            return

        def work(progress, path=options.path, fmt=fmt):
            return self._ws.exports.roster(
                path,
                fmt,
                flt=flt if options.filtered else None,
                full_ids=options.full_ids,
                full_phones=options.full_phones,
                prepared_by=options.prepared_by,
                progress=progress,
            )

        if options.to_printer:  # the same PDF, written to a temporary file, then previewed
            print_report(
                self._view,
                lambda path, progress: work(progress, path, "pdf"),
                label=self._tr("正在准备打印花名册…"),
            )
            return

        def done(_result) -> None:
            QMessageBox.information(
                self._view,
                self._tr("导出完成"),
                self._tr("花名册已保存到：\n{path}").format(path=options.path),
            )

        run_with_progress(
            self._view, self._tr("正在导出花名册…"), work, done, error_title=self._tr("导出失败")
        )
