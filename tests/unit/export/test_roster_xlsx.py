"""党员花名册 .xlsx (the roster adapter + the table writer): re-opened with openpyxl — layout,
print setup, signature line, values and their types, masking."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime

import pytest
import roster_data  # this folder's shared roster (pytest puts the folder on sys.path)
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer
from roster_data import FULL_ID, FULL_PHONE, MASKED_ID, MASKED_PHONE

from dangjian_desktop.domain.people import Member
from dangjian_desktop.export.roster_report import RosterReport, roster_table
from dangjian_desktop.export.table_xlsx import write_table_xlsx
from dangjian_desktop.progress import Cancelled

COLUMNS = roster_table(roster_data.report(1)).columns
TITLES = [col.title for col in COLUMNS]
LAST = "S"  # 19 columns


def export_roster_xlsx(report: RosterReport, path, progress=None) -> None:
    write_table_xlsx(roster_table(report), path, progress)


def col(title: str) -> int:
    return TITLES.index(title) + 1


FIRST = dict(is_mobile=True, is_lost=True, note="=1+1")  # what this writer must handle in a cell


def members(n: int) -> list[Member]:
    return roster_data.members(n, **FIRST)


def report(n: int = 3, **kw) -> RosterReport:
    return roster_data.report(n, FIRST, **kw)


def export(tmp_path, rep=None, **kw):
    path = tmp_path / "花名册.xlsx"
    export_roster_xlsx(rep or report(), path, **kw)
    return load_workbook(path).active


def test_title_subtitle_and_header(tmp_path):
    ws = export(tmp_path)
    assert ws["A1"].value == "中共某某船舶党支部 党员花名册"
    assert ws["A1"].font.bold
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A1:{LAST}1", f"A2:{LAST}2"} <= merged
    assert "制表日期：2026年11月26日" in ws["A2"].value
    assert "共 3 人" in ws["A2"].value
    assert [c.value.replace("\n", "") for c in ws[3]] == TITLES
    assert ws.max_column == len(TITLES)
    assert ws.max_row == 3 + 3 + 2  # title, subtitle, header, 3 members, gap, signature


def test_signature_line_under_the_table(tmp_path):
    ws = export(tmp_path, report(3, prepared_by="张三"))
    assert ws.cell(7, 1).value is None  # one blank row after the last member
    assert ws["A8"].value == "制表人：张三　　　　审核人：________"
    assert f"A8:{LAST}8" in {str(r) for r in ws.merged_cells.ranges}
    (fmt,) = list(ws.conditional_formatting)
    assert str(fmt.sqref) == f"A4:{LAST}6"  # the grid stops at the last member


def test_subtitle_and_page_header_say_what_is_masked(tmp_path):
    ws = export(tmp_path)
    assert "已隐去身份证号前14位；已隐去电话号码中间4位" in ws["A2"].value
    assert ws.oddHeader.left.text == "中共某某船舶党支部"
    assert ws.oddHeader.right.text.startswith("制表日期：2026年11月26日")
    assert "已隐去身份证号前14位" in ws.oddHeader.right.text
    full = export(tmp_path, report(full_ids=True, full_phones=True))
    assert "含完整身份证号；含完整电话号码，请妥善保管" in full["A2"].value
    assert "已隐去" not in full["A2"].value


def test_filtered_roster_says_its_filter(tmp_path):
    ws = export(tmp_path, report(2, filter_text="党小组“船舶19号组”；预备党员"))
    assert ws["A2"].value.startswith("筛选条件：党小组“船舶19号组”；预备党员")
    assert "共 2 人" in ws["A2"].value
    assert "筛选条件" not in export(tmp_path, report(2))["A2"].value


def test_a_heading_too_wide_for_its_column_breaks_between_words(tmp_path):
    header = {c.value.replace("\n", ""): c.value for c in export(tmp_path)[3]}
    assert header["参加工作时间"] == "参加工作\n时间"  # Excel would show 参加工作时/间
    assert header["性别"] == "性别"
    assert header["工作单位及职务"] == "工作单位及职务"  # wide enough: one line
    assert export(tmp_path)["N3"].alignment.wrap_text


def test_frozen_header_print_setup_and_widths(tmp_path):
    ws = export(tmp_path)
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    setup = ws.page_setup
    assert setup.orientation == "landscape"
    assert str(setup.paperSize) == ws.PAPERSIZE_A4  # "9"
    assert int(setup.fitToWidth) == 1
    assert int(setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for i, column in enumerate(COLUMNS, 1):
        letter = chr(ord("A") + i - 1)
        assert ws.column_dimensions[letter].width == pytest.approx(column.width)


def test_ids_masked_by_default_and_stored_as_text(tmp_path):
    ws = export(tmp_path)
    cell = ws.cell(4, col("身份证号"))
    assert cell.value == MASKED_ID
    assert cell.data_type == "s"
    every_value = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not any("1990030712" in v for v in every_value)


def test_phones_masked_by_default(tmp_path):
    ws = export(tmp_path)
    assert ws.cell(4, col("联系电话")).value == MASKED_PHONE
    every_value = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not any(FULL_PHONE in v for v in every_value)


def test_full_ids_on_request_still_text(tmp_path):
    ws = export(tmp_path, report(full_ids=True))
    cell = ws.cell(4, col("身份证号"))
    assert cell.value == FULL_ID
    assert cell.data_type == "s"
    digits_only = ws.cell(5, col("身份证号"))
    assert isinstance(digits_only.value, str) and digits_only.value.isdigit()
    assert ws.cell(4, col("联系电话")).value == MASKED_PHONE  # asked for IDs only


def test_full_phones_on_request_still_text(tmp_path):
    ws = export(tmp_path, report(full_phones=True))
    phone = ws.cell(4, col("联系电话"))
    assert phone.value == FULL_PHONE and phone.data_type == "s"
    assert ws.cell(4, col("身份证号")).value == MASKED_ID


def test_dates_are_real_dates_with_formats(tmp_path):
    ws = export(tmp_path)
    birth = ws.cell(4, col("出生年月"))
    joined = ws.cell(4, col("入党时间"))
    assert isinstance(birth.value, datetime) and birth.value.date() == date(1990, 3, 7)
    assert birth.number_format == "yyyy.mm"
    assert isinstance(joined.value, datetime) and joined.value.date() == date(2015, 6, 30)
    assert joined.number_format == "yyyy.mm.dd"
    assert ws.cell(5, col("转正时间")).value is None  # 预备党员: not yet


def test_values_shown_in_chinese(tmp_path):
    ws = export(tmp_path)
    row = {t: ws.cell(4, col(t)).value for t in TITLES}
    assert row["序号"] == 1
    assert row["性别"] == "男"
    assert row["党员类别"] == "正式党员"
    assert row["党内职务"] == "书记"
    assert row["所在党小组"] == "船舶19号组"
    assert row["工作单位及职务"] == "船舶19号 大副"
    assert row["是否流动/失联"] == "流动、失联"
    second = {t: ws.cell(5, col(t)).value for t in TITLES}
    assert second["性别"] == "女"
    assert second["党员类别"] == "预备党员"
    assert second["是否流动/失联"] == "否"


def test_user_text_is_never_a_formula(tmp_path):
    ws = export(tmp_path)
    note = ws.cell(4, col("备注"))
    assert note.value == "=1+1"
    assert note.data_type == "s"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "#N/A", "#DIV/0!"])
def test_formula_or_error_lookalikes_stay_text(tmp_path, text):
    rep = report(2)
    rep = replace(rep, members=[replace(rep.members[0], name=text), rep.members[1]])
    cell = export(tmp_path, rep).cell(4, col("姓名"))
    assert (cell.value, cell.data_type) == (text, "s")


def test_body_has_grid_and_wrapped_rows_grow(tmp_path):
    long_note = "兼任公司党委委员，负责全面工作" * 4
    rep = report(3)
    rep = replace(rep, members=[replace(rep.members[0], note=long_note), *rep.members[1:]])
    ws = export(tmp_path, rep)
    # The grid is one always-true conditional format over the whole body.
    (fmt,) = list(ws.conditional_formatting)
    assert str(fmt.sqref) == f"A4:{LAST}6"
    rules = fmt.rules
    assert rules[0].dxf.border.left.style == "thin"
    assert rules[0].dxf.border.bottom.style == "thin"
    assert ws.cell(3, 1).border.left.style == "thin"  # header cells have real borders
    note = ws.cell(4, col("备注"))
    assert note.value == long_note
    assert note.alignment.wrap_text
    assert ws.row_dimensions[4].height > 2 * 13  # several lines of text
    assert ws.row_dimensions[6].height is None  # one-line rows keep the default
    assert not ws.cell(6, col("备注")).alignment.wrap_text


def test_progress_every_200_rows_and_at_the_end(tmp_path):
    calls = []
    export(tmp_path, report(450), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 450), (200, 450), (400, 450), (450, 450)]


def test_empty_roster(tmp_path):
    ws = export(tmp_path, report(0))
    assert [c.value.replace("\n", "") for c in ws[3]] == TITLES
    assert ws.max_row == 5  # header, a blank row, the signature line
    assert list(ws.conditional_formatting) == []


def _openpyxl_temp_files() -> set[str]:
    return {p for p in openpyxl_writer.ALL_TEMP_FILES if os.path.exists(p)}


def test_cancel_leaves_no_file_and_no_temp_file(tmp_path):
    before = _openpyxl_temp_files()
    path = tmp_path / "花名册.xlsx"
    with pytest.raises(Cancelled):
        export_roster_xlsx(report(450), path, progress=lambda done, total: done < 200)
    assert list(tmp_path.iterdir()) == []
    assert _openpyxl_temp_files() == before


def test_a_word_line_break_in_a_note_no_longer_fails_the_export(tmp_path):
    """Issue 7 item 2: one 备注 holding \\x0b made every .xlsx roster fail with 内部错误."""
    ws = export(tmp_path, roster_data.report(2, {"note": "在航\x0b公休"}))
    assert ws.cell(4, col("备注")).value == "在航\n公休"


def test_a_control_character_names_the_member_and_the_field(tmp_path):
    from dangjian_desktop.export.errors import ExportTextError
    from dangjian_desktop.messages import error_text

    rep = roster_data.report(3)
    rep = replace(rep, members=[*rep.members[:2], replace(rep.members[2], native_place="宁\x00波")])
    with pytest.raises(ExportTextError) as caught:
        export(tmp_path, rep)
    text = error_text(caught.value)
    assert "第 3 行“李2”的“籍贯”" in text and "U+0000" in text
    assert list(tmp_path.iterdir()) == []
