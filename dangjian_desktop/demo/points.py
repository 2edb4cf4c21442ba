"""The sample branch's 积分: last year and this year under the shipped scheme, written through
ws.points like the window writes them (issue 9 item 8).

What a newcomer should find: the attendance points already there (the meetings step's saves
derived them: 出席 +1, 无故缺席 −2); typed entries through the year — study sessions (some
past their cap, so the statement shows the cut), quarterly notes, 岗位承诺, a volunteer day
entered in bulk for a whole 党小组, a 微党课, a deduction or two, one override with its
reason; 三评 scores for last year; and last year's 民主评议 grades with 优秀 within a third.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dangjian_desktop.demo.roster import StepContext
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.domain.points import (
    AppraisalGrade,
    Entry,
    Evaluation,
    EvaluationKind,
    Grade,
    PeriodKey,
)

RECORDER = "组织委员"
# (rule code, how many times a member does it in a year at most)
TYPED = (("S01", 8), ("S02", 4), ("D01", 4), ("S03", 2), ("B01", 1))
DEDUCTIONS = (("V03", "台风天未参加码头志愿服务"), ("R02", "违反船舶值班规定被通报"))


def points(ctx: StepContext) -> None:
    """Last year's and this year's entries, 三评 and 民主评议 (last year)."""
    ws, today, rng = ctx.ws, ctx.today, ctx.rng
    for year in (today.year - 1, today.year):
        end = min(date(year, 12, 31), today)
        start = date(year, 1, 1)
        span = (end - start).days
        if span <= 0:
            continue
        scheme = ws.points.scheme(year)
        entries: list[Entry] = []
        for _name, member_id in sorted(ctx.member_ids.items()):
            for code, most in TYPED:
                rule = scheme.rule(code)
                if rule is None:
                    continue
                for _ in range(rng.randint(0, most)):
                    day = start + timedelta(days=rng.randint(0, span))
                    entries.append(Entry(member_id, day, code, rule.signed_points))
        listed = _listed(ctx, entries)
        entries = [e for e in entries if (e.member_id, e.date) in listed]
        entries.sort(key=lambda e: (e.date, e.member_id, e.rule_code))
        entries = [
            Entry(e.member_id, e.date, e.rule_code, e.points, recorded_by=RECORDER) for e in entries
        ]
        if entries:
            ws.points.add_entries(entries, year=year)
        _volunteer_day(ctx, year, start + timedelta(days=span // 2))
        for code, why in DEDUCTIONS:
            day = start + timedelta(days=rng.randint(0, span))
            ids = [m.member_id for m in ws.meetings.roster_on(day)]
            if ids:
                member_id = rng.choice(ids)
                points_ = scheme.rule(code).signed_points
                ws.points.add_entry(
                    Entry(member_id, day, code, points_, note=why, recorded_by=RECORDER), year=year
                )
    _override(ctx)
    _evaluations(ctx, today.year - 1)
    _grades(ctx, today.year - 1)


def _listed(ctx: StepContext, entries: list[Entry]) -> set[tuple[int, date]]:
    """(member, day) pairs where the member was in the branch that day."""
    found = set()
    for day in sorted({e.date for e in entries}):
        for m in ctx.ws.meetings.roster_on(day):
            found.add((m.member_id, day))
    return found


def _volunteer_day(ctx: StepContext, year: int, day: date) -> None:
    """A whole 党小组's volunteer day, in one bulk entry."""
    ws = ctx.ws
    group_id = sorted(ctx.group_ids.values())[0]
    members = [m.member_id for m in ws.meetings.roster_on(day) if m.party_group_id == group_id]
    if not members:
        return
    rule = ws.points.scheme(year).rule("V01")
    ws.points.add_entries(
        [
            Entry(m, day, "V01", rule.signed_points, note="港区清洁志愿服务", recorded_by=RECORDER)
            for m in members
        ],
        year=year,
    )


def _override(ctx: StepContext) -> None:
    """One entry given more than the rule's points, with the reason."""
    ws, today = ctx.ws, ctx.today
    day = today - timedelta(days=20)
    listed = [m.member_id for m in ws.meetings.roster_on(day)]
    if not listed or day.year != today.year:
        return
    ws.points.add_entry(
        Entry(
            listed[0],
            day,
            "V02",
            Decimal(8),
            override_reason="抢修主机连续作业36小时，经支委会研究加分",
            note="主机抢修",
            recorded_by=RECORDER,
            evidence_id=None,
        ),
        _evidence(),
        year=day.year,
    )


def _evidence():
    from dangjian_desktop.domain.attachments import NewAttachment

    pdf = b"%PDF-1.4\n% sample commendation\n%%EOF\n"
    return NewAttachment("表扬通报.pdf", pdf, "公司表扬通报")


def _evaluations(ctx: StepContext, year: int) -> None:
    ws, rng = ctx.ws, ctx.rng
    period = PeriodKey(year)
    listed = [m.member_id for m in ws.meetings.roster_on(period.end)]
    for kind, low in ((EvaluationKind.LEADER, 75), (EvaluationKind.PEER, 70)):
        scores = [Evaluation(m, period, kind, Decimal(rng.randint(low, 98))) for m in listed]
        ws.points.set_evaluations(period, kind, scores)


def _grades(ctx: StepContext, year: int) -> None:
    """民主评议 of last December: 优秀 for under a third of the 正式党员, a 基本合格 for the
    member who went missing; 预备党员 not graded."""
    ws, rng = ctx.ws, ctx.rng
    sheet = ws.points.appraisal(year)
    formal = [m for m in sheet.members if m.category is MemberCategory.FORMAL and m.id]
    excellent = set(rng.sample([m.id for m in formal], len(formal) // 4)) if formal else set()
    grades = [
        AppraisalGrade(m.id, year, Grade.EXCELLENT if m.id in excellent else Grade.QUALIFIED)
        for m in formal
    ]
    ws.points.set_grades(year, grades, confirm=True)
