"""Shared 阵地 test data: a branch with two venues and its crew (meeting_data.make_branch),
an inspection of the default template with chosen outcomes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dangjian_desktop.domain.venues import Inspection, Inspector, ItemResult, Outcome
from tests.unit.services.meeting_data import Branch

P, F, NA = Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE


def inspection(
    branch: Branch,
    day: date = date(2025, 5, 20),
    venue: int = 0,
    fails: dict[str, str] | None = None,
    not_applicable: tuple[str, ...] = (),
    **changes,
) -> Inspection:
    """An inspection of venue `venue` on `day` on the current template: every item 合格
    except the keys in `fails` (key → finding) and `not_applicable`."""
    ws = branch.ws
    draft = ws.venues.draft_inspection(branch.venues[venue], day)
    fails = fails or {}
    results = []
    for _, item in draft.template.items():
        if item.key in fails:
            results.append(ItemResult(item.key, F, fails[item.key]))
        elif item.key in not_applicable:
            results.append(ItemResult(item.key, NA))
        else:
            results.append(ItemResult(item.key, P))
    values = {
        "inspectors": (Inspector(branch.id("王海")), Inspector(name="公司党委 赵敏")),
        "results": tuple(results),
    }
    values.update(changes)
    return replace(draft, **values)
