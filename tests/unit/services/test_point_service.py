"""ws.points (issue 9): entries typed and in bulk, all-or-nothing, derived entries following
their meeting, rule changes leaving history alone, totals equal to statements, 三评, 民主评议.
Today is 2025-06-15 (tests/conftest.py); the branch is meeting_data's ship branch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from dangjian_desktop import messages
from dangjian_desktop.domain.meetings import Attendance, LeaveReason, Presence
from dangjian_desktop.domain.point_rules import PointValidationError
from dangjian_desktop.domain.points import (
    AppraisalGrade,
    Entry,
    EntryFilter,
    Evaluation,
    EvaluationKind,
    Grade,
    PeriodKey,
    ScoringPeriod,
)
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.services.point_service import PointServiceError
from tests.unit.services.meeting_data import general_meeting, make_branch
from tests.unit.services.member_data import snapshot, table

YEAR = PeriodKey(2025)
DAY = date(2025, 3, 10)


@pytest.fixture
def branch(workspace):
    return make_branch(workspace)


def typed(branch, name="赵敏", code="V01", day=DAY, **changes):
    rule = branch.ws.points.scheme(day.year).rule(code)
    values = {"points": rule.signed_points, **changes}
    return Entry(branch.id(name), day, code, **values)


def total_of(ws, member_id, period=YEAR):
    report = ws.points.totals(period)
    return next(t for t in report.totals if t.member_id == member_id)


# --- typed entries ---------------------------------------------------------------------------
def test_an_entry_is_added_and_listed(branch):
    ws = branch.ws
    entry_id, changes = ws.points.add_entry(typed(branch, note="码头义务劳动"))
    assert changes.scores
    [row] = ws.points.rows([entry_id]).values()
    assert (row.member_name, row.rule_name, row.category_name, row.points) == (
        "赵敏",
        "参加志愿服务",
        "先锋作用",
        D(2),
    )
    assert ws.points.ids(EntryFilter(period=YEAR)) == [entry_id]
    assert ws.points.count(EntryFilter(derived=True)) == 0
    assert ws.points.scheme(2025).id is not None  # the year got its own copy at first write


def test_bulk_entry_for_a_group_is_one_transaction(branch):
    ws = branch.ws
    names = ["王海", "李静", "赵敏"]
    audit_before = table(ws, "SELECT count(*) FROM audit_log")[0][0]
    ids, _ = ws.points.add_entries([typed(branch, n) for n in names])
    assert len(ids) == 3
    assert table(ws, "SELECT count(*) FROM audit_log")[0][0] == audit_before + 1
    assert ws.points.count(EntryFilter(member_ids=(branch.id("李静"),))) == 1


def test_a_bulk_entry_with_one_bad_line_saves_nothing(branch):
    ws = branch.ws
    ws.points.add_entry(typed(branch))  # the scheme of 2025 is stored now
    before = snapshot(ws)
    late = typed(branch, "周新", day=date(2025, 1, 5))  # joined on 2025-01-10
    with pytest.raises(PointValidationError) as caught:
        ws.points.add_entries([typed(branch, "王海"), late])
    assert [e.field for e in caught.value.errors] == ["entries.1.member_id"]
    assert "积分记录第 2 条的党员：2025-01-05 时不在本支部" in messages.error_text(caught.value)
    assert snapshot(ws) == before


def test_a_date_outside_the_schemes_year_is_refused(branch):
    ws = branch.ws
    before = snapshot(ws)
    with pytest.raises(PointValidationError) as caught:
        ws.points.add_entry(typed(branch, day=date(2024, 12, 31)), year=2025)
    assert messages.error_text(caught.value) == "日期：不在 2025 年积分方案的年度内"
    assert snapshot(ws) == before


def test_member_not_in_the_branch_on_that_date_is_refused(branch):
    ws = branch.ws
    with pytest.raises(PointValidationError) as caught:
        ws.points.add_entry(typed(branch, day=date(2009, 5, 1)))
    fields = {e.field: e.code for e in caught.value.errors}
    assert fields["member_id"] == "not_in_branch"
    text = messages.error_text(caught.value)
    assert "党员：2009-05-01 时不在本支部党员名册中" in text


def test_an_override_without_a_reason_is_refused_and_worded(branch):
    ws = branch.ws
    with pytest.raises(PointValidationError) as caught:
        ws.points.add_entry(typed(branch, points=D(3)))
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("override_reason", "override_needs_reason")
    ]
    assert (
        messages.error_text(caught.value) == "调整原因：分值与项目规定的 2 分不同，请填写调整原因"
    )
    entry_id, _ = ws.points.add_entry(typed(branch, points=D(3), override_reason="带队"))
    assert ws.points.entry(entry_id).points == 3


def test_sign_is_checked(branch):
    with pytest.raises(PointValidationError) as caught:
        branch.ws.points.add_entry(typed(branch, code="R01", points=D(5), override_reason="x"))
    assert "must_be_deduction" in {e.code for e in caught.value.errors}


def test_a_derived_rule_cannot_be_typed_and_a_derived_entry_cannot_be_deleted(branch):
    ws = branch.ws
    with pytest.raises(PointValidationError):
        ws.points.add_entry(typed(branch, code="L01"))
    ws.meetings.save(general_meeting(branch))
    [derived] = ws.points.ids(EntryFilter(derived=True, member_ids=(branch.id("王海"),)))
    with pytest.raises(PointServiceError) as caught:
        ws.points.delete_entries([derived])
    assert caught.value.code == "entry_is_derived"


def test_evidence_is_kept_as_an_attachment(branch, tmp_path):
    from dangjian_desktop.domain.attachments import NewAttachment

    pdf = NewAttachment("奖状.pdf", b"%PDF-1.4\ncommendation\n%%EOF\n")
    ws = branch.ws
    with pytest.raises(PointValidationError) as caught:
        ws.points.add_entry(typed(branch, code="B03"))
    assert caught.value.errors[0].code == "evidence_required"
    entry_id, _ = ws.points.add_entry(typed(branch, code="B03"), pdf)
    evidence = ws.points.entry(entry_id).evidence_id
    assert evidence is not None
    assert ws.attachments.get(evidence).file_name == "奖状.pdf"


def test_deleting_an_entry_releases_its_evidence(branch):
    """The attachment row goes with the entry (as a meeting's do), so the file is no longer
    named by the data file and the store's garbage collection can free it."""
    from datetime import datetime, timedelta

    from dangjian_desktop.domain.attachments import NewAttachment
    from dangjian_desktop.domain.errors import NotFoundError
    from dangjian_desktop.services.point_service import OWNER

    ws = branch.ws
    pdf = NewAttachment("奖状.pdf", b"%PDF-1.4\nonly this entry\n%%EOF\n")
    entry_id, _ = ws.points.add_entry(typed(branch, code="B03"), pdf)
    kept_id, _ = ws.points.add_entry(typed(branch, "王海", code="B03"), pdf)
    evidence = ws.points.entry(entry_id).evidence_id
    sha = ws.attachments.get(evidence).sha256
    ws.points.delete_entries([entry_id])
    assert ws.attachments.of(OWNER, entry_id) == []
    with pytest.raises(NotFoundError):
        ws.attachments.get(evidence)
    assert [a.sha256 for a in ws.attachments.of(OWNER, kept_id)] == [sha]  # shared file kept
    ws.points.delete_entries([kept_id])
    assert ws.attachments.usage()[0] == 0
    ws.attachments.collect_garbage(now=datetime.now() + timedelta(days=365))
    assert sha not in {name for name, _st in ws.attachments.store.names()}


# --- the scheme ------------------------------------------------------------------------------
def test_a_scheme_with_floor_above_ceiling_or_bad_weights_is_refused_in_chinese(branch):
    ws = branch.ws
    scheme = ws.points.scheme(2025)
    bad = replace(scheme, floor=D(70), ceiling=D(50), base=D(60))
    with pytest.raises(PointValidationError) as caught:
        ws.points.save_scheme(bad)
    assert "最高分：最低分（70）不能高于最高分（50）" in messages.error_text(caught.value)
    weights = ((EvaluationKind.LEADER, D("0.5")), (EvaluationKind.PEER, D("0.3")))
    with pytest.raises(PointValidationError) as caught:
        ws.points.save_scheme(replace(scheme, evaluation_weights=weights))
    assert "三评权重：合计为 0.8，应合计为 1（即 100%）" in messages.error_text(caught.value)
    assert ws.points.scheme_years() == []


def test_a_rule_change_leaves_past_entries_and_last_years_totals_untouched(branch):
    ws = branch.ws
    member = branch.id("赵敏")
    entry_id, _ = ws.points.add_entry(typed(branch))
    before = total_of(ws, member).total
    scheme = ws.points.scheme(2025)
    rules = tuple(replace(r, points=D(4)) if r.code == "V01" else r for r in scheme.rules)
    ws.points.save_scheme(replace(scheme, rules=rules))
    assert ws.points.entry(entry_id).points == 2  # kept as given
    assert total_of(ws, member).total == before
    # the template changing does not change a year that has its own scheme
    ws.points.save_template(replace(ws.points.template(), base=D(80)))
    assert total_of(ws, member).total == before
    assert ws.points.scheme(2026).base == 80


def test_a_rule_with_entries_cannot_be_removed(branch):
    ws = branch.ws
    ws.points.add_entry(typed(branch))
    scheme = ws.points.scheme(2025)
    with pytest.raises(PointServiceError) as caught:
        ws.points.save_scheme(
            replace(scheme, rules=tuple(r for r in scheme.rules if r.code != "V01"))
        )
    assert caught.value.code == "rule_in_use"
    assert "不能删除，可以停用" in messages.error_text(caught.value)


# --- derived entries --------------------------------------------------------------------------
def derived_rows(ws):
    return table(
        ws,
        "SELECT meeting_id, member_id, rule_code, points FROM point_entry WHERE derived "
        "ORDER BY member_id",
    )


def test_derived_entries_appear_update_and_vanish_with_the_meeting(branch):
    ws = branch.ws
    meeting = general_meeting(branch)
    meeting_id, changes = ws.meetings.save(meeting)
    assert changes.scores and changes.meetings
    rows = derived_rows(ws)
    assert len(rows) == len(meeting.attendance) and {r[2] for r in rows} == {"L01"}
    # a re-save without changes: the same entries, never a second set
    stored = ws.meetings.get(meeting_id)
    ws.meetings.save(stored)
    assert derived_rows(ws) == rows
    # 陈刚 was absent without a reason: 出席 credit goes, 无故缺席 −2 comes
    chen = branch.id("陈刚")
    lines = tuple(
        Attendance(a.member_id, Presence.ABSENT) if a.member_id == chen else a
        for a in stored.attendance
    )
    ws.meetings.save(replace(stored, attendance=lines))
    mine = [r for r in derived_rows(ws) if r[1] == chen]
    assert mine == [(meeting_id, chen, "L04", -20)]
    # a 缺席 with a reason (在航) is not 无故: nothing
    lines = tuple(
        Attendance(a.member_id, Presence.ABSENT, LeaveReason.AT_SEA) if a.member_id == chen else a
        for a in stored.attendance
    )
    ws.meetings.save(replace(ws.meetings.get(meeting_id), attendance=lines))
    assert [r for r in derived_rows(ws) if r[1] == chen] == []
    ws.meetings.delete(meeting_id)
    assert derived_rows(ws) == []
    ws.meetings.restore(meeting_id)
    assert len(derived_rows(ws)) == len(meeting.attendance) - 1


def test_a_derived_entry_keeps_its_points_when_the_rule_changes(branch):
    ws = branch.ws
    meeting_id, _ = ws.meetings.save(general_meeting(branch))
    scheme = ws.points.scheme(2025)
    rules = tuple(replace(r, points=D(3)) if r.code == "L01" else r for r in scheme.rules)
    ws.points.save_scheme(replace(scheme, rules=rules))
    ws.meetings.save(ws.meetings.get(meeting_id))
    assert {r[3] for r in derived_rows(ws)} == {10}


def test_regenerating_a_year_is_idempotent(branch):
    ws = branch.ws
    ws.meetings.save(general_meeting(branch))
    ws.meetings.save(general_meeting(branch, date(2025, 2, 20), topic="第一季度"))
    rows = derived_rows(ws)
    table(ws, "SELECT 1")  # nothing else
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "DELETE FROM point_entry WHERE rowid IN (SELECT min(rowid) FROM point_entry)"
        )
    result, _ = ws.points.regenerate(2025)
    assert (result.added, result.removed) == (1, 0)
    again, _ = ws.points.regenerate(2025)
    assert not again
    assert sorted(derived_rows(ws)) == sorted(rows)


