"""积分 totals: caps per period, floor and ceiling, the 三评 part, star levels and ranking, in
the per-member statement and in the fast totals (domain brief §5.1–5.3; issue 9 item 5)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from dangjian_desktop.domain.point_defaults import default_scheme
from dangjian_desktop.domain.point_totals import (
    MemberSum,
    MemberTotal,
    RuleSum,
    evaluation_sums,
    member_sums,
    period_total,
    ranking,
    rule_sums,
    star_band,
    totals,
)
from dangjian_desktop.domain.points import (
    Entry,
    Evaluation,
    EvaluationKind,
    PeriodKey,
    Rule,
    ScoringPeriod,
    Sign,
)

SCHEME = default_scheme(2026)
YEAR = PeriodKey(2026)
D = Decimal


def day(n):
    return date(2026, 1, 1) + timedelta(days=n)


def entries_of(code, points, n, member=1, start=0):
    return [Entry(member, day(start + i), code, D(points), id=start + i) for i in range(n)]


def statement(entries, scheme=SCHEME, period=YEAR, evaluations=(), member=1):
    return period_total(entries, scheme, member, period, evaluations)


def fast_total(entries, scheme=SCHEME, period=YEAR, evaluations=(), member=1):
    [total] = totals(
        scheme,
        period,
        [member],
        member_sums(entries, period),
        rule_sums(entries, scheme, period),
        evaluation_sums(evaluations, period),
    )
    return total


# --- caps per period (指南: per-item annual caps; S01 集中学习 2/次, cap 12) --------------------
@pytest.mark.parametrize(
    ("n", "counted", "capped"),
    [
        (5, 10, 0),
        (6, 12, 0),  # at the cap
        (7, 12, 2),  # one over: shown, not silently dropped
        (10, 12, 8),
    ],
)
def test_a_cap_per_period(n, counted, capped):
    s = statement(entries_of("S01", 2, n))
    [sub] = [r for c in s.categories for r in c.rules]
    assert (sub.counted, sub.capped, sub.cap) == (counted, capped, 12)
    assert (s.bonus, s.capped, s.total) == (counted, capped, 60 + counted)
    assert [line.capped for line in s.lines] == [0] * min(n, 6) + [2] * (n - 6)
    f = fast_total(entries_of("S01", 2, n))
    assert (f.bonus, f.capped, f.total) == (counted, capped, 60 + counted)


def test_the_entry_that_crosses_the_cap_counts_in_part():
    scheme = replace(SCHEME, rules=(Rule("T", "study", "任务", 3, Sign.PLUS, 10),))
    s = statement(entries_of("T", 3, 4), scheme)
    assert [(line.counted, line.capped) for line in s.lines] == [(3, 0), (3, 0), (3, 0), (1, 2)]


def test_a_negative_rules_cap_bounds_the_deduction():
    scheme = replace(SCHEME, rules=(Rule("N", "deduction", "缺勤", 2, Sign.MINUS, 5),))
    s = statement(entries_of("N", -2, 3), scheme)
    assert [(line.counted, line.capped) for line in s.lines] == [(-2, 0), (-2, 0), (-1, 1)]
    assert (s.deductions, s.capped, s.total) == (-5, 1, 55)
    assert fast_total(entries_of("N", -2, 3), scheme).total == 55


def test_the_cap_takes_entries_in_date_order_whatever_order_they_come_in():
    entries = entries_of("S01", 2, 7)
    s = statement(list(reversed(entries)))
    assert [line.entry.date for line in s.lines] == sorted(e.date for e in entries)
    assert s.lines[-1].capped == 2 and s.lines[-1].entry.date == day(6)


def test_caps_reset_each_quarter_in_a_quarterly_scheme():
    """细则2022: scored quarterly — caps and the base are per quarter."""
    quarterly = replace(SCHEME, period=ScoringPeriod.QUARTER)
    q1 = entries_of("S01", 2, 7)  # January
    q2 = [replace(e, date=e.date.replace(month=5), id=100 + i) for i, e in enumerate(q1[:3])]
    assert statement(q1 + q2, quarterly, PeriodKey(2026, 1)).total == 72
    assert statement(q1 + q2, quarterly, PeriodKey(2026, 2)).total == 66
    assert fast_total(q1 + q2, quarterly, PeriodKey(2026, 2)).total == 66


def test_an_override_above_the_rule_still_meets_the_cap():
    entries = [*entries_of("S01", 2, 5), Entry(1, day(9), "S01", D(5), override_reason="主讲")]
    s = statement(entries)
    assert (s.bonus, s.capped) == (12, 3)


# --- sign, and what counts ------------------------------------------------------------------
def test_bonus_and_deductions_add_to_the_base():
    """市直机关2024: 积分 = 基础分 60 + 加分 − 扣分."""
    entries = [
        *entries_of("B01", 3, 2),  # 微党课 +3 ×2
        Entry(1, day(20), "R01", D(-5)),  # 弄虚作假 −5
    ]
    s = statement(entries)
    assert (s.base, s.bonus, s.deductions, s.total) == (60, 6, -5, 61)


def test_other_members_and_other_periods_are_left_out_of_a_statement():
    entries = [
        *entries_of("B01", 3, 1),
        *entries_of("B01", 3, 1, member=2),
        Entry(1, date(2025, 12, 31), "B01", D(3)),
    ]
    assert statement(entries).total == 63


def test_a_member_without_entries_has_the_base():
    assert statement([]).total == 60
    [t1, t2] = totals(SCHEME, YEAR, [1, 2], member_sums(entries_of("B01", 3, 1)))
    assert (t1.total, t2.total) == (63, 60)


def test_a_rule_change_leaves_past_entries_untouched():
    """Issue 9 item 1: an entry keeps its points; the rule's points only offer a default."""
    entries = entries_of("B01", 3, 2)
    repriced = replace(
        SCHEME, rules=tuple(replace(r, points=10) if r.code == "B01" else r for r in SCHEME.rules)
    )
    assert statement(entries, repriced).total == statement(entries).total == 66
    assert fast_total(entries, repriced).total == 66


