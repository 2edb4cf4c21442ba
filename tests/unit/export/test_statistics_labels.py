"""Every cell of 党员队伍统计 has a Chinese heading; periods read as people write them."""

from __future__ import annotations

import re

from dangjian_desktop.domain.period import parse_period
from dangjian_desktop.domain.statistics import roster_statistics
from dangjian_desktop.export import labels
from tests import package_data


def test_every_cell_and_year_count_has_a_chinese_heading():
    stats = roster_statistics(
        package_data.MEMBERS, package_data.STATUSES, {}, parse_period("2026").end, 2026
    )
    for name, tally in stats.breakdowns().items():
        assert re.search(r"[\u4e00-\u9fff]", labels.STATISTICS_BREAKDOWNS[name])
        for key in tally.keys:
            assert re.search(r"[\u4e00-\u9fff]", labels.statistics_cell(name, key)), (name, key)
    assert set(labels.YEAR_COUNTS) == set(stats.year_counts.counts())


def test_age_bands_and_join_periods_in_the_bulletins_words():
    assert labels.statistics_cell("age", "30_and_under") == "30岁及以下"
    assert labels.statistics_cell("age", "31_35") == "31至35岁"
    assert labels.statistics_cell("age", "61_and_over") == "61岁及以上"
    assert labels.statistics_cell("join_period", "since_2012_11") == "党的十八大以来"
    assert labels.statistics_cell("grades", "unknown") == "未评议"
    assert labels.statistics_cell("occupation", "学生") == "学生"


def test_period_labels():
    q3 = parse_period("2026Q3")
    assert labels.period_label(q3.year, q3.quarter) == "2026年第三季度"
    assert labels.period_label(2026, None) == "2026年度"
