"""The roster's default column widths on a 1366×768 office PC: the window opens 1280 px wide,
and 联系电话 (the column secretaries call from) must be on screen without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle

from dangjian_desktop.gui.models.member_table_model import roster_columns
from tests.gui.members_data import bulk_insert

pytestmark = pytest.mark.gui

# The widest value each column commonly holds; a column must show it and its header whole.
SAMPLES = {
    "name": "欧阳建国",
    "sex": "女",
    "birth_date": "1985-04-12",
    "id_number": "110105********1234",
    "category": "预备党员",
    "join_date": "2010-07-01",
    "full_date": "2011-07-01",
    "party_group_id": "轮机部党小组",
    "party_post": "组织委员",
    "work_unit": "海港12号轮",
    "job_post": "轮机长",
    "phone": "0571-87654321",
    "status": "停止党籍",
}


@pytest.fixture
def view(qtbot, main_window, gui_workspace):
    bulk_insert(gui_workspace, 60)  # a ship's roster: the vertical scroll bar takes its width
    main_window.resize(1280, 720)  # the default size of a first start (main_window.py)
    main_window.tabs.setCurrentWidget(main_window.members_view)  # builds it, with the 60
    qtbot.waitUntil(lambda: main_window.members_view.table.viewport().width() > 0)
    return main_window.members_view


def test_every_column_has_a_sample_and_a_width():
    assert {c.sort_key for c in roster_columns()} == set(SAMPLES)


def test_phone_is_on_screen_at_1280_px_without_scrolling(view):
    table = view.table
    fields = [c.sort_key for c in view.model.columns]
    phone = fields.index("phone")
    right_edge = table.columnViewportPosition(phone) + table.columnWidth(phone)
    assert table.verticalScrollBar().isVisible()
    assert table.horizontalScrollBar().value() == 0
    assert table.columnViewportPosition(phone) >= 0 and right_edge <= table.viewport().width()


def test_columns_show_their_header_and_a_typical_value_whole(view):
    table = view.table
    metrics = table.fontMetrics()
    header_metrics = table.horizontalHeader().fontMetrics()
    # Cell text has a few pixels of margin on each side; the header also draws the sort arrow.
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    arrow = table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
    for i, column in enumerate(view.model.columns):
        width = table.columnWidth(i)
        assert width >= metrics.horizontalAdvance(SAMPLES[column.sort_key]) + margin, column.header
        assert width >= header_metrics.horizontalAdvance(column.header) + arrow, column.header
