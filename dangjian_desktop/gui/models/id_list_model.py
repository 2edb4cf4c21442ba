"""The lazy id-list table model of every big list (STYLE.md §4; Anki's and calibre's tables).

Filtering and sorting happen in SQL and give a list of ids; rows are fetched in pages only
when the view asks for them, so 10,000 members or 200,000 point entries cost one id list
and the page or two the screen shows. A table is a `RowSource` (usually the service) plus
a list of `TableColumn`s:

    model = IdListTableModel(ws.meetings, MEETING_COLUMNS, MeetingFilter(), Sort("held_on"))
    model.refresh()                      # runs the query; the model is empty until then
    model.set_filter(MeetingFilter(year=2026))
    model.id_at(row), model.item(row), model.row_of(meeting_id)

A record whose read raises DamagedRecordError (a value the file cannot give back) does not
hide its page: the model asks the source for that page's rows one by one, the damaged row
shows DAMAGED_TEXT in its first column with the reason as its tooltip, and `damaged_found`
tells the view once per record; data() never raises (it runs while Qt paints).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.models.base import DAMAGED_BRUSH, ColumnsTableModel, Index
from dangjian_desktop.messages import damaged_record_summary
from dangjian_desktop.storage.errors import DamagedRecordError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

PAGE_SIZE = 100
MAX_CACHED_PAGES = 20
DAMAGED_TEXT = "（已损坏）"  # short: a first column is often narrow


class RowSource(Protocol[T_co]):
    """Where a table's rows come from; a service has these two methods already. A source
    may also have `context() -> object`: read once per refresh (e.g. 党小组 names by id)
    and handed to every column's callables, so a page of rows needs no extra query."""

    def ids(self, flt: Any, sort: Sort) -> list[int]: ...

    def rows(self, ids: Sequence[int]) -> dict[int, T_co]: ...


@dataclass(frozen=True)
class TableColumn(Generic[T]):
    """One column: what it shows of a row, given the refresh's context.

    sort_key: the Sort.column a header click asks the source for (None: not sortable).
    width: pixels at the shipped font; views set it, never ResizeToContents (it reads
    every row). tooltip, alignment and foreground are optional, called like text."""

    sort_key: str | None
    header: str
    width: int
    text: Callable[[T, Any], str]
    tooltip: Callable[[T, Any], str | None] | None = None
    alignment: Callable[[T, Any], Qt.AlignmentFlag | None] | None = None
    foreground: Callable[[T, Any], QBrush | None] | None = None


class IdListTableModel(ColumnsTableModel):
    # A record found damaged (DamagedRecordError); emitted from data(), so connect it
    # queued before showing anything modal.
    damaged_found = Signal(object)

    def __init__(
        self,
        source: RowSource,
        columns: Sequence[TableColumn],
        flt: object,
        sort: Sort,
        *,
        context: Callable[[], object] | None = None,
        parent=None,
    ) -> None:
        super().__init__([c.header for c in columns], parent)
        self.columns = list(columns)
        self._source = source
        self._context_of = context if context is not None else getattr(source, "context", None)
        self._filter = flt
        self._sort = sort
        self._ids: list[int] = []
        self._loaded = False  # refresh() has run: before it, sort() only records the order
        self._rows_by_id: dict[int, int] | None = None  # built when row_of() first asks
        self._pages: OrderedDict[int, dict[int, Any]] = OrderedDict()
        self._context: object = None
        self._damaged: dict[int, DamagedRecordError] = {}

    # --- what is shown -------------------------------------------------------------------
    @property
    def filter(self) -> object:
        return self._filter

    @property
    def sort_order(self) -> Sort:
        return self._sort

    def set_filter(self, flt: object) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def refresh(self) -> None:
        """Run the query again (after a filter change, or a write the view cares about)."""
        self.beginResetModel()
        self._loaded = True
        self._set_ids(self._source.ids(self._filter, self._sort))
        self._damaged.clear()  # found again when shown: a restore may have repaired them
        self._context = self._context_of() if self._context_of is not None else None
        self.endResetModel()

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._rows_by_id = None
        self._pages.clear()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        if self._rows_by_id is None:
            self._rows_by_id = {rid: row for row, rid in enumerate(self._ids)}
        return self._rows_by_id.get(record_id)

    def item(self, row: int) -> Any | None:
        """The row's record (fetched with its page), or None: damaged, or deleted since the
        query ran."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE])
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def damage(self, row: int) -> DamagedRecordError | None:
        """Why the record in this row cannot be shown, or None (read its page first)."""
        record_id = self.id_at(row)
        return self._damaged.get(record_id) if record_id is not None else None

    def _fetch(self, ids: list[int]) -> dict[int, Any]:
        try:
            return self._source.rows(ids)
        except DamagedRecordError:
            pass
        # Row by row, so one damaged record leaves the others of its page readable.
        page: dict[int, Any] = {}
        for record_id in ids:
            if record_id in self._damaged:
                continue
            try:
                page.update(self._source.rows([record_id]))
            except DamagedRecordError as exc:
                self._damaged[record_id] = exc
                self.damaged_found.emit(exc)
        return page

    # --- Qt overrides --------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            item = self.item(row)
            if item is None:
                return DAMAGED_TEXT if col == 0 and self.damage(row) is not None else ""
            return self.columns[col].text(item, self._context)
        if role == Qt.ItemDataRole.UserRole:
            return self.id_at(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            damage = self.damage(row)
            if damage is not None:
                return damaged_record_summary(damage)
            return self._optional(self.columns[col].tooltip, row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.damage(row) is not None:
                return DAMAGED_BRUSH
            return self._optional(self.columns[col].foreground, row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._optional(self.columns[col].alignment, row)
        return None

    def _optional(self, fn: Callable[[Any, Any], object] | None, row: int):
        if fn is None:
            return None
        item = self.item(row)
        return fn(item, self._context) if item is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        sort = replace(self._sort, column=key, descending=order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:  # the view re-applies its indicator on setup: no new query
            return
        self._sort = sort
        if not self._loaded:  # a view setting up its header: refresh() will use it
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._set_ids(self._source.ids(self._filter, self._sort))
        # The selection and the current cell follow their records to the new rows.
        persistent = self.persistentIndexList()
        if persistent:
            moved = []
            for index in persistent:
                old = index.row()
                new = self.row_of(old_ids[old]) if 0 <= old < len(old_ids) else None
                moved.append(QModelIndex() if new is None else self.index(new, index.column()))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
