"""党员 tab: the roster with search and filters, and the actions on members."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.people import MemberCategory, MemberFilter, PartyStatus
from dangjian_desktop.gui.dialogs.history_dialog import HistoryDialog
from dangjian_desktop.gui.dialogs.member_dialog import MemberDialog
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.labels import CATEGORY, STATUS
from dangjian_desktop.gui.member_actions import MemberActions
from dangjian_desktop.gui.models.member_table_model import MemberTableModel
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.widgets.id_list_table import id_list_table
from dangjian_desktop.messages import (
    damaged_record_summary,
    storage_error_text,
    storage_error_title,
)
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.storage.errors import DamagedRecordError

# As member_repo.MAX_SEARCH_TEXT: nothing longer is a name, phone or ID number (the repo
# cuts longer text too, so a pasted page never reaches SQL).
SEARCH_MAX_LENGTH = 100
_ACTIVE = (PartyStatus.NORMAL,)
_ALL = tuple(PartyStatus)


class MembersView(TabView):
    # The user asked to restore a backup (after damaged data was found): the main window
    # runs its 从备份恢复 dialog.
    restore_requested = Signal()

    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._damage_reported = False
        self._damaged_records: set[tuple[str, int]] = set()
        self.actions = MemberActions(self, workspace, events)

    def build(self) -> None:
        self.model = MemberTableModel(self._ws.members, self)
        # Queued: the model finds damage while the table paints, no dialog may open there.
        self.model.damaged_found.connect(self._on_damaged, Qt.ConnectionType.QueuedConnection)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("搜索：姓名、拼音（如 zhangsan 或 zsf）、身份证号后几位、电话")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(SEARCH_MAX_LENGTH)
        self.group = QComboBox(self)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("在册党员"), "active")
        for value, label in STATUS.items():
            self.status.addItem(self.tr(label), value.value)
        self.status.addItem(self.tr("全部状态"), "all")
        self.category = QComboBox(self)
        self.category.addItem(self.tr("全部类别"), None)
        for value, label in CATEGORY.items():
            self.category.addItem(self.tr(label), value.value)
        self.deleted = QCheckBox(self.tr("回收站"), self)
        self.deleted.setToolTip(self.tr("显示已删除的党员，可从这里恢复"))
        self.count_label = QLabel(self)
        self.damage_label = QLabel(self)
        self.damage_label.setObjectName("damage_label")
        self.damage_label.setStyleSheet("color: #b00020;")
        self.damage_label.setWordWrap(True)
        self.damage_restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.damage_restore_button.clicked.connect(lambda: self.restore_requested.emit())

        self.table = id_list_table(self.model, self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.add_button = QPushButton(self.tr("新增党员"), self)
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.restore_button = QPushButton(self.tr("恢复"), self)
        self.history_button = QPushButton(self.tr("党籍状态与记录…"), self)
        self.transfer_button = QPushButton(self.tr("组织关系转接"), self)
        self.transfer_button.setMenu(self._transfer_menu())
        self.import_button = QPushButton(self.tr("导入花名册…"), self)
        self.export_button = QPushButton(self.tr("导出花名册"), self)
        self.export_button.setMenu(self._export_menu())
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.history_button.clicked.connect(self.show_history)
        self.import_button.clicked.connect(self.actions.import_roster)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.group, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.deleted)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.restore_button,
            self.history_button,
            self.transfer_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        self.damage_bar = QWidget(self)
        damage = QHBoxLayout(self.damage_bar)
        damage.setContentsMargins(0, 0, 0, 0)
        damage.addWidget(self.damage_label, 1)
        damage.addWidget(self.damage_restore_button)
        self.damage_bar.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.damage_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.group, self.status, self.category):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.deleted.toggled.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _transfer_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("转出所选党员…"), self.actions.transfer_out_selected)
        menu.addAction(
            self.tr("导出转接文件（供接收支部导入）…"), self.actions.export_transfer_file_selected
        )
        menu.addSeparator()
        menu.addAction(self.tr("导入转接文件（转入）…"), self.actions.import_transfer_file)
        menu.addAction(self.tr("按纸质介绍信转入…"), self.actions.transfer_in_manually)
        return menu

    def _export_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(
            self.tr("导出为 Excel（.xlsx）…"), lambda: self.actions.export_roster("xlsx")
        )
        menu.addAction(self.tr("导出为 PDF…"), lambda: self.actions.export_roster("pdf"))
        return menu

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("全部党小组"), None)
        for group_id, name in self._ws.members.group_names().items():
            self.group.addItem(name, group_id)
        index = self.group.findData(current)
        self.group.setCurrentIndex(max(index, 0))
        self.group.blockSignals(False)

    # --- filtering -----------------------------------------------------------------------
    def current_filter(self) -> MemberFilter:
        status = self.status.currentData()
        statuses = (
            _ACTIVE if status == "active" else _ALL if status == "all" else (PartyStatus(status),)
        )
        category = self.category.currentData()
        return MemberFilter(
            text=self.search.text().strip(),
            party_group_id=self.group.currentData(),
            statuses=statuses,
            category=MemberCategory(category) if category else None,
            only_deleted=self.deleted.isChecked(),
        )

    def apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())
        self._update_buttons()

    def wants(self, changes: Changes) -> bool:
        return changes.members or changes.branch or changes.data_file

    def refresh(self) -> None:
        self._fill_groups()
        self.model.refresh()
        self._update_buttons()

    def update_for(self, changes: Changes) -> None:
        if changes.data_file:  # a restore: damage found from now on is news again
            self._damage_reported = False
            self._damaged_records.clear()
            self.damage_bar.hide()
        if changes.branch or changes.data_file:
            self._fill_groups()
        self.model.refresh()
        self._update_buttons()

    def _on_damaged(self, error: DamagedRecordError) -> None:
        """One message for a damaged file, however many rows are damaged; the other rows
        stay usable and the bar above the table keeps the way to a backup in view."""
        self._damaged_records.add((error.table, error.record_id))
        summary = damaged_record_summary(error)
        if len(self._damaged_records) > 1:
            text = self.tr("已发现 {n} 条损坏的记录，例如：{summary}。其他记录可照常使用。")
        else:
            text = self.tr("{summary}。其他记录可照常使用。")
        self.damage_label.setText(text.format(n=len(self._damaged_records), summary=summary))
        self.damage_bar.show()
        self._update_buttons()
        if self._damage_reported:
            return
        self._damage_reported = True
        answer = QMessageBox.question(
            self,
            storage_error_title(error),
            storage_error_text(error) + self.tr("\n\n现在打开“从备份恢复”吗？"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit()

    def _update_buttons(self, *_args) -> None:
        selected = self.selected_ids()
        in_bin = self.deleted.isChecked()
        # A damaged record cannot be read, so it cannot be opened either.
        readable = len(selected) == 1 and not any(
            self.model.damage(i.row()) for i in self.table.selectionModel().selectedRows()
        )
        self.edit_button.setEnabled(readable and not in_bin)
        self.history_button.setEnabled(readable)
        self.delete_button.setEnabled(bool(selected) and not in_bin)
        self.restore_button.setVisible(in_bin)
        self.restore_button.setEnabled(bool(selected))
        self.transfer_button.setEnabled(not in_bin)
        self.count_label.setText(self.tr("共 {n} 人").format(n=self.model.rowCount()))

    # --- actions -------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [mid for mid in (self.model.member_id(r) for r in rows) if mid is not None]

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_member(self, member_id: int) -> None:
        """Select that member (from the 工作台); a filter that hides them is cleared."""
        self.ensure_built()
        if self.model.row_of(member_id) is None:
            for widget in (self.search, self.group, self.status, self.category, self.deleted):
                widget.blockSignals(True)
            self.search.clear()
            self.group.setCurrentIndex(0)
            self.category.setCurrentIndex(0)
            self.status.setCurrentIndex(0)  # 在册党员
            self.deleted.setChecked(False)
            for widget in (self.search, self.group, self.status, self.category, self.deleted):
                widget.blockSignals(False)
            self.apply_filter()
            if self.model.row_of(member_id) is None:  # off the roster (转出, 停止党籍 …)
                self.status.setCurrentIndex(max(self.status.findData("all"), 0))
        self.select_member(member_id)
        self.table.setFocus()

    def add_member(self) -> None:
        dialog = MemberDialog(self._ws.members, self._events, None, self)
        if dialog.exec() == MemberDialog.DialogCode.Accepted:
            self.select_member(dialog.saved_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1 or self.deleted.isChecked():
            return
        dialog = MemberDialog(self._ws.members, self._events, self._ws.members.get(ids[0]), self)
        if dialog.exec() == MemberDialog.DialogCode.Accepted:
            self.select_member(ids[0])

    def show_history(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        HistoryDialog(self._ws.members, self._events, ids[0], date.today(), self).exec()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = "、".join(self._ws.members.get(i).name for i in ids[:5])
        more = self.tr(" 等 {n} 人").format(n=len(ids)) if len(ids) > 5 else ""
        answer = QMessageBox.question(
            self,
            self.tr("删除党员"),
            self.tr("确定删除 {names}{more} 吗？\n删除后可在“回收站”中恢复，记录不会丢失。").format(
                names=names, more=more
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_op(
            self,
            self._events,
            lambda: self._ws.members.delete_many(ids),
            title=self.tr("删除失败"),
        )

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            run_op(
                self,
                self._events,
                lambda: self._ws.members.restore_many(ids),
                title=self.tr("无法恢复"),
            )
