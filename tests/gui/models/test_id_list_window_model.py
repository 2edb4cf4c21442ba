"""The id-list model over a source with `window` (the ids left in SQL): a refresh counts up to
COUNT_AT_ONCE and reads no id, a shown page reads its ids and rows, the exact count comes
after the keystroke (rows appended, `counting` until then), a sort keeps the count and the
selection follows its record, and qtmodeltester holds it all the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.models import id_list_model
from dangjian_desktop.gui.models.id_list_model import COUNT_AT_ONCE, PAGE_SIZE, IdListTableModel
from tests.gui.models.test_id_list_model import COLUMNS, FakeSource

pytestmark = pytest.mark.gui


class FakeWindow:
    def __init__(self, ids: list[int], calls: list) -> None:
        self._all, self.calls, self.total = ids, calls, None

    def count(self, limit=None):
        self.calls.append(("count", limit))
        found = len(self._all) if limit is None else min(len(self._all), limit)
        if limit is None or found < limit:
            self.total = found
        return found

    def ids(self, start, stop):
        self.calls.append(("ids", start, stop))
        return self._all[start:stop]

    def position(self, record_id):
        self.calls.append(("position", record_id))
        return self._all.index(record_id) if record_id in self._all else None

    def adopt(self, other):
        self.total = other.total


class WindowSource(FakeSource):
    """FakeSource's rows, its ids handed out through windows only."""

    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.calls: list = []

    def window(self, flt, sort: Sort) -> FakeWindow:
        self.calls.append(("window", flt, sort))
        return FakeWindow(FakeSource.ids(self, flt, sort), self.calls)

    def ids(self, flt, sort):  # the model must not ask for every id
        raise AssertionError("a window source's ids are read through its window")


def _model(source, flt=None):
    model = IdListTableModel(source, COLUMNS, flt, Sort("name"))
    model.refresh()
    return model


@pytest.fixture(scope="module")
def big():
    return WindowSource(30_000)


def test_a_refresh_counts_up_to_a_bound_and_the_rest_comes_after(qtbot, big):
    big.calls.clear()
    model = _model(big)
    assert big.calls[1:] == [("count", COUNT_AT_ONCE + 1)]  # no ids read yet
    assert model.rowCount() == COUNT_AT_ONCE + 1 and model.counting
    with qtbot.waitSignal(model.rowsInserted, timeout=2000):
        pass
    assert model.rowCount() == 30_000 and not model.counting
    assert ("count", None) in big.calls
    assert model.index(29_999, 0).data() == big.entries[model.id_at(29_999)].name


def test_a_short_list_is_counted_at_once(big):
    model = _model(big, flt=99)  # 300 entries
    assert model.rowCount() == 300 and not model.counting


def test_a_view_reads_only_the_ids_and_rows_it_shows(qtbot, big):
    model = _model(big)
    model.count_now()
    big.calls.clear()
    big.row_batches.clear()
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    assert [c for c in big.calls if c[0] == "ids"] == [("ids", 0, PAGE_SIZE)]
    view.scrollToBottom()
    qtbot.wait(20)
    read = [c for c in big.calls if c[0] == "ids"]
    assert read[-1][2] == 30_000 and len(read) <= 3
    assert len(big.fetched) <= 3 * PAGE_SIZE


def test_sort_keeps_the_count_and_the_selection_follows_its_record(qtbot, big):
    model = _model(big)
    model.count_now()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(7)
    chosen = model.id_at(7)
    big.calls.clear()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert not [c for c in big.calls if c[0] == "count"]  # the same hits: not counted again
    assert model.rowCount() == 30_000
    [selected] = view.selectionModel().selectedRows()
    assert model.id_at(selected.row()) == chosen
    points = [big.entries[model.id_at(r)].points for r in range(0, 30_000, 997)]
    assert points == sorted(points, reverse=True)


def test_a_new_filter_before_the_count_drops_the_old_count(qtbot, big, monkeypatch):
    model = _model(big)
    assert model.counting
    model.set_filter(99)
    assert not model.counting and model.rowCount() == 300
    qtbot.wait(id_list_model.COUNT_DELAY_MS + 50)
    assert model.rowCount() == 300


def test_window_model_passes_qtmodeltester(qtbot, qtmodeltester):
    model = _model(WindowSource(COUNT_AT_ONCE + 700))
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=2000):
        pass
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
