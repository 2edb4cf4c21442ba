"""The lazy id-list table model of every big list (STYLE.md §4; Anki's and calibre's tables).

Filtering and sorting happen in SQL and give a list of ids; rows are fetched in pages only
when the view asks for them, so 10,000 members or 200,000 point entries cost one id list
and the page or two the screen shows. A table is a `RowSource` (usually the service) plus
a list of `TableColumn`s:

    model = IdListTableModel(ws.meetings, MEETING_COLUMNS, MeetingFilter(), Sort("held_on"))
    model.refresh()                      # runs the query; the model is empty until then
    model.set_filter(MeetingFilter(year=2026))
    model.id_at(row), model.item(row), model.row_of(meeting_id)

A source may instead offer `window(filter, sort)` (services/id_window.py): the ids stay in
SQL. A refresh then counts the hits up to COUNT_AT_ONCE and reads the ids of a page when it
is shown; a longer list gets its exact count COUNT_DELAY_MS after the last filter change
(rows are appended then: `counting` is True until it is), so typing on 200,000 point
entries costs a bounded count and a page per keystroke.

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

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
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
COUNT_AT_ONCE = 5000  # a window's hits counted on the keystroke; beyond, counted later
COUNT_DELAY_MS = 150
MAX_FOLLOWED = 50  # selected records a re-sort of a window looks up (the rest: deselected)
MAX_ID_PAGES = 400


class RowSource(Protocol[T_co]):
    """Where a table's rows come from; a service has these two methods already. A source
    may also have `context() -> object`: read once per refresh (e.g. 党小组 names by id)
    and handed to every column's callables, so a page of rows needs no extra query."""

    def ids(self, flt: Any, sort: Sort) -> list[int]: ...

    def rows(self, ids: Sequence[int]) -> dict[int, T_co]: ...


class IdWindow(Protocol):
    """A list left in SQL (services/id_window.IdWindow)."""

    total: int | None

    def count(self, limit: int | None = None) -> int: ...

    def ids(self, start: int, stop: int) -> list[int]: ...

    def position(self, record_id: int) -> int | None: ...

    def adopt(self, other: Any) -> None: ...


class _ListIds:
    """Every id in memory (a source with `ids`)."""

    def __init__(self, ids: list[int]) -> None:
        self._ids = ids
        self._rows: dict[int, int] | None = None  # built when row_of() first asks

    def __len__(self) -> int:
        return len(self._ids)

    def at(self, row: int) -> int:
        return self._ids[row]

    def page(self, page_no: int) -> list[int]:
        return self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]

    def row_of(self, record_id: int) -> int | None:
        if self._rows is None:
            self._rows = {rid: row for row, rid in enumerate(self._ids)}
        return self._rows.get(record_id)


class _WindowIds:
    """The ids of a window, read a page at a time and kept (a page of ids is small)."""

    def __init__(self, window: IdWindow, length: int) -> None:
        self.window = window
        self.length = length
        self._pages: OrderedDict[int, list[int]] = OrderedDict()

    def __len__(self) -> int:
        return self.length

    def page(self, page_no: int) -> list[int]:
        found = self._pages.get(page_no)
        if found is None:
            start = page_no * PAGE_SIZE
            found = self.window.ids(start, min(start + PAGE_SIZE, self.length))
            self._pages[page_no] = found
            while len(self._pages) > MAX_ID_PAGES:
                self._pages.popitem(last=False)
        return found

    def at(self, row: int) -> int | None:
        page = self.page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, record_id: int) -> int | None:
        for page_no, ids in self._pages.items():
            if record_id in ids:
                return page_no * PAGE_SIZE + ids.index(record_id)
        row = self.window.position(record_id)
        return row if row is not None and row < self.length else None


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
        self._ids: _ListIds | _WindowIds = _ListIds([])
        self._loaded = False  # refresh() has run: before it, sort() only records the order
        self._pages: OrderedDict[int, dict[int, Any]] = OrderedDict()
        self._context: object = None
        self._damaged: dict[int, DamagedRecordError] = {}
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.count_now)

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

    @property
    def counting(self) -> bool:
        """A window's exact count is still to come (rowCount() is a lower bound)."""
        return self._count_timer.isActive()

    def refresh(self) -> None:
        """Run the query again (after a filter change, or a write the view cares about)."""
        self.beginResetModel()
        self._loaded = True
        self._count_timer.stop()
        self._set_ids(self._query(self._sort))
        self._damaged.clear()  # found again when shown: a restore may have repaired them
        self._context = self._context_of() if self._context_of is not None else None
        self.endResetModel()

    def _query(self, sort: Sort, same_filter: _WindowIds | None = None):
        window_of = getattr(self._source, "window", None)
        if window_of is None:
            return _ListIds(self._source.ids(self._filter, sort))
        window = window_of(self._filter, sort)
        if same_filter is not None:  # a new order of the same hits: their count holds
            window.adopt(same_filter.window)
            return _WindowIds(window, same_filter.length)
        length = window.count(COUNT_AT_ONCE + 1)
        if window.total is None:
            self._count_timer.start()
        return _WindowIds(window, length)

    def count_now(self) -> None:
        """Count a window's hits exactly and show the rows beyond the first count."""
        self._count_timer.stop()
        ids = self._ids
        if not isinstance(ids, _WindowIds) or ids.window.total == ids.length:
            return
        total = ids.window.count()
        if total > ids.length:
            self.beginInsertRows(QModelIndex(), ids.length, total - 1)
            ids.length = total
            self.endInsertRows()
        elif total < ids.length:  # entries deleted since: read the list again
            self.refresh()

    def _set_ids(self, ids: _ListIds | _WindowIds) -> None:
        self._ids = ids
        self._pages.clear()

    def id_at(self, row: int) -> int | None:
        return self._ids.at(row) if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        return self._ids.row_of(record_id)

    def item(self, row: int) -> Any | None:
        """The row's record (fetched with its page), or None: damaged, or deleted since the
        query ran."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(self._ids.page(page_no))
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        record_id = self._ids.at(row)
        return page.get(record_id) if record_id is not None else None

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
        same = old_ids if isinstance(old_ids, _WindowIds) else None
        self._set_ids(self._query(self._sort, same_filter=same))
        # The selection and the current cell follow their records to the new rows (in a
        # window, the first MAX_FOLLOWED records: each is a query).
        persistent = self.persistentIndexList()
        if persistent:
            new_rows: dict[int, int | None] = {}
            moved = []
            for index in persistent:
                old = index.row()
                record_id = old_ids.at(old) if 0 <= old < len(old_ids) else None
                if record_id is not None and record_id not in new_rows:
                    followed = same is None or len(new_rows) < MAX_FOLLOWED
                    new_rows[record_id] = self.row_of(record_id) if followed else None
                new = new_rows.get(record_id) if record_id is not None else None
                moved.append(QModelIndex() if new is None else self.index(new, index.column()))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
