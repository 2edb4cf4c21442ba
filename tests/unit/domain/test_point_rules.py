"""积分 rules: a scheme and an entry checked, who is counted, and the 民主评议 checks
(domain brief §5, §1.4; issue 9 "Bad input")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from dangjian_desktop.domain.meetings import (
    MeetingType,
    Presence,
)
from dangjian_desktop.domain.people import Member, MemberCategory
from dangjian_desktop.domain.point_defaults import default_scheme
from dangjian_desktop.domain.point_rules import (
    ERROR_CODES,
    appraisal_check,
    is_counted,
    member_kinds,
    validate_entries,
    validate_entry,
    validate_evaluation,
    validate_override,
    validate_scheme,
)
from dangjian_desktop.domain.points import (
    AppraisalGrade,
    Category,
    CountingOverride,
    DerivedFrom,
    Entry,
    Evaluation,
    EvaluationKind,
    Grade,
    MemberKind,
    PeriodKey,
    Rule,
    ScoringPeriod,
    Sign,
    StarBand,
)

SCHEME = default_scheme(2026)
DAY = date(2026, 5, 12)
IN_BRANCH = {1, 2, 3}


def codes(errors):
    return [(e.field, e.code) for e in errors]


# --- a scheme ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # issue 9 "Bad input": a floor above its ceiling
        ({"floor": 50, "ceiling": 40, "base": 45}, [("ceiling", "floor_above_ceiling")]),
        ({"floor": 40, "ceiling": 40, "base": 40}, []),  # equal is a fixed score, not an error
        ({"ceiling": 100}, []),  # 先锋指数: range 0–100
        ({"base": 120, "ceiling": 100}, [("base", "base_outside_bounds")]),
        ({"base": -1}, [("base", "base_outside_bounds")]),
        ({"floor": None}, []),  # no floor: a total may go below 0
        ({"year": 1899}, [("year", "out_of_range")]),
        ({"evaluation_points": -5}, [("evaluation_points", "out_of_range")]),
        ({"base": Decimal("60.25")}, [("base", "too_precise")]),
    ],
)
def test_scheme_bounds(changes, expected):
    assert codes(validate_scheme(replace(SCHEME, **changes))) == expected


L, P, U = EvaluationKind.LEADER, EvaluationKind.PEER, EvaluationKind.PUBLIC


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        # issue 9 "Bad input": weights that don't sum to 1; brief §5.2: no standard weights
        (((L, "0.4"), (P, "0.3"), (U, "0.3")), []),
        (((L, "0.3333"), (P, "0.3333"), (U, "0.3333")), []),  # thirds, within the tolerance
        (((L, "0.5"), (P, "0.3"), (U, "0.3")), [("evaluation_weights", "weights_not_one")]),
        (((L, "0.3"), (P, "0.3"), (U, "0.3")), [("evaluation_weights", "weights_not_one")]),
        (((L, "1"),), []),  # 领导点评 only
        (((L, "1.2"), (P, "-0.2")), [("evaluation_weights.1", "out_of_range")]),
        (((L, "0.5"), (L, "0.5")), [("evaluation_weights.1", "duplicate_code")]),
    ],
)
def test_三评_weights(weights, expected):
    scheme = replace(SCHEME, evaluation_weights=tuple((k, Decimal(w)) for k, w in weights))
    assert codes(validate_scheme(scheme)) == expected


def test_三评_points_need_weights():
    scheme = replace(SCHEME, evaluation_weights=(), evaluation_points=Decimal(0))
    assert validate_scheme(scheme) == []
    scheme = replace(scheme, evaluation_points=Decimal(20))
    assert codes(validate_scheme(scheme)) == [("evaluation_weights", "weights_not_one")]


def rule(code="A1", **kw):
    kw.setdefault("category", "study")
    kw.setdefault("name", "项目")
    kw.setdefault("points", Decimal(1))
    return Rule(code, **kw)


def with_rules(*rules):
    return replace(SCHEME, rules=rules)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ((rule(), rule("A2")), []),
        ((rule(), rule()), [("rules.1.code", "duplicate_code")]),  # duplicate codes
        ((rule(code=" "),), [("rules.0.code", "required")]),
        ((rule(code="A" * 21),), [("rules.0.code", "too_long")]),
        ((rule(name=""),), [("rules.0.name", "required")]),
        ((rule(category="nope"),), [("rules.0.category", "unknown_category")]),
        ((rule(points=0),), [("rules.0.points", "points_not_positive")]),
        ((rule(points=-2, sign=Sign.MINUS),), [("rules.0.points", "points_not_positive")]),
        ((rule(points=Decimal("0.5")),), []),
        ((rule(points=Decimal("0.25")),), [("rules.0.points", "too_precise")]),
        # a cap below one occurrence: the first entry could never count in full
        ((rule(points=3, cap=2),), [("rules.0.cap", "cap_below_points")]),
        ((rule(points=3, cap=3),), []),  # at one occurrence: once a period
        ((rule(points=2, sign=Sign.MINUS, cap=1),), [("rules.0.cap", "cap_below_points")]),
    ],
)
def test_rules(rules, expected):
    assert codes(validate_scheme(with_rules(*rules))) == expected


ATTENDED = DerivedFrom(frozenset({MeetingType.GROUP}), Presence.PRESENT)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ((rule(derived_from=ATTENDED),), []),
        (
            (rule(derived_from=DerivedFrom(frozenset({MeetingType.GROUP}), Presence.LEAVE)),),
            [("rules.0.derived_from", "leave_not_derived")],  # a 请假 is neither
        ),
        (
            (rule(derived_from=DerivedFrom(frozenset(), Presence.PRESENT)),),
            [("rules.0.derived_from", "required")],
        ),
        (
            # the same attendance line would be counted twice
            (rule(derived_from=ATTENDED), rule("A2", derived_from=ATTENDED)),
            [("rules.1.derived_from", "derived_overlap")],
        ),
        (
            (
                rule(derived_from=ATTENDED),
                rule(
                    "A2", derived_from=DerivedFrom(frozenset({MeetingType.GROUP}), Presence.ABSENT)
                ),
            ),
            [],
        ),
    ],
)
def test_derived_rules(rules, expected):
    assert codes(validate_scheme(with_rules(*rules))) == expected


def test_categories_need_unique_codes_and_names():
    cats = (Category("a", "政治学习"), Category("a", "组织生活"), Category("b", ""))
    scheme = replace(SCHEME, categories=cats, rules=(rule(category="a"),))
    assert codes(validate_scheme(scheme)) == [
        ("categories.1.code", "duplicate_code"),
        ("categories.2.name", "required"),
    ]


def bands(*spans):
    return tuple(StarBand(s, low, high) for s, low, high in spans)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # 健康支部 (brief §5.3): the shipped bands, in any order
        (((1, 60, 70), (2, 70, 80), (3, 80, 90), (4, 90, 95), (5, 95, None)), []),
        (((5, 95, None), (4, 90, 95)), []),
        ((), []),  # no star levels at all
        (((5, 95, None), (4, 90, 94)), [("star_bands.1.high", "band_gap")]),  # 94–95 unrated
        (((5, 95, None), (4, 90, 96)), [("star_bands.1.high", "band_overlap")]),
        (((5, 95, 200), (4, 90, 95)), []),  # an upper bound on the top band is fine
        (((5, 95, None), (4, 90, None)), [("star_bands.1.high", "band_overlap")]),
        (((4, 90, 90),), [("star_bands.0.high", "band_empty")]),
        (((5, 95, None), (5, 90, 95)), [("star_bands.1.stars", "duplicate_code")]),
        (((4, 95, None), (5, 90, 95)), [("star_bands.1.stars", "stars_order")]),
        (((0, 60, 70),), [("star_bands.0.stars", "out_of_range")]),
        (((6, 60, 70),), [("star_bands.0.stars", "out_of_range")]),
    ],
)
def test_star_bands(spans, expected):
    assert codes(validate_scheme(replace(SCHEME, star_bands=bands(*spans)))) == expected


# --- an entry ------------------------------------------------------------------------------
def entry(**kw):
    base = {"member_id": 1, "date": DAY, "rule_code": "S01", "points": Decimal(2)}
    return Entry(**{**base, **kw})


def members_on(member_id, day):
    """Member 4 joined on 2026-06-01 (a membership callable, as the service passes)."""
    return member_id in IN_BRANCH or (member_id == 4 and day >= date(2026, 6, 1))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        # issue 9 "Bad input": not in the branch on that date
        ({"member_id": 9}, [("member_id", "not_in_branch")]),
        ({"member_id": 4}, [("member_id", "not_in_branch")]),  # before joining
        ({"member_id": 4, "date": date(2026, 6, 1)}, []),  # the day of joining counts
        # … a date outside the scheme's year
        ({"date": date(2025, 12, 31)}, [("date", "outside_scheme_year")]),
        ({"date": date(2027, 1, 1)}, [("date", "outside_scheme_year")]),
        # … a rule that is not in the scheme
        ({"rule_code": "Z99"}, [("rule_code", "unknown_rule")]),
        # … an override without a reason
        ({"points": Decimal(3)}, [("override_reason", "override_needs_reason")]),
        ({"points": Decimal(3), "override_reason": "带领小组学习"}, []),
        (
            {"points": Decimal(3), "override_reason": "  "},
            [("override_reason", "override_needs_reason")],
        ),
        ({"points": Decimal(2), "override_reason": "多余的说明"}, []),  # not an override
        # sign: a bonus rule cannot take points off, a deduction cannot add
        ({"points": Decimal(-2), "override_reason": "x"}, [("points", "must_be_bonus")]),
        ({"rule_code": "R01", "points": Decimal(-5)}, []),
        (
            {"rule_code": "R01", "points": Decimal(5), "override_reason": "x"},
            [("points", "must_be_deduction")],
        ),
        ({"rule_code": "R01", "points": Decimal(-3), "override_reason": "情节较轻"}, []),
        ({"points": Decimal("2.25"), "override_reason": "x"}, [("points", "too_precise")]),
        # evidence the rule asks for (S06 发表理论文章)
        ({"rule_code": "S06", "points": Decimal(3)}, [("evidence_id", "evidence_required")]),
        ({"rule_code": "S06", "points": Decimal(3), "evidence_id": 12}, []),
        # derived rules are never typed (issue 9 item 3: never typed twice)
        ({"rule_code": "L01", "points": Decimal(1)}, [("rule_code", "rule_is_derived")]),
        ({"note": "长" * 501}, [("note", "too_long")]),
        ({"override_reason": "长" * 501, "points": Decimal(3)}, [("override_reason", "too_long")]),
    ],
)
def test_entry(changes, expected):
    assert codes(validate_entry(entry(**changes), SCHEME, members_on)) == expected


def test_membership_may_be_the_set_of_those_in_the_branch_on_the_date():
    """As meeting_rules takes `listed`: bulk entry for one date passes the set."""
    assert validate_entry(entry(), SCHEME, IN_BRANCH) == []
    assert codes(validate_entry(entry(member_id=9), SCHEME, IN_BRANCH)) == [
        ("member_id", "not_in_branch")
    ]


def test_a_retired_rule_takes_no_new_entries():
    scheme = replace(SCHEME, rules=(replace(SCHEME.rule("S01"), retired=True),))
    assert codes(validate_entry(entry(), scheme, IN_BRANCH)) == [("rule_code", "rule_retired")]


def test_a_derived_entry_of_a_derived_rule_is_fine():
    derived = entry(rule_code="L01", points=Decimal(1), derived=True, meeting_id=5)
    assert validate_entry(derived, SCHEME, IN_BRANCH) == []


def test_bulk_entry_reports_each_entry_by_position():
    """A whole 党小组 at a volunteer day: one action, nothing saved half (issue 9 item 2)."""
    batch = [entry(member_id=m, rule_code="V01") for m in (1, 2, 9, 3)]
    assert codes(validate_entries(batch, SCHEME, IN_BRANCH)) == [
        ("entries.2.member_id", "not_in_branch")
    ]


@pytest.mark.parametrize(
    ("evaluation", "expected"),
    [
        (Evaluation(1, PeriodKey(2026), EvaluationKind.PEER, Decimal(88)), []),
        (Evaluation(1, PeriodKey(2026), EvaluationKind.PEER, Decimal(100)), []),
        (
            Evaluation(1, PeriodKey(2026), EvaluationKind.PEER, Decimal(101)),
            [("score", "out_of_range")],
        ),
        (
            Evaluation(1, PeriodKey(2026), EvaluationKind.PEER, Decimal(-1)),
            [("score", "out_of_range")],
        ),
        (
            Evaluation(1, PeriodKey(2025), EvaluationKind.PEER, Decimal(80)),
            [("period", "outside_scheme_year")],
        ),
        (
            Evaluation(1, PeriodKey(2026, 2), EvaluationKind.PEER, Decimal(80)),
            [("period", "period_mismatch")],
        ),
        (
            Evaluation(9, PeriodKey(2026), EvaluationKind.PEER, Decimal(80)),
            [("member_id", "not_in_branch")],
        ),
    ],
)
def test_evaluation(evaluation, expected):
    assert codes(validate_evaluation(evaluation, SCHEME, IN_BRANCH)) == expected


def test_a_quarterly_scheme_takes_quarterly_evaluations():
    quarterly = replace(SCHEME, period=ScoringPeriod.QUARTER)
    good = Evaluation(1, PeriodKey(2026, 2), EvaluationKind.LEADER, Decimal(90))
    assert validate_evaluation(good, quarterly, IN_BRANCH) == []
    yearly = replace(good, period=PeriodKey(2026))
    assert codes(validate_evaluation(yearly, quarterly, IN_BRANCH)) == [
        ("period", "period_mismatch")
    ]


# --- who is counted (市直机关2024: retired and long-absent 流动党员 excluded) -----------------
@pytest.mark.parametrize(
    ("member", "kinds"),
    [
        (Member("甲"), set()),
        (Member("乙", person_category="离退休人员"), {MemberKind.RETIRED}),
        (Member("丙", is_mobile=True), {MemberKind.MOBILE}),
        (
            Member("丁", person_category="离退休人员", is_mobile=True),
            {MemberKind.RETIRED, MemberKind.MOBILE},
        ),
    ],
)
def test_member_kinds(member, kinds):
    assert member_kinds(member) == kinds


@pytest.mark.parametrize(
    ("kinds", "override", "counted"),
    [
        (set(), None, True),
        ({MemberKind.RETIRED}, None, False),
        ({MemberKind.MOBILE}, None, False),
        ({MemberKind.RETIRED}, True, True),  # the user can include them (issue 9 item 1)
        (set(), False, False),  # 特殊类 by branch decision (办法)
    ],
)
def test_who_is_counted(kinds, override, counted):
    ov = None if override is None else CountingOverride(1, 2026, override, "支委会决定")
    assert is_counted(frozenset(kinds), SCHEME, ov) is counted


def test_a_scheme_can_count_everyone():
    assert is_counted(frozenset({MemberKind.RETIRED}), replace(SCHEME, exempt_kinds=frozenset()))


def test_an_override_needs_a_reason():
    assert codes(validate_override(CountingOverride(1, 2026, False))) == [("reason", "required")]
    assert validate_override(CountingOverride(1, 2026, False, "长期病休")) == []


# --- 民主评议 (brief §1.4: 优秀 generally ≤ 1/3; 预备党员 are not graded) ---------------------
def roster(formal, probationary=()):
    return [Member(f"党员{i}", id=i) for i in formal] + [
        Member(f"预备{i}", id=i, category=MemberCategory.PROBATIONARY) for i in probationary
    ]


def grades(*pairs):
    return [AppraisalGrade(m, 2026, g) for m, g in pairs]


EX, OK_ = Grade.EXCELLENT, Grade.QUALIFIED


@pytest.mark.parametrize(
    ("excellent", "graded", "warned"),
    [
        (3, 9, False),  # exactly one third
        (4, 9, True),  # just above
        (1, 3, False),
        (2, 5, True),  # 2/5 = 0.4
        (1, 4, False),
        (2, 6, False),
        (3, 8, True),  # 3/8 = 0.375
        (0, 0, False),
    ],
)
def test_excellent_over_one_third(excellent, graded, warned):
    members = roster(range(1, graded + 1))
    given = grades(*((i, EX if i <= excellent else OK_) for i in range(1, graded + 1)))
    found = [e for e in appraisal_check(given, members) if e.code == "excellent_over_third"]
    assert bool(found) is warned
    if warned:
        assert dict(found[0].params) == {
            "excellent": excellent,
            "graded": graded,
            "max": graded // 3,
        }


def test_a_probationary_member_is_not_graded_and_not_counted():
    members = roster(range(1, 4), probationary=[4])
    given = grades((1, EX), (2, OK_), (3, OK_), (4, EX))
    assert codes(appraisal_check(given, members)) == [("grades.4", "probationary_graded")]


def test_probationary_members_are_left_out_of_the_third():
    """Three 正式党员 with one 优秀 is a third; a 预备党员's grade does not make it 2 of 4."""
    members = roster(range(1, 4), probationary=[4, 5])
    given = grades((1, EX), (2, OK_), (3, OK_), (4, EX), (5, EX))
    assert [e.code for e in appraisal_check(given, members)] == [
        "probationary_graded",
        "probationary_graded",
    ]