def test_the_list_filters_derived_and_clicks_through_to_the_meeting(branch):
    ws = branch.ws
    meeting_id, _ = ws.meetings.save(general_meeting(branch))
    ws.points.add_entry(typed(branch))
    derived = ws.points.ids(EntryFilter(period=YEAR, derived=True), Sort("member"))
    assert len(derived) == 7
    row = ws.points.rows(derived[:1])[derived[0]]
    assert (row.derived, row.meeting_id, row.meeting_topic) == (
        True,
        meeting_id,
        "第二季度支部党员大会",
    )
    assert ws.points.count(EntryFilter(category="org_life")) == 7
    assert ws.points.count(EntryFilter(category="vanguard")) == 1


# --- totals ------------------------------------------------------------------------------------
def test_caps_are_applied_and_shown_in_totals_and_statement(branch):
    ws = branch.ws
    member = branch.id("赵敏")
    days = [date(2025, 1, d) for d in range(2, 14)]  # 12 × V01 (2 each, cap 10)
    ws.points.add_entries([typed(branch, day=d) for d in days[:6]])
    line = total_of(ws, member)
    assert (line.bonus, line.capped, line.total) == (10, 2, 70)
    statement = ws.points.statement(member, YEAR)
    assert statement.total == line.total and statement.capped == 2
    [last] = [x for x in statement.lines if x.capped]
    assert (last.counted, last.capped) == (0, 2)


