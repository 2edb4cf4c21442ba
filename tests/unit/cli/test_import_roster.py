"""`dangjian import roster`: one line per row, a summary, exit 0/1/2, reasons in Chinese on
stderr, never a traceback; the same service path as the import dialog."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.domain.people import MemberCategory, MemberFilter, MemberSort
from dangjian_desktop.services import Workspace
from tests import roster_files
from tests.conftest import TODAY


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "dangjian.sqlite"
    Workspace.open(path, today=lambda: TODAY).close(final_backup=False)
    return path


def members(db: Path) -> list:
    ws = Workspace.open(db, today=lambda: TODAY)
    try:
        return [ws.members.get(i) for i in ws.members.ids(MemberFilter(), MemberSort())]
    finally:
        ws.close(final_backup=False)


def cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["import", "roster", *map(str, argv)], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def test_a_good_roster_is_imported_row_by_row(tmp_path, db):
    path = roster_files.good_roster(tmp_path / "good.xlsx", 3)
    code, out, err = cli(path, "--db", db)
    assert (code, err) == (EXIT_OK, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "第 3 行\t党员一\t导入",
        "第 4 行\t党员丁\t导入",
        "第 5 行\t党员丂\t导入",
    ]
    assert lines[3] == "共 3 行：导入 3 行，有问题 0 行，跳过空行等 0 行。"
    assert len(members(db)) == 3


UNREADABLE_DATE = "不是能识别的日期，可写作 2001.07、2001-07-01 或 2001年7月1日"


def test_a_messy_roster_writes_nothing_and_says_why(tmp_path, db):
    path = roster_files.messy_roster(tmp_path / "messy.xlsx")
    code, out, err = cli(path, "--db", db)
    assert code == EXIT_DATA
    lines = dict(line.split("\t", 1) for line in out.splitlines()[:-1])
    assert lines["第 7 行"] == "赵六\t无误，但本次未写入"  # the 预备党员 under 人员类别
    assert lines["第 6 行"].startswith("王五\t未导入：身份证号：身份证号被Excel当成数字存储")
    assert lines["第 9 行"] == "周八\t未导入：入党日期：“不详”" + UNREADABLE_DATE
    assert out.splitlines()[-1] == "共 7 行：导入 0 行，有问题 3 行，跳过空行等 2 行。"
    assert "有 3 行有问题，数据未作改动" in err and "--only-valid" in err
    assert members(db) == []


def test_only_valid_imports_the_rest_and_still_exits_1(tmp_path, db):
    path = roster_files.messy_roster(tmp_path / "messy.xlsx")
    code, out, err = cli(path, "--db", db, "--only-valid")
    assert code == EXIT_DATA
    assert "第 7 行\t赵六\t导入" in out.splitlines()
    assert "共 7 行：导入 4 行，有问题 3 行" in out
    assert "有 3 行有问题，未导入；其余 4 行已导入。" in err
    stored = {m.name: m for m in members(db)}
    assert set(stored) == {"张三", "李四", "赵六", "孙七"}
    assert stored["赵六"].category is MemberCategory.PROBATIONARY
    assert stored["张三"].job_post == "轮机长"


def test_a_second_run_refuses_the_same_people(tmp_path, db):
    path = roster_files.good_roster(tmp_path / "good.xlsx", 2)
    assert cli(path, "--db", db)[0] == EXIT_OK
    code, out, _err = cli(path, "--db", db)
    assert code == EXIT_DATA
    assert "本数据文件中已有相同身份证号的党员" in out
    assert len(members(db)) == 2


def test_sheet_and_header_row_choose_what_is_read(tmp_path, db):
    path = roster_files.good_roster(tmp_path / "good.xlsx", 2)
    assert cli(path, "--db", db, "--sheet", "党员", "--header-row", "2")[0] == EXIT_OK
    code, _out, err = cli(path, "--db", db, "--sheet", "没有这张表")
    assert code == EXIT_USAGE and "没有名为“没有这张表”的工作表" in err
    code, _out, err = cli(path, "--db", db, "--header-row", "1")  # the title row
    assert code == EXIT_DATA and "没有找到表头" in err and "--header-row" in err
    code, _out, err = cli(path, "--db", db, "--header-row", "99")
    assert code == EXIT_USAGE and "表头行号应在 1 到 4 之间" in err


def text_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: text_file(p, "姓名,身份证号\n"), "不是 Excel 工作簿"),
        (lambda p: roster_files.bomb_roster(p, pad_mb=40), "压缩时的"),
        (lambda p: p, "找不到该文件"),
    ],
    ids=["renamed-text", "bomb", "missing"],
)
def test_a_broken_file_exits_2(tmp_path, db, make, words):
    path = make(tmp_path / "broken.xlsx")
    code, out, err = cli(path, "--db", db)
    assert (code, out) == (EXIT_USAGE, "")
    assert words in err and "Traceback" not in err
    assert members(db) == []


@pytest.mark.parametrize(
    "argv",
    [(), ("--header-row", "0", "x.xlsx"), ("x.xlsx", "--bogus")],
    ids=["no-file", "row-0", "unknown-option"],
)
def test_bad_arguments_exit_2(db, argv):
    code, out, err = cli(*argv, "--db", db)
    assert code == EXIT_USAGE and out == "" and "Traceback" not in err
    assert err.strip()


def test_a_missing_data_file_is_refused_not_created(tmp_path):
    path = roster_files.good_roster(tmp_path / "good.xlsx")
    missing = tmp_path / "typo.sqlite"
    code, out, err = cli(path, "--db", missing)
    assert code == EXIT_DATA and "找不到数据文件" in err and out == ""
    assert not missing.exists()


def test_the_installed_command_runs_without_qt_and_without_a_traceback(tmp_path, db):
    path = roster_files.messy_roster(tmp_path / "messy.xlsx")
    probe = (
        "import sys; from dangjian_desktop.app import main; code = main(sys.argv[1:]);"
        "print('qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt');"
        "sys.exit(code)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, "import", "roster", str(path), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == EXIT_DATA, proc.stderr
    assert proc.stdout.splitlines()[-1] == "no qt"
    assert "第 4 行\t张三\t无误，但本次未写入" in proc.stdout
    assert "Traceback" not in proc.stderr and "有 3 行有问题" in proc.stderr