def test_formal_members_not_graded_are_named():
    members = roster(range(1, 5), probationary=[5])
    [error] = appraisal_check(grades((1, OK_), (2, OK_)), members)
    assert (error.code, error.param("count"), error.param("member_ids")) == (
        "not_graded",
        2,
        (3, 4),
    )


def test_a_grade_for_someone_not_on_the_list_is_flagged():
    assert codes(appraisal_check(grades((1, OK_), (9, OK_)), roster([1]))) == [
        ("grades.9", "grade_not_member")
    ]


def test_every_code_is_listed():
    """test_messages words every listed code; one raised but not listed would escape it."""
    raised = {c for _f, c in _all_codes()}
    assert raised <= set(ERROR_CODES)


def _all_codes():
    bad = replace(
        SCHEME,
        year=1,
        base=Decimal("0.25"),
        floor=Decimal(5),
        ceiling=Decimal(1),
        evaluation_points=Decimal(-1),
        evaluation_weights=((L, Decimal(2)), (L, Decimal(-1))),
        categories=(Category("a", ""), Category("a", "x")),
        rules=(
            rule(code="", name="", category="z", points=Decimal("-0.25"), cap=Decimal(0)),
            rule("B", derived_from=DerivedFrom(frozenset(), Presence.LEAVE)),
            rule("C", derived_from=ATTENDED),
            rule("D", derived_from=ATTENDED),
        ),
        star_bands=bands((9, 1, 1), (9, 0, 5), (1, 3, None), (2, 10, 12), (1, 20, 30)),
    )
    found = codes(validate_scheme(bad))
    for e in (
        entry(member_id=9, date=date(2020, 1, 1), points=Decimal(-3), note="x" * 999),
        entry(rule_code="nope"),
        entry(rule_code="L01"),
        entry(rule_code="R01", points=Decimal("5.25")),
        entry(rule_code="S06", points=Decimal(3)),
        entry(points=Decimal(5)),
    ):
        found += codes(validate_entry(e, SCHEME, IN_BRANCH))
    found += codes(
        validate_entry(
            entry(), replace(SCHEME, rules=(replace(SCHEME.rule("S01"), retired=True),)), IN_BRANCH
        )
    )
    for ev in (
        Evaluation(9, PeriodKey(2020), L, Decimal(200)),
        Evaluation(1, PeriodKey(2026, 1), L, Decimal(1)),
    ):
        found += codes(validate_evaluation(ev, SCHEME, IN_BRANCH))
    found += codes(validate_override(CountingOverride(1, 2026, False)))
    given = grades((1, EX), (2, EX), (5, EX), (9, EX))
    found += codes(appraisal_check(given, roster([1, 2, 3, 4], probationary=[5])))
    assert len({c for _f, c in found}) >= 25  # the control: the sample reaches most codes
    return found
