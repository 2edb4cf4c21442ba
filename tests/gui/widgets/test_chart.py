"""The chart widget draws the chart it is given: pixels come from the data, not a picture."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from dangjian_desktop.domain import charts
from dangjian_desktop.domain.charts import SINGLE_COLOUR
from dangjian_desktop.gui.widgets.chart import ChartPainter, ChartWidget

pytestmark = pytest.mark.gui
W, H = 400, 240


def render(chart) -> QImage:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    ChartPainter(painter, QRectF(0, 0, W, H), chart, painter.font()).paint()
    painter.end()
    return image


def red_in_column(image: QImage, x: int) -> int:
    """How many pixels of the single-series colour a column of the image holds."""
    red = QColor(SINGLE_COLOUR).rgb()
    return sum(image.pixel(x, y) == red for y in range(H))


def bar_heights(image: QImage, bars: int) -> list[int]:
    """The red run in each of `bars` equal slots, measured at the slot's busiest column."""
    columns = [red_in_column(image, x) for x in range(W)]
    first = next(x for x, n in enumerate(columns) if n)
    slot = (W - first) / bars
    return [max(columns[int(first + i * slot) : int(first + (i + 1) * slot)]) for i in range(bars)]


def test_bars_are_as_tall_as_their_values():
    heights = bar_heights(render(charts.members_by_age_band({"a": 2, "b": 4, "c": 1})), 3)
    assert heights[1] > heights[0] > heights[2] > 0
    assert abs(heights[1] - 2 * heights[0]) <= 2
    assert abs(heights[0] - 2 * heights[2]) <= 2


def test_other_data_draws_other_bars():
    one = render(charts.members_by_age_band({"a": 2, "b": 4, "c": 1}))
    other = render(charts.members_by_age_band({"a": 4, "b": 1, "c": 1}))
    assert one != other
    heights = bar_heights(other, 3)
    assert heights[0] > heights[1] == heights[2]


def test_a_line_chart_leaves_a_gap_for_a_missing_month():
    image = render(charts.attendance_by_month([80, None, None, 80]))
    columns = [red_in_column(image, x) for x in range(W)]
    drawn = [x for x, n in enumerate(columns) if n]
    gap = max(b - a for a, b in itertools.pairwise(drawn))
    assert gap > W / 4  # nothing drawn between the first and the fourth month


def test_the_widget_repaints_when_given_a_new_chart(qtbot):
    widget = ChartWidget()
    qtbot.addWidget(widget)
    widget.resize(W, H)
    widget.show()
    qtbot.waitExposed(widget)
    blank = widget.grab().toImage()
    chart = charts.meetings_by_month([2, 2], [1, 2])
    widget.set_chart(chart)
    assert widget.chart() is chart
    drawn = widget.grab().toImage()
    assert drawn != blank
    widget.set_chart(charts.meetings_by_month([2, 2], [2, 2]))
    assert widget.grab().toImage() != drawn


def test_an_empty_chart_draws_no_bars():
    image = render(charts.members_by_age_band({}))
    assert not any(red_in_column(image, x) for x in range(W))
