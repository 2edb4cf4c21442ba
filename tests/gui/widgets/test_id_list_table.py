"""id_list_table: fixed row heights, the columns' widths, the header showing the model's
order, and no query while the table is set up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from dangjian_desktop.domain.query import Sort
from dangjian_desktop.gui.models.id_list_model import IdListTableModel, TableColumn
from dangjian_desktop.gui.widgets.id_list_table import id_list_table

pytestmark = pytest.mark.gui

COLUMNS = [
    TableColumn("title", "会议主题", 220, lambda m, ctx: m["title"]),
    TableColumn("held_on", "日期", 90, lambda m, ctx: m["held_on"]),
    TableColumn(None, "附件", 50, lambda m, ctx: ""),
]


class Meetings:
    def __init__(self) -> None:
        self.sorts: list[Sort] = []
        self.rows_by_id = {
            i: {"title": f"会议{i}", "held_on": f"2026-01-{i:02d}"} for i in (1, 2, 3)
        }

    def ids(self, flt, sort):
        self.sorts.append(sort)
        ordered = sorted(self.rows_by_id, key=lambda i: self.rows_by_id[i][sort.column])
        return ordered[::-1] if sort.descending else ordered

    def rows(self, ids):
        return {i: self.rows_by_id[i] for i in ids}


def test_the_table_is_set_up_without_a_query_and_sorts_in_the_source(qtbot):
    source = Meetings()
    model = IdListTableModel(source, COLUMNS, None, Sort("held_on", descending=True))
    table = id_list_table(model)
    qtbot.addWidget(table)
    assert source.sorts == []  # set up before the first refresh: nothing asked yet
    rows = table.verticalHeader()
    assert rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert [table.columnWidth(i) for i in range(3)] == [220, 90, 50]
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    model.refresh()
    assert source.sorts == [Sort("held_on", descending=True)]
    assert model.index(0, 0).data() == "会议3"
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # a click on 会议主题
    assert source.sorts[-1] == Sort("title") and model.index(0, 0).data() == "会议1"
