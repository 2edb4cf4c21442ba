"""党员花名册 .pdf (the roster adapter + the table writer): text read back with pypdf —
headings, masking and the note that says so, the filter subtitle, page numbers, font subset,
column widths that keep headings and phone numbers whole."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import roster_data  # this folder's shared roster (pytest puts the folder on sys.path)
from pypdf import PdfReader
from roster_data import FULL_ID, FULL_PHONE, MASKED_ID, MASKED_PHONE, MIDDLE_MASKED_ID

from dangjian_desktop.domain.people import Member
from dangjian_desktop.export.roster_report import RosterReport, roster_table
from dangjian_desktop.export.table_pdf import write_table_pdf


def export_roster_pdf(report: RosterReport, path, progress=None, keys=None) -> None:
    table = roster_table(report) if keys is None else roster_table(report, keys)
    write_table_pdf(table, path, progress)


SUBSET_NAME = re.compile(r"^/[A-Z]{6}\+")


FIRST = dict(note="<b>不是标记</b> & 照原样")  # what this writer must handle in a cell


def members(n: int) -> list[Member]:
    return roster_data.members(n, **FIRST)


def report(n: int = 3, **kw) -> RosterReport:
    return roster_data.report(n, FIRST, **kw)


def export(tmp_path, rep=None, name="花名册.pdf", **kw) -> PdfReader:
    path = tmp_path / name
    export_roster_pdf(rep or report(), path, **kw)
    return PdfReader(path)


def compact(reader: PdfReader) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_text_has_title_names_dates_and_masked_ids(tmp_path):
    text = compact(export(tmp_path))
    assert "中共某某船舶党支部党员花名册" in text
    assert "制表日期：2026年11月26日" in text
    assert "王建国" in text and "李2" in text
    assert MASKED_ID in text
    assert FULL_ID not in text
    assert "1990.03" in text and "2015.06.30" in text
    assert "书记" in text and "正式党员" in text and "预备党员" in text
    assert "船舶19号组" in text
    assert "<b>不是标记</b>&照原样" in text  # user text is not markup


def test_full_ids_on_request(tmp_path):
    text = compact(export(tmp_path, report(full_ids=True)))
    assert FULL_ID in text
    assert MASKED_ID not in text
    assert MASKED_PHONE in text  # phones stay masked unless asked for too
    assert "含完整身份证号；已隐去电话号码中间4位，请妥善保管" in text


def test_phones_masked_by_default_and_full_on_request(tmp_path):
    masked = compact(export(tmp_path, name="masked.pdf"))
    assert MASKED_PHONE in masked and FULL_PHONE not in masked
    full = compact(export(tmp_path, report(full_phones=True), name="full.pdf"))
    assert FULL_PHONE in full and MASKED_ID in full
    assert "含完整电话号码" in full


def test_every_page_header_says_what_is_hidden(tmp_path):
    reader = export(tmp_path, report(300))
    for page in reader.pages:
        text = re.sub(r"\s+", "", page.extract_text())
        assert "已隐去身份证号前14位；已隐去电话号码中间4位" in text
        assert "脱敏" not in text


def test_without_a_birth_date_column_the_id_keeps_its_area_code(tmp_path):
    keys = ("index", "name", "id_number", "phone")
    path = tmp_path / "short.pdf"
    export_roster_pdf(report(), path, keys=keys)
    text = compact(PdfReader(path))
    assert MIDDLE_MASKED_ID in text
    assert "已隐去身份证号中间8位" in text


def test_filtered_roster_says_its_filter_under_the_title(tmp_path):
    text = compact(export(tmp_path, report(2, filter_text="党小组“船舶19号组”；搜索“王”")))
    assert "筛选条件：党小组“船舶19号组”；搜索“王”" in text
    assert "筛选条件" not in compact(export(tmp_path, report(2), name="all.pdf"))


def test_page_numbers_and_signature_line(tmp_path):
    reader = export(tmp_path, report(300))
    pages = len(reader.pages)
    first = re.sub(r"\s+", "", reader.pages[0].extract_text())
    last = re.sub(r"\s+", "", reader.pages[-1].extract_text())
    assert f"第1页共{pages}页" in first
    assert f"第{pages}页共{pages}页" in last
    assert "制表人：" in last and "审核人：" in last
    assert "中共某某船舶党支部" in re.sub(r"\s+", "", reader.pages[1].extract_text())


def test_page_count_grows_with_the_roster(tmp_path):
    small = len(export(tmp_path, report(10), name="small.pdf").pages)
    large = len(export(tmp_path, report(300), name="large.pdf").pages)
    assert small == 1
    assert large > 5 * small
    # Every member is on some page, and each page repeats the header row.
    reader = export(tmp_path, report(300), name="again.pdf")
    assert "李299" in compact(reader)
    for page in reader.pages:
        assert "身份证号" in page.extract_text()


def test_page_is_a4_landscape(tmp_path):
    box = export(tmp_path).pages[0].mediabox
    assert float(box.width) == pytest.approx(841.89, abs=0.1)
    assert float(box.height) == pytest.approx(595.28, abs=0.1)


def test_font_embedded_as_subset(tmp_path):
    reader = export(tmp_path)
    fonts = [ref.get_object() for ref in reader.pages[0]["/Resources"]["/Font"].values()]
    embedded = [
        f
        for f in fonts
        if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()
    ]
    assert embedded
    for font in embedded:
        assert SUBSET_NAME.match(font["/BaseFont"]), font["/BaseFont"]
        assert "WenQuanYiMicroHei" in font["/BaseFont"]


def test_huge_text_is_cut_not_a_page_tall(tmp_path):
    rep = report(3)
    huge = replace(
        rep.members[0],
        name="很长的名字" * 200,
        education="很长的学历" * 200,
        note="很长的备注" * 2000,
    )
    reader = export(tmp_path, replace(rep, members=[huge, *rep.members[1:]]))
    assert len(reader.pages) == 1  # every cell cut to a few lines: the row fits a page
    text = compact(reader)
    assert 0 < text.count("很长的备注") < 40
    assert "…" in text


def test_progress_counts_measuring_and_drawing(tmp_path):
    calls = []
    export(tmp_path, report(300), progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 600)
    assert calls[-1] == (600, 600)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert any(300 < d < 600 for d in done)  # drawing reports too, page by page


def test_empty_roster(tmp_path):
    text = compact(export(tmp_path, report(0)))
    assert "共0人" in text and "身份证号" in text
