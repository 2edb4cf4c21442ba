"""The reporting period of a 上报材料 package (issue 11 items 4 and 6: `--period 2026Q3|2026`)."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop import messages
from dangjian_desktop.domain.period import PeriodError, ReportPeriod, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("2026q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        (" 2026 Q3 ", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("２０２６Ｑ３", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),  # full-width IME
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31), "2026Q1"),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31), "2024Q1"),
        ("2026Q2", date(2026, 4, 1), date(2026, 6, 30), "2026Q2"),
        ("2026Q4", date(2026, 10, 1), date(2026, 12, 31), "2026Q4"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
    ],
)
def test_quarters_and_years(text, start, end, label):
    period = parse_period(text)
    assert period == ReportPeriod(start, end, label)
    first, last, name = period  # unpacks as (start, end, label)
    assert (first, last, name) == (start, end, label)
    assert period.year == start.year
    assert period.quarter == (int(label[-1]) if "Q" in label else None)


def test_contains_is_inclusive():
    period = parse_period("2026Q3")
    assert period.contains(date(2026, 7, 1)) and period.contains(date(2026, 9, 30))
    assert not period.contains(date(2026, 6, 30)) and not period.contains(date(2026, 10, 1))


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("2026Q5", "no_such_quarter", {"quarter": 5}),
        ("2026Q0", "no_such_quarter", {"quarter": 0}),
        ("26Q1", "short_year", {}),
        ("26", "short_year", {}),
        ("", "empty", {}),
        ("   ", "empty", {}),
        ("20260", "year_out_of_range", {"min": 1900, "max": 2100}),
        ("1899", "year_out_of_range", {"min": 1900, "max": 2100}),
        ("2026H1", "not_a_period", {}),
        ("2026年第三季度", "not_a_period", {}),
        ("Q3", "not_a_period", {}),
    ],
)
def test_refused_with_a_typed_error_worded_in_chinese(text, code, params):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert caught.value.code == code
    for key, value in params.items():
        assert caught.value.params[key] == value
    text_shown = messages.error_text(caught.value)
    assert text_shown and "{" not in text_shown and code not in text_shown
    if text.strip():
        assert text.strip() in text_shown  # the user sees what they typed


def test_no_such_quarter_says_which():
    with pytest.raises(PeriodError) as caught:
        parse_period("2026Q5")
    assert messages.error_text(caught.value) == "“2026Q5”中的季度 5 不存在，季度只能是 Q1 到 Q4。"
