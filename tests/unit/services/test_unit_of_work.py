"""One transaction per service call: writes take the write lock up front (BEGIN IMMEDIATE),
roll back as a whole, and record one audit row."""

from __future__ import annotations

import sqlite3

import pytest

from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.unit_of_work import current_actor, read_session, write_session
from dangjian_desktop.storage.tables import SettingRow


def other_writer(ws) -> sqlite3.Connection:
    return sqlite3.connect(ws.path, timeout=0, isolation_level=None)


def audit(ws) -> list[tuple]:
    with ws.database.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT action, detail FROM audit_log")]


def test_write_session_takes_the_write_lock_with_its_first_read(workspace):
    """BEGIN IMMEDIATE: a write that starts by reading already holds the write lock, so two
    writers queue (busy_timeout) instead of one failing half-way when it upgrades."""
    other = other_writer(workspace)
    try:
        with write_session(workspace.database.engine, "test.lock") as s:
            s.get(SettingRow, "x")  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write committed
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_session_takes_no_write_lock(workspace):
    """The control for the test above: a plain (deferred) read does not block a writer."""
    other = other_writer(workspace)
    try:
        with read_session(workspace.database.engine) as s:
            s.get(SettingRow, "x")
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO setting VALUES ('x', '1')")
            other.execute("COMMIT")
    finally:
        other.close()


def test_write_session_commits_with_one_audit_row(workspace):
    with write_session(workspace.database.engine, "test.write", "详情") as s:
        s.add(SettingRow(key="a", value="1"))
        s.add(SettingRow(key="b", value="2"))
    assert audit(workspace) == [("test.write", "详情")]
    with workspace.database.engine.connect() as conn:
        actors = conn.exec_driver_sql("SELECT actor FROM audit_log").scalars().all()
        assert actors == [current_actor()]
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar() == 2


def test_write_session_rolls_back_everything_on_error(workspace):
    with (
        pytest.raises(ValueError, match="not an environment error"),
        write_session(workspace.database.engine, "test.fail") as s,
    ):
        s.add(SettingRow(key="a", value="1"))
        s.flush()
        raise ValueError("not an environment error")  # a bug stays what it is
    assert audit(workspace) == []
    with workspace.database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar() == 0


def test_changes_combine_and_tell_data_from_backups():
    assert Changes(branch=True) | Changes(venues=True) == Changes(branch=True, venues=True)
    assert Changes(branch=True).touches_data()
    assert Changes(data_file=True).touches_data()
    assert not Changes(backups=True).touches_data()
    assert not Changes().touches_data()
    everything = Changes.everything()
    assert everything.touches_data() and everything.backups and everything.members


def test_write_session_writes_the_audit_record_filled_in_by_the_block(workspace):
    """The block learns ids and changed fields inside the transaction; the row is written
    at its end, as compact JSON in the detail column (domain/audit.py)."""
    from dangjian_desktop.domain.audit import AuditRecord

    record = AuditRecord("member")
    with write_session(workspace.database.engine, "test.structured", audit=record) as s:
        s.add(SettingRow(key="a", value="1"))
        record.ids.append(7)
        record.fields += ["phone", "phone", "note"]
    assert audit(workspace) == [
        ("test.structured", '{"v":1,"kind":"member","ids":[7],"fields":["phone","note"]}')
    ]


def test_write_session_takes_a_detail_text_or_a_record_not_both(workspace):
    from dangjian_desktop.domain.audit import AuditRecord

    with (
        pytest.raises(ValueError),
        write_session(workspace.database.engine, "test.both", "text", audit=AuditRecord("member")),
    ):
        pass
    assert audit(workspace) == []
