"""`dangjian report`, `dangjian verify` and `dangjian export statistics` on a temp file: each
exit code (0 done / all well, 1 a data problem, 2 a bad command line), the reason in Chinese
on stderr, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.services import Workspace
from tests.gui.members_data import member


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data.sqlite"
    ws = Workspace.open(path)
    for i in range(3):
        ws.members.add(member(i))
    ws.close(final_backup=False)
    return path


def dangjian(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], registrars(), out, err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def package(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code, text, err = dangjian("report", "--period", "2026Q3", "--out", out, "--db", db)
    assert (code, err) == (EXIT_OK, "")
    [path] = out.glob("*.zip")
    assert path.name == "上报材料_2026Q3.zip" and str(path) in text
    return path


def test_report_then_verify_is_exit_0(package):
    code, out, err = dangjian("verify", package)
    assert (code, err) == (EXIT_OK, "")
    assert "校验通过" in out and "2026年第三季度" in out


def test_report_with_full_ids_says_so(db, tmp_path):
    code, out, _err = dangjian(
        "report", "--period", "2026", "--out", tmp_path / "p.zip", "--db", db, "--full-ids"
    )
    assert code == EXIT_OK and "完整身份证号" in out and (tmp_path / "p.zip").is_file()


def test_an_altered_package_is_exit_1_with_the_file_named(package, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "reports/党员花名册.xlsx":
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            zout.writestr(info, data)
    code, out, err = dangjian("verify", bad)
    assert code == EXIT_DATA and out == ""
    assert "校验未通过" in err and "党员花名册.xlsx" in err


def test_a_traversal_name_is_exit_1(package, tmp_path):
    with zipfile.ZipFile(package, "a") as z:
        z.writestr("../../evil.txt", "x")
    code, _out, err = dangjian("verify", package)
    assert code == EXIT_DATA and "../../evil.txt" in err and "名称不安全" in err
    assert not (tmp_path.parent / "evil.txt").exists()


def test_not_a_package_and_no_file_are_exit_1(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    assert dangjian("verify", junk)[0] == EXIT_DATA
    code, _out, err = dangjian("verify", tmp_path / "none.zip")
    assert code == EXIT_DATA and "找不到上报材料" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("report", "--period", "2026Q5"), "季度 5 不存在"),
        (("report", "--period", "26Q1"), "四位年份"),
        (("report",), "缺少参数"),
        (("verify",), "缺少参数"),
    ],
)
def test_bad_arguments_are_exit_2(db, tmp_path, args, words):
    extra = () if args[0] == "verify" else ("--out", tmp_path, "--db", db)
    code, _out, err = dangjian(*args, *extra)
    assert code == EXIT_USAGE and words in err, err
    assert not list(tmp_path.glob("*.zip"))


def test_a_missing_output_folder_is_exit_2_and_a_missing_data_file_exit_1(db, tmp_path):
    code, _out, err = dangjian("report", "--period", "2026", "--out", tmp_path / "no", "--db", db)
    assert code == EXIT_USAGE and "不存在" in err
    code, _out, err = dangjian(
        "report", "--period", "2026", "--out", tmp_path, "--db", tmp_path / "x.sqlite"
    )
    assert code == EXIT_DATA and "找不到数据文件" in err


def test_export_statistics(db, tmp_path):
    target = tmp_path / "统计.xlsx"
    code, out, err = dangjian(
        "export", "statistics", "--year", "2026", "--date", "2026-06-30", "--out", target,
        "--db", db,
    )  # fmt: skip
    assert (code, err) == (EXIT_OK, "") and target.is_file() and "共 3 人" in out
    code, _out, err = dangjian(
        "export", "statistics", "--year", "2026", "--date", "2026-02-30", "--out", target,
        "--db", db,
    )  # fmt: skip
    assert code == EXIT_USAGE and "不是日期" in err