def test_last_years_totals_stay_as_they_were():
    """Each year has its scheme: raising next year's base does not touch this year's total."""
    entries = entries_of("B01", 3, 1)
    next_year = replace(default_scheme(2027), base=D(70))
    assert statement(entries, SCHEME).total == 63
    assert statement(entries, next_year, PeriodKey(2027)).total == 70  # no 2027 entries


def test_an_entry_whose_rule_left_the_scheme_still_counts_uncapped():
    scheme = replace(SCHEME, rules=tuple(r for r in SCHEME.rules if r.code != "S01"))
    s = statement(entries_of("S01", 2, 7), scheme)
    assert (s.bonus, s.capped) == (14, 0)
    [cat] = s.categories
    assert cat.category is None and cat.rules[0].rule is None
    assert fast_total(entries_of("S01", 2, 7), scheme).total == 74


def test_statement_groups_by_category_in_scheme_order():
    entries = [*entries_of("R01", -5, 1), *entries_of("S01", 2, 1, start=3)]
    names = [c.category.name for c in statement(entries).categories]
    assert names == ["政治学习", "遵规守纪"]


# --- floor and ceiling (市直机关2024: floor 0, no ceiling; 先锋指数: range 0–100) ----------------
@pytest.mark.parametrize(
    ("floor", "ceiling", "deduct", "bonus", "total", "floor_added", "ceiling_cut"),
    [
        (0, None, 65, 0, 0, 5, 0),  # 60 − 65 = −5 → 0
        (0, None, 60, 0, 0, 0, 0),  # exactly at the floor
        (None, None, 65, 0, -5, 0, 0),  # no floor
        (0, 100, 0, 45, 100, 0, 5),  # 105 → 100
        (0, 100, 0, 40, 100, 0, 0),  # exactly at the ceiling
        (0, None, 0, 45, 105, 0, 0),  # no ceiling (the default)
    ],
)
def test_floor_and_ceiling(floor, ceiling, deduct, bonus, total, floor_added, ceiling_cut):
    scheme = replace(
        SCHEME,
        floor=None if floor is None else D(floor),
        ceiling=None if ceiling is None else D(ceiling),
        rules=(Rule("P", "bonus", "加", 1), Rule("M", "deduction", "扣", 1, Sign.MINUS)),
    )
    entries = [Entry(1, day(1), "P", D(bonus), "x"), Entry(1, day(2), "M", D(-deduct), "x")]
    s = statement(entries, scheme)
    assert (s.total, s.floor_added, s.ceiling_cut) == (total, floor_added, ceiling_cut)
    assert s.raw == 60 + bonus - deduct
    assert fast_total(entries, scheme).total == total


