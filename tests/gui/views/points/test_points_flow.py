"""积分 tab by keyboard (issue 9): add a rule in the scheme editor, bulk-enter a 党小组 with it,
see the totals and a member's statement (cap visible) update; an override without a reason is
refused at its field; a derived entry opens its meeting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from dangjian_desktop.domain.points import EntryFilter, PeriodKey
from dangjian_desktop.gui.dialogs.point_entry_dialog import BulkEntryDialog, PointEntryDialog
from dangjian_desktop.gui.dialogs.point_scheme_dialog import PointSchemeDialog
from dangjian_desktop.gui.dialogs.point_statement_dialog import StatementDialog
from dangjian_desktop.gui.views.points.common import points_text
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings
from tests.photos import photo
from tests.unit.services.meeting_data import general_meeting

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

YEAR = date.today().year
DAY = date(YEAR, 3, 10)
GROUP = "驾驶部党小组"  # 王海, 李静, 赵敏 (and the 预备党员 周新)


def _type_date(field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)


def _retype(field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)


def _type_cell(qtbot, rows_table, row: int, column: int, text: str) -> None:
    """Open a cell's editor (as a double-click does), type, Return."""
    index = rows_table.model.index(row, column)
    if rows_table.view.indexWidget(index) is None:
        rows_table.view.setCurrentIndex(index)
        rows_table.view.edit(index)
    editor = rows_table.view.indexWidget(index)
    editor.selectAll()
    if text.isascii():
        QTest.keyClicks(editor, text)
    else:
        type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows_table.view.indexWidget(index) is None)


