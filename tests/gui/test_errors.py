"""What the user is told when something goes wrong: Chinese messages, never a traceback."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.domain.branch import BranchProfile
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.application import open_workspace_interactive
from dangjian_desktop.logs import setup_logging
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.errors import DiskFullError

pytestmark = pytest.mark.gui


def test_programming_error_is_logged_and_shown_as_an_apology(tmp_path, message_boxes):
    log_file = setup_logging(tmp_path / "logs")
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        errors.handle_exception(*sys.exc_info())
    [(kind, title, text)] = message_boxes
    assert kind == "critical" and title == "内部错误"
    assert str(log_file) in text and "Traceback" not in text and "boom" not in text
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "boom in a slot" in logged


def test_environment_error_is_explained_in_chinese(message_boxes, tmp_path):
    try:
        raise DiskFullError(tmp_path / "d.sqlite", "database or disk is full")
    except DiskFullError:
        errors.handle_exception(*sys.exc_info())
    [(kind, title, text)] = message_boxes
    assert kind == "warning" and title == "磁盘空间不足"
    assert "清理磁盘空间" in text


def test_file_in_use_is_refused_with_a_message(db_path, gui_workspace, message_boxes):
    assert open_workspace_interactive(db_path) is None
    [(kind, title, _text)] = message_boxes
    assert (kind, title) == ("warning", "数据文件正在使用")


def test_damaged_file_offers_newest_good_backup(db_path, message_boxes, monkeypatch):
    ws = Workspace.open(db_path)
    ws.branch.save_profile(BranchProfile(full_name="备份里的支部"))
    ws.backup_now()
    ws.close(final_backup=False)
    db_path.write_bytes(b"this is not a database any more" * 100)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    restored = open_workspace_interactive(db_path)
    assert restored is not None
    try:
        assert restored.branch.profile().full_name == "备份里的支部"
    finally:
        restored.close(final_backup=False)
    kept = list(db_path.parent.glob("dangjian.damaged-*.sqlite"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")


def test_damaged_file_without_backup_says_so_and_changes_nothing(db_path, message_boxes):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    assert open_workspace_interactive(db_path) is None
    [(kind, title, _text)] = message_boxes
    assert (kind, title) == ("warning", "数据文件已损坏")
    assert db_path.read_bytes() == b"garbage" * 100


# --- the open flow: what is not the file's fault is not offered a restore --------------------
def sha256(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_file_is_refused_untouched_in_chinese(tmp_path, message_boxes):
    import sqlite3

    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE branch (id INTEGER PRIMARY KEY, name TEXT)")  # git's, say
    conn.execute("INSERT INTO branch (name) VALUES ('main')")
    conn.commit()
    conn.close()
    digest, listing = sha256(path), sorted(p.name for p in tmp_path.iterdir())

    assert open_workspace_interactive(path) is None

    [(kind, title, text)] = message_boxes  # no restore offered: the file is not damaged
    assert (kind, title) == ("warning", "不是党建台账的数据文件")
    assert text.startswith("这不是党建台账的数据文件")
    assert sha256(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_zero_byte_file_beside_good_backups_offers_the_newest(db_path, message_boxes, monkeypatch):
    ws = Workspace.open(db_path)
    ws.branch.save_profile(BranchProfile(full_name="断电前的支部"))
    ws.backup_now()
    ws.close(final_backup=False)
    db_path.write_bytes(b"")

    asked = []

    def yes(_parent, title, text, *a, **k):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    restored = open_workspace_interactive(db_path)
    assert restored is not None
    try:
        assert restored.branch.profile().full_name == "断电前的支部"
    finally:
        restored.close(final_backup=False)
    [(title, text)] = asked
    assert title == "数据文件是空的" and "0 字节" in text
    [kept] = db_path.parent.glob("dangjian.damaged-*.sqlite")
    assert kept.read_bytes() == b""


def test_zero_byte_file_declined_is_left_as_it_is(db_path, message_boxes):
    ws = Workspace.open(db_path)
    ws.branch.save_profile(BranchProfile(full_name="断电前的支部"))
    ws.backup_now()
    ws.close(final_backup=False)
    db_path.write_bytes(b"")
    assert open_workspace_interactive(db_path) is None  # the stub answers No
    assert [(k, t) for k, t, _ in message_boxes] == [
        ("question", "数据文件是空的"),  # offered ...
        ("warning", "数据文件是空的"),  # ... declined: told why nothing opens
    ]
    assert db_path.read_bytes() == b""


def test_full_disk_at_start_is_not_called_damage(tmp_path, message_boxes):
    from tests.unit.storage.disks import fill_disk, small_disk

    with small_disk(tmp_path / "stick") as stick:
        path = stick / "dangjian.sqlite"
        ws = Workspace.open(path)
        ws.branch.save_profile(BranchProfile(full_name="满盘的支部"))
        ws.backup_now()
        ws.close(final_backup=False)
        for extra in ("-wal", "-shm"):
            assert not path.with_name(path.name + extra).exists()
        fill_disk(stick)
        assert open_workspace_interactive(path) is None
    [(kind, title, text)] = message_boxes  # no "已损坏", no offer of an older backup
    assert (kind, title) == ("warning", "磁盘空间不足")
    assert "清理磁盘空间" in text


def test_restore_on_a_full_disk_is_worded_and_leaves_no_partial_copy(
    db_path, message_boxes, monkeypatch
):
    import errno

    from dangjian_desktop.services import recovery

    ws = Workspace.open(db_path)
    ws.branch.save_profile(BranchProfile(full_name="备份里的支部"))
    ws.backup_now()
    ws.close(final_backup=False)
    db_path.write_bytes(b"this is not a database any more" * 100)
    listing = sorted(p.name for p in db_path.parent.iterdir())

    def copy_until_full(src, dst, *a, **k):
        with open(dst, "wb") as out:
            out.write(b"half of it")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery.shutil, "copyfile", copy_until_full)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert open_workspace_interactive(db_path) is None

    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("warning", "磁盘空间不足")
    assert str(db_path) in text
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing  # nothing half-copied
    assert db_path.read_bytes() == b"this is not a database any more" * 100


def test_a_forced_database_error_is_logged_without_the_id_number(tmp_path, message_boxes):
    import logging

    from tests.gui.members_data import member

    log_file = setup_logging(tmp_path / "logs")
    ws = Workspace.open(tmp_path / "d.sqlite")
    someone = member(7)
    try:
        with ws.database.engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TRIGGER forced BEFORE INSERT ON member "
                "BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
            )
        try:
            ws.members.add(someone)
        except Exception:
            errors.handle_exception(*sys.exc_info())
    finally:
        ws.close(final_backup=False)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    [line] = [x for x in logged.splitlines() if "INSERT INTO member" in x]
    assert "parameters hidden" in logged
    assert someone.id_number not in logged and someone.name not in logged
    assert message_boxes[0][1] == "内部错误"
    print("logged:", line[:160], "…", "[SQL parameters hidden due to hide_parameters=True]")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_log_file_is_private_and_masks_numbers_that_slip_through(tmp_path):
    import logging
    import os

    old = os.umask(0o022)
    try:
        log_file = setup_logging(tmp_path / "new" / "logs")
    finally:
        os.umask(old)
    root = logging.getLogger()
    handler = root.handlers[-1]
    try:
        logging.getLogger("dangjian_desktop").warning(
            "row for 110105199003071234, phone 13812345678, at 2026-12-02 10:00:00"
        )
        handler.flush()
    finally:
        root.removeHandler(handler)
        handler.close()
    assert log_file.stat().st_mode & 0o777 == 0o600
    assert log_file.parent.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    logged = log_file.read_text(encoding="utf-8")
    assert "110105********1234" in logged and "138****5678" in logged
    assert "110105199003071234" not in logged and "13812345678" not in logged
    assert "2026-12-02 10:00:00" in logged  # dates and times are not numbers to hide
