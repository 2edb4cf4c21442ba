"""A `domain.charts.Chart` as a reportlab Drawing, for the PDF reports.

A Drawing is a flowable: put `chart_drawing(chart, width)` in a story beside paragraphs and
tables (pdf_page.build_pdf). Vector graphics with the embedded CJK font, so the chart prints
sharp and its labels stay in the PDF's text layer. The scale and the colours are those of
the 工作台 widget (domain/charts.value_ticks; the same palette, domain/charts.py).
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm

from dangjian_desktop.domain.charts import AXIS_COLOUR, GRID_COLOUR, Chart, ChartKind, value_label
from dangjian_desktop.export.fonts import register_cjk_font

TITLE_SIZE = 10
LABEL_SIZE = 7.5
DEFAULT_HEIGHT = 60 * mm


def _colour(chart: Chart, index: int):
    return colors.HexColor(chart.colour(index))


def _line_runs(chart: Chart) -> tuple[list[tuple], list[int]]:
    """Each unbroken run of values as its own data row, so a missing month is a gap:
    reportlab's line chart joins the points on both sides of a None."""
    rows, owners = [], []
    blank = [None] * len(chart.categories)
    for index, s in enumerate(chart.series):
        run = list(blank)
        for i, value in enumerate(s.values):
            if value is None:
                if any(v is not None for v in run):
                    rows.append(tuple(run))
                    owners.append(index)
                run = list(blank)
            else:
                run[i] = value
        if any(v is not None for v in run):
            rows.append(tuple(run))
            owners.append(index)
    return rows, owners


def chart_drawing(chart: Chart, width: float, height: float = DEFAULT_HEIGHT) -> Drawing:
    """The chart in a width × height box (points), title and legend included."""
    font = register_cjk_font()
    drawing = Drawing(width, height)
    unit = f"（{chart.unit}）" if chart.unit and chart.unit != "%" else ""
    title_y = height - TITLE_SIZE - 2
    drawing.add(String(0, title_y, chart.title + unit, fontName=font, fontSize=TITLE_SIZE))
    if len(chart.series) > 1:
        legend = Legend()
        legend.fontName = font
        legend.fontSize = LABEL_SIZE
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.boxAnchor = "ne"
        legend.x = width - 4
        legend.y = height - 2
        legend.dx = legend.dy = 6
        legend.deltax = 8
        legend.colorNamePairs = [(_colour(chart, i), s.name) for i, s in enumerate(chart.series)]
        drawing.add(legend)
    if chart.is_empty:
        drawing.add(
            String(
                width / 2,
                height / 2,
                "暂无数据",
                fontName=font,
                fontSize=LABEL_SIZE,
                textAnchor="middle",
                fillColor=colors.HexColor(AXIS_COLOUR),
            )
        )
        return drawing

    ticks = chart.ticks()
    plot = VerticalBarChart() if chart.kind is ChartKind.BAR else HorizontalLineChart()
    plot.x = 28
    plot.y = LABEL_SIZE + 8
    plot.width = width - plot.x - 4
    plot.height = title_y - plot.y - 10
    if chart.kind is ChartKind.BAR:
        plot.data = [s.values for s in chart.series]
        owners = list(range(len(chart.series)))
    else:
        plot.data, owners = _line_runs(chart)

    cat = plot.categoryAxis
    cat.categoryNames = list(chart.categories)
    cat.labels.fontName = font
    cat.labels.fontSize = LABEL_SIZE
    cat.labels.dy = -2
    cat.strokeColor = colors.HexColor(AXIS_COLOUR)
    cat.tickDown = 0

    val = plot.valueAxis
    val.valueMin = 0
    val.valueMax = ticks[-1]
    val.valueSteps = list(ticks)
    val.labels.fontName = font
    val.labels.fontSize = LABEL_SIZE
    val.labelTextFormat = lambda v: value_label(v, chart.unit)
    val.strokeColor = None
    val.visibleGrid = True
    val.gridStrokeColor = colors.HexColor(GRID_COLOUR)
    val.gridStrokeWidth = 0.5

    if chart.kind is ChartKind.BAR:
        plot.groupSpacing = 6
        plot.barSpacing = 0.5
        plot.bars.strokeColor = None
        for i in range(len(chart.series)):
            plot.bars[i].fillColor = _colour(chart, i)
        plot.barLabels.fontName = font
        plot.barLabels.fontSize = LABEL_SIZE - 1
        plot.barLabels.nudge = 5
        plot.barLabelFormat = lambda v: "" if not v else value_label(v, "")
    else:
        plot.joinedLines = 1
        for row, owner in enumerate(owners):
            plot.lines[row].strokeColor = _colour(chart, owner)
            plot.lines[row].strokeWidth = 1.5
            marker = makeMarker("FilledCircle")
            marker.size = 3
            marker.fillColor = marker.strokeColor = _colour(chart, owner)
            plot.lines[row].symbol = marker
    drawing.add(plot)
    return drawing
