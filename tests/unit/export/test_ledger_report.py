"""三会一课台账: which meetings it holds, what each cell says, and the files re-opened —
the .xlsx with openpyxl (title row, frozen header, print setup, cells), the .pdf with pypdf
(headings, names, results)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import meeting_data as md
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.domain.meetings import MeetingStatus
from dangjian_desktop.export.ledger_report import LEDGER_COLUMNS, LedgerReport, ledger_table
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import FIRST_DATA_ROW, HEADER_ROW, write_table_xlsx

TITLES = [col.title for col in LEDGER_COLUMNS]


def cells(report: LedgerReport) -> list[dict[str, object]]:
    table = ledger_table(report)
    return [
        {col.title: col.value(i, row) for col in table.columns}
        for i, row in enumerate(table.rows, 1)
    ]


def by_type(rows, words: str) -> dict[str, object]:
    return next(row for row in rows if row["会议类型"] == words)


def test_one_row_per_held_meeting_of_the_period_by_date():
    extra = [
        md.planned(md.MeetingType.COMMITTEE, date(2026, 3, 30), "计划中的支委会", 40),
        replace(md.committee_meeting(), date=date(2026, 4, 2), id=41),  # the next quarter
        replace(md.committee_meeting(), date=date(2025, 12, 30), id=42),  # the year before
    ]
    rows = cells(md.ledger(1, md.q1_meetings() + extra))
    assert [row["日期"] for row in rows] == [
        date(2026, 1, 16),
        date(2026, 2, 6),
        date(2026, 2, 20),
        date(2026, 2, 20),
        date(2026, 3, 2),
        date(2026, 3, 12),
        date(2026, 3, 20),
    ]
    assert [row["序号"] for row in rows] == list(range(1, 8))
    year = cells(md.ledger(None, md.q1_meetings() + extra))
    assert len(year) == 8  # the April meeting too; still not the planned one or 2025's


def test_the_general_meeting_row():
    row = by_type(cells(md.ledger()), "支部党员大会")
    assert row["地点"] == "船员活动室（党员活动阵地）（锚泊舟山港虾峙门锚地）"
    assert (row["主持人"], row["记录人"]) == ("王建华", "单晓峰")
    assert (row["应到"], row["实到"]) == (29, 20)
    assert row["请假人员及原因"] == (
        "在航：宋佳琪（随兴海油3轮执行运输任务）；"
        "公休：许文杰、罗丹丹、杜海峰、潘明、曹伟、叶振宇、江天佑"
    )
    assert row["缺席人员及原因"] == "孙立新（未请假）"
    assert row["会议主题"] == "第一季度支部党员大会：讨论接收预备党员"
    assert row["第一议题"] == (
        "学习习近平总书记关于安全生产的重要论述（集中学习、领学，领学人 陈国栋）"
    )
    assert row["党课主讲人"] == ""
    assert row["决议及表决结果"] == (
        "1. 接收张明远同志为中共预备党员：赞成 19、反对 0、弃权 1（含书面意见 2 份），通过\n"
        "2. 公休党小组并入轮机部党小组：赞成 15、反对 2、弃权 1，通过"
    )


def test_lectures_name_their_lecturer_and_group_meetings_their_group():
    rows = cells(md.ledger())
    assert by_type(rows, "党课")["党课主讲人"] == "李红梅（公司党委党校副校长）"
    assert by_type(rows, "主题党日（兼党课）")["党课主讲人"] == "王建华"
    assert by_type(rows, "党小组会（轮机部党小组）")["应到"] == 10
    committee = by_type(rows, "支委会")
    assert committee["请假人员及原因"] == "公休：解东升"
    assert committee["决议及表决结果"] == (
        "同意将张明远同志提交支部党员大会讨论：赞成 4、反对 0、弃权 0，通过"
    )


def test_a_failed_vote_says_why_in_the_ledger():
    failing = md.general_meeting(
        resolutions=(md.Resolution("一般事项", yes=13, no=5),)  # 13 of 18 present, 26 entitled
    )
    row = cells(md.ledger(1, [failing]))[0]
    assert row["决议及表决结果"] == (
        "一般事项：赞成 13、反对 5、弃权 0，未通过（赞成票未超过应到会有表决权党员半数）"
    )


def test_a_quarter_number_out_of_range_is_refused():
    with pytest.raises(ValueError, match="quarter"):
        md.ledger(5)


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "台账.xlsx"
    write_table_xlsx(ledger_table(md.ledger()), path)
    return load_workbook(path)


def test_xlsx_title_header_print_setup_and_signature(workbook):
    ws = workbook["三会一课台账"]
    assert ws["A1"].value == f"{md.UNIT} 三会一课台账"
    assert "2026年第一季度" in ws["A2"].value and "共 7 次会议" in ws["A2"].value
    header = [c.value.replace("\n", "") for c in ws[HEADER_ROW]]
    assert header == TITLES
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert "2026年第一季度" in ws.oddHeader.left.text
    assert ws.cell(HEADER_ROW + 7 + 2, 1).value == "制表人：单晓峰　　　　审核人：________"


def test_xlsx_cells_are_values_dates_and_numbers(workbook):
    ws = workbook.active
    row = [c.value for c in ws[FIRST_DATA_ROW + 5]]  # the 党员大会, sixth by date
    assert row[TITLES.index("会议类型")] == "支部党员大会"
    assert row[TITLES.index("日期")].date() == date(2026, 3, 12)
    assert ws.cell(FIRST_DATA_ROW + 5, TITLES.index("日期") + 1).number_format == "yyyy.mm.dd"
    assert row[TITLES.index("应到")] == 29 and row[TITLES.index("实到")] == 20
    assert row[TITLES.index("缺席人员及原因")] == "孙立新（未请假）"
    wrapped = ws.cell(FIRST_DATA_ROW + 5, TITLES.index("决议及表决结果") + 1)
    assert wrapped.alignment.wrap_text
    assert ws.row_dimensions[FIRST_DATA_ROW + 5].height > 30  # grown for the wrapped text


def test_pdf_landscape_with_headings_names_and_results(tmp_path):
    path = tmp_path / "台账.pdf"
    write_table_pdf(ledger_table(md.ledger()), path)
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    assert f"{md.UNIT}2026年第一季度" in text  # page header: unit and period
    for heading in ("会议类型", "主持人", "记录人", "应到", "实到", "会议主题", "第一议题"):
        assert heading in text
    for words in ("宋佳琪（随兴海油3轮执行运输任务）", "孙立新（未请假）", "李红梅", "，通过"):
        assert words in text
    assert "制表人：单晓峰" in text and "第1页共1页" in text


def test_planned_meetings_never_reach_the_ledger():
    planned = [replace(m, status=MeetingStatus.PLANNED) for m in md.q1_meetings()]
    assert ledger_table(md.ledger(1, planned)).rows == []
