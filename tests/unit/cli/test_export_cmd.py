"""`dangjian export roster`: the window's export on the command line — exit 0/1/2, the reason
in Chinese on stderr, the file written whole or not at all."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage import member_repo
from tests.gui.members_data import member


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data.sqlite"
    ws = Workspace.open(path)
    for i in range(4):
        ws.members.add(member(i))
    ws.close(final_backup=False)
    return path


def dangjian(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def test_roster_to_xlsx(db, tmp_path):
    target = tmp_path / "花名册.xlsx"
    code, out, err = dangjian("export", "roster", "--db", db, "--out", target)
    assert (code, err) == (EXIT_OK, "")
    assert out == f"已导出党员花名册（共 4 人）：{target}\n"
    sheet = load_workbook(target).active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert "共 4 人" in sheet["A2"].value
    assert member(0).id_number not in values and member(0).phone not in values
    assert not list(tmp_path.glob(".*.tmp"))


def test_roster_to_pdf_with_full_numbers_and_who_prepared_it(db, tmp_path):
    target = tmp_path / "花名册.PDF"  # the suffix in any case
    code, _out, err = dangjian(
        "export", "roster", "--db", db, "--out", target,
        "--full-ids", "--full-phones", "--prepared-by", "李静",
    )  # fmt: skip
    assert (code, err) == (EXIT_OK, "")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(target).pages))
    assert member(0).id_number in text and member(0).phone in text
    assert "制表人：李静" in text and "含完整身份证号" in text


@pytest.mark.parametrize("name", ["花名册.docx", "花名册", "花名册.xlsx.bak"])
def test_an_output_name_without_a_known_format_exits_2(db, tmp_path, name):
    code, out, err = dangjian("export", "roster", "--db", db, "--out", tmp_path / name)
    assert code == EXIT_USAGE and out == ""
    assert ".xlsx 或 .pdf" in err and "Traceback" not in err
    assert not list(tmp_path.glob("花名册*"))


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["export"], "缺少参数"),
        (["export", "roster"], "缺少参数：--out"),
        (["export", "members", "--out", "x.xlsx"], "无效"),
        (["export", "roster", "--out", "x.xlsx", "--full"], "不明确"),
    ],
)
def test_bad_arguments_exit_2(argv, words):
    code, _out, err = dangjian(*argv)
    assert code == EXIT_USAGE and words in err


def test_a_missing_output_folder_exits_2(db, tmp_path):
    code, _out, err = dangjian("export", "roster", "--db", db, "--out", tmp_path / "无" / "a.xlsx")
    assert code == EXIT_USAGE and "不存在" in err


def test_a_missing_data_file_exits_1_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.sqlite"
    code, _out, err = dangjian("export", "roster", "--db", missing, "--out", tmp_path / "a.xlsx")
    assert code == EXIT_DATA and "找不到数据文件" in err
    assert list(tmp_path.iterdir()) == []


def test_a_data_file_in_use_exits_1_in_words(db, tmp_path):
    ws = Workspace.open(db)
    try:
        code, _out, err = dangjian("export", "roster", "--db", db, "--out", tmp_path / "a.xlsx")
    finally:
        ws.close(final_backup=False)
    assert code == EXIT_DATA and "正在被另一个党建台账窗口使用" in err
    assert not (tmp_path / "a.xlsx").exists()


def test_a_bad_character_exits_1_naming_the_member_and_keeps_the_old_file(db, tmp_path):
    ws = Workspace.open(db)
    try:  # a value that got past the forms, written the way an old version could have
        with write_session(ws.database.engine, "test.bad_char") as s:
            member_repo.insert_member(s, member(9, name="周海", note="在航\x07"))
    finally:
        ws.close(final_backup=False)
    target = tmp_path / "花名册.xlsx"
    target.write_bytes(b"last week's roster")
    code, out, err = dangjian("export", "roster", "--db", db, "--out", target)
    assert code == EXIT_DATA and out == ""
    assert "“周海”的“备注”" in err and "内部错误" not in err
    assert target.read_bytes() == b"last week's roster"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".花名册")] == []
