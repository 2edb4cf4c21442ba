"""The sign-in grid's model keeps only the lines that say more than plain 出席 and answers
its cells from the roster's columns: every cell, flag, line, head count and state must be
what a model holding one Attendance per row says (the rows' lines built in full), before
and after edits made with the grid's keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dangjian_desktop.domain.meeting_roster import ListedRoster
from dangjian_desktop.domain.meeting_rules import ListedMember, head_count
from dangjian_desktop.domain.meetings import Attendance, LeaveReason, Presence
from dangjian_desktop.export.labels import LEAVE_REASON, PRESENCE
from dangjian_desktop.gui.widgets.attendance_grid import (
    EXCLUDED,
    HEADERS,
    KIND,
    NAME,
    PRESENCE_COL,
    REASON,
    AttendanceGrid,
    AttendanceModel,
)

pytestmark = pytest.mark.gui

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
)
MEMBERS = [
    ListedMember(11, "王海", True, 1, True),
    ListedMember(12, "李静", True, 1, False),
    ListedMember(13, "陈刚", True, 2, False),
    ListedMember(14, "赵敏", False, 1, False),
    ListedMember(15, "刘洋", True, 2, False),
    ListedMember(16, "孙丽", True, 2, False),
]
STORED = (
    Attendance(11),  # a plain line as stored
    Attendance(12, Presence.LEAVE, LeaveReason.PERSONAL),
    Attendance(13, Presence.ABSENT, note="联系不上"),
    Attendance(14, excluded=True, exclusion_reason="在航", exclusion_approval="经上级同意"),
    Attendance(98, Presence.LEAVE),  # not expected, no name known
    Attendance(99, note="已转出"),  # not expected, named
)


def eager_cell(row: int, member: ListedMember, line: Attendance, col: int, role, errors):
    """What a cell said when the model held one ListedMember and one Attendance per row."""
    row_col = (row, col)
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
        edit = role == Qt.ItemDataRole.EditRole
        return {
            NAME: member.name,
            KIND: "正式党员" if member.formal else "预备党员",
            PRESENCE_COL: line.presence.value if edit else PRESENCE[line.presence],
            REASON: line.reason.value if edit else LEAVE_REASON[line.reason],
            4: line.note,
            6: line.exclusion_reason,
            7: line.exclusion_approval,
        }.get(col)
    if role == Qt.ItemDataRole.CheckStateRole and col == EXCLUDED:
        return Qt.CheckState.Checked if line.excluded else Qt.CheckState.Unchecked
    if role == Qt.ItemDataRole.ForegroundRole and col in (PRESENCE_COL, REASON):
        return "away" if line.presence is not Presence.PRESENT else None
    if role == Qt.ItemDataRole.BackgroundRole and row_col in errors:
        return "error"
    if role == Qt.ItemDataRole.ToolTipRole and row_col in errors:
        return errors[row_col]
    return None


def eager_rows(lines=STORED) -> tuple[list[ListedMember], list[Attendance]]:
    """The rows as the eager model built them from MEMBERS, `lines` and the names known."""
    by_id = {a.member_id: a for a in lines}
    members, rows = (
        list(MEMBERS),
        [by_id.pop(m.member_id, Attendance(m.member_id)) for m in MEMBERS],
    )
    for extra in by_id.values():
        members.append(
            ListedMember(extra.member_id, {99: "吴军"}.get(extra.member_id, "#98"), False)
        )
        rows.append(extra)
    return members, rows


def cells_of(model: AttendanceModel) -> list:
    said = []
    for row in range(model.rowCount()):
        for col in range(len(HEADERS)):
            index = model.index(row, col)
            for role in ROLES:
                value = model.data(index, role)
                if role == Qt.ItemDataRole.ForegroundRole and value is not None:
                    value = "away"
                if role == Qt.ItemDataRole.BackgroundRole and value is not None:
                    value = "error"
                said.append((row, col, role, value, model.flags(index)))
    return said


def expected_cells(members, rows, errors, read_only: bool = False) -> list:
    base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    said = []
    for row, (member, line) in enumerate(zip(members, rows, strict=True)):
        for col in range(len(HEADERS)):
            if read_only or col in (NAME, KIND):
                flags = base
            elif col == EXCLUDED:
                flags = base | Qt.ItemFlag.ItemIsUserCheckable
            elif col == REASON and line.presence is Presence.PRESENT:
                flags = base
            else:
                flags = base | Qt.ItemFlag.ItemIsEditable
            for role in ROLES:
                value = eager_cell(row, member, line, col, role, errors)
                said.append((row, col, role, value, flags))
    return said


@pytest.fixture
def model(qtmodeltester):
    model = AttendanceModel()
    model.set_lines(ListedRoster.of(MEMBERS), STORED, {99: "吴军"})
    qtmodeltester.check(model)
    return model


def test_every_cell_is_what_the_eager_model_said(model):
    members, rows = eager_rows()
    assert model.members == members
    assert model.attendance() == tuple(rows)
    assert model.lines == rows
    assert model.head() == head_count(rows)
    assert cells_of(model) == expected_cells(members, rows, {})
    # Errors shown at cells; read-only flags.
    errors = {(1, REASON): "请选择原因", (6, NAME): "不在当日名册"}
    model.set_errors(dict(errors))
    assert cells_of(model) == expected_cells(members, rows, errors)
    model.read_only = True
    assert cells_of(model) == expected_cells(members, rows, errors, read_only=True)


def test_a_list_of_members_is_taken_as_the_roster_and_unlisted_lines_dropped_without_names():
    model = AttendanceModel()
    model.set_lines(MEMBERS, STORED)  # the type or date changed: no names, no extra rows
    members, rows = eager_rows(STORED[:4])
    assert (model.members, model.attendance()) == (members, tuple(rows))
    assert model.given_lines() == list(STORED[1:4])  # the stored plain line says nothing
    assert model.plain_ids() == [11, 15, 16]


def test_edits_by_key_are_the_eager_models_and_back_is_as_loaded(qtbot):
    grid = AttendanceGrid()
    qtbot.addWidget(grid)
    model, table = grid.model, grid.table
    model.set_lines(ListedRoster.of(MEMBERS), STORED, {99: "吴军"})
    loaded, revision = model.state(), model.revision
    assert grid.counts.text() == "应到 7 人，实到 4 人，请假 2 人，缺席 1 人（不计入应到人数 1 人）"
    table.setFocus()
    table.setCurrentIndex(model.index(4, PRESENCE_COL))  # 刘洋, a plain row
    QTest.keyClick(table, Qt.Key.Key_3)  # 缺席
    QTest.keyClick(table, Qt.Key.Key_3)  # 原因: 病假
    members, rows = eager_rows()
    rows[4] = Attendance(15, Presence.ABSENT, LeaveReason.SICK)
    assert model.attendance() == tuple(rows) and model.revision > revision
    assert cells_of(model) == expected_cells(members, rows, {})
    assert grid.counts.text() == "应到 7 人，实到 3 人，请假 2 人，缺席 2 人（不计入应到人数 1 人）"
    assert model.state() != loaded
    table.setCurrentIndex(model.index(4, PRESENCE_COL))
    QTest.keyClick(table, Qt.Key.Key_1)  # back to 出席: the line says nothing again
    assert model.state() == loaded
    assert model.attendance() == tuple(eager_rows()[1]) == tuple(model.lines)
    # 全部出席 keeps notes and exclusions, as the eager model's replace did.
    QTest.mouseClick(grid.all_button, Qt.MouseButton.LeftButton)
    expected = [
        Attendance(a.member_id, Presence.PRESENT, LeaveReason.NONE, a.note, a.excluded,
                   a.exclusion_reason, a.exclusion_approval)
        for a in eager_rows()[1]
    ]  # fmt: skip
    assert model.attendance() == tuple(expected)
    assert model.head() == head_count(expected)
