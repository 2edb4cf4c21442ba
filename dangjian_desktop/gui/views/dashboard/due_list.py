"""The 工作台's due list: one line per item, and one expandable line for many of a kind.

Hundreds of members without organisational life are one line with a count; their names are
made only when the line is opened (and at most SHOWN_CHILDREN of them). A click on a line
asks for the record it concerns (`record_requested(RecordRef)`); a group line opens.
The list is rebuilt only when the items differ from those shown, keeping which groups are
open, so a refresh that changes nothing does not flicker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from dangjian_desktop.domain.dashboard import DueItem, DueKind, Severity
from dangjian_desktop.gui.views.dashboard.wording import (
    child_text,
    group_text,
    item_text,
    severity_text,
    tr,
)

# More items of one kind than this become one line with a count.
GROUP_OVER = 3
# A group line opens onto at most this many lines (a 10,000-member file may list thousands).
SHOWN_CHILDREN = 300
# The list is as tall as this many lines at least and at most (it scrolls beyond).
MIN_ROWS, MAX_ROWS = 6, 14
ITEM_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1

SEVERITY_COLOURS = {
    Severity.OVERDUE: QColor("#c0392b"),
    Severity.DUE: QColor("#b9770e"),
    Severity.NOTICE: QColor("#6b7280"),
}


def grouped(items: Sequence[DueItem]) -> list[tuple[DueKind | None, list[DueItem]]]:
    """(kind, items) for a group line, (None, [item]) for a single line; in the order of
    each kind's (or item's) first appearance, so the most urgent stays on top."""
    by_kind: dict[DueKind, list[DueItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    out: list[tuple[DueKind | None, list[DueItem]]] = []
    placed: set[DueKind] = set()
    for item in items:
        members = by_kind[item.kind]
        if len(members) > GROUP_OVER:
            if item.kind not in placed:
                placed.add(item.kind)
                out.append((item.kind, members))
        else:
            out.append((None, [item]))
    return out


@dataclass(frozen=True)
class DueLine:
    """A top-level line, prepared off the GUI thread: one item, or a group of one kind."""

    text: str
    severity: Severity
    item: DueItem | None = None
    kind: DueKind | None = None  # a group line
    count: int = 1


def due_lines(items: Sequence[DueItem]) -> tuple[DueLine, ...]:
    """The list's top-level lines; Python work over every item, so the background read
    does it (10,000 members without organisational life would stall the window)."""
    lines = []
    for kind, members in grouped(items):
        if kind is None:
            item = members[0]
            lines.append(DueLine(item_text(item), item.severity, item=item))
        else:
            worst = min((m.severity for m in members), key=_SEVERITY_RANK.__getitem__)
            lines.append(DueLine(group_text(kind, members), worst, kind=kind, count=len(members)))
    return tuple(lines)


_SEVERITY_RANK = {s: n for n, s in enumerate(Severity)}


class DueListWidget(QTreeWidget):
    record_requested = Signal(object)  # RecordRef

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueList")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._items: tuple[DueItem, ...] | None = None
        self.itemClicked.connect(self._clicked)
        self.itemExpanded.connect(self._fill_group)
        self.itemExpanded.connect(lambda _line: self.updateGeometry())  # taller when open
        self.itemCollapsed.connect(lambda _line: self.updateGeometry())

    def sizeHint(self) -> QSize:
        shown = self.topLevelItemCount() + sum(
            self.topLevelItem(i).childCount()
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
        )
        rows = min(max(shown, MIN_ROWS), MAX_ROWS)
        row = self.fontMetrics().height() + 4
        return QSize(super().sizeHint().width(), rows * row + 2 * self.frameWidth() + 4)

    def items(self) -> tuple[DueItem, ...]:
        return self._items if self._items is not None else ()

    def set_items(
        self,
        items: Sequence[DueItem],
        lines: Sequence[DueLine] | None = None,
        *,
        unchanged: bool | None = None,
    ) -> bool:
        """Show `items` (with their `lines` when prepared already); False, and nothing
        redrawn, when they are what is shown already (`unchanged`: compared already)."""
        items = tuple(items)
        if unchanged is None:
            unchanged = items == self._items
        if unchanged and self._items is not None:
            return False
        opened = {
            self.topLevelItem(i).data(0, GROUP_ROLE)
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
        }
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            self._items = items
            if not items:
                line = QTreeWidgetItem(["", tr("暂无待办：按规定应做的事项均已完成。")])
                line.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.addTopLevelItem(line)
            for line in due_lines(items) if lines is None else lines:
                if line.kind is None:
                    self.addTopLevelItem(self._line(line.item, line.text))
                else:
                    self.addTopLevelItem(self._group(line))
            for i in range(self.topLevelItemCount()):
                top = self.topLevelItem(i)
                if top.data(0, GROUP_ROLE) in opened and top.data(0, GROUP_ROLE) is not None:
                    top.setExpanded(True)
        finally:
            self.setUpdatesEnabled(True)
        self.updateGeometry()  # as tall as its lines
        return True

    def lines(self) -> list[str]:
        """The top-level lines' text (tests and screenshots read the list this way)."""
        return [self.topLevelItem(i).text(1) for i in range(self.topLevelItemCount())]

    # --- building ------------------------------------------------------------------------
    def _line(self, item: DueItem, text: str) -> QTreeWidgetItem:
        line = QTreeWidgetItem([severity_text(item.severity), text])
        line.setData(0, ITEM_ROLE, item)
        line.setToolTip(1, text + "\n" + tr("单击打开相关记录"))
        self._colour(line, item.severity)
        return line

    def _group(self, due: DueLine) -> QTreeWidgetItem:
        line = QTreeWidgetItem([severity_text(due.severity), due.text])
        line.setData(0, GROUP_ROLE, due.kind.value)
        line.setToolTip(1, due.text + "\n" + tr("单击展开名单"))
        line.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._colour(line, due.severity)
        return line

    def _fill_group(self, line: QTreeWidgetItem) -> None:
        """The names of a group are made when it is first opened."""
        kind = line.data(0, GROUP_ROLE)
        if kind is None or line.childCount():
            return
        members = [i for i in self.items() if i.kind.value == kind]
        children = [self._line(m, child_text(m)) for m in members[:SHOWN_CHILDREN]]
        more = len(members) - SHOWN_CHILDREN
        if more > 0:
            rest = QTreeWidgetItem(["", tr("……另有 {n} 项未列出").format(n=more)])
            rest.setFlags(Qt.ItemFlag.ItemIsEnabled)
            children.append(rest)
        line.addChildren(children)

    @staticmethod
    def _colour(line: QTreeWidgetItem, severity: Severity) -> None:
        line.setForeground(0, QBrush(SEVERITY_COLOURS[severity]))
        if severity is Severity.OVERDUE:
            font = line.font(0)
            font.setBold(True)
            line.setFont(0, font)

    # --- clicks --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._clicked(self.currentItem())
            return
        super().keyPressEvent(event)

    def _clicked(self, line: QTreeWidgetItem, _column: int = 0) -> None:
        if line.data(0, GROUP_ROLE) is not None:
            line.setExpanded(not line.isExpanded())
            return
        item = line.data(0, ITEM_ROLE)
        if isinstance(item, DueItem):
            self.record_requested.emit(item.ref)
