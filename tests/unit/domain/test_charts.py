"""Chart values: the three builders from plain numbers, the shared axis scale, bad input."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain import charts
from dangjian_desktop.domain.charts import AGE_BANDS, Chart, ChartKind, Series


def test_meetings_by_month_pairs_required_and_held_per_month():
    chart = charts.meetings_by_month([2, 1, 3], [1, 1, 0])
    assert chart.kind is ChartKind.BAR
    assert chart.categories == ("1月", "2月", "3月")
    assert [s.name for s in chart.series] == ["应开", "已开"]
    assert chart.series[0].values == (2, 1, 3) and chart.series[1].values == (1, 1, 0)
    assert chart.unit == "次" and chart.ticks()[-1] >= 3


def test_months_start_where_the_period_starts_and_wrap_after_december():
    assert charts.meetings_by_month([1] * 3, [1] * 3, first_month=7).categories == (
        "7月",
        "8月",
        "9月",
    )
    assert charts.month_labels(3, first=11) == ("11月", "12月", "1月")


def test_attendance_is_a_per_cent_line_with_gaps_for_months_without_meetings():
    chart = charts.attendance_by_month([90, None, 75.5])
    assert chart.kind is ChartKind.LINE
    assert chart.series[0].values == (90.0, None, 75.5)
    assert chart.ticks() == (0, 20, 40, 60, 80, 100)  # always up to 100 %, however low


def test_rate_percent_is_none_when_nobody_was_expected():
    assert charts.rate_percent(9, 12) == 75.0
    assert charts.rate_percent(0, 0) is None


def test_members_by_age_band_keeps_the_bands_order():
    counts = dict(zip(AGE_BANDS, [3, 0, 8, 6, 4, 7, 2, 9], strict=True))
    chart = charts.members_by_age_band(counts)
    assert chart.categories == AGE_BANDS
    assert chart.series[0].values == (3, 0, 8, 6, 4, 7, 2, 9)
    assert chart.unit == "人"


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, (0, 1)),
        (3, (0, 1, 2, 3)),
        (7, (0, 2, 4, 6, 8)),
        (23, (0, 5, 10, 15, 20, 25)),
        (100, (0, 20, 40, 60, 80, 100)),
        (1234, (0, 500, 1000, 1500)),
    ],
)
def test_value_ticks_are_round_whole_steps_from_zero_to_at_least_the_largest(largest, ticks):
    assert charts.value_ticks(largest) == ticks


def test_empty_when_there_is_nothing_to_draw():
    assert charts.attendance_by_month([None, None]).is_empty
    assert charts.members_by_age_band({}).is_empty
    assert not charts.meetings_by_month([0], [0]).is_empty  # zero is a value


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.meetings_by_month([1, 2], [1]),
        lambda: charts.meetings_by_month([-1], [0]),
        lambda: charts.attendance_by_month([101]),
        lambda: charts.members_by_age_band({"≤30": -2}),
        lambda: Chart(ChartKind.BAR, "x", ("a",), ()),
        lambda: Chart(ChartKind.BAR, "x", ("a",), (Series("s", (float("nan"),)),)),
    ],
)
def test_bad_numbers_are_refused(build):
    with pytest.raises(ValueError):
        build()


def test_labels_and_colours_shared_by_screen_and_paper():
    assert charts.value_label(4.0) == "4" and charts.value_label(87.5, "%") == "87.5%"
    assert charts.value_label(3, "次") == "3"  # the unit is in the title, not on each tick
    two = charts.meetings_by_month([1], [1])
    one = charts.members_by_age_band({"≤30": 1})
    assert two.colour(0) != two.colour(1) and one.colour(0) == charts.SINGLE_COLOUR
