"""组织关系转出: the letter's details (domain brief §2.3 transfer record fields)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.people import Transfer, TransferDirection, TransferKind
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.services import Changes

# A letter is generally valid for at most 3 months (domain brief §2.3); one month is the
# usual figure printed on the letter, and the user can change it.
DEFAULT_VALIDITY_MONTHS = 1


class TransferDialog(QDialog):
    """The letter's details for a transfer OUT of this branch, or IN with a paper letter.

    With `save(transfer) -> Changes` (and `events`), OK writes the letter through run_op and
    the dialog stays open, the reasons at their fields, until the write succeeds; without,
    OK only collects the letter (a transfer in saves it together with the member's record)."""

    def __init__(
        self,
        member_name: str,
        today: date,
        parent: QWidget | None = None,
        direction: TransferDirection = TransferDirection.OUT,
        *,
        events: AppEvents | None = None,
        save: Callable[[Transfer], Changes] | None = None,
    ) -> None:
        super().__init__(parent)
        if (save is None) != (events is None):
            raise ValueError("save and events go together: what the dialog writes is published")
        self._events = events
        self._save = save
        self._direction = direction
        outgoing = direction is TransferDirection.OUT
        self._org_field = "to_org" if outgoing else "from_org"
        if outgoing:
            self.setWindowTitle(self.tr("组织关系转出：{name}").format(name=member_name))
        else:
            self.setWindowTitle(self.tr("组织关系转入（纸质介绍信）"))
        self.transfer_date = DateField(self)
        self.transfer_date.set_value(today)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("正式组织关系"), TransferKind.FORMAL.value)
        self.kind.addItem(self.tr("临时组织关系"), TransferKind.TEMPORARY.value)
        self.org = QLineEdit(self)
        self.org.setPlaceholderText(
            self.tr("接收党组织全称") if outgoing else self.tr("介绍信上的转出党组织全称")
        )
        self.letter_number = QLineEdit(self)
        self.valid_until = DateField(self)
        self.valid_until.set_value(add_months(today, DEFAULT_VALIDITY_MONTHS))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("如：调动、船员轮换"))
        self.handler = QLineEdit(self)
        self.summary = QLabel(self)  # what no field of this form shows (the member's status)
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.field_errors = FieldErrorLabels(self, summary=self.summary)
        form = QFormLayout()
        for label, widget, key in (
            (
                self.tr("转出日期") if outgoing else self.tr("转入日期"),
                self.transfer_date,
                "transfer_date",
            ),
            (self.tr("类型"), self.kind, "kind"),
            (
                self.tr("转往党组织") if outgoing else self.tr("原所在党组织"),
                self.org,
                self._org_field,
            ),
            (self.tr("介绍信编号"), self.letter_number, "letter_number"),
            (self.tr("有效期至"), self.valid_until, "valid_until"),
            (self.tr("转出原因") if outgoing else self.tr("转入原因"), self.reason, "reason"),
            (self.tr("经办人"), self.handler, "handler"),
        ):
            form.addRow(label, widget)
            self.field_errors.add(form, key, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("确认转出") if outgoing else self.tr("下一步：填写党员信息")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr("转出后该党员不再出现在在册名单中，全部记录仍保留，可在“已转出”中查看。")
            if outgoing
            else self.tr(
                "对方支部没有使用本程序时，按纸质介绍信登记转入；"
                "有转接文件时请用“导入转接文件”，可带入完整记录。"
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """A typed date that does not exist keeps the dialog open, explained at the field;
        so does a letter the service refuses."""
        bad_dates = self.field_errors.bad_dates()
        if bad_dates:
            self.field_errors.show(bad_dates)
            return
        if self._save is None:
            super().accept()
            return
        transfer = self.transfer()
        run_op(
            self,
            self._events,
            lambda: self._save(transfer),
            on_success=self._saved,
            field_errors=self.field_errors,
            title=self.tr("无法转出"),
        )

    def _saved(self, _value) -> None:
        super().accept()

    def transfer(self) -> Transfer:
        return Transfer(
            direction=self._direction,
            transfer_date=self.transfer_date.value(),  # empty: the service says 必填
            kind=TransferKind(self.kind.currentData()),
            **{self._org_field: self.org.text().strip()},
            letter_number=self.letter_number.text().strip(),
            valid_until=self.valid_until.value(),
            reason=self.reason.text().strip(),
            handler=self.handler.text().strip(),
        )
