"""`dangjian export inspection` and `dangjian export venues`: exit 0 with the file, 1 with a
Chinese reason for data problems (no such inspection), 2 for a wrong command line; the
file written whole or not at all."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.venue_service import NewPhoto
from tests.photos import photo
from tests.unit.services.meeting_data import make_branch
from tests.unit.services.venue_data import inspection

TODAY = date(2025, 6, 15)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data.sqlite"
    ws = Workspace.open(path, today=lambda: TODAY)
    branch = make_branch(ws)
    ws.venues.save_inspection(
        inspection(branch, fails={"oath": "誓词未上墙"}), [NewPhoto("a.jpg", photo(), "oath")]
    )
    ws.close(final_backup=False)
    return path


def dangjian(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def test_inspection_report_to_pdf(db, tmp_path):
    target = tmp_path / "检查报告.pdf"
    code, out, err = dangjian(
        "export", "inspection", "--inspection", 1, "--db", db, "--out", target
    )
    assert (code, err) == (EXIT_OK, "")
    assert out == f"已导出阵地检查报告（检查记录编号 1）：{target}\n"
    reader = PdfReader(target)
    assert sum(len(p.images) for p in reader.pages) == 1
    assert "入党誓词上墙" in "".join(p.extract_text() for p in reader.pages)


def test_an_unknown_inspection_is_exit_1_and_writes_nothing(db, tmp_path):
    target = tmp_path / "r.pdf"
    code, out, err = dangjian(
        "export", "inspection", "--inspection", 9, "--db", db, "--out", target
    )
    assert (code, out) == (EXIT_DATA, "")
    assert "已不存在" in err and "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "inspection", "--inspection", 1, "--out", "r.xlsx"),  # only .pdf
        ("export", "inspection", "--inspection", "x", "--out", "r.pdf"),
        ("export", "inspection", "--out", "r.pdf"),  # no --inspection
        ("export", "venues", "--year", "26x", "--out", "v.xlsx"),
        ("export", "venues", "--year", 2026, "--out", "v.docx"),
    ],
)
def test_a_wrong_command_line_is_exit_2_in_chinese(db, tmp_path, argv):
    argv = [tmp_path / a if str(a).startswith(("r.", "v.")) else a for a in argv]
    code, out, err = dangjian(*argv, "--db", db)
    assert code == EXIT_USAGE and out == ""
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err), err
    assert not any(p.suffix in (".pdf", ".xlsx", ".docx") for p in tmp_path.iterdir())


@pytest.mark.parametrize("suffix", ["xlsx", "pdf"])
def test_venues_year_summary(db, tmp_path, suffix):
    target = tmp_path / f"汇总.{suffix}"
    code, out, err = dangjian("export", "venues", "--year", 2025, "--db", db, "--out", target)
    assert (code, err) == (EXIT_OK, "")
    assert "共 1 次检查" in out
    if suffix == "xlsx":
        assert "阵地建设年度汇总" in load_workbook(target).active["A1"].value


def test_a_missing_data_file_is_exit_1(tmp_path):
    code, _out, err = dangjian(
        "export", "venues", "--year", 2025, "--db", tmp_path / "none.sqlite",
        "--out", tmp_path / "v.xlsx",
    )  # fmt: skip
    assert code == EXIT_DATA and err and not (tmp_path / "v.xlsx").exists()