def test_floor_and_ceiling_hold_the_total(branch):
    ws = branch.ws
    scheme = ws.points.scheme(2025)
    ws.points.save_scheme(replace(scheme, ceiling=D(64)))
    member = branch.id("赵敏")
    ws.points.add_entries([typed(branch, code="B02", day=date(2025, 1, d)) for d in (2, 3)])
    assert total_of(ws, member).total == 64
    ws.points.add_entries(
        [typed(branch, "刘洋", code="R01", day=date(2025, 1, d)) for d in range(2, 16)]
    )
    assert total_of(ws, branch.id("刘洋")).total == 0  # 60 − 70, floor 0


def test_三评_is_folded_in_with_its_weights(branch):
    ws = branch.ws
    member = branch.id("赵敏")
    ws.points.set_evaluations(
        YEAR, EvaluationKind.LEADER, [Evaluation(member, YEAR, EvaluationKind.LEADER, D(90))]
    )
    ws.points.set_evaluations(
        YEAR, EvaluationKind.PEER, [Evaluation(member, YEAR, EvaluationKind.PEER, D(60))]
    )
    # equal thirds over the kinds held: (90 + 60) / 2 = 75 → 75 × 20 / 100 = 15
    line = total_of(ws, member)
    assert (line.evaluation, line.total) == (15, 75)
    assert ws.points.statement(member, YEAR).total == 75
    # weights 0.6 / 0.3 / 0.1: (0.6·90 + 0.3·60) / 0.9 = 80 → 16
    scheme = ws.points.scheme(2025)
    weights = (
        (EvaluationKind.LEADER, D("0.6")),
        (EvaluationKind.PEER, D("0.3")),
        (EvaluationKind.PUBLIC, D("0.1")),
    )
    ws.points.save_scheme(replace(scheme, evaluation_weights=weights))
    assert total_of(ws, member).evaluation == 16


