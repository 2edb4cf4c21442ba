"""`dangjian export ledger|minutes|plan|calendar` on a copy of the sample file: each exit code
(0 written, 2 bad arguments, 1 a data problem), the reason in Chinese on stderr and never a
traceback, and the file written whole or not at all."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.domain.meetings import (
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
)
from dangjian_desktop.services import Workspace

HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)
OLD = b"the clerk's file from last quarter"


def dangjian(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def general_meeting_id(path) -> int:
    ws = Workspace.open(path)
    try:
        flt = MeetingFilter(year=2026, types=(MeetingType.GENERAL,), statuses=HELD)
        return ws.meetings.ids(flt, MeetingSort())[0]
    finally:
        ws.close(final_backup=False)


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


def test_ledger_of_a_quarter_to_xlsx(demo_path, tmp_path):
    target = tmp_path / "台账.xlsx"
    code, out, err = dangjian(
        "export", "ledger", "--year", "2026", "--quarter", "3", "--db", demo_path, "--out", target
    )
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("已导出三会一课台账（共 ") and str(target) in out
    sheet = load_workbook(target).active
    assert "三会一课台账" in sheet["A1"].value and "2026年第三季度" in sheet["A2"].value


def test_ledger_of_a_year_to_pdf_and_calendar_and_plan(demo_path, tmp_path):
    for argv, name in (
        (["ledger", "--year", "2025"], "台账.pdf"),
        (["calendar", "--year", "2026"], "落实情况.pdf"),
        (["plan", "--year", "2026", "--quarter", "1"], "计划.xlsx"),
        (["calendar", "--year", "2026"], "落实情况.xlsx"),
    ):
        code, _out, err = dangjian("export", *argv, "--db", demo_path, "--out", tmp_path / name)
        assert (code, err) == (EXIT_OK, ""), argv
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(tmp_path / "台账.pdf").pages)
    )
    assert "2025年度" in text and "请假人员及原因" in text
    assert "计划报备表" in load_workbook(tmp_path / "计划.xlsx").active["A1"].value


def test_minutes_to_pdf_with_who_prepared_it(demo_path, tmp_path):
    meeting = general_meeting_id(demo_path)
    target = tmp_path / "会议记录.PDF"
    code, out, err = dangjian(
        "export", "minutes", "--meeting", meeting, "--db", demo_path, "--out", target
    )
    assert (code, err) == (EXIT_OK, "") and "已导出会议记录" in out
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "支部党员大会会议记录" in re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["ledger", "--year", "26"], "1921 到 2099"),
        (["ledger", "--year", "二〇二六"], "年份"),
        (["ledger", "--year", "2026", "--quarter", "5"], "季度只能是 1、2、3 或 4"),
        (["ledger"], "缺少参数：--year"),
        (["plan", "--year", "2026"], "缺少参数：--quarter"),
        (["minutes", "--meeting", "abc"], "会议编号应是正整数"),
        (["minutes"], "缺少参数：--meeting"),
    ],
)
def test_bad_arguments_exit_2_in_chinese_and_write_nothing(demo_path, tmp_path, argv, words):
    target = tmp_path / "a.xlsx"
    code, out, err = dangjian("export", *argv, "--db", demo_path, "--out", target)
    assert (code, out) == (EXIT_USAGE, "")
    assert words in err and "Traceback" not in err and "argument" not in err
    assert not target.exists()


@pytest.mark.parametrize("name", ["台账.docx", "台账", "台账.csv"])
def test_an_unknown_suffix_exits_2(demo_path, tmp_path, name):
    code, _out, err = dangjian(
        "export", "calendar", "--year", "2026", "--db", demo_path, "--out", tmp_path / name
    )
    assert code == EXIT_USAGE and ".xlsx 或 .pdf" in err
    assert not (tmp_path / name).exists()


def test_minutes_list_names_the_ids_that_minutes_takes(demo_path, tmp_path):
    code, out, err = dangjian("export", "minutes", "--list", "--year", "2026", "--db", demo_path)
    assert (code, err) == (EXIT_OK, "")
    lines = out.splitlines()
    assert lines[0] == "编号\t日期\t类型\t状态\t议题"
    assert re.fullmatch(r"共 \d+ 次会议", lines[-1])
    rows = [line.split("\t") for line in lines[1:-1]]
    assert rows and all(day.startswith("2026-") for _i, day, *_r in rows)
    assert [day for _i, day, *_r in rows] == sorted(day for _i, day, *_r in rows)
    assert {status for *_x, status, _topic in rows} <= {"已召开", "已归档"}
    general = general_meeting_id(demo_path)
    assert next(r for r in rows if r[0] == str(general))[2] == "支部党员大会"
    target = tmp_path / "记录.pdf"
    code, _out, _err = dangjian(
        "export", "minutes", "--meeting", rows[0][0], "--db", demo_path, "--out", target
    )
    assert code == EXIT_OK and target.exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--list", "--meeting", "1"], "不与 --meeting、--out 同用"),
        (["--meeting", "1", "--year", "2026"], "--year 只与 --list 同用"),
        (["--meeting", "1"], "缺少参数：--out"),
    ],
)
def test_minutes_list_and_meeting_arguments_exit_2(demo_path, argv, words):
    code, out, err = dangjian("export", "minutes", *argv, "--db", demo_path)
    assert (code, out) == (EXIT_USAGE, "") and words in err


def test_minutes_to_xlsx_exit_2_and_keep_the_old_file(demo_path, tmp_path):
    target = tmp_path / "会议记录.xlsx"
    target.write_bytes(OLD)
    code, _out, err = dangjian(
        "export", "minutes", "--meeting", "1", "--db", demo_path, "--out", target
    )
    assert code == EXIT_USAGE and "会议记录只能导出为 PDF" in err
    assert target.read_bytes() == OLD


def test_a_meeting_not_in_the_file_exits_1_and_keeps_the_old_file(demo_path, tmp_path):
    target = tmp_path / "会议记录.pdf"
    target.write_bytes(OLD)
    code, out, err = dangjian(
        "export", "minutes", "--meeting", "99999", "--db", demo_path, "--out", target
    )
    assert (code, out) == (EXIT_DATA, "")
    assert "没有编号为 99999 的会议记录" in err and "Traceback" not in err
    assert target.read_bytes() == OLD and leftovers(tmp_path) == []


def test_an_unreadable_data_file_exits_1(tmp_path):
    bad = tmp_path / "坏.sqlite"
    bad.write_bytes(b"not a ledger at all" * 200)
    target = tmp_path / "台账.xlsx"
    code, _out, err = dangjian("export", "ledger", "--year", "2026", "--db", bad, "--out", target)
    assert code == EXIT_DATA and "无法打开" in err and "Traceback" not in err
    assert not target.exists()


def test_a_missing_data_file_exits_1(tmp_path):
    code, _out, err = dangjian(
        "export", "plan", "--year", "2026", "--quarter", "1",
        "--db", tmp_path / "typo.sqlite", "--out", tmp_path / "a.pdf",
    )  # fmt: skip
    assert code == EXIT_DATA and "找不到数据文件" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    demo_path, tmp_path, monkeypatch
):
    """The writer fails half-way (disk full): the earlier ledger stays, nothing is left."""
    from dangjian_desktop.export import table_pdf

    real = table_pdf.write_table_pdf

    def full_disk(table, path, progress=None):
        def tick(done, total):
            if done > 0:
                raise OSError(28, "No space left on device")
            return True

        return real(table, path, tick)

    monkeypatch.setattr(table_pdf, "write_table_pdf", full_disk)
    target = tmp_path / "台账.pdf"
    target.write_bytes(OLD)
    code, _out, err = dangjian(
        "export", "ledger", "--year", "2025", "--db", demo_path, "--out", target
    )
    assert code == EXIT_DATA and "Traceback" not in err
    assert target.read_bytes() == OLD and leftovers(tmp_path) == []


def test_minutes_of_a_planned_meeting_exit_1_in_words(demo_path, tmp_path):
    ws = Workspace.open(demo_path)
    try:
        flt = MeetingFilter(year=2026, types=(MeetingType.GENERAL,))
        rows = ws.meetings.rows(ws.meetings.ids(flt, MeetingSort()))
        planned = next(r.id for r in rows.values() if r.status.value == "planned")
    finally:
        ws.close(final_backup=False)
    target = tmp_path / "会议记录.pdf"
    code, _out, err = dangjian(
        "export", "minutes", "--meeting", planned, "--db", demo_path, "--out", target
    )
    assert code == EXIT_DATA and "尚未召开" in err and not target.exists()
