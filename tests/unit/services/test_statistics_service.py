"""ws.statistics and the 党员队伍统计 export on a crafted roster in a real data file: who is
counted on the chosen date, the age at that date, and the year's events from the history
(domain/statistics.py has the rule-by-rule tests; these prove the service reads the right
rows)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.domain.people import (
    MemberCategory,
    PartyStatus,
    Sex,
    StatusChange,
)
from dangjian_desktop.services.statistics_service import StatisticsService
from tests.unit.services.member_data import id_number, member, out_letter, table


def add(ws, name, seq, birth, **changes):
    values = {"join_date": date(2016, 7, 1), "full_date": date(2017, 7, 1)} | changes
    record = member(
        name, seq, birth_date=birth, id_number=id_number(seq, birth),
        sex=Sex.MALE if seq % 2 else Sex.FEMALE, **values,
    )  # fmt: skip
    member_id, _ = ws.members.add(record)
    return member_id


@pytest.fixture
def roster(workspace):
    """Four members; ages on 2025-12-31 and on 2025-06-30 differ for two of them."""
    ws = workspace
    ids = {
        # 30 on 2025-12-31 (birthday 12-31 itself), 29 on 2025-06-30
        "a": add(ws, "甲", 101, date(1995, 12, 31), education="大学本科", ethnicity="汉族"),
        # 31 on 2025-07-01 onwards: 31–35 at year end, 30 and under at mid-year
        "b": add(ws, "乙", 102, date(1994, 7, 1), education="大专", ethnicity="回族"),
        # joined this year: a 预备党员 developed in 2025
        "c": add(
            ws, "丙", 103, date(2000, 1, 1), join_date=date(2025, 3, 1), full_date=None,
            category=MemberCategory.PROBATIONARY, education="高中",
        ),
        # 61 and over
        "d": add(ws, "丁", 105, date(1960, 1, 1), education="", ethnicity=""),
    }  # fmt: skip
    return ws, ids


def test_counts_and_age_at_the_chosen_date(roster):
    ws, ids = roster
    end = ws.statistics.statistics(2025)
    assert end.as_of == date(2025, 12, 31)
    assert end.total == 4
    assert end.age.ids("30_and_under") == tuple(sorted((ids["a"], ids["c"])))
    assert end.age.ids("31_35") == (ids["b"],)
    assert end.age.ids("61_and_over") == (ids["d"],)
    mid = ws.statistics.statistics(2025, date(2025, 6, 30))
    assert mid.age.ids("30_and_under") == tuple(sorted((ids["a"], ids["b"], ids["c"])))
    assert end.category.counts() == {"formal": 3, "probationary": 1}
    assert end.ethnicity.counts() == {"han": 1, "minority": 1, "unknown": 2}
    assert end.education["bachelor"] == 1 and end.education["college"] == 1
    assert end.education["secondary"] == 1 and end.education["unknown"] == 1
    assert end.year_counts.developed == (ids["c"],)
    # before 丙 joined on 2025-03-01 the branch had three members
    assert ws.statistics.statistics(2025, date(2025, 2, 28)).total == 3


def test_the_years_transfers_and_leavers_are_counted(roster):
    ws, ids = roster
    ws.members.transfer_out(ids["a"], out_letter(transfer_date=date(2025, 6, 1)))
    ws.members.change_status(ids["d"], StatusChange(PartyStatus.DECEASED, date(2025, 5, 2)))
    stats = ws.statistics.statistics(2025)
    assert stats.total == 2  # 甲 left, 丁 died; both still counted in the year's events
    assert stats.year_counts.transferred_out == (ids["a"],)
    assert stats.year_counts.deceased == (ids["d"],)


def test_grades_come_from_the_hook_when_one_is_set(roster):
    ws, ids = roster
    assert ws.statistics.statistics(2025).grades.counts()["unknown"] == 4
    seen = []

    def grades(session, year):
        seen.append(year)
        return {ids["a"]: "优秀", ids["b"]: "合格"}

    ws.statistics.grade_source = grades
    try:
        stats = ws.statistics.statistics(2025)
    finally:
        ws.statistics.grade_source = None
    assert seen == [2025]
    assert stats.grades["优秀"] == 1 and stats.grades["合格"] == 1
    assert stats.grades["unknown"] == 2
    assert StatisticsService.grade_source is None  # the class default stays unset


def test_the_statistics_export_in_both_formats(roster, tmp_path):
    ws, _ids = roster
    xlsx = ws.exports.statistics(tmp_path / "统计.xlsx", "xlsx", year=2025)
    pdf = ws.exports.statistics(tmp_path / "统计.pdf", "pdf", year=2025, as_of=date(2025, 6, 30))
    assert (xlsx.rows, pdf.rows) == (4, 4)  # members counted (丙 joined in March)
    cells = [c for row in load_workbook(xlsx.path).active.iter_rows(values_only=True) for c in row]
    assert "党员总数" in cells and "30岁及以下" in cells and "发展党员" in cells
    text = "".join(page.extract_text() for page in PdfReader(pdf.path).pages)
    assert "党员队伍统计" in text and "2025年6月30日" in text
    actions = [r[0] for r in table(ws, "SELECT action FROM audit_log WHERE action LIKE 'export%'")]
    assert actions == ["export.statistics", "export.statistics"]
