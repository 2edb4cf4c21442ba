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
    model = MemberTableModel(big_workspace.members)
    assert model.rowCount() == 10_000
    qtmodeltester.check(model)


def test_rows_are_fetched_lazily_in_pages(big_workspace):
    service = CountingService(big_workspace.members)
    model = MemberTableModel(service)
    assert model.rowCount() == 10_000 and service.fetched == 0
    model.index(5000, 0).data()
    assert service.fetched == PAGE_SIZE
    model.index(5001, 3).data()
    assert service.fetched == PAGE_SIZE  # same page, from the cache


def test_sort_and_filter_run_in_the_service(big_workspace):
    model = MemberTableModel(big_workspace.members)
    model.sort(5, Qt.SortOrder.DescendingOrder)  # 入党日期
    dates = [model.index(r, 5).data() for r in range(50)]
    assert dates == sorted(dates, reverse=True)
    model.set_filter(MemberFilter(text="13800000042"))
    assert model.rowCount() == 1
    assert model.member(0).phone == "13800000042"


def test_id_numbers_are_masked_in_the_table(big_workspace):
    model = MemberTableModel(big_workspace.members)
    shown = model.index(0, 3).data()
    assert "********" in shown and len(shown) == 18