def test_a_score_out_of_range_is_refused(branch):
    member = branch.id("赵敏")
    with pytest.raises(PointValidationError) as caught:
        branch.ws.points.set_evaluations(
            YEAR, EvaluationKind.LEADER, [Evaluation(member, YEAR, EvaluationKind.LEADER, D(120))]
        )
    assert caught.value.errors[0].field == "scores.0.score"


def test_exempt_members_are_listed_but_not_ranked(branch):
    ws = branch.ws
    mobile = branch.id("孙丽")
    stored = ws.members.get(mobile)
    ws.members.update(replace(stored, is_mobile=True))
    ws.points.add_entry(typed(branch))
    report = ws.points.totals(YEAR)
    assert mobile in {t.member_id for t in report.totals} and mobile not in report.counted
    ranked = ws.points.ranking(report)
    assert ranked[0].total.member_id == branch.id("赵敏") and ranked[0].rank == 1
    assert mobile not in {r.total.member_id for r in ranked}


def test_a_quarterly_scheme_totals_each_quarter(branch):
    ws = branch.ws
    ws.points.save_scheme(replace(ws.points.scheme(2025), period=ScoringPeriod.QUARTER))
    ws.points.add_entry(typed(branch, day=date(2025, 5, 1)))
    member = branch.id("赵敏")
    assert total_of(ws, member, PeriodKey(2025, 1)).total == 60
    assert total_of(ws, member, PeriodKey(2025, 2)).total == 62


