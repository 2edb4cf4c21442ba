"""党籍状态与转接记录: a member's dated history, and recording a status change."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.domain.people import PartyStatus, StatusChange, TransferDirection
from dangjian_desktop.gui.labels import STATUS
from dangjian_desktop.gui.widgets.date_field import DateField, text_error_message
from dangjian_desktop.messages import error_text
from dangjian_desktop.services.member_service import MemberDeletedError


class HistoryDialog(QDialog):
    def __init__(
        self, members_service, member_id: int, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = members_service
        self._member_id = member_id
        self.changes = None
        self.resize(560, 520)
        self.statuses = QListWidget(self)
        self.transfers = QListWidget(self)

        self.new_status = QComboBox(self)
        for value, label in STATUS.items():
            if value is not PartyStatus.TRANSFERRED_OUT:  # recorded by 转出, with its letter
                self.new_status.addItem(self.tr(label), value.value)
        self.changed_on = DateField(self)
        self.changed_on.set_value(today)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("如：支部大会决议、上级批复文号"))
        self.record_button = QPushButton(self.tr("记录状态变更"), self)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.changed_on.set_error_label(self.error)
        form = QFormLayout()
        form.addRow(self.tr("变更为"), self.new_status)
        form.addRow(self.tr("变更日期"), self.changed_on)
        form.addRow(self.tr("依据/原因"), self.reason)
        self.change_box = change_box = QGroupBox(
            self.tr("变更党籍状态（记录不会覆盖，保留全部历史）"), self
        )
        change_layout = QVBoxLayout(change_box)
        change_layout.addLayout(form)
        change_layout.addWidget(self.error)
        change_layout.addWidget(self.record_button)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        self.record_button.clicked.connect(self.record)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("党籍状态记录"), self))
        layout.addWidget(self.statuses, 1)
        layout.addWidget(QLabel(self.tr("组织关系转接记录"), self))
        layout.addWidget(self.transfers, 1)
        layout.addWidget(change_box)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        history = self._service.history(self._member_id)
        self.setWindowTitle(self.tr("{name} 的党籍状态与转接记录").format(name=history.member.name))
        self.statuses.clear()
        for change in history.statuses:
            text = f"{change.changed_on.isoformat()}　{STATUS.get(change.status, '')}"
            self.statuses.addItem(text + (f"　{change.reason}" if change.reason else ""))
        self.transfers.clear()
        for t in history.transfers:
            direction = self.tr("转入") if t.direction is TransferDirection.IN else self.tr("转出")
            org = t.from_org if t.direction is TransferDirection.IN else t.to_org
            letter = self.tr("　介绍信 {no}").format(no=t.letter_number) if t.letter_number else ""
            self.transfers.addItem(f"{t.transfer_date.isoformat()}　{direction}　{org}{letter}")
        if not history.transfers:
            self.transfers.addItem(self.tr("（无）"))
        self.change_box.setEnabled(not history.deleted)
        if history.deleted:
            self.change_box.setTitle(self.tr("该党员在回收站中，恢复后才能变更党籍状态"))

    def record(self) -> None:
        bad_date = text_error_message(self.changed_on.text())
        if bad_date:  # a date that does not exist: say so, record nothing
            self.error.setText(bad_date)
            self.error.show()
            return
        change = StatusChange(
            PartyStatus(self.new_status.currentData()),
            self.changed_on.value(),  # empty: the service says 必填, never "today" by guess
            self.reason.text().strip(),
        )
        try:
            changes = self._service.change_status(self._member_id, change)
        except (ValidationError, MemberDeletedError) as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.error.hide()
        self.changes = changes if self.changes is None else self.changes | changes
        self.reason.clear()
        self.reload()
