"""ws.exports for the 会议 tab: 三会一课台账, 会议记录, 计划报备表, 年度落实情况 — on the sample
branch (dangjian demo), each re-opened (cells through openpyxl, the PDF's text layer through
pypdf), each from one read snapshot, written whole or not at all, with its audit row."""

from __future__ import annotations

import re
import sqlite3

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.domain.audit import AuditFilter
from dangjian_desktop.domain.errors import NotFoundError
from dangjian_desktop.domain.meetings import (
    MeetingFilter,
    MeetingSort,
    MeetingStatus,
    MeetingType,
    Presence,
)
from dangjian_desktop.export.errors import ExportRequestError
from dangjian_desktop.messages import error_text
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services.meeting_common import MeetingDeletedError
from dangjian_desktop.storage import meeting_repo, meeting_report_repo
from tests.conftest import DEMO_TODAY

UNIT = "中共示例石油航运有限公司“兴海油6”轮党支部"

HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


def pdf_text(path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def pages(path) -> int:
    return len(PdfReader(path).pages)


def held_rows(ws, year, quarter=None):
    flt = MeetingFilter(year=year, quarter=quarter, statuses=HELD)
    ids = ws.meetings.ids(flt, MeetingSort("date", descending=False))
    rows = ws.meetings.rows(ids)
    return [rows[i] for i in ids]


def first_of(ws, kind: MeetingType, year: int = 2026):
    ids = ws.meetings.ids(MeetingFilter(year=year, types=(kind,), statuses=HELD), MeetingSort())
    return ws.meetings.get(ids[0])


def test_the_year_ledger_to_xlsx_has_one_row_per_meeting_held(demo_workspace, tmp_path):
    ws = demo_workspace
    held = held_rows(ws, 2025)
    result = ws.exports.ledger(tmp_path / "台账.xlsx", "xlsx", 2025)
    assert result.rows == len(held) > 50
    sheet = load_workbook(result.path).active
    assert sheet["A1"].value == f"{UNIT} 三会一课台账"
    assert "2025年度" in sheet["A2"].value and f"共 {len(held)} 次会议" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header[:8] == ["序号", "会议类型", "日期", "地点", "主持人", "记录人", "应到", "实到"]
    lines = [r for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(lines) == len(held)
    for line, row in zip(lines, held, strict=True):
        assert line[2].date() == row.date
        assert (line[4], line[6], line[7]) == (row.host_name, row.expected, row.present)


def test_the_ledger_names_who_was_away_and_prints_the_votes(demo_workspace, tmp_path):
    ws = demo_workspace
    meeting = next(
        ws.meetings.get(r.id)
        for r in held_rows(ws, 2026)
        if r.type is MeetingType.GENERAL and ws.meetings.get(r.id).resolutions
    )
    away = [a for a in meeting.attendance if a.presence is Presence.LEAVE]
    names = ws.members.rows([a.member_id for a in away])
    result = ws.exports.ledger(tmp_path / "台账.xlsx", "xlsx", 2026)
    sheet = load_workbook(result.path).active
    [line] = [
        r
        for r in sheet.iter_rows(min_row=4, values_only=True)
        if r[2] is not None and r[2].date() == meeting.date and r[1] == "支部党员大会"
    ]
    for a in away:
        assert names[a.member_id].name in line[8]
    title = meeting.resolutions[0].title
    assert title in line[13] and ("通过" in line[13] or "未通过" in line[13])


def test_a_quarter_ledger_holds_that_quarter_and_the_year_prints_more_pages(
    demo_workspace, tmp_path
):
    ws = demo_workspace
    quarter = ws.exports.ledger(tmp_path / "一季度.pdf", "pdf", 2025, 1)
    year = ws.exports.ledger(tmp_path / "全年.pdf", "pdf", 2025)
    assert quarter.rows == len(held_rows(ws, 2025, 1)) < year.rows
    assert pages(quarter.path) < pages(year.path)
    text = pdf_text(quarter.path)
    assert "三会一课台账" in text and "2025年第一季度" in text
    assert "请假人员及原因" in text and "决议及表决结果" in text
    host = held_rows(ws, 2025, 1)[0].host_name
    assert host in text


def test_the_minutes_pdf_holds_every_heading_and_the_attendance_names(demo_workspace, tmp_path):
    ws = demo_workspace
    meeting = first_of(ws, MeetingType.GENERAL)
    result = ws.exports.minutes(tmp_path / "会议记录.pdf", meeting.id)
    assert result.rows == 1
    text = pdf_text(result.path)
    for heading in ("支部党员大会会议记录", "主持人", "记录人", "出席人员", "应到人数", "实到人数"):
        assert heading in text, heading
    assert "主持人（签字）" in text and "记录人（签字）" in text and "第1页" in text
    names = ws.members.rows([a.member_id for a in meeting.attendance])
    for a in meeting.attendance:
        assert names[a.member_id].name in text
    assert "（书记）" in text  # the host's committee post after the name


def test_minutes_of_more_text_print_on_more_pages(demo_workspace, tmp_path):
    ws = demo_workspace
    meeting = first_of(ws, MeetingType.COMMITTEE)
    short = ws.exports.minutes(tmp_path / "短.pdf", meeting.id)
    from dataclasses import replace

    ws.meetings.save(replace(meeting, minutes="大家围绕安全生产逐一发言。" * 900))
    long = ws.exports.minutes(tmp_path / "长.pdf", meeting.id)
    assert pages(long.path) > pages(short.path)


def test_minutes_in_any_format_but_pdf_are_refused_in_words_before_reading(
    demo_workspace, tmp_path, monkeypatch
):
    monkeypatch.setattr(meeting_repo, "get", lambda *a: pytest.fail("read before refusing"))
    with pytest.raises(ExportRequestError) as caught:
        demo_workspace.exports.minutes(tmp_path / "会议记录.xlsx", 1, "xlsx")
    assert "会议记录只能导出为 PDF" in error_text(caught.value)
    assert ".xlsx" in error_text(caught.value)
    assert list(tmp_path.iterdir()) == [tmp_path / "demo"]


def test_minutes_of_a_missing_or_deleted_meeting_are_refused(demo_workspace, tmp_path):
    ws = demo_workspace
    with pytest.raises(NotFoundError):
        ws.exports.minutes(tmp_path / "a.pdf", 99_999)
    planned = ws.meetings.ids(MeetingFilter(statuses=(MeetingStatus.PLANNED,)), MeetingSort())
    ws.meetings.delete(planned[0])
    with pytest.raises(MeetingDeletedError):
        ws.exports.minutes(tmp_path / "a.pdf", planned[0])
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda ex, p: ex.ledger(p, "xlsx", 1800), "bad_year"),
        (lambda ex, p: ex.ledger(p, "xlsx", 2026, 5), "bad_quarter"),
        (lambda ex, p: ex.plan(p, "xlsx", 2026, 0), "bad_quarter"),
        (lambda ex, p: ex.plan(p, "xlsx", 2026, None), "quarter_needed"),
        (lambda ex, p: ex.calendar(p, "xlsx", 10_000), "bad_year"),
    ],
)
def test_a_period_no_report_has_is_refused_in_words(demo_workspace, tmp_path, call, code):
    with pytest.raises(ExportRequestError) as caught:
        call(demo_workspace.exports, tmp_path / "a.xlsx")
    assert caught.value.code == code and re.search(r"[\u4e00-\u9fff]", error_text(caught.value))
    assert not (tmp_path / "a.xlsx").exists()


