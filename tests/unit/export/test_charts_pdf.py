"""Charts in the PDFs: the reportlab Drawing follows the data, and a PDF holding it keeps the
Chinese labels in its text layer (read back with pypdf)."""

from __future__ import annotations

from pypdf import PdfReader
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.lib.pagesizes import A4

from dangjian_desktop.domain import charts
from dangjian_desktop.domain.charts import AGE_BANDS, SINGLE_COLOUR
from dangjian_desktop.export.charts_pdf import chart_drawing
from dangjian_desktop.export.fonts import CJK_FONT, register_cjk_font
from dangjian_desktop.export.pdf_page import content_width

WIDTH = content_width(A4)


def plot_of(drawing):
    return next(
        c for c in drawing.contents if isinstance(c, VerticalBarChart | HorizontalLineChart)
    )


def bar_rects(drawing, colour: str) -> list:
    """The filled rectangles of `colour` the chart draws (its bars; not the legend)."""
    from reportlab.graphics.shapes import Group, Rect
    from reportlab.lib import colors

    def walk(shape):
        if isinstance(shape, Group):
            for child in shape.contents:
                yield from walk(child)
        elif isinstance(shape, Rect) and shape.fillColor == colors.HexColor(colour):
            yield shape

    return list(walk(plot_of(drawing).draw()))


def test_bars_follow_the_data():
    chart = charts.meetings_by_month([2, 1, 3], [1, 0, 3])
    plot = plot_of(chart_drawing(chart, WIDTH))
    plot.valueAxis.configure(plot.data)
    assert plot.categoryAxis.categoryNames == ["1月", "2月", "3月"]
    assert plot.data == [(2, 1, 3), (1, 0, 3)]
    assert plot.valueAxis.valueMax == chart.ticks()[-1] == 3


def test_bar_heights_change_with_the_data():
    def heights(held):
        drawing = chart_drawing(charts.meetings_by_month([4, 4], held), WIDTH)
        plot = plot_of(drawing)
        plot.valueAxis.configure(plot.data)
        plot.categoryAxis.configure(plot.data)
        plot.calcBarPositions()
        return [round(bar[3], 1) for bar in plot._barPositions[1]]

    low, high = heights([1, 1]), heights([1, 4])
    assert low[0] == high[0] and high[1] > low[1] * 3


def test_one_bar_per_value_for_a_single_series():
    counts = dict(zip(AGE_BANDS, [3, 5, 8, 6, 4, 7, 2, 9], strict=True))
    drawing = chart_drawing(charts.members_by_age_band(counts), WIDTH)
    rects = bar_rects(drawing, SINGLE_COLOUR)
    assert len(rects) == len(AGE_BANDS)
    heights = [r.height for r in rects]
    assert heights.index(max(heights)) == 7 and heights.index(min(heights)) == 6


def test_a_missing_month_breaks_the_line_into_runs():
    drawing = chart_drawing(charts.attendance_by_month([90, 80, None, 70, None, None]), WIDTH)
    plot = plot_of(drawing)
    assert plot.data == [(90, 80, None, None, None, None), (None, None, None, 70, None, None)]


def test_a_pdf_with_charts_keeps_the_chinese_labels_as_text(tmp_path):
    from reportlab.platypus import SimpleDocTemplate

    counts = dict(zip(AGE_BANDS, [3, 5, 8, 6, 4, 7, 2, 9], strict=True))
    path = tmp_path / "charts.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(
        [
            chart_drawing(charts.meetings_by_month([2] * 12, [1] * 12), WIDTH),
            chart_drawing(charts.attendance_by_month([90.0] * 12), WIDTH),
            chart_drawing(charts.members_by_age_band(counts), WIDTH),
        ]
    )
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    words = ("会议召开情况", "应开", "已开", "12月", "参会率", "100%", "党员年龄结构", "46–50")
    for word in words:
        assert word in text, word
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any(CJK_FONT in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_an_empty_chart_says_so():
    drawing = chart_drawing(charts.attendance_by_month([None] * 12), WIDTH)
    texts = [getattr(c, "text", "") for c in drawing.contents]
    assert "暂无数据" in texts


def test_a_chart_is_a_flowable_on_the_apps_page_furniture(tmp_path):
    from reportlab.platypus import Paragraph

    from dangjian_desktop.export.pdf_page import PageFurniture, build_pdf, page_size, styles

    font = register_cjk_font()
    size = page_size(landscape_page=False)
    furniture = PageFurniture(size=size, left="第一党支部　2026年", right="制表日期", font=font)
    story = [
        Paragraph("2026年度工作情况", styles(font).title),
        chart_drawing(charts.meetings_by_month([2] * 12, [1] * 12), content_width(size)),
    ]
    path = tmp_path / "report.pdf"
    with path.open("wb") as fh:
        build_pdf(fh, story, furniture, title="2026年度工作情况", author="测试")
    text = PdfReader(path).pages[0].extract_text()
    assert "2026年度工作情况" in text and "会议召开情况" in text and "第一党支部" in text
