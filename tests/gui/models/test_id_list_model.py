"""The generic id-list model over a fake source: paging, the page cache, SQL sort, row_of and
damaged rows, at the size of the 积分 tab (200,000 point entries)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.models.id_list_model import (
    DAMAGED_TEXT,
    MAX_CACHED_PAGES,
    PAGE_SIZE,
    IdListTableModel,
    TableColumn,
)
from dangjian_desktop.storage.errors import DamagedRecordError

pytestmark = pytest.mark.gui

ENTRIES = 200_000
RED = QBrush(QColor("#c00000"))


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    points: int


class FakeSource:
    """Entries 1..n; `ids` filters by a minimum of points and sorts like SQL would; every
    call is recorded, so tests see exactly what the model asked for."""

    def __init__(self, n: int, damaged: frozenset[int] = frozenset()) -> None:
        self.entries = {i: Entry(i, f"党员{i:06d}", (i * 7919) % 100) for i in range(1, n + 1)}
        self.damaged = damaged
        self.id_queries: list[tuple[object, Sort]] = []
        self.row_batches: list[list[int]] = []
        self.contexts = 0

    @property
    def fetched(self) -> list[int]:
        return [i for batch in self.row_batches for i in batch]

    def ids(self, flt, sort: Sort) -> list[int]:
        self.id_queries.append((flt, sort))
        found = [e for e in self.entries.values() if flt is None or e.points >= flt]
        found.sort(key=lambda e: (getattr(e, sort.column), e.id), reverse=sort.descending)
        return [e.id for e in found]

    def rows(self, ids) -> dict[int, Entry]:
        self.row_batches.append(list(ids))
        bad = [i for i in ids if i in self.damaged]
        if bad:
            raise DamagedRecordError("point_entry", bad[0], "name")
        return {i: self.entries[i] for i in ids if i in self.entries}

    def context(self) -> dict:
        self.contexts += 1
        return {"unit": "分"}


COLUMNS = [
    TableColumn("name", "姓名", 120, lambda e, ctx: e.name),
    TableColumn(
        "points",
        "积分",
        60,
        lambda e, ctx: f"{e.points}{ctx['unit']}",
        tooltip=lambda e, ctx: "满分" if e.points == 99 else None,
        alignment=lambda e, ctx: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        foreground=lambda e, ctx: RED if e.points < 10 else None,
    ),
    TableColumn(None, "备注", 80, lambda e, ctx: ""),  # not sortable
]


def _model(source: FakeSource, flt=None) -> IdListTableModel:
    model = IdListTableModel(source, COLUMNS, flt, Sort("name"))
    model.refresh()
    return model


@pytest.fixture(scope="module")
def big_source():
    return FakeSource(ENTRIES)


@pytest.fixture
def source(big_source):
    big_source.id_queries.clear()
    big_source.row_batches.clear()
    big_source.contexts = 0
    return big_source


def test_nothing_is_queried_before_refresh(source):
    model = IdListTableModel(source, COLUMNS, None, Sort("name"))
    # A view setting up its header sorts the model (setSortingEnabled, sortByColumn).
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 0 and source.id_queries == [] and source.contexts == 0
    model.refresh()
    assert source.id_queries == [(None, Sort("points", descending=True))]


def test_a_view_on_200000_entries_fetches_only_the_pages_it_shows(qtbot, source):
    model = _model(source)
    assert model.rowCount() == ENTRIES and source.fetched == []
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setDefaultSectionSize(26)
    view.resize(800, 600)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    assert 0 < len(source.fetched) <= PAGE_SIZE
    assert set(source.fetched) <= set(model.id_at(r) for r in range(PAGE_SIZE))

    source.row_batches.clear()
    view.scrollToBottom()
    qtbot.wait(20)
    assert 0 < len(source.fetched) <= 2 * PAGE_SIZE  # the last page, maybe the one before
    last_rows = range(ENTRIES - 2 * PAGE_SIZE, ENTRIES)
    assert set(source.fetched) <= {model.id_at(r) for r in last_rows}
    assert model.index(ENTRIES - 1, 0).data() == source.entries[model.id_at(ENTRIES - 1)].name


def test_pages_are_cached_least_recently_used_first_out(source):
    model = _model(source)
    for page in range(MAX_CACHED_PAGES):
        model.index(page * PAGE_SIZE, 0).data()
    assert len(source.row_batches) == MAX_CACHED_PAGES
    model.index(5, 1).data()  # page 0 again: cached, and now the most recent
    model.index(MAX_CACHED_PAGES * PAGE_SIZE, 0).data()  # one more page evicts page 1
    assert len(source.row_batches) == MAX_CACHED_PAGES + 1
    model.index(0, 0).data()
    assert len(source.row_batches) == MAX_CACHED_PAGES + 1
    model.index(PAGE_SIZE, 0).data()
    assert len(source.row_batches) == MAX_CACHED_PAGES + 2
    assert source.row_batches[-1] == [model.id_at(r) for r in range(PAGE_SIZE, 2 * PAGE_SIZE)]


def test_sort_asks_the_source_and_the_selection_follows_its_record(qtbot, source):
    model = _model(source, flt=95)  # a few thousand entries
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(3)
    chosen = model.id_at(3)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert source.id_queries[-1] == (95, Sort("points", descending=True))
    points = [source.entries[model.id_at(r)].points for r in range(model.rowCount())]
    assert points == sorted(points, reverse=True)
    [selected] = view.selectionModel().selectedRows()
    assert model.id_at(selected.row()) == chosen


def test_no_query_for_the_current_sort_or_an_unsortable_column(source):
    model = _model(source)
    queries = len(source.id_queries)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # what it is sorted by already
    model.sort(2, Qt.SortOrder.DescendingOrder)  # 备注 has no sort key
    model.set_filter(None)  # the same filter
    assert len(source.id_queries) == queries
    model.set_filter(50)
    assert source.id_queries[-1] == (50, Sort("name"))
    assert model.rowCount() == sum(1 for e in source.entries.values() if e.points >= 50)


def test_row_of_is_a_lookup_not_a_search(source):
    model = _model(source)
    last = model.id_at(ENTRIES - 1)
    assert model.row_of(last) == ENTRIES - 1 and model.row_of(-5) is None
    start = time.perf_counter()
    for _ in range(2000):
        model.row_of(last)
    # list.index over 200,000 ids takes about a millisecond per call: 2 s here.
    assert time.perf_counter() - start < 0.2
    model.set_filter(99)
    assert model.row_of(last) is None or model.id_at(model.row_of(last)) == last
    assert model.row_of(model.id_at(0)) == 0


def test_columns_give_text_tooltip_alignment_and_colour_with_the_context(source):
    model = _model(source)
    source.contexts = 0
    model.refresh()
    assert source.contexts == 1  # once per refresh, not once per row
    full = next(r for r in range(1000) if source.entries[model.id_at(r)].points == 99)
    low = next(r for r in range(1000) if source.entries[model.id_at(r)].points < 10)
    assert model.index(full, 1).data() == "99分"
    assert model.index(full, 1).data(Qt.ItemDataRole.ToolTipRole) == "满分"
    assert model.index(full, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(low, 1).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert model.index(full, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    alignment = model.index(full, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(full, 1).data(Qt.ItemDataRole.UserRole) == model.id_at(full)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "积分"


def test_a_damaged_entry_is_marked_told_once_and_its_page_stays_readable():
    source = FakeSource(250, damaged=frozenset({7}))
    model = _model(source)
    found = []
    model.damaged_found.connect(found.append)
    row = model.row_of(7)
    for _ in range(3):  # painting asks again and again
        shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown[row] == DAMAGED_TEXT and shown.count(DAMAGED_TEXT) == 1
    assert all(shown[r] == source.entries[model.id_at(r)].name for r in range(250) if r != row)
    assert model.index(row, 1).data() == ""
    assert "已损坏" in model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert [e.record_id for e in found] == [7] and model.damage(row) is found[0]
    model.refresh()  # a restore may have repaired it: looked at again, told again
    model.index(row, 0).data()
    assert len(found) == 2


def test_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(_model(FakeSource(1_000)))


def test_model_with_a_damaged_entry_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(_model(FakeSource(300, damaged=frozenset({150}))))
