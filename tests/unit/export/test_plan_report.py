"""三会一课计划报备表: the quarter's meetings, planned or held, and the required meetings that
no record covers yet — so the plan filed upward shows its gaps."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import meeting_data as md
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.export.plan_report import plan_lines, plan_table
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import FIRST_DATA_ROW, HEADER_ROW, write_table_xlsx


def summary(report) -> list[tuple[str, object, str]]:
    return [(line.type_words, line.when, line.status) for line in plan_lines(report)]


def test_meetings_by_date_and_each_gap_after_its_month():
    lines = summary(md.plan())
    assert lines[:5] == [
        ("支委会", date(2026, 4, 3), "计划"),
        ("主题党日", date(2026, 4, 10), "计划"),
        ("党小组会（驾驶部党小组）", "4月内", "尚未安排"),
        ("党小组会（轮机部党小组）", "4月内", "尚未安排"),
        ("党小组会（公休党小组）", "4月内", "尚未安排"),
    ]
    # May: the committee and the general meeting are planned; the theme day is not.
    may = [line for line in lines if line[1] == "5月内" or str(line[1]).startswith("2026-05")]
    assert ("主题党日", "5月内", "尚未安排") in may
    assert ("支委会", "5月内", "尚未安排") not in may
    # The quarter's 党课 and 党员大会 are planned: no gap for them.
    assert not [line for line in lines if line[1] == "第二季度内"]
    assert len(lines) == 17


def test_a_gap_says_what_is_required():
    gap = next(line for line in plan_lines(md.plan()) if line.record is None)
    assert gap.topic == "按规定每月1次"
    assert (gap.people, gap.place, gap.first_topic) == ("", "", "")


def test_held_meetings_show_their_status_and_lecturer():
    lines = plan_lines(md.plan(quarter=1, today=date(2026, 3, 28)))
    statuses = {line.type_words: line.status for line in lines if line.record is not None}
    assert statuses["支部党员大会"] == "已归档" and statuses["支委会"] == "已召开"
    day = next(line for line in lines if line.type_words == "主题党日（兼党课）")
    assert day.people == "陈国栋；主讲 王建华"
    lecture = next(line for line in lines if line.type_words == "党课")
    assert lecture.people == "王建华；主讲 李红梅（公司党委党校副校长）"


def test_a_missed_month_of_the_quarter_is_overdue():
    lines = summary(md.plan(quarter=1, today=date(2026, 3, 28)))
    assert ("支委会", "1月内", "未召开（已过期）") in lines
    assert ("党小组会（驾驶部党小组）", "1月内", "未召开（已过期）") in lines
    assert ("党小组会（驾驶部党小组）", "3月内", "尚未安排") not in lines  # held on 3.20


def test_yearly_meetings_are_due_in_the_fourth_quarters_plan_only():
    assert not [line for line in summary(md.plan(2)) if line[1] == "2026年内"]
    q4 = summary(md.plan(4, today=date(2026, 9, 28)))
    assert ("组织生活会", "2026年内", "尚未安排") in q4
    assert ("民主评议党员", "2026年内", "尚未安排") in q4


def test_xlsx_and_pdf_hold_the_plan(tmp_path):
    table = plan_table(md.plan())
    assert "已列计划 5 次，已召开 0 次，尚未安排 12 项" in table.subtitle
    write_table_xlsx(table, tmp_path / "计划.xlsx")
    ws = load_workbook(tmp_path / "计划.xlsx").active
    assert ws["A1"].value == f"{md.UNIT} 三会一课计划报备表"
    assert [c.value.replace("\n", "") for c in ws[HEADER_ROW]] == [
        "序号",
        "会议类型",
        "计划日期",
        "会议主题",
        "第一议题",
        "主持人/主讲人",
        "地点",
        "状态",
    ]
    first = [c.value for c in ws[FIRST_DATA_ROW]]
    assert first[2].date() == date(2026, 4, 3) and first[7] == "计划"
    gap = [c.value for c in ws[FIRST_DATA_ROW + 2]]
    assert gap[2] == "4月内" and gap[7] == "尚未安排"
    assert ws.page_setup.orientation == "landscape"
    write_table_pdf(table, tmp_path / "计划.pdf")
    text = re.sub(r"\s+", "", PdfReader(tmp_path / "计划.pdf").pages[0].extract_text())
    assert "三会一课计划报备表" in text and "2026年第二季度" in text
    assert "尚未安排" in text and "清明祭英烈主题党日" in text
    assert "支部书记（签字）" in text


def test_meetings_outside_the_quarter_are_left_out():
    report = md.plan()
    stray = md.record(replace(md.committee_meeting(), date=date(2026, 7, 1), id=99))
    with_stray = replace(report, records=[*report.records, stray])
    assert summary(with_stray) == summary(report)
