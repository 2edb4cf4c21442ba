"""The roster's lazy id-list model (STYLE.md §4), checked with qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.domain.people import MemberFilter
from dangjian_desktop.gui.models.member_table_model import PAGE_SIZE, MemberTableModel
from tests.gui.members_data import bulk_insert

pytestmark = pytest.mark.gui


@pytest.fixture
def big_workspace(gui_workspace):
    bulk_insert(gui_workspace, 10_000)
    return gui_workspace


def _loaded(service) -> MemberTableModel:
    model = MemberTableModel(service)
    model.refresh()  # the model is empty until the view asks (its tab is first shown)
    return model


class CountingService:
    """The real service, counting how many rows the model fetches."""

    def __init__(self, service) -> None:
        self._service = service
        self.fetched = 0

    def __getattr__(self, name):
        return getattr(self._service, name)

    def rows(self, ids):
        self.fetched += len(ids)
        return self._service.rows(ids)


def test_model_at_10000_rows_passes_qtmodeltester(qtmodeltester, big_workspace):
    model = _loaded(big_workspace.members)
    assert model.rowCount() == 10_000
    qtmodeltester.check(model)


def test_rows_are_fetched_lazily_in_pages(big_workspace):
    service = CountingService(big_workspace.members)
    model = _loaded(service)
    assert model.rowCount() == 10_000 and service.fetched == 0
    model.index(5000, 0).data()
    assert service.fetched == PAGE_SIZE
    model.index(5001, 3).data()
    assert service.fetched == PAGE_SIZE  # same page, from the cache


def test_sort_and_filter_run_in_the_service(big_workspace):
    model = _loaded(big_workspace.members)
    model.sort(5, Qt.SortOrder.DescendingOrder)  # 入党日期
    dates = [model.index(r, 5).data() for r in range(50)]
    assert dates == sorted(dates, reverse=True)
    model.set_filter(MemberFilter(text="13800000042"))
    assert model.rowCount() == 1
    assert model.member(0).phone == "13800000042"


def test_id_numbers_are_masked_in_the_table(big_workspace):
    model = _loaded(big_workspace.members)
    shown = model.index(0, 3).data()
    assert "********" in shown and len(shown) == 18


# --- a damaged record (issue 7 item 3) ----------------------------------------------------------
@pytest.fixture
def damaged_workspace(tmp_path):
    from dangjian_desktop.services import Workspace
    from tests.corrupt import write_damaged_file

    path = tmp_path / "data.sqlite"
    names = write_damaged_file(path, "bad_utf8")
    ws = Workspace.open(path)
    yield ws, names
    ws.close(final_backup=False)


def test_a_damaged_row_is_marked_and_the_others_are_shown(qtbot, damaged_workspace):
    from dangjian_desktop.gui.models.member_table_model import DAMAGED_TEXT
    from tests.corrupt import DAMAGED

    ws, names = damaged_workspace
    damaged_id = list(names)[DAMAGED - 1]
    model = _loaded(ws.members)
    found = []
    model.damaged_found.connect(found.append)
    shown = {model.member_id(r): model.index(r, 0).data() for r in range(model.rowCount())}
    assert shown == {**names, damaged_id: DAMAGED_TEXT}
    row = model.row_of(damaged_id)
    assert model.index(row, 3).data() == ""  # no half-read values
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "“备注”已损坏" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0 if row else 1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    # Painting asks for every cell again and again, a new sort fetches the pages again:
    # the damage is told once.
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(0, order)
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                model.index(r, c).data()
    assert [(e.record_id, e.column) for e in found] == [(damaged_id, "note")]
    assert model.damage(row) is found[0]


def test_model_with_a_damaged_row_passes_qtmodeltester(qtmodeltester, damaged_workspace):
    ws, _ = damaged_workspace
    qtmodeltester.check(_loaded(ws.members))
