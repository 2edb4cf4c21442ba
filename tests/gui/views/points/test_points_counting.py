"""积分汇总's 计入/免于排名…: the branch counts a retired member the scheme exempts, with a
reason; the choice is stored and the page shows the member ranked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from dangjian_desktop.domain.points import PeriodKey
from tests.gui.keyboard import offscreen_window_warnings
from tests.unit.services.meeting_data import make_branch

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

YEAR = date.today().year


def row_of(view, member_id) -> int:
    model = view.totals_model
    return next(
        r
        for r in range(model.rowCount())
        if model.item(r, 1).data(Qt.ItemDataRole.UserRole) == member_id
    )


def test_a_retired_member_is_counted_by_the_branchs_decision(
    qtbot, main_window, gui_workspace, monkeypatch
):
    branch = make_branch(gui_workspace)
    ws = gui_workspace
    chen = branch.id("陈刚")
    ws.members.update(replace(ws.members.get(chen), person_category="离退休人员"))
    main_window.tabs.setCurrentWidget(main_window.points_view)
    view = main_window.points_view
    view.pages.setCurrentWidget(view.totals_page)
    qtbot.waitUntil(lambda: not view.totals_loading and view.totals_model.rowCount() > 0)
    assert view.totals_model.item(row_of(view, chen), 0).text() == ""  # not ranked
    view.totals_table.selectRow(row_of(view, chen))
    asked = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: asked.append(a[2]) or ("本人要求参加", True)
    )
    view.counting_button.click()
    assert "计入" in asked[0]
    assert ws.points.counting(YEAR)[chen].counted
    qtbot.waitUntil(
        lambda: (
            not view.totals_loading and view.totals_model.item(row_of(view, chen), 0).text() != ""
        )
    )
    assert chen in ws.points.totals(PeriodKey(YEAR)).counted
