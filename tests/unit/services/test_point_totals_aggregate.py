"""The totals' aggregate path (point_totals_repo's GROUP BY rows → point_aggregates) against
the straightforward one (each member's statement: every entry of the period through its
rule's cap, point_totals.period_total) on a crafted branch: caps per period, floor and
ceiling, overrides, derived entries, 三评 weights with averaged 互评, counting decisions and
exempt kinds, in a yearly and in a quarterly scheme."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from dangjian_desktop.domain.meetings import Attendance, Presence
from dangjian_desktop.domain.point_rules import is_counted
from dangjian_desktop.domain.points import (
    CountingOverride,
    Entry,
    Evaluation,
    EvaluationKind,
    MemberKind,
    PeriodKey,
    ScoringPeriod,
)
from tests.unit.services.meeting_data import everyone, general_meeting, make_branch

L, P, U = EvaluationKind.LEADER, EvaluationKind.PEER, EvaluationKind.PUBLIC
YEAR = PeriodKey(2025)


@pytest.fixture
def branch(workspace):
    branch = make_branch(workspace)
    ws = branch.ws
    scheme = ws.points.scheme(2025)
    weights = ((L, D("0.5")), (P, D("0.3")), (U, D("0.2")))
    ws.points.save_scheme(
        replace(scheme, ceiling=D(75), evaluation_weights=weights, evaluation_points=D(15))
    )
    retired = ws.members.get(branch.id("陈刚"))
    ws.members.update(replace(retired, person_category="离退休人员"))
    mobile = ws.members.get(branch.id("孙丽"))
    ws.members.update(replace(mobile, is_mobile=True))
    return branch


def entry(branch, name, code, day, points=None, reason=""):
    rule = branch.ws.points.scheme(day.year).rule(code)
    value = rule.signed_points if points is None else D(points)
    return Entry(branch.id(name), day, code, value, override_reason=reason)


def craft(branch, evaluated: PeriodKey = YEAR) -> None:
    ws = branch.ws
    # caps: 12 × V01 (2 each, cap 10) over two quarters; S01 past its cap with an override
    ws.points.add_entries(
        [entry(branch, "赵敏", "V01", date(2025, m, 3 + d)) for m in (2, 5) for d in range(6)]
    )
    ws.points.add_entries(
        [entry(branch, "王海", "S01", date(2025, 3, d)) for d in range(2, 8)]
        + [entry(branch, "王海", "S01", date(2025, 4, 1), points="0.5", reason="补学")]
    )
    # a ceiling (75) and the floor (0): big bonuses for one, deductions for another
    ws.points.add_entries([entry(branch, "李静", "B02", date(2025, 1, d)) for d in (6, 7, 8)])
    ws.points.add_entries([entry(branch, "刘洋", "R01", date(2025, 6, d)) for d in range(2, 20)])
    ws.points.add_entry(entry(branch, "陈刚", "B01", date(2025, 2, 10)))
    # derived entries: a held meeting, one present and one absent without leave
    day = date(2025, 3, 20)
    zhao = branch.id("赵敏")
    attendance = tuple(
        Attendance(a.member_id, Presence.ABSENT) if a.member_id == zhao else a
        for a in everyone(branch, day)
    )
    ws.meetings.save(general_meeting(branch, day, attendance=attendance))
    # 三评: a 互评 by three members averaged (a repeating average), kinds missing for some
    year = evaluated
    peers = [Evaluation(branch.id("赵敏"), year, P, D(s)) for s in (65, 66, 66)]
    peers.append(Evaluation(branch.id("王海"), year, P, D("88.5")))
    ws.points.set_evaluations(year, P, peers)
    leaders = [Evaluation(branch.id(n), year, L, D(s)) for n, s in (("赵敏", 91), ("刘洋", 70))]
    ws.points.set_evaluations(year, L, leaders)
    ws.points.set_evaluations(year, U, [Evaluation(branch.id("陈刚"), year, U, D(77))])
    # the branch's decisions: the retired member counted, a normal one left out
    ws.points.set_counting(CountingOverride(branch.id("陈刚"), 2025, True, "仍在岗"))
    ws.points.set_counting(CountingOverride(branch.id("刘洋"), 2025, False, "长期病休"))


def assert_same(ws, period: PeriodKey) -> None:
    report = ws.points.totals(period)
    statements = {s.member_id: s for s in ws.points.statements(period)}
    assert [t.member_id for t in report.totals] == list(statements)
    for t in report.totals:
        s = statements[t.member_id]
        assert (
            t.base,
            t.bonus,
            t.deductions,
            t.capped,
            t.evaluation,
            t.raw,
            t.total,
            t.stars,
            t.member_id in report.counted,
        ) == (
            s.base,
            s.bonus,
            s.deductions,
            s.capped,
            s.evaluation.points,
            s.raw,
            s.total,
            s.stars,
            s.counted,
        ), t.member_id


def test_the_aggregate_totals_equal_every_statement_in_a_year(branch):
    ws = branch.ws
    craft(branch)
    assert_same(ws, PeriodKey(2025))
    report = ws.points.totals(PeriodKey(2025))
    line = {t.member_id: t for t in report.totals}
    zhao, wang = line[branch.id("赵敏")], line[branch.id("王海")]
    assert zhao.capped == 14  # 24 given under V01, cap 10
    assert wang.capped == D("0.5") and line[branch.id("李静")].total == 75  # the ceiling
    assert line[branch.id("刘洋")].total == 0  # the floor
    # 赵敏: (0.5·91 + 0.3·65.667) / 0.8 = 81.4375 → × 15 / 100 = 12.2
    assert zhao.evaluation == D("12.2")
    ws_scheme = ws.points.scheme(2025)
    decided = ws.points.counting(2025)
    for t in report.totals:
        member = ws.members.get(t.member_id)
        kinds = set()
        if "退休" in member.person_category:
            kinds.add(MemberKind.RETIRED)
        if member.is_mobile:
            kinds.add(MemberKind.MOBILE)
        expected = is_counted(frozenset(kinds), ws_scheme, decided.get(t.member_id))
        assert (t.member_id in report.counted) == expected, member.name
    assert branch.id("陈刚") in report.counted  # exempt, counted by decision
    assert branch.id("孙丽") not in report.counted  # 流动, exempt
    assert branch.id("刘洋") not in report.counted  # left out by decision


def test_the_aggregate_totals_equal_every_statement_in_each_quarter(branch):
    ws = branch.ws
    ws.points.save_scheme(replace(ws.points.scheme(2025), period=ScoringPeriod.QUARTER))
    craft(branch, evaluated=PeriodKey(2025, 1))
    for quarter in (1, 2, 3, 4):
        assert_same(ws, PeriodKey(2025, quarter))
    q1 = {t.member_id: t for t in ws.points.totals(PeriodKey(2025, 1)).totals}
    assert q1[branch.id("赵敏")].capped == 2  # caps per quarter: 12 in Q1 under cap 10