# --- 三评 (brief §5.2: weights are data) ------------------------------------------------------
L, P, U = EvaluationKind.LEADER, EvaluationKind.PEER, EvaluationKind.PUBLIC
W_433 = ((L, D("0.4")), (P, D("0.3")), (U, D("0.3")))


def evals(*pairs, period=YEAR, member=1):
    return [Evaluation(member, period, kind, D(score)) for kind, score in pairs]


@pytest.mark.parametrize(
    ("weights", "scores", "score", "points"),
    [
        (W_433, ((L, 90), (P, 80), (U, 70)), D(81), D("16.2")),  # 0.4·90 + 0.3·80 + 0.3·70
        (W_433, ((L, 100), (P, 0), (U, 0)), D(40), D("8.0")),
        (W_433, ((L, 0), (P, 100), (U, 100)), D(60), D("12.0")),
        # a 评 not held is left out and the others re-weighted: (0.4·90 + 0.3·80) / 0.7
        (W_433, ((L, 90), (P, 80)), D(60) / D("0.7"), D("17.1")),
        (W_433, ((L, 90), (P, 70), (P, 90), (U, 80)), D(84), D("16.8")),  # 互评 averaged
        (W_433, (), None, D(0)),  # none held: no 三评 part
        (((L, D(1)), (P, D(0))), ((L, 75), (P, 10)), D(75), D("15.0")),  # weight 0 is ignored
        (SCHEME.evaluation_weights, ((L, 90), (P, 80), (U, 70)), D(80), D("16.0")),
        # the default thirds (0.3333 each) are normalised: 100 from all is 100, not 99.99
        (SCHEME.evaluation_weights, ((L, 100), (P, 100), (U, 100)), D(100), D("20.0")),
    ],
)
def test_三评_weighting(weights, scores, score, points):
    scheme = replace(SCHEME, evaluation_weights=weights, evaluation_points=D(20))
    s = statement([], scheme, evaluations=evals(*scores))
    assert s.evaluation.score == score
    assert s.evaluation.points == points and s.total == 60 + points
    assert fast_total([], scheme, evaluations=evals(*scores)).evaluation == points


def test_三评_lines_show_weight_share_and_average():
    s = statement(
        [], replace(SCHEME, evaluation_weights=W_433), evaluations=evals((L, 90), (P, 80))
    )
    lines = {line.kind: line for line in s.evaluation.lines}
    assert (lines[L].weight, lines[L].count, lines[L].score) == (D("0.4"), 1, 90)
    assert lines[L].share == D("0.4") / D("0.7")
    assert (lines[U].count, lines[U].score, lines[U].share) == (0, None, 0)


def test_三评_of_another_period_or_member_is_left_out():
    quarterly = replace(SCHEME, period=ScoringPeriod.QUARTER)
    scores = [
        *evals((L, 100), period=PeriodKey(2026, 1)),
        *evals((L, 50), period=PeriodKey(2026, 2)),
        *evals((L, 0), period=PeriodKey(2026, 1), member=2),
    ]
    assert statement([], quarterly, PeriodKey(2026, 1), scores).evaluation.score == 100


