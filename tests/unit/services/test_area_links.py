"""Where one area feeds another on the sample branch (issue 11): 民主评议 grades (积分) into
党员队伍统计, open 整改 (阵地) into the 工作台, and the 积分 and 阵地 parts of the 上报材料
package — the totals only when the user ticks them (the 2023 guidance against rankings
leaving the branch by default, domain brief §5)."""

from __future__ import annotations

import zipfile
from collections import Counter

from dangjian_desktop.domain.dashboard import DueKind
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.venue_lists import (
    InspectionFilter,
    RectificationFilter,
    RectificationShow,
)
from dangjian_desktop.export.point_reports import GRADE_NAMES
from tests.conftest import DEMO_TODAY

LAST_YEAR = DEMO_TODAY.year - 1


def test_statistics_count_the_grades_of_the_appraisal(demo_workspace):
    ws = demo_workspace
    sheet = ws.points.appraisal(LAST_YEAR)
    assert sheet.grades  # the sample grades last December
    stats = ws.statistics.statistics(LAST_YEAR)
    counted = set(stats.members)
    graded = Counter(GRADE_NAMES[g.grade] for m, g in sheet.grades.items() if m in counted)
    assert graded
    for name in GRADE_NAMES.values():
        assert stats.grades[name] == graded[name], name


def test_the_dashboard_lists_every_open_rectification(demo_workspace):
    ws = demo_workspace
    open_ids = set(
        ws.venues.rectification_ids(
            RectificationFilter(show=RectificationShow.OPEN, today=DEMO_TODAY), Sort("due_on")
        )
    )
    assert open_ids  # the sample leaves some open
    items = ws.dashboard.items(DEMO_TODAY)
    shown = {d.ref.rectification_id for d in items.due if d.kind is DueKind.RECTIFICATION}
    assert shown == open_ids


def _names(path):
    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


def test_the_package_holds_points_only_when_ticked_and_every_inspection(demo_workspace, tmp_path):
    ws = demo_workspace
    year = str(DEMO_TODAY.year)
    plain = _names(ws.reports.package(tmp_path / "plain.zip", year).path)
    assert not any("积分" in n for n in plain)
    assert {"reports/阵地建设年度汇总.xlsx", "reports/阵地建设年度汇总.pdf"} <= plain
    inspections = ws.venues.inspection_ids(
        InspectionFilter(year=DEMO_TODAY.year), Sort("inspected_on")
    )
    assert inspections
    reports = {n for n in plain if n.startswith("reports/阵地检查报告_")}
    assert len(reports) == len(inspections)
    assert all(n.endswith(".pdf") for n in reports)

    ticked = ws.reports.package(tmp_path / "ticked.zip", year, ranking=True)
    names = _names(ticked.path)
    assert {"reports/党员积分汇总.xlsx", "reports/党员积分汇总.pdf"} <= names
    assert ws.reports.verify(ticked.path).ok
