"""The sign-in list of a meeting as a fast grid: everyone expected starts 出席 ("全部出席"),
then the exceptions by keyboard: ↑↓ to a member, 1 出席 / 2 请假 / 3 缺席; after 2 or 3 the
cursor stands in 原因, where 1–5 pick 在航/公休/病假/事假/其他 and the cursor moves to the
next member. 说明 and the 不计入应到人数 columns are edited in place (F2, typing, Space
for the tick). 应到/实到/请假/缺席 are computed from the lines (domain head_count), never
typed. 列席 guests are a separate line of names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.meeting_roster import ListedRoster
from dangjian_desktop.domain.meeting_rules import HeadCount, ListedMember, head_count_of_listed
from dangjian_desktop.domain.meetings import Attendance, LeaveReason, Presence
from dangjian_desktop.export.labels import LEAVE_REASON, PRESENCE

NAME, KIND, PRESENCE_COL, REASON, NOTE, EXCLUDED, EXCL_REASON, EXCL_APPROVAL = range(8)
HEADERS = ("姓名", "身份", "出席情况", "原因", "说明", "不计入应到", "不计入原因", "审批说明")
WIDTHS = (80, 70, 76, 64, 150, 84, 130, 130)
# Keys 1–3 in any column but 原因; 1–5 in 原因.
PRESENCE_KEYS = {
    Qt.Key.Key_1: Presence.PRESENT,
    Qt.Key.Key_2: Presence.LEAVE,
    Qt.Key.Key_3: Presence.ABSENT,
}
REASON_KEYS = {
    Qt.Key.Key_1: LeaveReason.AT_SEA,
    Qt.Key.Key_2: LeaveReason.SHORE_LEAVE,
    Qt.Key.Key_3: LeaveReason.SICK,
    Qt.Key.Key_4: LeaveReason.PERSONAL,
    Qt.Key.Key_5: LeaveReason.OTHER,
}
# Column key of an error path "attendance.N.<key>".
ERROR_COLUMNS = {
    "presence": PRESENCE_COL,
    "reason": REASON,
    "note": NOTE,
    "excluded": EXCLUDED,
    "exclusion_reason": EXCL_REASON,
    "exclusion_approval": EXCL_APPROVAL,
}
_AWAY = QBrush(QColor("#8a4b00"))
_ERROR = QBrush(QColor("#f8d7d3"))
_PRESENT = Presence.PRESENT
_PLAIN = Attendance(0)  # the cells of a plain 出席 row (its member id is the row's)


def _present(line: Attendance) -> bool:
    """Counted 实到: present and not excluded (head_count's rule)."""
    return line.presence is _PRESENT and not line.excluded


def _sparse(line: Attendance) -> Attendance | None:
    """None for a line that says nothing but 出席 (equal to Attendance(member_id))."""
    return None if line == Attendance(line.member_id) else line


def _shown(line: Attendance | None) -> Attendance:
    return _PLAIN if line is None else line


class AttendanceModel(QAbstractTableModel):
    """The sign-in list: one row per member expected (a ListedRoster, in its order), then
    the lines of members not expected that a stored record keeps. A row's line is stored
    only when it says more than plain 出席 (None: Attendance(member_id)), so a 主题党日 of a
    7,000-member roster is a list of ids and a few hundred lines, and cells are answered
    from the columns; the head count and the quorum count the plain rows from their ids."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roster = ListedRoster()
        self._extra: list[ListedMember] = []  # members not expected, with stored lines
        self._ids: list[int] = []
        self._names: list[str] = []
        self._formal: list[bool] = []
        self._lines: list[Attendance | None] = []
        self._built: tuple[Attendance, ...] | None = None  # attendance(), until a change
        self.revision = 0  # counts changes: what was computed from the lines is stale
        self.read_only = False
        self._errors: dict[tuple[int, int], str] = {}

    def set_lines(
        self,
        members: ListedRoster | Sequence[ListedMember],
        lines: Sequence[Attendance],
        unlisted: dict[int, str] | None = None,
    ) -> None:
        """The expected members in order, each with their line (a missing line: 出席).
        With `unlisted` (names by id), lines of members not expected (a stored record whose
        member left the branch before its date …) are kept at the end, so the service can
        say what is wrong with them; without, they are dropped (the type or date changed)."""
        self.beginResetModel()
        roster = members if isinstance(members, ListedRoster) else ListedRoster.of(members)
        by_id = {a.member_id: a for a in lines}
        pop = by_id.pop
        found = [pop(member_id, None) for member_id in roster.ids]
        self._roster, self._extra = roster, []
        self._ids, self._names = list(roster.ids), list(roster.names)
        self._formal = list(roster.formal)
        self._lines = [None if a is None else _sparse(a) for a in found]
        for extra in by_id.values() if unlisted is not None else ():  # not expected
            name = unlisted.get(extra.member_id) or f"#{extra.member_id}"
            self._extra.append(ListedMember(extra.member_id, name, False))
            self._ids.append(extra.member_id)
            self._names.append(name)
            self._formal.append(False)
            self._lines.append(_sparse(extra))
        self._errors = {}
        self._touched()
        self.endResetModel()
        self.changed.emit()

    @property
    def members(self) -> list[ListedMember]:
        """The rows' members: the expected ones, then those kept from a stored record."""
        return [*self._roster.members(), *self._extra]

    @property
    def lines(self) -> list[Attendance]:
        return list(self.attendance())

    def name(self, row: int) -> str:
        return self._names[row] if 0 <= row < len(self._names) else ""

    def attendance(self) -> tuple[Attendance, ...]:
        """Every row's line, plain 出席 rows built now (once until the next change)."""
        if self._built is None:
            self._built = tuple(
                Attendance(member_id) if line is None else line
                for member_id, line in zip(self._ids, self._lines, strict=True)
            )
        return self._built

    def state(self) -> tuple[tuple[int, ...], tuple[Attendance | None, ...]]:
        """What the list holds, compared cheaply: equal states ⇔ equal attendance()."""
        return tuple(self._ids), tuple(self._lines)

    def given_lines(self) -> list[Attendance]:
        """The lines that say more than plain 出席 (with the other rows' ids, attendance())."""
        return [line for line in self._lines if line is not None]

    def plain_ids(self) -> list[int]:
        """The members of the rows that are plain 出席."""
        return [m for m, line in zip(self._ids, self._lines, strict=True) if line is None]

    def head(self) -> HeadCount:
        away = [a for a in self._lines if a is not None and not _present(a)]
        return head_count_of_listed(len(self._lines), away)

    def all_present(self) -> None:
        self.beginResetModel()
        self._lines = [
            None
            if a is None
            else _sparse(replace(a, presence=Presence.PRESENT, reason=LeaveReason.NONE))
            for a in self._lines
        ]
        self._touched()
        self.endResetModel()
        self.changed.emit()

    def line(self, row: int) -> Attendance:
        line = self._lines[row]
        return Attendance(self._ids[row]) if line is None else line

    def set_line(self, row: int, line: Attendance) -> None:
        if self.read_only or not 0 <= row < len(self._lines):
            return
        if line.presence is Presence.PRESENT:
            line = replace(line, reason=LeaveReason.NONE)
        self._lines[row] = _sparse(line)
        self._touched()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.changed.emit()

    def set_presence(self, row: int, presence: Presence) -> None:
        if 0 <= row < len(self._lines):
            self.set_line(row, replace(self.line(row), presence=presence))

    def set_reason(self, row: int, reason: LeaveReason) -> None:
        if 0 <= row < len(self._lines) and self.line(row).presence is not Presence.PRESENT:
            self.set_line(row, replace(self.line(row), reason=reason))

    def set_errors(self, cells: dict[tuple[int, int], str]) -> None:
        self._errors = cells
        if self._lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._lines) - 1, len(HEADERS) - 1)
            )

    def _touched(self) -> None:
        self._built = None
        self.revision += 1

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():  # the root: no cell
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or index.column() in (NAME, KIND):
            return base
        if index.column() == EXCLUDED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == REASON and _shown(self._lines[index.row()]).presence is _PRESENT:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        line = _shown(self._lines[row])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == NAME:
                return self._names[row]
            if col == KIND:
                return "正式党员" if self._formal[row] else "预备党员"
            if col == PRESENCE_COL:
                return (
                    line.presence.value
                    if role == Qt.ItemDataRole.EditRole
                    else PRESENCE[line.presence]
                )
            if col == REASON:
                return (
                    line.reason.value
                    if role == Qt.ItemDataRole.EditRole
                    else LEAVE_REASON[line.reason]
                )
            if col == NOTE:
                return line.note
            if col == EXCL_REASON:
                return line.exclusion_reason
            if col == EXCL_APPROVAL:
                return line.exclusion_approval
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == EXCLUDED:
            return Qt.CheckState.Checked if line.excluded else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and col in (PRESENCE_COL, REASON):
            return _AWAY if line.presence is not _PRESENT else None
        if role == Qt.ItemDataRole.BackgroundRole and (row, col) in self._errors:
            return _ERROR
        if role == Qt.ItemDataRole.ToolTipRole and (row, col) in self._errors:
            return self._errors[(row, col)]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        row, col = index.row(), index.column()
        line = self.line(row)
        if col == EXCLUDED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_line(row, replace(line, excluded=checked))
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if col == PRESENCE_COL:
            self.set_line(row, replace(line, presence=Presence(value)))
        elif col == REASON:
            self.set_line(row, replace(line, reason=LeaveReason(value)))
        elif col == NOTE:
            self.set_line(row, replace(line, note=str(value)))
        elif col == EXCL_REASON:
            self.set_line(row, replace(line, exclusion_reason=str(value)))
        elif col == EXCL_APPROVAL:
            self.set_line(row, replace(line, exclusion_approval=str(value)))
        else:
            return False
        return True