def test_the_plan_lists_the_quarters_meetings_and_what_is_not_arranged(demo_workspace, tmp_path):
    ws = demo_workspace
    result = ws.exports.plan(tmp_path / "计划.xlsx", "xlsx", 2026, 4)
    sheet = load_workbook(result.path).active
    assert sheet["A1"].value == f"{UNIT} 三会一课计划报备表"
    assert "2026年第四季度" in sheet["A2"].value
    statuses = [r[7] for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(statuses) == result.rows
    assert "计划" in statuses and "已召开" in statuses
    topics = [r[3] for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert "讨论林思远同志预备党员转正" in topics  # the planned 党员大会 of December


def test_the_calendar_marks_each_required_meeting(demo_workspace, tmp_path):
    ws = demo_workspace
    result = ws.exports.calendar(tmp_path / "落实情况.pdf", "pdf", 2025)
    assert result.rows == len(ws.meetings.calendar(2025))
    text = pdf_text(result.path)
    assert "2025年三会一课落实情况" in text and "支部党员大会" in text and "√" in text
    xlsx = ws.exports.calendar(tmp_path / "落实情况.xlsx", "xlsx", 2025)
    sheet = load_workbook(xlsx.path).active
    types = [r[1] for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert "支委会" in types and any(t and t.startswith("党小组会（") for t in types)


def test_the_ledger_is_one_snapshot_even_when_a_write_lands_in_between(
    demo_workspace, tmp_path, monkeypatch
):
    """The records, the names and the unit come from ONE read transaction: another program
    renames the branch and a member and deletes a meeting right after the records were
    read; the report still shows the state of that first query, whole."""
    ws = demo_workspace
    real = meeting_report_repo.ledger_records_between
    first = held_rows(ws, 2025)[0]

    def records_then_a_write_elsewhere(session, start, end, statuses=()):
        found = real(session, start, end, statuses)
        other = sqlite3.connect(ws.path, isolation_level=None, timeout=5)
        try:
            other.execute("UPDATE branch SET full_name = '改名后的支部'")
            other.execute("UPDATE member SET name = '改过的名字'")
            other.execute("UPDATE meeting SET deleted_at = '2026-01-01' WHERE id = ?", (first.id,))
        finally:
            other.close()
        return found

    monkeypatch.setattr(
        meeting_report_repo, "ledger_records_between", records_then_a_write_elsewhere
    )
    report = ws.exports.ledger_report(2025)
    assert report.unit_name == UNIT
    assert first.host_name in {r.host for r in report.held()}
    assert "改过的名字" not in {r.host for r in report.held()}
    monkeypatch.setattr(meeting_report_repo, "ledger_records_between", real)
    after = ws.exports.ledger_report(2025)  # the control: the write did happen
    assert after.unit_name == "改名后的支部" and len(after.held()) == len(report.held()) - 1
    assert {r.host for r in after.held()} == {"改过的名字"}


def test_a_cancelled_export_leaves_the_earlier_file_and_no_temp_file(demo_workspace, tmp_path):
    target = tmp_path / "台账.pdf"
    target.write_bytes(b"last quarter's ledger")
    with pytest.raises(Cancelled):
        demo_workspace.exports.ledger(target, "pdf", 2025, progress=lambda done, total: False)
    assert target.read_bytes() == b"last quarter's ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "台账.pdf"]


def test_each_export_leaves_an_audit_row_with_its_period(demo_workspace, tmp_path):
    ws = demo_workspace
    ws.exports.ledger(tmp_path / "a.xlsx", "xlsx", 2026, 3)
    ws.exports.plan(tmp_path / "b.pdf", "pdf", 2026, 4)
    ws.exports.calendar(tmp_path / "c.xlsx", "xlsx", 2026)
    meeting = first_of(ws, MeetingType.GENERAL)
    ws.exports.minutes(tmp_path / "d.pdf", meeting.id)
    entries = {
        e.action: e.details for e in ws.audit.entries(AuditFilter(actions=("export.*",)), 10, 0)
    }
    ledger = entries["export.ledger"]
    assert (ledger["format"], ledger["year"], ledger["quarter"]) == ("xlsx", 2026, 3)
    assert entries["export.plan"]["quarter"] == 4 and entries["export.calendar"]["year"] == 2026
    assert entries["export.minutes"]["meeting_id"] == meeting.id
    assert all("a.xlsx" not in str(d) for d in entries.values())


def test_the_chooser_lists_the_years_meetings_held_by_date(demo_workspace):
    choices = demo_workspace.exports.meeting_choices(2026)
    assert len(choices) == demo_workspace.meetings.count(MeetingFilter(year=2026, statuses=HELD))
    assert choices[0][1].startswith("2026.01.") and choices[-1][1].startswith("2026.11.")
    assert len(choices) < demo_workspace.meetings.count(MeetingFilter(year=2026))
    assert DEMO_TODAY.year == 2026


def test_minutes_of_a_meeting_still_planned_are_refused_in_words(demo_workspace, tmp_path):
    """A 计划 record has no sign-in list: its minutes would say "到会 0 人，不能表决"."""
    ws = demo_workspace
    planned = ws.meetings.ids(MeetingFilter(statuses=(MeetingStatus.PLANNED,)), MeetingSort())
    with pytest.raises(ExportRequestError) as caught:
        ws.exports.minutes(tmp_path / "a.pdf", planned[0])
    assert caught.value.code == "minutes_planned" and "尚未召开" in error_text(caught.value)
    assert not (tmp_path / "a.pdf").exists()
