"""What every writer promises, checked for each writer × format × report (code review D4).

A cancel — at the first progress tick, in the middle, or at the very last tick, which sits
inside the atomic write — raises Cancelled, leaves an earlier file at the target as it was,
and leaves no temporary file: not beside the target, not in the system temp folder (openpyxl
streams rows there). Progress starts at 0, ends at the total and never goes back.

Every table report goes through both table writers (REPORTS × FORMATS); a document writer
(会议记录, later the inspection report) adds itself to DOCUMENTS with its one format.
"""

from __future__ import annotations

import os
from dataclasses import replace

import meeting_data
import pytest
import roster_data
import table_data
from openpyxl.worksheet import _writer as openpyxl_writer

from dangjian_desktop.export import FORMATS, writer_for
from dangjian_desktop.export.calendar_report import calendar_table
from dangjian_desktop.export.ledger_report import ledger_table
from dangjian_desktop.export.minutes_pdf import write_minutes_pdf
from dangjian_desktop.export.plan_report import plan_lines, plan_table
from dangjian_desktop.export.roster_report import roster_table
from dangjian_desktop.progress import Cancelled

WRITERS = {fmt: writer_for(fmt) for fmt in FORMATS}


def _ledger(n: int):
    """n meetings: the quarter's, repeated (the ledger keeps every one of them)."""
    base = meeting_data.q1_meetings()
    meetings = [replace(base[i % len(base)], id=i + 1) for i in range(n)]
    return ledger_table(meeting_data.ledger(1, meetings))


def _calendar(n: int):
    report = meeting_data.calendar()
    rows = [report.rows[i % len(report.rows)] for i in range(n)]
    return calendar_table(replace(report, rows=rows))


def _plan(n: int):
    report = meeting_data.plan()
    lines = plan_lines(report)
    table = plan_table(report)
    return replace(table, rows=[lines[i % len(lines)] for i in range(n)])


REPORTS = {
    "roster": lambda n: roster_table(roster_data.report(n)),
    "generic": lambda n: table_data.report(n),
    "ledger": _ledger,
    "plan": _plan,
    "calendar": _calendar,
}
ROWS = 450  # more than two progress intervals of 200


def _minutes(n: int):
    """A record whose minutes have n paragraphs (several progress intervals)."""
    meeting = meeting_data.general_meeting(minutes=meeting_data.minutes_text(n))
    return meeting_data.minutes(meeting)


# name: (format, writer, input of about n rows)
DOCUMENTS = {"minutes": ("pdf", write_minutes_pdf, _minutes)}
CASES = [
    *((name, fmt, WRITERS[fmt], make) for name, make in REPORTS.items() for fmt in FORMATS),
    *((name, fmt, write, make) for name, (fmt, write, make) in DOCUMENTS.items()),
]


def _openpyxl_temp_files() -> set[str]:
    return {p for p in openpyxl_writer.ALL_TEMP_FILES if os.path.exists(p)}


def _stop_at(point: str):
    """A progress callback that cancels at the first tick, in the middle, or at the last."""
    if point == "first":
        return lambda done, total: False
    if point == "middle":
        return lambda done, total: done < total // 2
    return lambda done, total: done < total


@pytest.fixture(params=CASES, ids=[f"{name}-{fmt}" for name, fmt, _, _ in CASES])
def case(request):
    """(format, writer, input of about n rows)."""
    return request.param[1:]


@pytest.mark.parametrize("point", ["first", "middle", "last"])
def test_cancel_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, case, point):
    fmt, write, make = case
    before = _openpyxl_temp_files()
    target = tmp_path / f"报表.{fmt}"
    target.write_bytes(b"old export")
    with pytest.raises(Cancelled):
        write(make(ROWS), target, _stop_at(point))
    assert target.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert _openpyxl_temp_files() == before


@pytest.mark.parametrize("point", ["first", "last"])
def test_cancel_without_an_old_file_leaves_nothing(tmp_path, case, point):
    fmt, write, make = case
    with pytest.raises(Cancelled):
        write(make(ROWS), tmp_path / f"报表.{fmt}", _stop_at(point))
    assert list(tmp_path.iterdir()) == []


def test_progress_runs_from_zero_to_the_total(tmp_path, case):
    fmt, write, make = case
    calls: list[tuple[int, int]] = []
    target = tmp_path / f"报表.{fmt}"
    write(make(ROWS), target, lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) > 3  # ticks along the way, not just start and end
    assert target.stat().st_size > 0


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="docx"):
        writer_for("docx")
