"""The 阵地检查 walk-through form: venue, date, inspectors, the checklist of the template
(each item 合格 / 不合格 / 不适用, keys 1 / 2 / 3, with a note and photos), the score as it
stands, what is still open from the last inspection, and for the 不合格 items the owner
and due date of their rectifications.

Keyboard: the checklist has the focus; ↑/↓ move between items, 1/2/3 set the result and
go to the next item, F2 (or typing) edits the 情况说明, Ctrl+S saves. Saving runs off the
GUI thread (the photos are prepared by the service before anything is written): refused
as a whole with the reasons in Chinese, nothing half-saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.domain.venue_rules import tally
from dangjian_desktop.domain.venues import Inspection, Inspector, Item, ItemResult, Outcome
from dangjian_desktop.export.venue_labels import OUTCOME
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.ops import deliver
from dangjian_desktop.gui.tasks import run_with_progress
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.gui.widgets.photo_strip import PhotoStrip

COL_ITEM, COL_WEIGHT, COL_RESULT, COL_NOTE, COL_PHOTOS = range(5)
KEYS = {
    Qt.Key.Key_1: Outcome.PASS,
    Qt.Key.Key_2: Outcome.FAIL,
    Qt.Key.Key_3: Outcome.NOT_APPLICABLE,
}
_COLOURS = {
    Outcome.PASS: QColor("#1e6b2f"),
    Outcome.FAIL: QColor("#b3261e"),
    Outcome.NOT_APPLICABLE: QColor("#666666"),
}
_GROUP_BG = QBrush(QColor("#eef1f5"))
NAME_SEPARATORS = ("，", ",", "、", ";", "；")


def ws_today(ws) -> Callable[[], date]:
    return ws.exports.today


def format_score(percent: float | None) -> str:
    return "—" if percent is None else f"{percent:.1f}"


def outside_names(text: str) -> list[str]:
    for sep in NAME_SEPARATORS[1:]:
        text = text.replace(sep, NAME_SEPARATORS[0])
    return [n.strip() for n in text.split(NAME_SEPARATORS[0]) if n.strip()]


class _ResultKeys(QObject):
    """1/2/3 on the checklist set the current item's result."""

    def __init__(self, dialog: InspectionDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched, event) -> bool:
        plain = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in KEYS
            and event.modifiers() in plain
        ):
            self._dialog.set_current_outcome(KEYS[event.key()])
            return True
        return False


