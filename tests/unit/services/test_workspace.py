"""The workspace facade: backups only when data changed and the interval passed (Anki's
maybe_backup), an exit backup only after changes, the lock released on close."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from dangjian_desktop import settings
from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage import settings_repo
from dangjian_desktop.storage.backup import Reason, backup_name
from dangjian_desktop.storage.database import open_database
from dangjian_desktop.storage.errors import FileInUseError


def save(ws: Workspace, name: str) -> None:
    ws.branch.save_profile(BranchProfile(full_name=name))  # reports itself to ws


def reasons(ws: Workspace) -> list[str]:
    return [b.reason for b in ws.list_backups()]


def test_backups_sit_beside_the_data_file(workspace, data_path):
    assert workspace.path == data_path
    assert workspace.backup_dir == data_path.parent / "backups" / "data"
    assert workspace.last_backup is None
    assert workspace.quick_check() == ["ok"]


def test_no_backup_when_nothing_changed(workspace):
    assert workspace.backup_if_due() is None
    workspace.note_changes(Changes())
    workspace.note_changes(Changes(backups=True))  # listing backups is not a data change
    assert workspace.backup_if_due(datetime.now() + timedelta(days=1)) is None
    assert not workspace.backup_dir.exists()


def test_backup_after_a_change_then_not_again_until_the_next(workspace):
    save(workspace, "第一党支部")
    info = workspace.backup_if_due()
    assert info is not None and info.reason == Reason.AUTO
    assert workspace.last_backup == info.taken_at
    assert workspace.backup_if_due(datetime.now() + timedelta(days=1)) is None  # clean again
    assert reasons(workspace) == [Reason.AUTO]


def test_backup_waits_for_the_interval(workspace):
    save(workspace, "第一党支部")
    first = workspace.backup_if_due()
    save(workspace, "第二次修改")
    default = settings.BACKUP_INTERVAL_MINUTES.default
    assert default == 30
    assert workspace.backup_if_due(first.taken_at + timedelta(minutes=29)) is None
    second = workspace.backup_if_due(first.taken_at + timedelta(minutes=30))
    assert second is not None and second.path != first.path


def test_backup_interval_comes_from_the_setting(workspace):
    save(workspace, "第一党支部")
    first = workspace.backup_if_due()
    # Through the write door: the change itself makes the next backup due.
    assert workspace.settings.set(settings.BACKUP_INTERVAL_MINUTES, 5) == Changes(settings=True)
    assert workspace.backup_if_due(first.taken_at + timedelta(minutes=4)) is None
    assert workspace.backup_if_due(first.taken_at + timedelta(minutes=6)) is not None


def test_a_stored_interval_outside_its_bounds_reads_as_the_default(workspace):
    """Written by another version with other bounds, or edited by hand: 1 minute would
    mean a backup of the whole file every minute."""
    with write_session(workspace.database.engine, "test.edit") as s:
        settings_repo.set_value(s, settings.BACKUP_INTERVAL_MINUTES, 1)
    assert workspace.settings.get(settings.BACKUP_INTERVAL_MINUTES) == 30
    save(workspace, "第一党支部")
    first = workspace.backup_if_due()
    save(workspace, "第二次修改")
    assert workspace.backup_if_due(first.taken_at + timedelta(minutes=2)) is None


def test_last_backup_is_remembered_across_opens(data_path):
    ws = Workspace.open(data_path)
    save(ws, "第一党支部")
    taken = ws.backup_now().taken_at
    ws.close(final_backup=False)
    ws = Workspace.open(data_path)
    try:
        assert ws.last_backup == taken
        save(ws, "第二次修改")
        assert ws.backup_if_due(taken + timedelta(minutes=1)) is None  # interval not passed
    finally:
        ws.close(final_backup=False)


def test_close_without_changes_takes_no_backup(data_path):
    ws = Workspace.open(data_path)
    ws.branch.profile()
    ws.close()
    assert not ws.backup_dir.exists()


def test_close_after_changes_takes_one_exit_backup(data_path):
    ws = Workspace.open(data_path)
    save(ws, "关闭前的修改")
    ws.close()
    backups = ws.list_backups()
    assert [b.reason for b in backups] == [Reason.EXIT]
    conn = sqlite3.connect(backups[0].path)
    try:
        assert conn.execute("SELECT full_name FROM branch").fetchall() == [("关闭前的修改",)]
    finally:
        conn.close()


def test_close_after_a_backup_of_every_change_takes_none(data_path):
    ws = Workspace.open(data_path)
    save(ws, "已备份的修改")
    ws.backup_if_due()
    ws.close()
    assert [b.reason for b in ws.list_backups()] == [Reason.AUTO]


def test_close_can_skip_the_exit_backup(data_path):
    ws = Workspace.open(data_path)
    save(ws, "修改")
    ws.close(final_backup=False)
    assert ws.list_backups() == []


def test_close_releases_the_file(data_path):
    ws = Workspace.open(data_path)
    try:
        with pytest.raises(FileInUseError):
            open_database(data_path)
    finally:
        ws.close()
    Workspace.open(data_path).close()


def test_backup_now_thins_old_backups(workspace):
    """After each backup the folder is thinned with the default policy: 20 backups of one
    old day become 9 (the 10 newest include the new one), and nothing else."""
    template = workspace.backup_now(Reason.MANUAL).path
    for hour in range(20):
        target = workspace.backup_dir / backup_name(datetime(2020, 1, 1, hour), Reason.AUTO)
        shutil.copyfile(template, target)
    template.unlink()

    newest = workspace.backup_now(Reason.MANUAL)

    kept = workspace.list_backups()
    assert kept[0] == newest
    assert [b.taken_at for b in kept[1:]] == [datetime(2020, 1, 1, h) for h in range(19, 10, -1)]


# --- no personal data in logs (issue 7.6) ----------------------------------------------------
def test_a_forced_database_error_logs_no_id_number(workspace, tmp_path):
    import logging
    import traceback

    from dangjian_desktop.logs import setup_logging
    from tests.gui.members_data import member

    someone = member(3)
    with workspace.database.engine.begin() as conn:  # the disk fails mid-import, say
        conn.exec_driver_sql(
            "CREATE TRIGGER forced BEFORE INSERT ON member "
            "BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
        )
    log_file = setup_logging(tmp_path / "logs")
    root = logging.getLogger()
    handler = root.handlers[-1]
    try:
        with pytest.raises(Exception) as caught:
            workspace.members.add(someone)
        # Logged the way gui/errors.py logs an unexpected error.
        logging.getLogger("dangjian_desktop").error(
            "unhandled error\n%s", "".join(traceback.format_exception(caught.value))
        )
        handler.flush()
    finally:
        root.removeHandler(handler)
        handler.close()
    logged = log_file.read_text(encoding="utf-8")
    assert "forced failure" in logged and "INSERT INTO member" in logged  # it was logged
    assert someone.id_number not in logged
    assert someone.phone not in logged and someone.name not in logged
    assert "parameters hidden" in logged


# --- the clock (issue 7.1) -------------------------------------------------------------------
def test_newest_backup_dated_in_the_future_says_the_clock_looks_wrong(workspace):
    save(workspace, "第一党支部")
    info = workspace.backup_now()
    assert not workspace.clock_looks_wrong()
    assert workspace.clock_looks_wrong(now=info.taken_at - timedelta(days=30))
    assert not workspace.clock_looks_wrong(now=info.taken_at - timedelta(minutes=10))


# --- the full check through the workspace (issue 7.4) ----------------------------------------
def test_integrity_check_and_reindex(workspace):
    from tests.gui.members_data import member

    for i in range(20):
        workspace.members.add(member(i))
    assert workspace.integrity_check().ok
    with workspace.database.engine.begin() as conn:  # an index that lies, made by SQL
        conn.exec_driver_sql("PRAGMA writable_schema=ON")
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, '(name)', '(name_sort)') "
            "WHERE name = 'ix_member_name'"
        )
    workspace.database.reopen_engine()
    report = workspace.integrity_check()
    assert not report.ok and report.index_only, report
    assert workspace.reindex().ok
    assert workspace.integrity_check().ok