# --- star levels (健康支部, brief §5.3: UNCONFIRMED, configurable) ------------------------------
@pytest.mark.parametrize(
    ("total", "stars"),
    [
        ("200", 5),
        ("95", 5),
        ("94.9", 4),
        ("90", 4),
        ("89.9", 3),
        ("80", 3),
        ("79.9", 2),
        ("70", 2),
        ("69.9", 1),
        ("60", 1),
        ("59.9", 0),
        ("0", 0),
    ],
)
@pytest.mark.parametrize("order", [1, -1], ids=["shipped", "reversed"])
def test_star_bands_on_both_sides_of_each_boundary(total, stars, order):
    """Bands may be listed in any order: a band's top is exclusive whichever comes first."""
    scheme = replace(SCHEME, star_bands=SCHEME.star_bands[::order])
    band = star_band(scheme.star_bands, D(total))
    assert (band.stars if band else 0) == stars
    over = D(total) - scheme.base
    [fast] = totals(scheme, YEAR, [1], [MemberSum(1, max(over, D(0)), min(over, D(0)))])
    assert (fast.total, fast.stars) == (D(total), stars)


@pytest.mark.parametrize(("bonus", "stars"), [(34, 4), (35, 5)])
def test_a_total_gets_its_star_level(bonus, stars):
    scheme = replace(SCHEME, rules=(Rule("P", "bonus", "加", 1),))
    entries = [Entry(1, day(1), "P", D(bonus), "x")]
    assert statement(entries, scheme).stars == stars == fast_total(entries, scheme).stars


def test_no_bands_no_stars():
    assert statement([], replace(SCHEME, star_bands=())).stars == 0


# --- ranking (shown to the secretary; the 2023 guidance keeps it out of exports by default) --
def mt(member_id, total):
    t = D(total)
    return MemberTotal(member_id, YEAR, D(60), t - 60, D(0), D(0), D(0), t, t, 0)


def test_ties_share_a_rank():
    ranked = ranking([mt(1, 85), mt(2, 90), mt(3, 85), mt(4, 80), mt(5, "85.0")])
    assert [(r.rank, r.total.member_id) for r in ranked] == [(1, 2), (2, 1), (2, 3), (2, 5), (5, 4)]


def test_ranking_of_nobody():
    assert ranking([]) == []


# --- the fast totals agree with the statement (the service pre-aggregates in SQL) ------------
def test_totals_agree_with_every_statement():
    rng = random.Random(9)
    codes = [r.code for r in SCHEME.rules]
    entries = []
    for i in range(3000):
        rule = SCHEME.rule(rng.choice(codes))
        entries.append(
            Entry(rng.randint(1, 40), day(rng.randint(0, 364)), rule.code, rule.signed_points, id=i)
        )
    scores = [
        Evaluation(m, YEAR, k, D(rng.randint(50, 100))) for m in range(1, 41, 2) for k in (L, P)
    ]
    sums, capped = member_sums(entries), rule_sums(entries, SCHEME)
    fast = {
        t.member_id: t
        for t in totals(SCHEME, YEAR, range(1, 41), sums, capped, evaluation_sums(scores, YEAR))
    }
    for member in range(1, 41):
        s = period_total(entries, SCHEME, member, YEAR, scores)
        f = fast[member]
        assert (f.bonus, f.deductions, f.capped, f.evaluation, f.raw, f.total, f.stars) == (
            s.bonus,
            s.deductions,
            s.capped,
            s.evaluation.points,
            s.raw,
            s.total,
            s.stars,
        ), member


