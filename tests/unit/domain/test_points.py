"""积分 value types and the shipped default scheme (domain brief §5; DESIGN.md §2 积分)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from dangjian_desktop.domain.meetings import MeetingType, Presence
from dangjian_desktop.domain.point_defaults import (
    DEFAULT_CATEGORIES,
    DEFAULT_RULES,
    DEFAULT_STAR_BANDS,
    default_scheme,
)
from dangjian_desktop.domain.point_rules import validate_scheme
from dangjian_desktop.domain.points import (
    DerivedKey,
    Entry,
    EvaluationKind,
    MemberKind,
    PeriodKey,
    Rule,
    Scheme,
    ScoringPeriod,
    Sign,
    StarBand,
    to_points,
)

SCHEME = default_scheme(2026)


# --- numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Decimal(3)),
        ("2.5", Decimal("2.5")),
        (0.1, Decimal("0.1")),  # a spin box's float is taken as shown, not 0.1000000000000000055
        (Decimal("-2"), Decimal(-2)),
    ],
)
def test_points_are_exact_decimals(value, expected):
    assert to_points(value) == expected and isinstance(to_points(value), Decimal)


def test_rules_and_bands_take_plain_numbers():
    rule = Rule("S01", "study", "学习", 2, Sign.PLUS, 12.0)
    assert rule.points == Decimal(2) and rule.cap == Decimal(12)
    assert StarBand(4, 90, 95).high == Decimal(95)


def test_an_entry_takes_plain_numbers_too():
    assert Entry(1, date(2026, 1, 5), "S01", 2).points == Decimal(2)
    assert Entry(1, date(2026, 1, 5), "S01", 0.5).points == Decimal("0.5")


def test_a_deduction_offers_negative_points():
    assert Rule("R01", "discipline", "弄虚作假", 5, Sign.MINUS).signed_points == Decimal(-5)
    assert Rule("B01", "bonus", "微党课", 3).signed_points == Decimal(3)


# --- periods ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        (PeriodKey(2026), date(2026, 1, 1), date(2026, 12, 31)),
        (PeriodKey(2026, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (PeriodKey(2024, 1), date(2024, 1, 1), date(2024, 3, 31)),
        (PeriodKey(2026, 2), date(2026, 4, 1), date(2026, 6, 30)),
        (PeriodKey(2026, 3), date(2026, 7, 1), date(2026, 9, 30)),
        (PeriodKey(2026, 4), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_period_bounds(key, start, end):
    assert (key.start, key.end) == (start, end)
    assert key.contains(start) and key.contains(end)
    assert not key.contains(date.fromordinal(start.toordinal() - 1))


@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        (ScoringPeriod.YEAR, date(2026, 7, 1), PeriodKey(2026)),  # 市直机关2024: yearly
        (ScoringPeriod.QUARTER, date(2026, 3, 31), PeriodKey(2026, 1)),  # 细则2022: quarterly
        (ScoringPeriod.QUARTER, date(2026, 4, 1), PeriodKey(2026, 2)),
        (ScoringPeriod.QUARTER, date(2026, 12, 31), PeriodKey(2026, 4)),
        (ScoringPeriod.YEAR, date(2025, 12, 31), None),  # another year's scheme
    ],
)
def test_the_period_of_a_day(period, day, expected):
    assert replace(SCHEME, period=period).period_of(day) == expected


def test_a_quarterly_scheme_has_four_periods():
    quarterly = replace(SCHEME, period=ScoringPeriod.QUARTER)
    assert quarterly.periods() == tuple(PeriodKey(2026, q) for q in (1, 2, 3, 4))
    assert SCHEME.periods() == (PeriodKey(2026),)


# --- entries -----------------------------------------------------------------------------
def test_a_derived_entry_is_keyed_by_meeting_member_and_rule():
    entry = Entry(7, date(2026, 3, 5), "L01", Decimal(1), derived=True, meeting_id=40)
    assert entry.key == DerivedKey(40, 7, "L01")
    assert Entry(7, date(2026, 3, 5), "S01", Decimal(2)).key is None  # typed


# --- the default scheme (DESIGN.md §2 积分, brief §5.1 市直机关2024) ------------------------
def test_the_default_scheme_is_valid():
    assert validate_scheme(SCHEME) == []


def test_the_default_scheme_is_base_60_plus_bonus_minus_deductions_floor_0_yearly():
    assert SCHEME.year == 2026
    assert (SCHEME.base, SCHEME.floor, SCHEME.ceiling) == (60, 0, None)
    assert SCHEME.period is ScoringPeriod.YEAR
    assert SCHEME.exempt_kinds == {MemberKind.RETIRED, MemberKind.MOBILE}


def test_the_default_categories_are_those_that_recur_in_the_sources():
    assert [c.name for c in DEFAULT_CATEGORIES] == [
        "政治学习",
        "组织生活",
        "岗位履职",
        "先锋作用",
        "遵规守纪",
        "加分",
        "扣分",
    ]


def test_every_default_rule_names_its_source_or_says_it_is_provisional():
    for rule in DEFAULT_RULES:
        assert any(word in rule.note for word in ("参照", "暂定", "办法", "细则")), rule.code


def test_遵规守纪_only_deducts():
    """Brief §5.1: 遵规守纪 / 廉洁 (deduction-only)."""
    assert {r.sign for r in DEFAULT_RULES if r.category == "discipline"} == {Sign.MINUS}


@pytest.mark.parametrize(
    ("meeting_type", "presence", "code"),
    [
        # 市直机关2024: +1 per 三会一课 / 组织生活会 / 民主评议 attended
        (MeetingType.GENERAL, Presence.PRESENT, "L01"),
        (MeetingType.COMMITTEE, Presence.PRESENT, "L01"),
        (MeetingType.GROUP, Presence.PRESENT, "L01"),
        (MeetingType.LECTURE, Presence.PRESENT, "L01"),
        (MeetingType.THEME_DAY, Presence.PRESENT, "L02"),
        (MeetingType.LIFE_MEETING, Presence.PRESENT, "L03"),
        (MeetingType.APPRAISAL, Presence.PRESENT, "L03"),
        (MeetingType.GROUP, Presence.ABSENT, "L04"),  # 无故缺席 −2 (PROVISIONAL)
        (MeetingType.GROUP, Presence.LEAVE, None),  # a 请假 is neither
        (MeetingType.TALK, Presence.PRESENT, None),  # 谈心谈话 is not organisational life
    ],
)
def test_attendance_derived_rules(meeting_type, presence, code):
    found = [
        r.code
        for r in DEFAULT_RULES
        if r.derived_from
        and meeting_type in r.derived_from.meeting_types
        and r.derived_from.presence is presence
    ]
    assert found == ([code] if code else [])


def test_the_default_caps_follow_the_guide():
    """指南 (76hw.com): 集中学习 cap 12, 三会一课 cap 12, 主题党日 cap 8; 细则2022: 志愿服务 10."""
    caps = {r.code: r.cap for r in DEFAULT_RULES}
    assert (caps["S01"], caps["L01"], caps["L02"], caps["V01"]) == (12, 12, 8, 10)
    assert caps["L04"] is None  # deductions are held by the floor, not capped


def test_default_star_bands_are_the_soe_example():
    """健康支部 (brief §5.3, UNCONFIRMED): ≥95 五星, 90–94 四星, 80–89 三星, 70–79 二星,
    60–69 一星."""
    assert [(b.stars, b.low, b.high) for b in DEFAULT_STAR_BANDS] == [
        (5, 95, None),
        (4, 90, 95),
        (3, 80, 90),
        (2, 70, 80),
        (1, 60, 70),
    ]


def test_default_三评_weights_are_equal_and_provisional():
    """Brief §5.2: no standard weights were found; equal until the company says otherwise."""
    weights = [SCHEME.weight(k) for k in EvaluationKind]
    assert len(set(weights)) == 1 and abs(sum(weights) - 1) < Decimal("0.001")
    assert SCHEME.evaluation_points == 20  # 办法: 民主评议 20 of 100


def test_the_default_is_a_fresh_value_per_year():
    assert default_scheme(2025).year == 2025 and default_scheme(2025).rules == SCHEME.rules


def test_rule_lookup_by_code():
    assert SCHEME.rule("L01").name == "出席三会一课"
    assert SCHEME.rule("nope") is None
    scheme = Scheme(2026, (), (Rule("A", "c", "x", 1), Rule("A", "c", "y", 1)))
    assert scheme.rule("A").name == "x"  # a duplicate (refused by validation) finds the first
