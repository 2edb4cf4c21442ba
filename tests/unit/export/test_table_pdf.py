"""The generic .pdf table writer: page size, page header with the period, column widths that
keep headings and phone numbers whole, signature line, characters a report cannot hold."""

from __future__ import annotations

import re

import pytest
import roster_data
import table_data
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from dangjian_desktop.export import pdf_page
from dangjian_desktop.export.errors import ExportTextError
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.roster_report import roster_table
from dangjian_desktop.export.table_pdf import HEADER_SIZE, PAD_X, column_widths, write_table_pdf
from dangjian_desktop.export.table_report import ReportColumn


def export(tmp_path, rep=None, name="台账.pdf") -> PdfReader:
    path = tmp_path / name
    write_table_pdf(rep or table_data.report(), path)
    return PdfReader(path)


def compact(reader: PdfReader) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def fragments(page) -> set[str]:
    """The pieces of text as drawn, split at white space: each line of a heading, each cell
    on one line (a cell that wraps gives one piece per line)."""
    found: list[str] = []
    page.extract_text(visitor_text=lambda text, *_: found.append(text))
    return {piece for text in found for piece in text.split()}


def test_portrait_page_with_period_title_and_signature(tmp_path):
    reader = export(tmp_path)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.1)
    text = compact(reader)
    assert "中共某某船舶党支部2026年第三季度" in text  # page header: unit and period
    assert "中共某某船舶党支部三会一课台账" in text
    assert "2026年第三季度共3次" in text
    assert "主持人：________记录人：________" in text
    assert "第1页共1页" in text


def test_no_signature_line_when_the_report_has_none(tmp_path):
    assert "主持人" not in compact(export(tmp_path, table_data.report(signature="")))


def test_roster_headings_never_break_inside_a_word(tmp_path):
    table = roster_table(roster_data.report(3))
    drawn = fragments(export(tmp_path, table, name="roster.pdf").pages[0])
    for col in table.columns:
        # Whole, or (in a narrow column) on the lines it may break into between words.
        assert col.title in drawn or set(col.heading_lines) <= drawn, col.title
    for whole in ("性别", "民族", "党员类别", "人员类别", "党内职务", "联系电话", "身份证号"):
        assert whole in drawn, whole
    assert {"参加工作", "时间"} <= drawn  # 参加工作时间 is narrower than its title
    assert not {"性", "别", "党员类", "参加工", "作时间"} & drawn  # what the old widths did


@pytest.mark.parametrize("phone", ["13812345678", "0571-87654321"])
def test_a_phone_number_stays_on_one_line(tmp_path, phone):
    rep = roster_data.report(3, {"phone": phone}, full_phones=True)
    drawn = fragments(export(tmp_path, roster_table(rep), name="roster.pdf").pages[0])
    assert phone in drawn


def test_every_column_is_at_least_as_wide_as_it_must_be():
    font = register_cjk_font()
    columns = roster_table(roster_data.report(1)).columns
    usable = pdf_page.content_width(pdf_page.page_size(True))
    widths = column_widths(columns, usable, font)
    assert sum(widths) == pytest.approx(usable)
    for col, width in zip(columns, widths, strict=True):
        lines = col.heading_lines or (col.title,)
        need = max(stringWidth(line, font, HEADER_SIZE) for line in lines)
        assert width - 2 * PAD_X >= need, col.title
    # What is left over still goes by the Excel widths: 工作单位及职务 (20) beats 性别 (5).
    by_title = {col.title: w for col, w in zip(columns, widths, strict=True)}
    assert by_title["工作单位及职务"] > 2 * by_title["性别"]


def test_too_many_columns_for_their_minimums_fall_back_to_proportions():
    font = register_cjk_font()
    columns = [ReportColumn("很长的标题" * 3, lambda i, r: "", 1) for _ in range(40)]
    widths = column_widths(columns, 500.0, font)
    assert widths == pytest.approx([12.5] * 40)


def test_a_multi_line_note_keeps_its_lines(tmp_path):
    rep = table_data.report(first={"topic": "学习党章\x0b讨论发言"})
    drawn = fragments(export(tmp_path, rep).pages[0])
    assert {"学习党章", "讨论发言"} <= drawn


def test_a_character_no_report_can_hold_names_the_member_and_field(tmp_path):
    rep = roster_data.report(3, {"note": "在航\x00"})
    target = tmp_path / "花名册.pdf"
    with pytest.raises(ExportTextError) as caught:
        write_table_pdf(roster_table(rep), target)
    assert (caught.value.row_name, caught.value.column, caught.value.row_number) == (
        "王建国",
        "备注",
        1,
    )
    assert list(tmp_path.iterdir()) == []


def test_a_wrapped_cell_breaks_between_names_and_never_before_punctuation(tmp_path):
    names = "、".join(["王建华", "陈国栋", "单晓峰", "曾海涛", "林思远", "宋佳琪", "黄德胜"] * 4)
    prose = "会议指出，要把学习贯彻全会精神（含第一议题）同船舶安全生产结合起来。" * 3
    for text in (names, prose):
        rep = table_data.report(first={"topic": text})
        # The cell's lines: the drawn pieces that are part of the text.
        drawn = [p for p in fragments(export(tmp_path, rep).pages[0]) if len(p) > 3 and p in text]
        assert len(drawn) >= 3, text
        assert not [p for p in drawn if p[0] in "，。）、"]  # no line opens with them
        if text == names:
            assert all(len(n) == 3 for p in drawn for n in p.strip("、").split("、"))