class InspectionDialog(QDialog):
    def __init__(
        self,
        ws,
        events,
        venue_id: int | None,
        inspection_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws, self._events = ws, events
        self.saved_id: int | None = None
        self.last_task = None
        self._saving = False
        if inspection_id is not None:
            self.inspection = ws.venues.inspection(inspection_id)
        else:
            self.inspection = ws.venues.draft_inspection(venue_id)
        self._results: dict[str, ItemResult] = {r.item_key: r for r in self.inspection.results}
        self._rows: list[Item | None] = []  # per table row: the item, None for a group row
        self.setWindowTitle(
            self.tr("新建阵地检查") if inspection_id is None else self.tr("阵地检查记录")
        )
        self._build()
        self._fill()
        self.resize(1040, 860)

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.venue = QComboBox(self)
        self.venue.setObjectName("venue")
        self.date = DateField(self)
        self.date.setObjectName("inspected_on")
        self.date.set_today(ws_today(self._ws))
        self.inspectors = QListWidget(self)
        self.inspectors.setObjectName("inspectors")
        self.inspectors.setFlow(QListWidget.Flow.LeftToRight)
        self.inspectors.setWrapping(True)
        self.inspectors.setFixedHeight(56)
        self.outside = QLineEdit(self)
        self.outside.setObjectName("outside_inspectors")
        self.outside.setPlaceholderText(
            self.tr("支部以外的检查人，多人用“、”分隔（如：公司党委 赵敏）")
        )
        self.template_label = QLabel(self)
        self.still_open = QLabel(self)
        self.still_open.setObjectName("still_open")
        self.still_open.setWordWrap(True)
        self.still_open.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        top = QHBoxLayout()
        top.addWidget(self.venue, 2)
        top.addWidget(QLabel(self.tr("检查日期"), self))
        top.addWidget(self.date)
        top.addStretch(1)
        form.addRow(self.tr("检查阵地"), top)
        form.addRow(self.tr("检查人"), self.inspectors)
        form.addRow("", self.outside)
        form.addRow(self.tr("检查表"), self.template_label)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("checklist")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("检查项"),
                self.tr("分值"),
                self.tr("结果"),
                self.tr("情况说明"),
                self.tr("照片"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_ITEM, 330)
        self.table.setColumnWidth(COL_WEIGHT, 48)
        self.table.setColumnWidth(COL_RESULT, 70)
        self.table.setColumnWidth(COL_PHOTOS, 48)
        self._keys = _ResultKeys(self)
        self.table.installEventFilter(self._keys)
        self.table.currentCellChanged.connect(self._cell_changed)
        self.table.itemChanged.connect(self._item_changed)
        self.hint = QLabel(
            self.tr("↑↓ 选择检查项，按 1 合格、2 不合格、3 不适用；F2 填写情况说明"), self
        )
        self.hint.setObjectName("hint")

        self.item_note = QLabel(self)
        self.item_note.setWordWrap(True)
        self.photos = PhotoStrip(self._ws, self, title=self.tr("本项照片"))
        self.photos.changed.connect(self._photos_changed)
        item_box = QGroupBox(self.tr("当前检查项"), self)
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_note)
        item_layout.addWidget(self.photos)

        self.owner = QComboBox(self)
        self.owner.setObjectName("owner")
        self.due = DateField(self)
        self.due.setObjectName("due_on")
        self.rect_box = QGroupBox(self.tr("不合格项的整改"), self)
        rect = QHBoxLayout(self.rect_box)
        rect.addWidget(QLabel(self.tr("责任人"), self))
        rect.addWidget(self.owner, 1)
        rect.addWidget(QLabel(self.tr("整改期限"), self))
        rect.addWidget(self.due)
        self.rect_hint = QLabel(self.tr("不填期限：检查后 30 天"), self)
        rect.addWidget(self.rect_hint)
        rect.addStretch(1)

        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("总体情况"))
        self.note.setFixedHeight(56)
        self.score = QLabel(self)
        self.score.setObjectName("score")
        bold = QFont(self.score.font())
        bold.setBold(True)
        self.score.setFont(bold)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(item_box)
        lower_layout.addWidget(self.rect_box)
        lower_layout.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([460, 300])

        bottom = QHBoxLayout()
        bottom.addWidget(self.score, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.still_open)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.venue.currentIndexChanged.connect(lambda _i: self._show_still_open())
        self.date.dateChanged.connect(lambda _d: self._show_still_open())

    def _fill(self) -> None:
        insp = self.inspection
        for summary in self._ws.venues.venue_summaries():
            if summary.retired_at is None or summary.venue_id == insp.venue_id:
                name = summary.name
                if summary.retired_at is not None:
                    name = self.tr("{name}（已停用）").format(name=name)
                self.venue.addItem(name, summary.venue_id)
        self.venue.setCurrentIndex(max(self.venue.findData(insp.venue_id), 0))
        self.venue.setEnabled(insp.id is None)
        self.date.set_value(insp.inspected_on)
        members = self._ws.members.rows(self._ws.members.ids(MemberFilter(), MemberSort()))
        chosen = {p.member_id for p in insp.inspectors if p.member_id is not None}
        self.owner.addItem(self.tr("（未指定）"), None)
        for member_id, m in members.items():
            item = QListWidgetItem(m.name, self.inspectors)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if member_id in chosen else Qt.CheckState.Unchecked
            )
            self.owner.addItem(m.name, member_id)
        self.outside.setText("、".join(p.name for p in insp.inspectors if p.member_id is None))
        self.template_label.setText(
            self.tr("{name}（第 {version} 版）").format(
                name=insp.template.name, version=insp.template.version
            )
        )
        self.note.setPlainText(insp.note)
        self.table.blockSignals(True)
        for group in insp.template.groups:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self._rows.append(None)
            head = QTableWidgetItem(group.name)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setBackground(_GROUP_BG)
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            self.table.setItem(row, 0, head)
            self.table.setSpan(row, 0, 1, 5)
            for item in group.items:
                row = self.table.rowCount()
                self.table.insertRow(row)
                self._rows.append(item)
                result = self._results.get(item.key)
                self.photos.load_stored(item.key, list(result.photo_ids) if result else [])
                cells = [
                    QTableWidgetItem(item.text),
                    QTableWidgetItem(str(item.weight)),
                    QTableWidgetItem(),
                    QTableWidgetItem(result.note if result else ""),
                    QTableWidgetItem(),
                ]
                cells[0].setToolTip(item.note)
                cells[1].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cells[2].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cells[4].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                for col, cell in enumerate(cells):
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if col == COL_NOTE:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    cell.setFlags(flags)
                    self.table.setItem(row, col, cell)
                self._show_row(row)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        first = self._next_item_row(-1)
        if first is not None:
            self.table.setCurrentCell(first, COL_RESULT)
        self.table.setFocus()
        self._show_still_open()
        self._update_score()

    # --- the checklist --------------------------------------------------------------------
    def item_rows(self) -> list[int]:
        return [r for r, item in enumerate(self._rows) if item is not None]

    def row_of(self, key: str) -> int:
        return next(r for r, item in enumerate(self._rows) if item and item.key == key)

    def _next_item_row(self, row: int) -> int | None:
        return next((r for r in self.item_rows() if r > row), None)

    def current_item(self) -> Item | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_current_outcome(self, outcome: Outcome) -> None:
        """Set the current item's result and go on to the next item."""
        row = self.table.currentRow()
        item = self.current_item()
        if item is None:
            row = self._next_item_row(row)
            if row is None:
                return
            item = self._rows[row]
        self.set_outcome(item.key, outcome)
        following = self._next_item_row(row)
        if following is not None:
            self.table.setCurrentCell(following, COL_RESULT)

    def set_outcome(self, key: str, outcome: Outcome) -> None:
        old = self._results.get(key)
        note = old.note if old else ""
        self._results[key] = ItemResult(key, outcome, note)
        self._show_row(self.row_of(key))
        self._update_score()

    def _show_row(self, row: int) -> None:
        item = self._rows[row]
        result = self._results.get(item.key)
        cell = self.table.item(row, COL_RESULT)
        blocked = self.table.blockSignals(True)
        if result is None:
            cell.setText(self.tr("未填"))
            cell.setForeground(QBrush(QColor("#8a6d00")))
        else:
            cell.setText(OUTCOME[result.outcome])
            cell.setForeground(QBrush(_COLOURS[result.outcome]))
        count = self.photos.count(item.key)
        self.table.item(row, COL_PHOTOS).setText(str(count) if count else "")
        self.table.blockSignals(blocked)

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() != COL_NOTE:
            return
        item = self._rows[cell.row()]
        if item is None:
            return
        old = self._results.get(item.key)
        if old is not None:
            self._results[item.key] = replace(old, note=cell.text())

    def _cell_changed(self, row: int, col: int, previous: int, _previous_col: int) -> None:
        """A group's heading is skipped: ↑/↓ go on to the item beyond it."""
        if 0 <= row < len(self._rows) and self._rows[row] is None:
            rows = self.item_rows()
            before = [r for r in rows if r < row]
            after = [r for r in rows if r > row]
            target = (before[-1] if before else None) if row < previous else None
            if target is None:
                target = after[0] if after else (before[-1] if before else None)
            if target is not None:
                self.table.setCurrentCell(target, max(col, 0))
                return
        self._current_changed()

    def _current_changed(self) -> None:
        item = self.current_item()
        self.photos.setEnabled(item is not None)
        if item is None:
            self.item_note.setText("")
            self.photos.set_key("\0")
            return
        self.item_note.setText(
            self.tr("{text}（{weight} 分）：{note}").format(
                text=item.text, weight=item.weight, note=item.note or self.tr("无说明")
            )
        )
        self.photos.set_key(item.key)

    def _photos_changed(self) -> None:
        item = self.current_item()
        if item is not None:
            self._show_row(self.row_of(item.key))

    def note_of(self, key: str) -> str:
        return self.table.item(self.row_of(key), COL_NOTE).text()

    # --- derived --------------------------------------------------------------------------
    def current_inspection(self) -> Inspection:
        inspectors = [
            Inspector(member_id=self.inspectors.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.inspectors.count())
            if self.inspectors.item(i).checkState() == Qt.CheckState.Checked
        ]
        inspectors += [Inspector(name=n) for n in outside_names(self.outside.text())]
        results = []
        for _, item in self.inspection.template.items():
            result = self._results.get(item.key)
            if result is None:
                continue
            kept = tuple(e.attachment_id for e in self.photos.entries(item.key) if e.attachment_id)
            results.append(replace(result, note=self.note_of(item.key), photo_ids=kept))
        return replace(
            self.inspection,
            venue_id=self.venue.currentData(),
            inspected_on=self.date.value() or self.inspection.inspected_on,
            inspectors=tuple(inspectors),
            results=tuple(results),
            note=self.note.toPlainText(),
        )

    def _update_score(self) -> None:
        t = tally(replace(self.inspection, results=tuple(self._results.values())))
        words = self.tr(
            "得分 {score}（得 {earned} / 应得 {possible} 分；"
            "合格 {p}、不合格 {f}、不适用 {na}、未填 {u}）"
        ).format(
            score=format_score(t.percent),
            earned=t.earned,
            possible=t.possible,
            p=t.passed,
            f=t.failed,
            na=t.not_applicable,
            u=t.unanswered,
        )
        self.score.setText(words)
        self.rect_box.setEnabled(t.failed > 0)

    def _show_still_open(self) -> None:
        venue_id = self.venue.currentData()
        if venue_id is None:
            self.still_open.hide()
            return
        rects = self._ws.venues.still_open(
            venue_id,
            as_of=self.date.value() or self.inspection.inspected_on,
            exclude_inspection_id=self.inspection.id,
        )
        if not rects:
            self.still_open.setText(self.tr("上次检查发现的问题：均已整改。"))
            self.still_open.setStyleSheet("")
        else:
            lines = [
                self.tr("· {group} · {item}：{finding}（{opened} 发现，期限 {due}）").format(
                    group=r.group_name,
                    item=r.item_text,
                    finding=r.finding or self.tr("不合格"),
                    opened=r.opened_on.isoformat(),
                    due=r.due_on.isoformat(),
                )
                for r in rects
            ]
            self.still_open.setText(
                self.tr("以前检查发现、仍未整改的问题（{n} 项）：\n").format(n=len(rects))
                + "\n".join(lines)
            )
            self.still_open.setStyleSheet("color: #b3261e;")
        self.still_open.show()

    # --- saving ---------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.photos.is_dirty() or self.current_inspection() != self.inspection

    def save(self) -> None:
        if self._saving:
            return
        if self.date.is_invalid():
            self.date.setFocus()
            return
        inspection = self.current_inspection()
        added = self.photos.new_photos()
        removed = list(self.photos.removed)
        owner = self.owner.currentData()
        due = self.due.value()

        def work(_progress):
            return self._ws.venues.save_inspection(
                inspection, added, removed, owner_id=owner, due_on=due
            )

        def saved(inspection_id) -> None:
            self.saved_id = inspection_id
            self.accept()

        self._saving = True
        self.buttons.setEnabled(False)

        def settle(_value=None) -> None:
            self._saving = False
            self.buttons.setEnabled(True)

        def failed(exc: BaseException) -> None:
            settle()
            errors.show_error(self, self.tr("无法保存检查记录"), exc)

        self.last_task = run_with_progress(
            self,
            self.tr("正在保存检查记录…"),
            work,
            lambda result: deliver(self._events, result, saved),
            error_title=self.tr("无法保存检查记录"),
            on_error=failed,
            on_cancel=settle,
            writes=True,
        )