def _choose(combo, words: str) -> None:
    """Pick an entry of a combo by keyboard: Home, then Down until it shows `words`."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(words):
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(words), combo.currentText()


def _save(dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _add_rule(qtbot, view, *, cap: str) -> PointSchemeDialog:
    dialog = PointSchemeDialog(view._ws, view._events, YEAR, view)
    qtbot.addWidget(dialog)
    dialog.show()
    rules = dialog.rules
    QTest.mouseClick(rules.add_button, Qt.MouseButton.LeftButton)  # opens the new row's 编号
    row = rules.model.rowCount() - 1
    for column, text in ((0, "T01"), (2, "志愿服务日"), (3, "4"), (5, cap)):
        _type_cell(qtbot, rules, row, column, text)
    _save(dialog)
    return dialog


def test_a_rule_with_a_cap_below_its_points_is_refused_at_its_row(qtbot, view):
    dialog = _add_rule(qtbot, view, cap="1")
    assert dialog.isVisible()  # not saved
    assert view._ws.points.scheme(YEAR).rule("T01") is None
    row = len(dialog.rules.rows()) - 1
    assert dialog.rules.errors_label.isVisible()
    assert f"第 {row + 1} 行 每期封顶" in dialog.rules.errors_label.text()
    assert "一次也记不满" in dialog.rules.errors_label.text()


def test_add_a_rule_bulk_enter_a_group_and_see_totals_and_statement(qtbot, view, branch):
    ws = view._ws
    dialog = _add_rule(qtbot, view, cap="8")
    assert not dialog.isVisible(), dialog.summary.text() + dialog.rules.errors_label.text()
    rule = ws.points.scheme(YEAR).rule("T01")
    assert (rule.name, rule.points, rule.cap, rule.category) == ("志愿服务日", D(4), D(8), "study")

    view.refresh()
    before = {t.member_id: t.total for t in ws.points.totals(PeriodKey(YEAR)).totals}
    for day in (f"{YEAR}-03-10", f"{YEAR}-04-10", f"{YEAR}-05-10"):  # the third passes the cap
        bulk = BulkEntryDialog(ws, view._events, YEAR, view)
        qtbot.addWidget(bulk)
        bulk.show()
        _choose(bulk.group, GROUP)
        _type_date(bulk.date, day)
        _choose(bulk.rule, "政治学习·志愿服务日")
        assert bulk.points.text() == "4"
        _save(bulk)
        assert not bulk.isVisible(), bulk.summary.text()
        assert len(bulk.saved_ids) == 4  # the whole group, 周新 (预备党员) included

    group = {branch.id(n) for n in ("王海", "李静", "赵敏", "周新")}
    flt = EntryFilter(period=PeriodKey(YEAR), rule_code="T01")
    assert ws.points.count(flt) == 12

    # the list shows them; the totals page shows 8 more (capped), the statement says why
    assert view.model.rowCount() == 12
    view.pages.setCurrentWidget(view.totals_page)
    qtbot.waitUntil(lambda: not view.totals_loading and view.totals_model.rowCount() > 0)
    shown = {}
    for row in range(view.totals_model.rowCount()):
        member_id = view.totals_model.item(row, 1).data(Qt.ItemDataRole.UserRole)
        shown[member_id] = (
            view.totals_model.item(row, 7).text(),
            view.totals_model.item(row, 5).text(),
        )
    wang = branch.id("王海")
    assert shown[wang] == (str(before[wang] + 8), "4")
    others = set(shown) - group
    assert all(shown[m][0] == str(before[m]) for m in others)

    row = next(
        r
        for r in range(view.totals_model.rowCount())
        if view.totals_model.item(r, 1).data(Qt.ItemDataRole.UserRole) == wang
    )
    view.totals_table.selectRow(row)
    opened = []
    monkey_exec = StatementDialog.exec
    StatementDialog.exec = lambda self: opened.append(self) or 0
    try:
        view.totals_table.doubleClicked.emit(view.totals_model.index(row, 1))
    finally:
        StatementDialog.exec = monkey_exec
    [statement] = opened
    qtbot.addWidget(statement)
    texts = [
        [statement.model.item(r, c).text() for c in range(statement.model.columnCount())]
        for r in range(statement.model.rowCount())
    ]
    mine = [t for t in texts if t[1] == "志愿服务日"]
    assert [t[3] for t in mine] == ["+4", "+4", "0"]
    assert [t[4] for t in mine] == ["", "", "4"]
    assert "封顶未计 4" in statement.summary.text()
    assert f"总分 {before[wang] + 8}" in statement.total.text()


def test_an_override_without_a_reason_is_refused_at_the_field(qtbot, view, branch):
    ws = view._ws
    dialog = PointEntryDialog(ws, view._events, YEAR, None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog.member, "赵敏")
    _type_date(dialog.date, f"{YEAR}-03-10")
    _choose(dialog.rule, "先锋作用·参加志愿服务")
    assert dialog.points.text() == "2"
    _retype(dialog.points, "5")
    _save(dialog)
    assert dialog.isVisible()
    label = dialog.errors.label("override_reason")
    assert label.isVisible() and "原因" in label.text()
    assert ws.points.count(EntryFilter(period=PeriodKey(YEAR), derived=False)) == 0

    dialog.override_reason.setFocus()
    type_text(dialog.override_reason, "带队两次")
    _save(dialog)
    assert not dialog.isVisible(), dialog.summary.text()
    entry = ws.points.entry(dialog.saved_id)
    assert (entry.points, entry.override_reason) == (D(5), "带队两次")
    assert view.model.rowCount() == 1


def test_evidence_file_is_kept_with_the_entry(qtbot, view, branch, tmp_path, file_dialogs):
    ws = view._ws
    proof = tmp_path / "证明.jpg"
    proof.write_bytes(photo())
    file_dialogs.answer(proof)
    dialog = PointEntryDialog(ws, view._events, YEAR, None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog.member, "李静")
    _type_date(dialog.date, f"{YEAR}-03-12")
    _choose(dialog.rule, "先锋作用·参加志愿服务")
    QTest.mouseClick(dialog.evidence_button, Qt.MouseButton.LeftButton)
    assert dialog.evidence_label.text() == "证明.jpg"
    _save(dialog)
    assert not dialog.isVisible(), dialog.summary.text()
    assert ws.points.entry(dialog.saved_id).evidence_id is not None


def test_a_derived_entry_opens_its_meeting(qtbot, view, branch, main_window, monkeypatch):
    ws = view._ws
    meeting_id, changes = ws.meetings.save(general_meeting(branch, date(YEAR, 2, 20)))
    main_window.events.publish(changes)
    assert view.model.rowCount() > 0
    view.kind.setCurrentIndex(view.kind.findData(True))
    row = view.model.item(0)
    assert row.derived and row.meeting_id == meeting_id
    assert view.model.data(view.model.index(0, 5)).startswith("自动：")
    opened = []
    monkeypatch.setattr(main_window.meetings_view, "open_meeting", opened.append)
    view.table.selectRow(0)
    view.table.doubleClicked.emit(view.model.index(0, 0))
    assert opened == [meeting_id]
    assert main_window.tabs.currentWidget() is main_window.meetings_view
    assert not view.delete_button.isEnabled()  # a derived entry follows its meeting


def test_三评_scores_typed_in_the_grid_reach_the_totals(qtbot, view, branch):
    from dangjian_desktop.domain.points import EvaluationKind
    from dangjian_desktop.gui.dialogs.point_statement_dialog import EvaluationDialog

    ws = view._ws
    period = PeriodKey(YEAR)
    before = {t.member_id: t for t in ws.points.totals(period).totals}
    dialog = EvaluationDialog(ws, view._events, period, view)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.tables[EvaluationKind.LEADER]
    row = [m.name for m in dialog.members].index("赵敏")
    index = table.model().index(row, 1)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    QTest.keyClicks(editor, "90")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)  # committed, dialog still open
    assert dialog.isVisible()
    _save(dialog)
    assert not dialog.isVisible(), dialog.summary.text()
    zhao = branch.id("赵敏")
    after = {t.member_id: t for t in ws.points.totals(period).totals}
    assert after[zhao].evaluation > before[zhao].evaluation
    view.pages.setCurrentWidget(view.totals_page)
    qtbot.waitUntil(lambda: not view.totals_loading and view.totals_model.rowCount() > 0)
    shown = {
        view.totals_model.item(r, 1).text(): view.totals_model.item(r, 6).text()
        for r in range(view.totals_model.rowCount())
    }
    assert shown["赵敏"] == points_text(after[zhao].evaluation)
    assert shown["王海"] == ""


def test_a_score_above_100_is_refused_with_the_members_name(qtbot, view, branch):
    from dangjian_desktop.domain.points import EvaluationKind
    from dangjian_desktop.gui.dialogs.point_statement_dialog import EvaluationDialog

    dialog = EvaluationDialog(view._ws, view._events, PeriodKey(YEAR), view)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.tables[EvaluationKind.PEER]
    row = [m.name for m in dialog.members].index("李静")
    index = table.model().index(row, 1)
    table.setCurrentIndex(index)
    table.edit(index)
    QTest.keyClicks(table.indexWidget(index), "120")
    QTest.keyClick(table.indexWidget(index), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)
    _save(dialog)
    assert dialog.isVisible()
    assert dialog.summary.text().startswith("党员互评·李静：")
    assert view._ws.points.evaluations(PeriodKey(YEAR)) == []
