"""Reading a roster workbook: refused containers, hostile parts, the time budget, Cancel.
Each refusal happens before anything is written (the import writes only in its commit)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import roster_workbook as rw
from tests import roster_files


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return roster_files.messy_roster(tmp_path / "花名册.xlsx")


# --- refused files -----------------------------------------------------------------------------
def refused(path: Path, **kwargs) -> str:
    with pytest.raises(rw.ImportFileError) as info:
        rw.read_workbook(path, **kwargs)
    return info.value.code


def ole_file(path: Path, streams: tuple[str, ...]) -> Path:
    """An OLE2 compound file header with directory entry names, as Office writes them."""
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    path.write_bytes(rw.OLE_MAGIC + b"\0" * 504 + body + b"\0" * 1024)
    return path


def test_refused_files(tmp_path):
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,身份证号\n张三,110105198503121234\n", encoding="utf-8")
    assert refused(text) == "not_xlsx"
    docx = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(docx) == "not_xlsx"
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
        archive.writestr("xl/workbook.xml", "<<<")
    assert refused(damaged) == "unreadable"
    encrypted = ole_file(
        tmp_path / "加密.xlsx", ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    assert refused(encrypted) == "encrypted"
    assert refused(ole_file(tmp_path / "old.xls", ("Root Entry", "Workbook"))) == "xls_format"
    assert refused(ole_file(tmp_path / "renamed.xlsx", ("Root Entry", "Workbook"))) == "xls_format"
    assert refused(tmp_path / "missing.xlsx") == "not_found"
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    assert refused(big) == "too_big"


def test_size_limit_is_checked_before_opening(tmp_path, messy):
    with pytest.raises(rw.ImportFileError) as info:
        rw.read_workbook(messy, max_bytes=100)
    assert info.value.code == "too_big"
    assert info.value.params == {"size": messy.stat().st_size, "limit": 100}


def test_xlsx_saved_with_xls_name_is_read(tmp_path, messy):
    renamed = tmp_path / "really_xlsx.xls"
    renamed.write_bytes(messy.read_bytes())
    assert rw.read_workbook(renamed).default_sheet().header_row == 3


def test_wrong_dimensions_do_not_hide_rows(tmp_path):
    # Some writers record the used range as "A1": read-only mode would read one cell.
    path = roster_files.good_roster(tmp_path / "dim.xlsx", 3, title_rows=2)
    patched = tmp_path / "dim2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<dimension ref="A1:G6"/>', b'<dimension ref="A1"/>')
            dst.writestr(item, data)
    sheet = rw.read_workbook(patched).default_sheet()
    assert len(sheet.rows) == 6
    assert sheet.header_row == 3


# --- hostile parts and the time budget -----------------------------------------------------------
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_small_file_that_inflates_to_a_huge_part_is_refused_at_once(tmp_path, part):
    bomb = roster_files.bomb_roster(tmp_path / "bomb.xlsx", pad_mb=40, part=part)
    assert bomb.stat().st_size < 100 * 1024  # 40 MB of XML comment in a few tens of KB
    start = time.perf_counter()
    with pytest.raises(rw.ImportFileError) as info:
        rw.read_workbook(bomb)
    assert time.perf_counter() - start < 2.0
    assert info.value.code == "zip_bomb"
    assert info.value.params["part"] == part and info.value.params["ratio"] > rw.MAX_RATIO


def test_a_part_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(rw, "MAX_PART_BYTES", 1 << 20)
    padded = roster_files.slow_roster(tmp_path / "big-part.xlsx", pad_mb=2)
    assert refused(padded) == "part_too_big"


def test_honest_parts_pass_the_container_checks(tmp_path, monkeypatch, messy):
    monkeypatch.setattr(rw, "RATIO_FLOOR_BYTES", 0)  # check the ratio of every part
    wide = roster_files.wide_roster(tmp_path / "wide.xlsx", columns=300, rows=300)
    rw.check_container(wide)  # repetitive sheet XML (12×), but an honest ratio
    rw.check_container(messy)


def test_a_read_over_its_time_budget_stops_inside_the_xml_parser(tmp_path):
    # A ratio that passes, and one XML comment that expat rescans for every chunk: the
    # unguarded read takes over 5 s here. The guard sits in the chunks openpyxl pulls.
    slow = roster_files.slow_roster(tmp_path / "slow.xlsx", pad_mb=6)
    start = time.perf_counter()
    with pytest.raises(rw.ImportFileError) as info:
        rw.read_workbook(slow, time_budget=0.5)
    assert time.perf_counter() - start < 2.5
    assert info.value.code == "too_slow"


def test_cancel_reaches_the_read(tmp_path):
    path = roster_files.good_roster(tmp_path / "r.xlsx", 3000)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return False

    with pytest.raises(Cancelled):
        rw.read_workbook(path, progress=progress)
    assert len(calls) == 1
