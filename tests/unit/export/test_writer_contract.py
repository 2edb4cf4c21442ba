"""What every writer promises, checked for each writer × format × report (code review D4).

A cancel — at the first progress tick, in the middle, or at the very last tick, which sits
inside the atomic write — raises Cancelled, leaves an earlier file at the target as it was,
and leaves no temporary file: not beside the target, not in the system temp folder (openpyxl
streams rows there). Progress starts at 0, ends at the total and never goes back.

A new writer (会议记录, the inspection report) adds itself to WRITERS; a new report to REPORTS.
"""

from __future__ import annotations

import os

import pytest
import roster_data
import table_data
from openpyxl.worksheet import _writer as openpyxl_writer

from dangjian_desktop.export import FORMATS, writer_for
from dangjian_desktop.export.roster_report import roster_table
from dangjian_desktop.progress import Cancelled

WRITERS = {fmt: writer_for(fmt) for fmt in FORMATS}
REPORTS = {
    "roster": lambda n: roster_table(roster_data.report(n)),
    "generic": lambda n: table_data.report(n),
}
ROWS = 450  # more than two progress intervals of 200


def _openpyxl_temp_files() -> set[str]:
    return {p for p in openpyxl_writer.ALL_TEMP_FILES if os.path.exists(p)}


def _stop_at(point: str):
    """A progress callback that cancels at the first tick, in the middle, or at the last."""
    if point == "first":
        return lambda done, total: False
    if point == "middle":
        return lambda done, total: done < total // 2
    return lambda done, total: done < total


@pytest.fixture(params=sorted(WRITERS))
def fmt(request) -> str:
    return request.param


@pytest.fixture(params=sorted(REPORTS))
def make_report(request):
    return REPORTS[request.param]


@pytest.mark.parametrize("point", ["first", "middle", "last"])
def test_cancel_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, fmt, make_report, point):
    before = _openpyxl_temp_files()
    target = tmp_path / f"报表.{fmt}"
    target.write_bytes(b"old export")
    with pytest.raises(Cancelled):
        WRITERS[fmt](make_report(ROWS), target, _stop_at(point))
    assert target.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert _openpyxl_temp_files() == before


@pytest.mark.parametrize("point", ["first", "last"])
def test_cancel_without_an_old_file_leaves_nothing(tmp_path, fmt, make_report, point):
    with pytest.raises(Cancelled):
        WRITERS[fmt](make_report(ROWS), tmp_path / f"报表.{fmt}", _stop_at(point))
    assert list(tmp_path.iterdir()) == []


def test_progress_runs_from_zero_to_the_total(tmp_path, fmt, make_report):
    calls: list[tuple[int, int]] = []
    target = tmp_path / f"报表.{fmt}"
    WRITERS[fmt](make_report(ROWS), target, lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) > 3  # ticks along the way, not just start and end
    assert target.stat().st_size > 0


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="docx"):
        writer_for("docx")
