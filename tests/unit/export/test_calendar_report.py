"""年度落实情况: one row per required meeting (per 党小组 for group rules), each rule's marks
in the columns of its period, "/" elsewhere, the legend under the table, one landscape page."""

from __future__ import annotations

import re
from datetime import date

import meeting_data as md
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.domain.meeting_calendar import CalendarCell, CellState
from dangjian_desktop.export.calendar_report import calendar_table, cell_mark
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    footnote_row,
    signature_row,
    write_table_xlsx,
)

PERIODS = [
    "1月", "2月", "3月", "一季度", "4月", "5月", "6月", "二季度",
    "7月", "8月", "9月", "三季度", "10月", "11月", "12月", "四季度", "全年",
]  # fmt: skip


def grid(report) -> dict[str, dict[str, object]]:
    table = calendar_table(report)
    return {
        table.columns[1].value(i, row): {col.title: col.value(i, row) for col in table.columns}
        for i, row in enumerate(table.rows, 1)
    }


def marks(row: dict[str, object]) -> list[object]:
    return [row[p] for p in PERIODS]


def test_one_row_per_rule_and_per_group():
    rows = grid(md.calendar())
    assert list(rows) == [
        "支部党员大会",
        "支委会",
        "党小组会（驾驶部党小组）",
        "党小组会（轮机部党小组）",
        "党小组会（公休党小组）",
        "主题党日",
        "党课",
        "组织生活会",
        "民主评议党员",
    ]
    assert rows["支委会"]["要求"] == "每月1次" and rows["党课"]["要求"] == "每季度1次"


def test_marks_as_of_the_end_of_june():
    rows = grid(md.calendar(today=date(2026, 6, 30)))
    n, x, v = "/", "×", "√"
    # Quarterly: the March meeting is done, the May one is planned and June is not over.
    assert marks(rows["支部党员大会"]) == [n, n, n, v, n, n, n, "计划", *[n, n, n, ""] * 2, n]
    # Monthly: held in March, missed in Jan/Feb/Apr, May is planned but missed, June running.
    assert marks(rows["支委会"])[:8] == [x, x, v, n, x, x, "待开", n]
    # The 主题党日 of February was also a 党课: it counts for both rows.
    assert marks(rows["主题党日"])[:3] == [x, v, x]
    assert rows["党课"]["一季度"] == v
    assert rows["组织生活会"]["全年"] == "待开"
    assert marks(rows["党小组会（驾驶部党小组）"])[:3] == [x, v, v]
    assert rows["党小组会（驾驶部党小组）"]["已开次数"] == 2
    assert rows["支委会"]["未按期召开"] == 4


@pytest.mark.parametrize(
    ("state", "held", "planned", "required", "mark"),
    [
        (CellState.DONE, 1, 0, 1, "√"),
        (CellState.MISSING, 0, 0, 1, "×"),
        (CellState.MISSING, 1, 0, 2, "× 1/2"),
        (CellState.MISSING, 0, 1, 1, "×"),  # planned but its period is over: missed
        (CellState.DUE, 0, 1, 1, "计划"),
        (CellState.DUE, 0, 0, 1, "待开"),
        (CellState.DUE, 1, 0, 2, "1/2"),
        (CellState.UPCOMING, 0, 1, 1, "计划"),
        (CellState.UPCOMING, 0, 0, 1, ""),
    ],
)
def test_cell_marks(state, held, planned, required, mark):
    cell = CalendarCell(
        1, date(2026, 1, 1), date(2026, 1, 31), required, tuple(range(held)),
        tuple(range(planned)), state,
    )  # fmt: skip
    assert cell_mark(cell) == mark


def test_xlsx_has_the_legend_under_the_table_and_the_signature_below(tmp_path):
    table = calendar_table(md.calendar())
    write_table_xlsx(table, tmp_path / "落实情况.xlsx")
    ws = load_workbook(tmp_path / "落实情况.xlsx").active
    assert ws["A1"].value == f"{md.UNIT} 2026年三会一课落实情况"
    assert "统计截至2026年6月30日" in ws["A2"].value
    header = [c.value.replace("\n", "") for c in ws[HEADER_ROW]]
    assert header[3:20] == PERIODS and header[:3] == ["序号", "会议类型", "要求"]
    assert ws.cell(FIRST_DATA_ROW + 1, 4).value == "×"  # 支委会, January
    legend = ws.cell(footnote_row(len(table.rows)), 1).value
    assert legend.startswith("说明：√ 已召开；× 期限已过未召开")
    assert ws.cell(signature_row(len(table.rows), 1), 1).value.startswith("制表人：单晓峰")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{footnote_row(len(table.rows))}:V{footnote_row(len(table.rows))}" in merged
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_pdf_is_one_landscape_page_with_marks_and_legend(tmp_path):
    write_table_pdf(calendar_table(md.calendar()), tmp_path / "落实情况.pdf")
    reader = PdfReader(tmp_path / "落实情况.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "一季度" in text and "全年" in text and "党小组会（公休党小组）" in text
    assert "√" in text and "×" in text and "待开" in text
    assert "说明：√已召开；×期限已过未召开" in text
    assert text.index("说明") < text.index("制表人")
