"""The 工作台's year: counts (meetings held vs required, attendance, members by category)
and three charts drawn from the same series (gui/widgets/chart.py, domain/charts.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from dangjian_desktop.domain import charts, statistics
from dangjian_desktop.domain.charts import Chart
from dangjian_desktop.domain.dashboard_figures import ChartSeries, YearFigures
from dangjian_desktop.gui.views.dashboard.wording import tr
from dangjian_desktop.gui.widgets.chart import ChartWidget

# statistics.AGE_BANDS keys → the 党内统计 band labels the charts print.
AGE_LABELS = {
    band.key: label for band, label in zip(statistics.AGE_BANDS, charts.AGE_BANDS, strict=True)
}


def dashboard_charts(series: ChartSeries) -> tuple[Chart, Chart, Chart]:
    """Meetings held vs required by month, attendance rate by month, members by age band."""
    months = series.months
    meetings = charts.meetings_by_month(
        [p.required for p in months],
        [p.held for p in months],
        title=tr("{year}年会议召开情况").format(year=series.year),
    )
    attendance = charts.attendance_by_month(
        [charts.rate_percent(p.present, p.expected) for p in months],
        title=tr("{year}年参会率").format(year=series.year),
    )
    bands = {}
    for key, count in series.age_bands:
        if key == statistics.UNKNOWN:
            if count:  # a missing birth date is worth a bar only when there is one
                bands[tr("未填")] = count
        else:
            bands[AGE_LABELS.get(key, key)] = count
    if not any(bands.values()):  # nobody on the roster: "暂无数据", not an empty axis
        bands = {}
    ages = charts.members_by_age_band(bands, title=tr("党员年龄结构"))
    return meetings, attendance, ages


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class FiguresBox(QGroupBox):
    """The year's counts, as short label rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("本年概况"))
        self.meetings_label = QLabel(self)
        self.meetings_label.setObjectName("yearMeetings")
        self.meetings_label.setWordWrap(True)
        self.attendance_label = QLabel(self)
        self.attendance_label.setObjectName("yearAttendance")
        self.members_label = QLabel(self)
        self.members_label.setObjectName("yearMembers")
        self.members_label.setWordWrap(True)
        for label in (self.meetings_label, self.attendance_label, self.members_label):
            label.setText(self.tr("正在统计…"))
        form = QFormLayout(self)
        form.addRow(self.tr("会议"), self.meetings_label)
        form.addRow(self.tr("参会率"), self.attendance_label)
        form.addRow(self.tr("党员"), self.members_label)

    def set_figures(self, f: YearFigures) -> None:
        self.setTitle(self.tr("{year}年概况").format(year=f.year))
        self.meetings_label.setText(
            self.tr("截至今日应开 {req} 次，已开 {held} 次；全年应开 {year} 次").format(
                req=f.meetings_required, held=f.meetings_held, year=f.meetings_required_year
            )
        )
        self.attendance_label.setText(
            self.tr("{rate}（应到 {exp} 人次，实到 {pre} 人次）").format(
                rate=percent(f.attendance_rate), exp=f.attendance_expected, pre=f.attendance_present
            )
            if f.attendance_expected
            else self.tr("本年尚无已召开会议的出席记录")
        )
        self.members_label.setText(
            self.tr("共 {n} 人：正式党员 {formal} 人，预备党员 {prob} 人").format(
                n=f.members, formal=f.formal, prob=f.probationary
            )
        )


class ChartsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("图表"))
        self.meetings_chart = ChartWidget(parent=self)
        self.meetings_chart.setObjectName("meetingsChart")
        self.attendance_chart = ChartWidget(parent=self)
        self.attendance_chart.setObjectName("attendanceChart")
        self.age_chart = ChartWidget(parent=self)
        self.age_chart.setObjectName("ageChart")
        layout = QHBoxLayout(self)
        for chart in self.charts():
            chart.setMinimumSize(240, 190)
            layout.addWidget(chart, 1)

    def charts(self) -> tuple[ChartWidget, ChartWidget, ChartWidget]:
        return self.meetings_chart, self.attendance_chart, self.age_chart

    def set_series(self, series: ChartSeries) -> None:
        for widget, chart in zip(self.charts(), dashboard_charts(series), strict=True):
            widget.set_chart(chart)  # repaints only a chart that changed