def test_only_the_capped_sums_past_their_cap_matter():
    """The contract the SQL may use (HAVING ABS(SUM(points)) > cap): member 1 has 16 under
    S01 (cap 12), 9 of other bonus and 7 of deductions; member 2 has 4 under S01."""
    sums = [MemberSum(1, D(25), D(-7)), MemberSum(2, D(4), D(0)), MemberSum(3, D(4), D(0))]
    over_cap = [RuleSum(1, "S01", D(16))]
    every_rule = [
        *over_cap,
        RuleSum(2, "S01", D(4)),
        RuleSum(1, "B01", D(9)),
        RuleSum(1, "R01", D(-7)),
    ]
    for capped in (over_cap, every_rule):
        t1, t2 = totals(SCHEME, YEAR, [1, 2], sums, capped)  # member 3 not asked for
        assert (t1.bonus, t1.deductions, t1.capped, t1.total) == (21, -7, 4, 74)
        assert (t2.member_id, t2.total) == (2, 64)


def test_a_deduction_past_its_cap_is_given_back():
    scheme = replace(SCHEME, rules=(Rule("N", "deduction", "缺勤", 2, Sign.MINUS, 5),))
    [t] = totals(scheme, YEAR, [1], [MemberSum(1, D(0), D(-8))], [RuleSum(1, "N", D(-8))])
    assert (t.deductions, t.capped, t.total) == (-5, 3, 55)


def test_the_python_twins_of_the_sql():
    entries = [*entries_of("S01", 2, 2), *entries_of("B01", 3, 2, start=5)]
    entries.append(Entry(1, day(9), "R01", D(-5)))
    entries.append(Entry(1, date(2025, 6, 1), "B01", D(3)))
    assert member_sums(entries, YEAR) == [MemberSum(1, D(10), D(-5))]
    assert rule_sums(entries, SCHEME, YEAR) == [RuleSum(1, "S01", D(4))]  # capped rules only


def test_evaluation_sums_may_be_plain_sql_rows():
    """(member_id, kind as stored, SUM(score), COUNT(*)): 领导点评 90 and 70, 党员互评 80."""
    scheme = replace(SCHEME, evaluation_weights=W_433)
    rows = [(1, "leader", D(160), 2), (1, "peer", D(80), 1)]
    [t] = totals(scheme, YEAR, [1], [], scores=rows)
    assert t.evaluation == D("16.0")  # (0.4·80 + 0.3·80) / 0.7 = 80 → 16
    assert evaluation_sums(evals((L, 90), (L, 70), (P, 80)), YEAR) == [
        (1, L, D(160), 2),
        (1, P, D(80), 1),
    ]


def test_三评_rounds_an_exact_half_up_even_when_the_average_repeats():
    """(65 + 66 + 66) / 3 = 65.666… × 15 / 100 = 9.85 exactly: half-up gives 9.9. Decimal
    arithmetic at 28 digits (0.2 · 65.666…7 / 0.2 = 65.666…5) made it 9.8499…9 and rounded
    down; the part is now exact, the same in the statement and in the totals."""
    weights = ((L, D("0.2")), (P, D("0.3")), (U, D("0.5")))
    scheme = replace(SCHEME, evaluation_weights=weights, evaluation_points=D(15))
    scores = evals((L, 65), (L, 66), (L, 66))
    assert statement([], scheme, evaluations=scores).evaluation.points == D("9.9")
    assert fast_total([], scheme, evaluations=scores).evaluation == D("9.9")


def test_tenths_totals_take_integer_rows():
    """The service's path: (member, plus, minus), (member, rule, points) and the pivoted
    三评 row, all in tenths — the same totals as the Decimal rows."""
    from dangjian_desktop.domain.point_aggregates import EvaluationWeights, tenths_totals

    scheme = replace(SCHEME, evaluation_weights=W_433)
    assert EvaluationWeights(scheme).kinds == (L, P, U)
    [t] = tenths_totals(
        scheme, YEAR, [1], [(1, 250, -70)], [(1, "S01", 160)], [(1, 1600, 2, 800, 1, 0, 0)]
    )
    assert (t.bonus, t.deductions, t.capped, t.evaluation, t.total) == (21, -7, 4, 16, 90)
    with pytest.raises(ValueError):
        totals(SCHEME, YEAR, [1], [MemberSum(1, D("0.25"), D(0))])  # finer than a tenth
