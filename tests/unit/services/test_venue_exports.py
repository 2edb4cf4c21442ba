"""The 阵地 exports: the inspection report holds its photos (counted in the PDF, printed at
print resolution, not the stored files) and the Chinese item names in its text layer; the
year summary in both formats; one audit row each; a cancel keeps the old file."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services.venue_service import NewPhoto
from tests.photos import noisy_photo, photo
from tests.unit.services.meeting_data import Branch, make_branch
from tests.unit.services.member_data import table
from tests.unit.services.venue_data import inspection


@pytest.fixture
def branch(workspace) -> Branch:
    return make_branch(workspace)


def pdf_images(path) -> list:
    reader = PdfReader(path)
    return [img for page in reader.pages for img in page.images]


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_inspection_report_holds_its_photos_and_item_names(workspace, branch, tmp_path):
    first, _ = workspace.venues.save_inspection(
        inspection(branch, date(2025, 3, 1), fails={"rack": "无报刊架"})
    )
    photos = [
        NewPhoto("flag.jpg", noisy_photo(), "flag_hung", "党旗褪色"),
        NewPhoto("oath.jpg", photo((1200, 900)), "oath"),
        NewPhoto("shot.png", photo((600, 400), fmt="PNG"), "board"),
    ]
    insp = inspection(branch, fails={"flag_hung": "党旗褪色", "oath": "誓词未上墙"})
    inspection_id, _ = workspace.venues.save_inspection(insp, photos, owner_id=branch.id("李静"))
    path = tmp_path / "检查报告.pdf"
    result = workspace.exports.inspection(path, inspection_id)
    assert result.path == path and result.rows == 30
    images = pdf_images(path)
    assert len(images) == 3
    # Printed at about 200 dpi for a 9 cm box, not the stored 2000 px original.
    stored = max(a.size for a in workspace.venues.photos(inspection_id))
    widths = [Image.open(io.BytesIO(img.data)).width for img in images]
    assert max(widths) <= 800 and path.stat().st_size < stored
    text = pdf_text(path)
    for words in ("党员活动室", "党旗悬挂", "入党誓词上墙", "支部全称牌", "有资料", "不合格"):
        assert words in text, words
    assert "誓词未上墙" in text and "李静" in text  # its rectification, with its owner
    assert "报刊架" in text  # still open from the inspection of 2025-03-01
    assert "第 1 页" in text and "检查人（签字）" in text
    [(detail,)] = table(
        workspace, "SELECT detail FROM audit_log WHERE action = 'export.inspection'"
    )
    assert '"photos":3' in detail and '"format":"pdf"' in detail
    del first


def test_a_missing_photo_file_prints_a_note_not_an_error(workspace, branch, tmp_path):
    photos = [NewPhoto("a.jpg", photo((800, 600)), "oath")]
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch), photos)
    for file in workspace.attachments_dir.rglob("*"):
        if file.is_file():
            file.unlink()
    path = tmp_path / "r.pdf"
    workspace.exports.inspection(path, inspection_id)
    assert pdf_images(path) == [] and "照片文件缺失" in pdf_text(path)


def test_a_cancelled_report_keeps_the_old_file(workspace, branch, tmp_path):
    inspection_id, _ = workspace.venues.save_inspection(
        inspection(branch), [NewPhoto("a.jpg", photo(), "oath")]
    )
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old")
    with pytest.raises(Cancelled):
        workspace.exports.inspection(path, inspection_id, progress=lambda done, total: done < 1)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["r.pdf"]


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_year_summary_lists_every_inspection_and_venue(workspace, branch, tmp_path, fmt):
    a, _ = workspace.venues.save_inspection(
        inspection(branch, date(2025, 3, 1), fails={"oath": "无"})
    )
    workspace.venues.save_inspection(
        inspection(branch, date(2025, 5, 2), venue=1, not_applicable=("honours",))
    )
    workspace.venues.save_inspection(inspection(branch, date(2024, 11, 2), venue=1))  # other year
    [rect] = workspace.venues.rectifications_of(a)
    workspace.venues.close(rect.id, date(2025, 3, 20), "已上墙")
    path = tmp_path / f"汇总.{fmt}"
    result = workspace.exports.venues(path, fmt, 2025)
    assert result.rows == 2
    if fmt == "xlsx":
        sheet = load_workbook(path).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        text = " ".join(cells)
    else:
        text = pdf_text(path)
    assert "船舶党员活动室" in text and "船员基地活动室" in text
    assert "本年检查 1 次" in text and "已销号 1 项" in text
    assert "2025年度" in text


def test_an_unknown_inspection_is_a_not_found_error(workspace, tmp_path):
    from dangjian_desktop.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        workspace.exports.inspection(tmp_path / "x.pdf", 99)
    assert not (tmp_path / "x.pdf").exists()


def test_the_report_of_an_inspection_printed_later_shows_what_was_open_that_day(
    workspace, branch, tmp_path
):
    first, _ = workspace.venues.save_inspection(
        inspection(branch, date(2025, 3, 1), fails={"rack": "无报刊架"})
    )
    second, _ = workspace.venues.save_inspection(inspection(branch, date(2025, 4, 1)))
    [rect] = workspace.venues.rectifications_of(first)
    workspace.venues.close(rect.id, date(2025, 4, 10), "已添置")
    report = workspace.exports.inspection_report(second)
    assert [r.rect.id for r in report.still_open] == [rect.id]  # open on 2025-04-01
    assert replace(report, still_open=()).found == ()
