"""A damaged value gets one typed error naming the record (issue 7 item 3).

Each test writes members through the real open path, closes the file, changes bytes inside
one text cell of the file itself (tests/corrupt.py), checks that SQLite's own checks still
pass, and reopens it: reads must raise DamagedRecordError (table, record id, column), never
a decoding error, while every other record stays readable.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.domain.people import MemberFilter, MemberSort, PartyStatus, StatusChange
from dangjian_desktop.messages import error_text, storage_error_title
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import damage, member_repo
from dangjian_desktop.storage.errors import DamagedRecordError
from tests.conftest import TODAY
from tests.corrupt import DAMAGED, KINDS, NOTE, checks, replace_bytes
from tests.gui.members_data import member

EVERYONE = MemberFilter(statuses=(), include_deleted=True)


def write_members(path: Path, **extra) -> dict[int, str]:
    """Members 1, 2 and 3 (3 holds the values the damage hits); returns id → name."""
    ws = Workspace.open(path, today=lambda: TODAY)
    try:
        names = {}
        for i in (1, 2, 3):
            m = member(i, note=NOTE if i == DAMAGED else "")
            member_id, _ = ws.members.add(m)
            names[member_id] = m.name
        if extra.get("status_reason"):
            damaged_id = next(reversed(names))
            change = StatusChange(PartyStatus.SUSPENDED, date(2024, 3, 1), extra["status_reason"])
            ws.members.change_status(damaged_id, change)
    finally:
        ws.close(final_backup=False)  # checkpoints the WAL into the file
    return names


def reopen(path: Path) -> Workspace:
    return Workspace.open(path, today=lambda: TODAY)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_damaged_value_raises_one_error_naming_the_record(data_path, kind):
    flip, column = KINDS[kind]
    names = write_members(data_path)
    damaged_id = list(names)[DAMAGED - 1]
    replace_bytes(data_path, *flip)
    assert checks(data_path) == ("ok", "ok")  # SQLite's checks cannot see this damage

    ws = reopen(data_path)
    try:
        ids = ws.members.ids(EVERYONE, MemberSort())  # the roster query still runs
        assert sorted(ids) == sorted(names)
        with pytest.raises(DamagedRecordError) as caught:
            ws.members.rows(ids)
        error = caught.value
        assert (error.table, error.record_id, error.column) == ("member", damaged_id, column)
        assert error.record_label == names[damaged_id]  # the name itself is intact
        with pytest.raises(DamagedRecordError):
            ws.members.get(damaged_id)
        for member_id in set(names) - {damaged_id}:  # the others read as before
            assert ws.members.get(member_id).name == names[member_id]
        assert ws.members.count(EVERYONE) == 3
    finally:
        ws.close(final_backup=False)


@pytest.mark.parametrize(("kind", "field"), [("bad_utf8", "备注"), ("bad_date", "出生日期")])
def test_the_error_is_worded_for_the_user_and_keeps_values_out_of_logs(data_path, kind, field):
    names = write_members(data_path)
    replace_bytes(data_path, *KINDS[kind][0])
    ws = reopen(data_path)
    try:
        with pytest.raises(DamagedRecordError) as caught:
            ws.members.rows(list(names))
    finally:
        ws.close(final_backup=False)
    error = caught.value
    name = names[error.record_id]
    assert storage_error_title(error) == "数据已损坏"
    text = error_text(error)
    assert f"“{name}”" in text and f"“{field}”" in text and "从备份恢复" in text
    # str() is what a log line would hold: the record, never a personal value.
    assert name not in str(error) and NOTE not in str(error) and "1963" not in str(error)


def test_a_damaged_name_is_named_by_record_number(data_path):
    names = write_members(data_path)
    damaged_id = list(names)[DAMAGED - 1]
    name = names[damaged_id].encode()
    # The name is in the row and in three indexes (ix_member_name, ix_member_roster and
    # ix_member_name_order).
    replace_bytes(data_path, name, name[:-1] + b"\xff", places=4)
    assert checks(data_path)[0] == "ok"
    ws = reopen(data_path)
    try:
        with pytest.raises(DamagedRecordError) as caught:
            ws.members.rows(list(names))
    finally:
        ws.close(final_backup=False)
    assert (caught.value.record_id, caught.value.column) == (damaged_id, "name")
    assert caught.value.record_label == ""
    assert f"编号 {damaged_id}" in error_text(caught.value)


def test_a_damaged_status_history_row_is_named(data_path):
    reason = "长期出海未参加组织生活"
    names = write_members(data_path, status_reason=reason)
    replace_bytes(data_path, reason.encode(), reason.encode()[:-1] + b"\xfe")
    ws = reopen(data_path)
    try:
        damaged_id = list(names)[-1]
        with pytest.raises(DamagedRecordError) as caught:
            ws.members.history(damaged_id)
        assert (caught.value.table, caught.value.column) == ("member_status", "reason")
        assert error_text(caught.value).startswith("党籍状态记录（编号 ")
        assert "的“原因”已损坏" in error_text(caught.value)
        assert ws.members.get(damaged_id).status is PartyStatus.SUSPENDED  # the record is fine
    finally:
        ws.close(final_backup=False)


# --- what is not damage stays what it is -----------------------------------------------------
def test_a_bug_is_not_reported_as_damage(workspace, monkeypatch):
    """A ValueError that no stored value reproduces is our bug, and raised as such."""
    member_id, _ = workspace.members.add(member(1))

    def broken(values):
        raise ValueError("a bug in the mapping")

    monkeypatch.setattr(member_repo, "_from_values", broken)
    with pytest.raises(ValueError, match="a bug in the mapping"):
        workspace.members.rows([member_id])


def test_sqlites_own_errors_are_not_taken_for_a_damaged_value():
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("SELECT * FROM no_such_table")
    except sqlite3.OperationalError as exc:
        real = exc
    finally:
        conn.close()
    wrapped = type("Wrapped", (Exception,), {})()
    wrapped.orig = real
    assert not damage.may_be_damage(wrapped)
    undecodable = sqlite3.connect(":memory:")
    try:
        undecodable.execute("SELECT CAST(X'E5FF' AS TEXT)").fetchall()
    except sqlite3.OperationalError as exc:
        wrapped.orig = exc
    finally:
        undecodable.close()
    assert damage.may_be_damage(wrapped)


def test_a_text_cell_that_holds_bytes_is_damage(data_path):
    """A flipped byte in a record header can change a cell's type: the note comes back as
    bytes (a BLOB), which the GUI would trip over later, far from the cause."""
    names = write_members(data_path)
    damaged_id = list(names)[DAMAGED - 1]
    conn = sqlite3.connect(data_path)
    with conn:
        conn.execute("UPDATE member SET note = CAST(note AS BLOB) WHERE id = ?", (damaged_id,))
    conn.close()
    ws = reopen(data_path)
    try:
        with pytest.raises(DamagedRecordError) as caught:
            ws.members.rows(list(names))
    finally:
        ws.close(final_backup=False)
    assert (caught.value.record_id, caught.value.column) == (damaged_id, "note")


# --- lists that must go on -----------------------------------------------------------------
def test_reminders_leave_a_damaged_member_out_and_keep_the_others(data_path):
    """The 工作台 reads reminders while the main window is built: a damaged 预备党员 must
    not stop the window from opening (the roster tells the user about it)."""
    from dangjian_desktop.domain.people import MemberCategory

    probationary = {"category": MemberCategory.PROBATIONARY, "full_date": None}
    ws = Workspace.open(data_path, today=lambda: TODAY)
    try:
        good, _ = ws.members.add(member(1, **probationary))
        ws.members.add(member(DAMAGED, note=NOTE, **probationary))
    finally:
        ws.close(final_backup=False)
    replace_bytes(data_path, *KINDS["bad_utf8"][0])
    ws = reopen(data_path)
    try:
        assert [r.member.id for r in ws.members.reminders().probation_due] == [good]
    finally:
        ws.close(final_backup=False)


def test_skipping_damaged_rows_does_not_hide_a_bug(workspace, monkeypatch):
    member_id, _ = workspace.members.add(member(1))

    def broken(values):
        raise ValueError("a bug in the mapping")

    monkeypatch.setattr(member_repo, "_from_values", broken)
    with (
        pytest.raises(ValueError, match="a bug in the mapping"),
        read_session(workspace.database.engine) as s,
    ):
        member_repo.rows(s, [member_id], skip_damaged=True)
