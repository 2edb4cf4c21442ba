"""党籍状态与转接记录: a member's dated history, and recording a status change."""

from __future__ import annotations

from collections.abc import Callable
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

from dangjian_desktop.domain.people import PartyStatus, StatusChange, TransferDirection
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.labels import STATUS
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.widgets.date_field import DateField, date_errors
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.services import Changes


class HistoryDialog(QDialog):
    """Each recorded change is its own write, published at once (the roster behind the
    dialog shows the new status while it is still open)."""

    def __init__(
        self,
        members_service,
        events: AppEvents,
        member_id: int,
        today: date,
        parent: QWidget | None = None,
        *,
        save: Callable[[StatusChange], Changes] | None = None,
    ) -> None:
        """save(change) -> Changes records a status change; by default the service's
        change_status for this member."""
        super().__init__(parent)
        self._service = members_service
        self._events = events
        self._member_id = member_id
        self._save = save or (lambda change: members_service.change_status(member_id, change))
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
        # One line under the form for every reason: the form has three short rows.
        self.field_errors = FieldErrorLabels(self, summary=self.error)
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
        bad_date = date_errors({"changed_on": self.changed_on})
        if bad_date:  # a date that does not exist: say so, record nothing
            self.field_errors.show(bad_date)
            return
        change = StatusChange(
            PartyStatus(self.new_status.currentData()),
            self.changed_on.value(),  # empty: the service says 必填, never "today" by guess
            self.reason.text().strip(),
        )
        run_op(
            self,
            self._events,
            lambda: self._save(change),
            on_success=self._recorded,
            field_errors=self.field_errors,
            title=self.tr("无法变更党籍状态"),
        )

    def _recorded(self, _value) -> None:
        self.field_errors.clear()
        self.reason.clear()
        self.reload()
