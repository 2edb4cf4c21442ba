"""A small bar or line chart drawn with QPainter from a `domain.charts.Chart`.

Why QPainter and not a chart library (measured 2026-12-02, PySide6 6.11.3, Linux x86-64):
- pyqtgraph 0.14.0 needs numpy: installed pyqtgraph 9.6 MB + numpy 2.4 45 MB + numpy.libs
  (OpenBLAS) 28 MB = about 83 MB; build.spec excludes numpy on purpose, and the bundle
  (203 MB) would grow by roughly 40 MB (numpy's extension modules and OpenBLAS) for three
  small charts.
- QtCharts is in PySide6-Addons: a 175 MB wheel, 422 MB installed in every environment; in
  the bundle libQt6Charts 2.3 MB + its binding 1.0 MB + OpenGL widgets.
- This module: no dependency, no bundle cost. What the charts need is small (grouped bars,
  a line with gaps, round ticks, a legend), the axis scale is shared with the PDF charts
  (domain/charts.value_ticks), and the PDF side uses reportlab's own chart library.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dangjian_desktop.domain.charts import (
    AXIS_COLOUR,
    GRID_COLOUR,
    TEXT_COLOUR,
    Chart,
    ChartKind,
)
from dangjian_desktop.domain.charts import value_label as format_value

PAD = 8.0
BAR_GROUP_SHARE = 0.7  # of a category's width; the rest is the gap between groups


class ChartWidget(QWidget):
    """Shows one chart; `set_chart(None)` shows nothing. Repaints only when the chart
    changes, so a refreshing dashboard costs one paint per changed chart."""

    def __init__(self, chart: Chart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def chart(self) -> Chart | None:
        return self._chart

    def set_chart(self, chart: Chart | None) -> None:
        if chart != self._chart:
            self._chart = chart
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self._chart is not None:
            ChartPainter(painter, QRectF(self.rect()), self._chart, self.font()).paint()
        painter.end()


class ChartPainter:
    """Draws a chart into a rectangle of any paint device (a widget, a QImage)."""

    def __init__(self, painter: QPainter, rect: QRectF, chart: Chart, font: QFont) -> None:
        self.p = painter
        self.rect = rect.adjusted(PAD, PAD, -PAD, -PAD)
        self.chart = chart
        self.font = QFont(font)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        self.fm = QFontMetricsF(self.small)

    def paint(self) -> None:
        top = self._title_and_legend()
        chart = self.chart
        if chart.is_empty:
            self.p.setPen(QColor(AXIS_COLOUR))
            self.p.drawText(
                QRectF(self.rect.left(), top, self.rect.width(), self.rect.bottom() - top),
                Qt.AlignmentFlag.AlignCenter,
                "暂无数据",
            )
            return
        ticks = chart.ticks()
        labels = [format_value(t, chart.unit) for t in ticks]
        axis_w = max(self.fm.horizontalAdvance(t) for t in labels) + 6
        line_h = self.fm.height()
        plot = QRectF(
            self.rect.left() + axis_w,
            top + line_h / 2,
            self.rect.width() - axis_w,
            self.rect.bottom() - top - line_h / 2 - line_h - 4,
        )
        if plot.width() <= 10 or plot.height() <= 10:
            return
        self._grid(plot, ticks, labels)
        self._categories(plot)
        if chart.kind is ChartKind.BAR:
            self._bars(plot, ticks[-1])
        else:
            self._lines(plot, ticks[-1])

    # --- parts -------------------------------------------------------------------------
    def _title_and_legend(self) -> float:
        """Title at the left, legend at the right of the same line; returns the y below."""
        p, chart = self.p, self.chart
        title_font = QFont(self.font)
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor(TEXT_COLOUR))
        height = QFontMetricsF(title_font).height()
        unit = f"（{chart.unit}）" if chart.unit and chart.unit != "%" else ""
        line = QRectF(self.rect.left(), self.rect.top(), self.rect.width(), height)
        p.drawText(
            line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, chart.title + unit
        )
        if len(chart.series) > 1:
            p.setFont(self.small)
            x = self.rect.right()
            box = self.fm.height() * 0.6
            for i in reversed(range(len(chart.series))):
                name = chart.series[i].name
                x -= self.fm.horizontalAdvance(name)
                p.setPen(QColor(TEXT_COLOUR))
                p.drawText(QPointF(x, line.center().y() + self.fm.ascent() / 2 - 1), name)
                x -= box + 4
                p.fillRect(
                    QRectF(x, line.center().y() - box / 2, box, box),
                    QColor(chart.colour(i)),
                )
                x -= 10
        p.setFont(self.small)
        return line.bottom() + 6

    def _y(self, plot: QRectF, value: float, top_value: float) -> float:
        return plot.bottom() - plot.height() * min(value / top_value, 1.0)

    def _grid(self, plot: QRectF, ticks, labels) -> None:
        p = self.p
        for tick, label in zip(ticks, labels, strict=True):
            y = self._y(plot, tick, ticks[-1])
            p.setPen(QPen(QColor(AXIS_COLOUR if tick == 0 else GRID_COLOUR), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(AXIS_COLOUR))
            p.drawText(
                QRectF(
                    self.rect.left(),
                    y - self.fm.height() / 2,
                    plot.left() - self.rect.left() - 4,
                    self.fm.height(),
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )

    def _categories(self, plot: QRectF) -> None:
        """Category labels under the plot; when they do not fit, every second (third…) one."""
        p, cats = self.p, self.chart.categories
        slot = plot.width() / len(cats)
        widest = max(self.fm.horizontalAdvance(c) for c in cats) + 4
        every = max(1, int(-(-widest // slot)))
        p.setPen(QColor(AXIS_COLOUR))
        for i, cat in enumerate(cats):
            if i % every:
                continue
            cell = QRectF(
                plot.left() + i * slot - slot, plot.bottom() + 2, slot * 3, self.fm.height()
            )
            p.drawText(cell, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, cat)

    def _bars(self, plot: QRectF, top_value: float) -> None:
        p, chart = self.p, self.chart
        slot = plot.width() / len(chart.categories)
        group = slot * BAR_GROUP_SHARE
        bar_w = group / len(chart.series)
        show_values = bar_w >= self.fm.horizontalAdvance("00") + 2
        for i in range(len(chart.categories)):
            x0 = plot.left() + i * slot + (slot - group) / 2
            for j, s in enumerate(chart.series):
                value = s.values[i]
                if value is None:
                    continue
                y = self._y(plot, value, top_value)
                bar = QRectF(x0 + j * bar_w, y, bar_w - 1, plot.bottom() - y)
                p.fillRect(bar, QColor(chart.colour(j)))
                if show_values and value > 0:
                    p.setPen(QColor(TEXT_COLOUR))
                    p.drawText(
                        QRectF(
                            bar.left() - 4, y - self.fm.height(), bar.width() + 8, self.fm.height()
                        ),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        format_value(value),
                    )

    def _lines(self, plot: QRectF, top_value: float) -> None:
        p, chart = self.p, self.chart
        slot = plot.width() / len(chart.categories)
        for j, s in enumerate(chart.series):
            colour = QColor(chart.colour(j))
            path = QPainterPath()
            points = []
            pen_down = False
            for i, value in enumerate(s.values):
                if value is None:
                    pen_down = False  # a month without a meeting: a gap, not a fall to 0
                    continue
                point = QPointF(plot.left() + (i + 0.5) * slot, self._y(plot, value, top_value))
                points.append(point)
                if pen_down:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                    pen_down = True
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(colour)
            for point in points:
                p.drawEllipse(point, 2.5, 2.5)
