"""The roster as a lazy id-list model (STYLE.md §4; Anki's and calibre's big tables).

Filtering and sorting happen in SQL and give a list of ids; rows are fetched in pages only
when the view asks for them, so 10,000 members cost one id list and a page or two of rows.

A damaged record (a value the file cannot give back) does not hide its page: the page is
read again row by row, the damaged row shows DAMAGED_TEXT, and `damaged_found` tells the
view once per newly found record; data() never raises (it runs while Qt paints).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.masking import mask_id
from dangjian_desktop.domain.people import Member, MemberFilter, MemberSort
from dangjian_desktop.gui.labels import (
    category_label,
    party_post_label,
    sex_label,
    status_label,
)
from dangjian_desktop.messages import damaged_record_summary
from dangjian_desktop.storage.errors import DamagedRecordError

PAGE_SIZE = 100
MAX_CACHED_PAGES = 20
DAMAGED_TEXT = "（已损坏）"  # short: the 姓名 column is narrow
DAMAGED_BRUSH = QBrush(QColor("#b00020"))
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RosterColumn:
    field: str  # Member attribute, also the SQL sort key
    header: str
    width: int
    text: Callable[[Member, dict[int, str]], str]


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def roster_columns() -> list[RosterColumn]:
    # Widths in pixels at the shipped font (10 pt): the widest usual value and the header with
    # its sort arrow fit, and up to 联系电话 it all fits a 1280 px window on a 1366×768 screen
    # (tests/gui/views/test_members_view_widths.py).
    return [
        RosterColumn("name", "姓名", 80, lambda m, g: m.name),
        RosterColumn("sex", "性别", 46, lambda m, g: sex_label(m.sex)),
        RosterColumn("birth_date", "出生日期", 90, lambda m, g: _date(m.birth_date)),
        RosterColumn("id_number", "身份证号", 150, lambda m, g: mask_id(m.id_number)),
        RosterColumn("category", "类别", 72, lambda m, g: category_label(m.category)),
        RosterColumn("join_date", "入党日期", 90, lambda m, g: _date(m.join_date)),
        RosterColumn("full_date", "转正日期", 90, lambda m, g: _date(m.full_date)),
        RosterColumn(
            "party_group_id",
            "党小组",
            100,
            lambda m, g: g.get(m.party_group_id, "") if m.party_group_id else "",
        ),
        RosterColumn("party_post", "党内职务", 80, lambda m, g: party_post_label(m.party_post)),
        RosterColumn("work_unit", "工作单位（船/库）", 136, lambda m, g: m.work_unit),
        RosterColumn("job_post", "职务/岗位", 86, lambda m, g: m.job_post),
        RosterColumn("phone", "联系电话", 110, lambda m, g: m.phone),
        RosterColumn("status", "党籍状态", 76, lambda m, g: status_label(m.status)),
    ]


class MemberTableModel(QAbstractTableModel):
    # A record found damaged (DamagedRecordError); emitted from data(), so connect it
    # queued before showing anything modal.
    damaged_found = Signal(object)

    def __init__(self, members_service, parent=None) -> None:
        super().__init__(parent)
        self._service = members_service
        self.columns = roster_columns()
        self._filter = MemberFilter()
        self._sort = MemberSort()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, Member]] = OrderedDict()
        self._groups: dict[int, str] = {}
        self._damaged: dict[int, DamagedRecordError] = {}
        self.refresh()

    # --- what is shown -------------------------------------------------------------------
    @property
    def member_filter(self) -> MemberFilter:
        return self._filter

    def set_filter(self, flt: MemberFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def refresh(self) -> None:
        """Re-run the query (after a filter change or any write to members)."""
        self.beginResetModel()
        self._ids = self._service.ids(self._filter, self._sort)
        self._pages.clear()
        self._damaged.clear()  # found again when shown: a restore may have repaired them
        self._groups = self._service.group_names()
        self.endResetModel()

    def member_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, member_id: int) -> int | None:
        try:
            return self._ids.index(member_id)
        except ValueError:
            return None

    def member(self, row: int) -> Member | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            page = self._fetch(ids)
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def damage(self, row: int) -> DamagedRecordError | None:
        """Why the member in this row cannot be shown, or None (read its page first)."""
        member_id = self.member_id(row)
        return self._damaged.get(member_id) if member_id is not None else None

    def _fetch(self, ids: list[int]) -> dict[int, Member]:
        try:
            return self._service.rows(ids)
        except DamagedRecordError:
            pass
        # Row by row, so one damaged record leaves the others of its page readable.
        page: dict[int, Member] = {}
        for member_id in ids:
            if member_id in self._damaged:
                continue
            try:
                page.update(self._service.rows([member_id]))
            except DamagedRecordError as exc:
                self._damaged[member_id] = exc
                self.damaged_found.emit(exc)
        return page

    # --- Qt overrides --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            member = self.member(index.row())
            if member is None:  # damaged, or deleted by another window since the query ran
                damaged = self.damage(index.row()) is not None
                return DAMAGED_TEXT if damaged and index.column() == 0 else ""
            return self.columns[index.column()].text(member, self._groups)
        if role == Qt.ItemDataRole.UserRole:
            return self.member_id(index.row())
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            damage = self.damage(index.row())
            if damage is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return DAMAGED_BRUSH
            return damaged_record_summary(damage)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        sort = MemberSort(self.columns[column].field, order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:  # the view re-applies its indicator on setup: no new query
            return
        self._sort = sort
        self.layoutAboutToBeChanged.emit()
        self._ids = self._service.ids(self._filter, self._sort)
        self._pages.clear()
        self.layoutChanged.emit()
