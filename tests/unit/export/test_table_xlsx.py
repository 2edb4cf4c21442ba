"""The generic .xlsx table writer on a report that is not the roster (what the next tabs get):
portrait print setup, period in the page header, signature line, characters a sheet cannot
hold."""

from __future__ import annotations

from datetime import datetime

import pytest
import table_data  # this folder's generic report (pytest puts the folder on sys.path)
from openpyxl import load_workbook

from dangjian_desktop.export.errors import ExportTextError
from dangjian_desktop.export.table_xlsx import write_table_xlsx
from dangjian_desktop.messages import error_text


def export(tmp_path, rep=None):
    path = tmp_path / "台账.xlsx"
    write_table_xlsx(rep or table_data.report(), path)
    return load_workbook(path).active


def test_title_subtitle_header_and_rows(tmp_path):
    ws = export(tmp_path)
    assert ws.title == "三会一课台账"
    assert ws["A1"].value == "中共某某船舶党支部 三会一课台账"
    assert ws["A2"].value == "2026年第三季度　　共 3 次"
    assert [c.value for c in ws[3]] == ["序号", "召开日期", "会议类型", "议题", "实到人数"]
    assert [c.value for c in ws[4]][:1] + [c.value for c in ws[4]][2:] == [
        1,
        "支委会",
        "第1次支委会议题",
        5,
    ]
    held = ws["B4"]
    assert isinstance(held.value, datetime) and held.number_format == "yyyy.mm.dd"


def test_portrait_a4_fit_to_width_repeated_header(tmp_path):
    ws = export(tmp_path)
    assert ws.page_setup.orientation == "portrait"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"
    assert landscape_of(export(tmp_path, table_data.report(landscape=True))) == "landscape"


def landscape_of(ws) -> str:
    return ws.page_setup.orientation


def test_page_header_has_unit_period_date_and_escapes_ampersands(tmp_path):
    ws = export(tmp_path, table_data.report(unit_name="中共A&B船舶党支部", header_note="内部资料"))
    assert ws.oddHeader.left.text == "中共A&&B船舶党支部　2026年第三季度"
    assert ws.oddHeader.right.text == "制表日期：2026年11月26日　内部资料"
    assert ws["A2"].value.endswith("内部资料")  # on screen too


def test_signature_line_or_none(tmp_path):
    ws = export(tmp_path)
    assert ws["A8"].value == "主持人：________　　　　记录人：________"
    bare = export(tmp_path, table_data.report(signature=""))
    assert bare.max_row == 6
    assert all(str(r) != "A8:E8" for r in bare.merged_cells.ranges)


def test_long_sheet_name_and_forbidden_characters_are_made_acceptable(tmp_path):
    ws = export(tmp_path, table_data.report(sheet_name="2026/第3季度:台账[草稿]" + "长" * 40))
    assert len(ws.title) == 31 and not set("[]:*?/\\") & set(ws.title)


@pytest.mark.parametrize("pasted", ["\x0b", "\x0c", "\r\n", "\u2028"])
def test_line_break_characters_become_new_lines(tmp_path, pasted):
    rep = table_data.report(first={"topic": f"学习党章{pasted}讨论发言"})
    cell = export(tmp_path, rep)["D4"]
    assert cell.value == "学习党章\n讨论发言"
    assert cell.alignment.wrap_text


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1f", "\ud800"])
def test_a_character_no_sheet_can_hold_names_the_row_and_column(tmp_path, bad):
    rows = table_data.meetings(5)
    bad_row = table_data.Meeting(rows[2].held_on, "支委会", f"议题{bad}", 5)
    rep = table_data.report(rows=[*rows[:2], bad_row])
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old export")
    with pytest.raises(ExportTextError) as caught:
        write_table_xlsx(rep, target)
    err = caught.value
    assert (err.row_number, err.column, err.code_point) == (3, "议题", ord(bad))
    assert err.row_name == "2026.03.03 支委会"
    text = error_text(err)
    assert "第 3 行“2026.03.03 支委会”的“议题”" in text and "内部错误" not in text
    assert target.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]


@pytest.mark.parametrize(
    "text",
    [
        "公休：许文杰、罗丹丹（随兴海油3轮执行运输任务）ABC ＡＢ№ ㎡한글カナ",
        "阿不都·热合曼—“在航”…é",  # narrow characters that are not ASCII break the runs
        "𠀋𡈽🚢党",  # above the BMP: the ideograph planes and emoji are wide
        "a党b员c",
        "党",
        "·",
    ],
)
def test_width_units_count_wide_characters_as_east_asian_width_does(text):
    """The wide characters are counted in runs (one regex match a run, not a character):
    the count is east_asian_width's, wherever the runs begin and end."""
    from unicodedata import east_asian_width

    from dangjian_desktop.export.table_xlsx import WIDE_CHAR_UNITS, width_units

    expected = sum(WIDE_CHAR_UNITS if east_asian_width(c) in "WF" else 1.0 for c in text)
    assert width_units(text) == pytest.approx(expected)
    assert width_units("0571-87654321") == 13


def test_each_row_gets_the_height_of_its_own_lines(tmp_path):
    """Rows of one height share one RowDimension in the writer: each row still reads back
    with the height of its own number of lines, and a one-line row with none."""
    from dangjian_desktop.export.table_xlsx import LINE_HEIGHT, ROW_PADDING

    lines = [3, 1, 2, 3, 1, 2]
    rep = table_data.report(len(lines))
    # The 议题 column is 30 units wide: 29 of room, 13 wide characters a line.
    rows = [
        table_data.Meeting(m.held_on, m.kind, "议" * (13 * n), m.present)
        for m, n in zip(rep.rows, lines, strict=True)
    ]
    ws = export(tmp_path, table_data.report(len(lines), rows=rows))
    heights = [ws.row_dimensions[4 + i].height for i in range(len(lines))]
    assert heights == [n * LINE_HEIGHT + ROW_PADDING if n > 1 else None for n in lines]


def test_a_blank_value_writes_no_cell_and_the_grid_still_covers_it(tmp_path):
    """An empty text is no cell at all in the sheet (a year's 台账 has a thousand: 地点, 党课
    主讲人, 决议 of most meetings), read back as empty; the border rule spans the body."""
    import zipfile

    path = tmp_path / "台账.xlsx"
    write_table_xlsx(table_data.report(first={"kind": "", "topic": ""}), path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'r="C4"' not in sheet and 'r="D4"' not in sheet
    assert 'r="C5"' in sheet and 'r="D5"' in sheet
    ws = load_workbook(path).active
    assert ws["C4"].value is None and ws["D4"].value is None and ws["E4"].value == 5
    [rule_range] = [str(r.sqref) for r in ws.conditional_formatting]
    assert rule_range == "A4:E6"
