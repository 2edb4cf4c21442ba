"""整改 dialogs: edit a rectification (责任人, 整改期限, 整改措施), close it (销号: date,
what was done, photos after the fix) and reopen a closed one with a reason. Each write is
one service call through the ops helpers; a refusal is shown in Chinese and nothing is
written (photos are prepared by the service before anything is stored)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.ops import deliver, run_op
from dangjian_desktop.gui.tasks import run_with_progress
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.gui.widgets.photo_strip import PhotoStrip


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("取消"))
    box.rejected.connect(dialog.reject)
    return box


def _what(dialog: QDialog, rect) -> QLabel:
    label = QLabel(
        dialog.tr(
            "{group} · {item}\n存在问题：{finding}\n{opened} 检查发现，整改期限 {due}"
        ).format(
            group=rect.group_name,
            item=rect.item_text,
            finding=rect.finding or dialog.tr("（未填写）"),
            opened=rect.opened_on.isoformat(),
            due=rect.due_on.isoformat(),
        ),
        dialog,
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _PhotoSave:
    """Run a write carrying photos off the GUI thread; accept the dialog when done."""

    def _run(self, label: str, title: str, work) -> None:
        self.ok.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            errors.show_error(self, title, exc)

        self.last_task = run_with_progress(
            self,
            label,
            lambda _progress: work(),
            lambda result: deliver(self._events, result, lambda _v: self.accept()),
            error_title=title,
            on_error=failed,
            on_cancel=lambda: self.ok.setEnabled(True),
            writes=True,
        )


class RectificationDialog(_PhotoSave, QDialog):
    """整改: owner, due date, action; the evidence photos, added or removed."""

    def __init__(self, ws, events, rect_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws, self._events = ws, events
        self.last_task = None
        self.rect = ws.venues.rectification(rect_id)
        self.setWindowTitle(self.tr("整改"))
        self.owner = QComboBox(self)
        self.owner.setObjectName("owner")
        self.owner.addItem(self.tr("（未指定）"), None)
        members = ws.members.rows(ws.members.ids(MemberFilter(), MemberSort()))
        for member_id, m in members.items():
            self.owner.addItem(m.name, member_id)
        if self.rect.owner_id is not None and self.owner.findData(self.rect.owner_id) < 0:
            self.owner.addItem(self.tr("（原责任人）"), self.rect.owner_id)
        self.owner.setCurrentIndex(max(self.owner.findData(self.rect.owner_id), 0))
        self.due = DateField(self)
        self.due.setObjectName("due_on")
        self.due.set_today(ws.exports.today)
        self.due.set_value(self.rect.due_on)
        self.action = QPlainTextEdit(self.rect.action, self)
        self.action.setObjectName("action")
        self.action.setPlaceholderText(self.tr("整改措施"))
        self.action.setFixedHeight(72)
        self.evidence = PhotoStrip(ws, self, title=self.tr("整改照片"))
        self.evidence.load_stored("", list(self.rect.evidence_ids))
        self.evidence.set_key("")
        form = QFormLayout()
        form.addRow(self.tr("检查项"), _what(self, self.rect))
        form.addRow(self.tr("责任人"), self.owner)
        form.addRow(self.tr("整改期限"), self.due)
        form.addRow(self.tr("整改措施"), self.action)
        if self.rect.closed:
            form.addRow(
                self.tr("销号"),
                QLabel(
                    self.tr("{day} 已销号：{note}").format(
                        day=self.rect.closed_on.isoformat(), note=self.rect.closing_note
                    ),
                    self,
                ),
            )
        buttons = _buttons(self, self.tr("保存"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.evidence)
        layout.addWidget(buttons)
        self.resize(620, 460)

    def save(self) -> None:
        if self.due.is_invalid() or self.due.value() is None:
            self.due.setFocus()
            return
        rect = replace(
            self.rect,
            owner_id=self.owner.currentData(),
            due_on=self.due.value(),
            action=self.action.toPlainText(),
        )
        added, removed = self.evidence.new_photos(), list(self.evidence.removed)
        self._run(
            self.tr("正在保存整改…"),
            self.tr("无法保存整改"),
            lambda: self._ws.venues.save_rectification(rect, added, removed),
        )


class CloseDialog(_PhotoSave, QDialog):
    """销号: the day, what was done, photos after the fix (a note or a photo is needed)."""

    def __init__(self, ws, events, rect_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws, self._events = ws, events
        self.last_task = None
        self.rect_id = rect_id
        rect = ws.venues.rectification(rect_id)
        self.setWindowTitle(self.tr("整改销号"))
        self.closed_on = DateField(self)
        self.closed_on.setObjectName("closed_on")
        self.closed_on.set_today(ws.exports.today)
        self.closed_on.set_value(ws.exports.today())
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("closing_note")
        self.note.setPlaceholderText(self.tr("整改情况：做了什么，谁复查的"))
        self.note.setFixedHeight(72)
        self.evidence = PhotoStrip(ws, self, title=self.tr("整改后照片"))
        self.evidence.set_key("")
        form = QFormLayout()
        form.addRow(self.tr("检查项"), _what(self, rect))
        form.addRow(self.tr("销号日期"), self.closed_on)
        form.addRow(self.tr("整改情况"), self.note)
        buttons = _buttons(self, self.tr("销号"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.evidence)
        layout.addWidget(QLabel(self.tr("整改情况和整改后照片至少填一项。"), self))
        layout.addWidget(buttons)
        self.resize(620, 420)

    def save(self) -> None:
        day = self.closed_on.value()
        if self.closed_on.is_invalid() or day is None:
            self.closed_on.setFocus()
            return
        note, photos = self.note.toPlainText(), self.evidence.new_photos()
        self._run(
            self.tr("正在销号…"),
            self.tr("无法销号"),
            lambda: self._ws.venues.close(self.rect_id, day, note, photos),
        )


class ReopenDialog(QDialog):
    """重新打开: the re-check found it not fixed (the closure and its evidence are kept)."""

    def __init__(self, ws, events, rect_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws, self._events, self.rect_id = ws, events, rect_id
        self.setWindowTitle(self.tr("重新打开整改"))
        self.day = DateField(self)
        self.day.setObjectName("reopened_on")
        self.day.set_today(ws.exports.today)
        self.day.set_value(ws.exports.today())
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("复查发现仍未整改到位的情况"))
        self.due = DateField(self)
        self.due.setObjectName("due_on")
        self.due.set_today(ws.exports.today)
        form = QFormLayout()
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("原因"), self.reason)
        form.addRow(self.tr("新的整改期限"), self.due)
        buttons = _buttons(self, self.tr("重新打开"))
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        day = self.day.value()
        if day is None or self.day.is_invalid() or self.due.is_invalid():
            return
        reason, due = self.reason.text(), self.due.value()
        if run_op(
            self,
            self._events,
            lambda: self._ws.venues.reopen(self.rect_id, day, reason, due_on=due),
            title=self.tr("无法重新打开"),
        ):
            self.accept()
