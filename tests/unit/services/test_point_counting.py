"""The branch's counting decisions (issue 9): a retired or 流动 member the scheme exempts can
be counted, a counted one left out, with a reason; the choice is stored (point_counting), so
totals, ranking and statements still honour it after the file is reopened."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop import messages
from dangjian_desktop.domain.point_rules import PointValidationError
from dangjian_desktop.domain.points import CountingOverride, PeriodKey
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.point_service import PointServiceError
from tests.unit.services.meeting_data import make_branch

YEAR = PeriodKey(2025)


@pytest.fixture
def branch(workspace):
    branch = make_branch(workspace)
    ws = branch.ws
    retired = ws.members.get(branch.id("陈刚"))
    ws.members.update(replace(retired, person_category="离退休人员"))
    return branch


def counted_names(ws, branch) -> set[str]:
    report = ws.points.totals(YEAR)
    names = {v: k for k, v in branch.ids.items()}
    return {names[m] for m in report.counted}


def test_the_choice_is_stored_and_honoured_after_reopening(branch, data_path):
    ws = branch.ws
    assert "陈刚" not in counted_names(ws, branch)  # retired: exempt by the scheme
    ws.points.set_counting(CountingOverride(branch.id("陈刚"), 2025, True, "本人要求参加"))
    ws.points.set_counting(CountingOverride(branch.id("赵敏"), 2025, False, "长期病休"))
    ws.close(final_backup=False)

    again = Workspace.open(data_path, today=lambda: date(2025, 6, 15))
    try:
        counted = counted_names(again, branch)
        assert "陈刚" in counted and "赵敏" not in counted
        ranked = {r.total.member_id for r in again.points.ranking(again.points.totals(YEAR))}
        assert branch.id("陈刚") in ranked and branch.id("赵敏") not in ranked
        [statement] = again.points.statements(YEAR, [branch.id("陈刚")])
        assert statement.counted
        assert again.points.counting(2025)[branch.id("赵敏")].reason == "长期病休"
        assert again.points.counting(2026) == {}  # a decision is for its year only
        again.points.clear_counting(branch.id("陈刚"), 2025)
        assert "陈刚" not in counted_names(again, branch)
    finally:
        again.close(final_backup=False)


def test_a_decision_needs_a_reason_and_a_member(branch):
    ws = branch.ws
    with pytest.raises(PointValidationError) as caught:
        ws.points.set_counting(CountingOverride(branch.id("陈刚"), 2025, True, " "))
    assert caught.value.errors[0].field == "reason"
    assert "支部决定的理由" in messages.error_text(caught.value)
    with pytest.raises(PointServiceError) as missing:
        ws.points.set_counting(CountingOverride(9999, 2025, True, "x"))
    assert missing.value.code == "no_member"
    assert ws.points.counting(2025) == {}