class _ChoiceDelegate(QStyledItemDelegate):
    """Combo boxes for 出席情况 and 原因 (mouse users); the grid's keys do the same faster."""

    def createEditor(self, parent, option, index):
        if index.column() == PRESENCE_COL:
            choices = [(p.value, PRESENCE[p]) for p in Presence]
        elif index.column() == REASON:
            choices = [(r.value, LEAVE_REASON[r] or "（未说明）") for r in LeaveReason]
        else:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class AttendanceTable(QTableView):
    def __init__(self, model: AttendanceModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(_ChoiceDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column, width in enumerate(WIDTHS):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(
            len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = Qt.Key(event.key())
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if index.isValid() and plain and not self._model.read_only:
            row = index.row()
            if index.column() == REASON and key in REASON_KEYS:
                self._model.set_reason(row, REASON_KEYS[key])
                self._go(min(row + 1, self._model.rowCount() - 1), PRESENCE_COL)
                return
            if index.column() not in (NOTE, EXCL_REASON, EXCL_APPROVAL) and key in PRESENCE_KEYS:
                presence = PRESENCE_KEYS[key]
                self._model.set_presence(row, presence)
                if presence is Presence.PRESENT:
                    self._go(min(row + 1, self._model.rowCount() - 1), PRESENCE_COL)
                else:
                    self._go(row, REASON)
                return
        super().keyPressEvent(event)

    def _go(self, row: int, column: int) -> None:
        self.setCurrentIndex(self._model.index(row, column))


class AttendanceGrid(QWidget):
    """The grid, the 全部出席 button, the live head counts."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttendanceModel(self)
        self.table = AttendanceTable(self.model, self)
        self.all_button = QPushButton(self.tr("全部出席"), self)
        self.all_button.setToolTip(self.tr("把所有人设为出席，再逐一标出请假、缺席的人"))
        self.all_button.clicked.connect(self.model.all_present)
        self.counts = QLabel(self)
        self.counts.setObjectName("attendanceCounts")
        self.hint = QLabel(
            self.tr(
                "键盘操作：↑↓ 选人，按 1 出席、2 请假、3 缺席；请假或缺席后在“原因”列按 "
                "1 在航、2 公休、3 病假、4 事假、5 其他。“不计入应到”须填写原因和审批说明"
                "（经上级党组织同意）。"
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("errorText")
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.all_button)
        top.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.errors_label)
        self.model.changed.connect(self._update_counts)
        self.model.changed.connect(self.changed)
        self._update_counts()

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self.all_button.setEnabled(not read_only)

    def _update_counts(self) -> None:
        head = self.model.head()
        text = self.tr("应到 {e} 人，实到 {p} 人，请假 {l} 人，缺席 {a} 人").format(
            e=head.expected, p=head.present, l=head.on_leave, a=head.absent
        )
        if head.excluded:
            text += self.tr("（不计入应到人数 {x} 人）").format(x=head.excluded)
        self.counts.setText(text)

    def show_errors(self, errors: list[tuple[int, str, str]]) -> None:
        """(row, column key, message), as FieldErrorLabels routes "attendance.N.key"."""
        cells, lines = {}, []
        for row, key, message in errors:
            column = ERROR_COLUMNS.get(key, NAME)
            cells[(row, column)] = message
            name = self.model.name(row)
            lines.append(
                self.tr("{name}（第 {row} 行）{field}：{msg}").format(
                    name=name, row=row + 1, field=HEADERS[column], msg=message
                )
            )
        self.model.set_errors(cells)
        self.errors_label.setText("\n".join(lines))
        self.errors_label.setVisible(bool(lines))