# --- 民主评议 ------------------------------------------------------------------------------------
def grade_all(branch, excellent):
    formal = ["王海", "李静", "陈刚", "赵敏", "刘洋", "孙丽"]
    return [
        AppraisalGrade(branch.id(n), 2025, Grade.EXCELLENT if n in excellent else Grade.QUALIFIED)
        for n in formal
    ]


def test_more_than_a_third_excellent_warns_and_needs_confirming(branch):
    """Brief §1.4: 优秀 generally not above one third of those graded."""
    ws = branch.ws
    ws.points.set_grades(2024, [], confirm=True)  # nothing to grade that year: fine
    ok, _ = ws.points.set_grades(2025, grade_all(branch, ["王海", "李静"]))
    assert ok == []
    too_many = grade_all(branch, ["王海", "李静", "陈刚"])
    with pytest.raises(PointServiceError) as caught:
        ws.points.set_grades(2025, too_many)
    assert caught.value.errors[0].code == "excellent_over_third"
    assert "评为优秀的有 3 人" in messages.field_error_text(caught.value.errors[0])
    warnings, _ = ws.points.set_grades(2025, too_many, confirm=True)
    assert warnings[0].code == "excellent_over_third"
    assert len(ws.points.appraisal(2025).grades) == 6


def test_a_probationary_member_is_not_graded(branch):
    """Issue 9 item 4: 预备党员 are not graded."""
    ws = branch.ws
    grades = [*grade_all(branch, []), AppraisalGrade(branch.id("周新"), 2025, Grade.QUALIFIED)]
    with pytest.raises(PointValidationError) as caught:
        ws.points.set_grades(2025, grades, confirm=True)
    assert caught.value.errors[0].code == "probationary_graded"
    sheet = ws.points.appraisal(2025)
    assert branch.id("周新") in {m.id for m in sheet.members}


def test_the_list_sorts_by_member_in_roster_order_newest_first(branch):
    ws = branch.ws
    days = (date(2025, 1, 2), date(2025, 2, 3))
    ws.points.add_entries([typed(branch, n, day=d) for n in ("赵敏", "陈刚") for d in days])
    ids = ws.points.ids(EntryFilter(), Sort("member"))
    rows = ws.points.rows(ids)
    shown = [(rows[i].member_name, rows[i].date) for i in ids]
    # 陈 (chen) before 赵 (zhao); each member's newest first
    assert shown == [("陈刚", days[1]), ("陈刚", days[0]), ("赵敏", days[1]), ("赵敏", days[0])]
    backwards = ws.points.ids(EntryFilter(), Sort("member", descending=True))
    assert [rows[i].member_name for i in backwards] == ["赵敏", "赵敏", "陈刚", "陈刚"]
