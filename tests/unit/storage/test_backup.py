"""Backups (DESIGN.md §3): taken atomically and checked, thinned daily/weekly/monthly like
Anki's thin_backups, restored through the workspace with the replaced state kept."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import dangjian_desktop
from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage.backup import (
    BackupInfo,
    Reason,
    ThinningPolicy,
    backup_name,
    check_backup,
    copy_database,
    list_backups,
    parse_backup_name,
    select_to_keep,
    take_backup,
    thin_backups,
)
from dangjian_desktop.storage.engine import readonly_uri
from dangjian_desktop.storage.errors import BackupError, StorageError
from dangjian_desktop.storage.migrate import head_revision
from dangjian_desktop.storage.tables import SettingRow

REPO_ROOT = Path(dangjian_desktop.__file__).resolve().parent.parent
WRITER = Path(__file__).with_name("crash_writer.py")


# --- thinning --------------------------------------------------------------------------------
def infos(stamps: dict[str, str]) -> dict[str, BackupInfo]:
    return {
        label: BackupInfo(Path(f"/backups/{label}.sqlite"), datetime.fromisoformat(ts), "auto")
        for label, ts in stamps.items()
    }


def kept(stamps: dict[str, str], policy: ThinningPolicy) -> set[str]:
    backups = infos(stamps)
    keep = select_to_keep(list(backups.values()), policy)
    return {label for label, b in backups.items() if b.path in keep}


def test_thinning_keeps_the_newest_recent():
    stamps = {
        "a": "2025-06-15 18:00",
        "b": "2025-06-15 17:00",
        "c": "2025-06-15 16:00",
        "d": "2025-06-15 15:00",
        "e": "2025-06-14 15:00",
    }
    assert kept(stamps, ThinningPolicy(recent=3, daily=0, weekly=0, monthly=0)) == {"a", "b", "c"}


def test_thinning_keeps_the_newest_of_each_day_that_has_one():
    stamps = {
        "15-late": "2025-06-15 18:00",
        "15-early": "2025-06-15 08:00",
        "14-late": "2025-06-14 20:00",
        "14-early": "2025-06-14 09:00",
        "12": "2025-06-12 10:00",  # no backup on the 13th: the 12th is the third day
        "10": "2025-06-10 10:00",
    }
    policy = ThinningPolicy(recent=0, daily=3, weekly=0, monthly=0)
    assert kept(stamps, policy) == {"15-late", "14-late", "12"}


def test_thinning_weeks_are_iso_weeks_across_new_year():
    stamps = {
        "fri": "2025-01-03 10:00",  # ISO week 2025-W01 ...
        "mon": "2024-12-30 10:00",  # ... which starts on Monday 30 Dec 2024
        "sun": "2024-12-29 10:00",  # 2024-W52
        "older": "2024-12-20 10:00",  # 2024-W51, beyond the two weeks kept
    }
    policy = ThinningPolicy(recent=0, daily=0, weekly=2, monthly=0)
    assert kept(stamps, policy) == {"fri", "sun"}


def test_thinning_keeps_the_newest_of_each_month():
    stamps = {
        "jun-15": "2025-06-15 10:00",
        "jun-01": "2025-06-01 10:00",
        "may-31": "2025-05-31 23:59",
        "may-01": "2025-05-01 00:00",
        "mar": "2025-03-10 10:00",
    }
    policy = ThinningPolicy(recent=0, daily=0, weekly=0, monthly=2)
    assert kept(stamps, policy) == {"jun-15", "may-31"}


COMBINED = {
    "a": "2025-06-15 18:00",
    "b": "2025-06-15 12:00",
    "c": "2025-06-15 08:00",
    "d": "2025-06-14 20:00",
    "e": "2025-06-14 09:00",
    "f": "2025-06-12 10:00",
    "g": "2025-06-10 10:00",  # ISO week 24, like a-f
    "h": "2025-06-04 10:00",  # week 23
    "i": "2025-06-02 09:00",  # week 23
    "j": "2025-05-20 10:00",  # May
    "k": "2025-05-03 10:00",
    "l": "2025-03-01 10:00",
}
COMBINED_POLICY = ThinningPolicy(recent=2, daily=3, weekly=2, monthly=2)
# recent: a b · days 15/14/12: a d f · weeks 24/23: a h · months Jun/May: a j
COMBINED_KEPT = {"a", "b", "d", "f", "h", "j"}


def test_thinning_combines_recent_daily_weekly_monthly():
    assert kept(COMBINED, COMBINED_POLICY) == COMBINED_KEPT


def test_thinning_does_not_depend_on_input_order():
    backups = list(infos(COMBINED).values())
    expected = select_to_keep(backups, COMBINED_POLICY)
    for seed in range(5):
        random.Random(seed).shuffle(backups)
        assert select_to_keep(backups, COMBINED_POLICY) == expected


def test_thinning_keeps_everything_when_there_are_few():
    stamps = {"a": "2025-06-15 18:00", "b": "2025-05-01 10:00"}
    assert kept(stamps, ThinningPolicy()) == {"a", "b"}
    assert select_to_keep([], ThinningPolicy()) == set()


def test_default_policy_bounds_two_years_of_backups():
    newest = datetime(2025, 6, 15, 18, 0)
    backups = [
        BackupInfo(Path(f"/backups/{i}.sqlite"), newest - timedelta(hours=6 * i), "auto")
        for i in range(4 * 730)
    ]
    policy = ThinningPolicy()
    keep = select_to_keep(backups, policy)
    kept_times = sorted(b.taken_at for b in backups if b.path in keep)
    assert len(keep) <= policy.recent + policy.daily + policy.weekly + policy.monthly
    assert kept_times[-1] == newest
    # One per month for the last 12 months that have one, nothing older.
    assert {(t.year, t.month) for t in kept_times} == {(2025, m) for m in range(1, 7)} | {
        (2024, m) for m in range(7, 13)
    }


def test_thin_backups_deletes_exactly_the_others(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    paths = {}
    for label, ts in COMBINED.items():
        paths[label] = folder / backup_name(datetime.fromisoformat(ts), "auto")
        paths[label].write_bytes(b"backup " + label.encode())
    strangers = ["notes.txt", "backup-garbage.sqlite", "backup-2025-13-40-00.00.00-auto.sqlite"]
    for name in strangers:
        (folder / name).write_text("not ours to delete")

    removed = thin_backups(folder, COMBINED_POLICY)

    assert set(removed) == {paths[label] for label in set(COMBINED) - COMBINED_KEPT}
    assert {p.name for p in folder.iterdir()} == {
        paths[label].name for label in COMBINED_KEPT
    } | set(strangers)
    assert thin_backups(folder, COMBINED_POLICY) == []  # a second pass finds nothing to do


def test_backup_names_round_trip(tmp_path):
    taken = datetime(2025, 6, 15, 9, 5, 7)
    info = parse_backup_name(tmp_path / backup_name(taken, Reason.EXIT))
    assert (info.taken_at, info.reason) == (taken, "exit")
    assert parse_backup_name(tmp_path / "backup-x.sqlite") is None


# --- taking a backup -------------------------------------------------------------------------
def sqlite_rows(path: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith((".tmp", ".restore"))]


def save_name(ws: Workspace, name: str) -> None:
    ws.branch.save_profile(BranchProfile(full_name=name))  # reports itself to ws


def test_take_backup_writes_a_checked_self_contained_copy(workspace, tmp_path):
    save_name(workspace, "第一党支部")
    folder = tmp_path / "b"
    now = datetime(2025, 6, 15, 10, 0, 0, 123456)

    first = take_backup(workspace.path, folder, Reason.MANUAL, now=now)
    second = take_backup(workspace.path, folder, Reason.MANUAL, now=now)

    assert first.path.name == "backup-2025-06-15-10.00.00-manual.sqlite"
    assert second.path.name == "backup-2025-06-15-10.00.01-manual.sqlite"  # both kept
    assert list_backups(folder) == [second, first]
    for info in (first, second):
        assert sqlite_rows(info.path, "PRAGMA quick_check") == [("ok",)]
        assert sqlite_rows(info.path, "PRAGMA journal_mode") == [("delete",)]
        assert sqlite_rows(info.path, "SELECT full_name FROM branch") == [("第一党支部",)]
        check_backup(info.path)
    assert sorted(p.name for p in folder.iterdir()) == [first.path.name, second.path.name]


def test_backup_of_a_file_in_a_folder_with_uri_characters(tmp_path):
    """'#', '%' and spaces are legal in Windows folder names; the backup must copy the data
    file, not an empty file SQLite would create at the truncated URI path."""
    folder = tmp_path / "党建 #2 50%"
    folder.mkdir()
    ws = Workspace.open(folder / "data.sqlite")
    try:
        save_name(ws, "井号党支部")
        info = ws.backup_now()
    finally:
        ws.close(final_backup=False)
    assert sqlite_rows(info.path, "SELECT full_name FROM branch") == [("井号党支部",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]  # no stray file


def test_failed_copy_leaves_neither_target_nor_temp_file(tmp_path):
    source = tmp_path / "garbage.sqlite"
    source.write_bytes(b"this is not a database" * 100)
    target = tmp_path / "out" / "copy.sqlite"
    target.parent.mkdir()
    with pytest.raises(StorageError):
        copy_database(source, target)
    assert list(target.parent.iterdir()) == []


def test_check_backup_refuses_what_is_not_a_data_file(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(os.urandom(8192))
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for path in (garbage, foreign, tmp_path / "missing.sqlite"):
        with pytest.raises(BackupError):
            check_backup(path)
    assert not (tmp_path / "missing.sqlite").exists()  # a check never creates a file


# --- backups while someone writes ------------------------------------------------------------
def assert_consistent_prefix(path: Path, prefix: str) -> int:
    """The copy holds keys prefix000000..N without a gap, each with its audit row."""
    check_backup(path)
    keys = [
        k for (k,) in sqlite_rows(path, "SELECT key FROM setting WHERE key LIKE ?", prefix + "%")
    ]
    numbers = sorted(int(k.rsplit("-", 1)[1]) for k in keys)
    assert numbers == list(range(len(numbers)))
    audited = sqlite_rows(path, "SELECT detail FROM audit_log WHERE detail LIKE ?", prefix + "%")
    assert sorted(d for (d,) in audited) == sorted(keys)  # no half-copied transaction
    return len(numbers)


def test_backup_while_a_thread_writes_is_a_consistent_prefix(workspace, tmp_path):
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            n = 0
            while not stop.is_set():
                key = f"thread-{n:06d}"
                with write_session(workspace.database.engine, "test.write", key) as s:
                    s.add(SettingRow(key=key, value="y" * 3000))
                n += 1
        except BaseException as exc:  # reported below, a thread cannot fail the test
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    counts = []
    try:
        for i in range(6):
            time.sleep(0.05)
            info = take_backup(
                workspace.path, tmp_path / "b", Reason.MANUAL, now=datetime(2025, 6, 15, 12, 0, i)
            )
            counts.append(assert_consistent_prefix(info.path, "thread-"))
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert counts == sorted(counts) and counts[-1] > counts[0]  # it really was writing
    assert no_temp_files(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="kills the writer with SIGKILL")
def test_backup_while_another_process_writes_is_a_consistent_prefix(tmp_path):
    path = tmp_path / "data.sqlite"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), *sys.path]))
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), "7"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    counts = []
    try:
        assert proc.stdout.readline().strip() == "ready"
        for i in range(5):
            proc.stdout.readline()  # at least one more commit since the last backup
            info = take_backup(
                path, tmp_path / "b", Reason.MANUAL, now=datetime(2025, 6, 15, 12, 0, i)
            )
            counts.append(assert_consistent_prefix(info.path, "crash-007-"))
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert counts[-1] > counts[0]
    assert no_temp_files(tmp_path)


# --- restore ---------------------------------------------------------------------------------
def test_restore_brings_back_the_data_and_keeps_what_it_replaced(workspace):
    workspace.branch.save_profile(
        BranchProfile(full_name="备份前的名称", groups=(PartyGroup("一组"),))
    )
    saved = workspace.backup_now()
    save_name(workspace, "备份后的名称")

    changes = workspace.restore(saved.path)

    assert changes == Changes.everything()
    profile = workspace.branch.profile()
    assert profile.full_name == "备份前的名称"
    assert [g.name for g in profile.groups] == ["一组"]
    restore_backups = [b for b in workspace.list_backups() if b.reason == Reason.RESTORE]
    assert len(restore_backups) == 1
    replaced = restore_backups[0].path
    assert sqlite_rows(replaced, "SELECT full_name FROM branch") == [("备份后的名称",)]
    # The restored file is in use: checked, writable, and nothing was left lying about.
    assert workspace.quick_check() == ["ok"]
    save_name(workspace, "恢复后再改")
    assert workspace.branch.profile().full_name == "恢复后再改"
    assert no_temp_files(workspace.path.parent)


def test_restore_can_be_undone_with_the_restore_backup(workspace):
    save_name(workspace, "甲")
    first = workspace.backup_now()
    save_name(workspace, "乙")
    workspace.restore(first.path)
    undo = next(b for b in workspace.list_backups() if b.reason == Reason.RESTORE)
    workspace.restore(undo.path)
    assert workspace.branch.profile().full_name == "乙"


def test_restore_from_an_unusable_file_changes_nothing(workspace, tmp_path):
    save_name(workspace, "现有数据")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(os.urandom(4096))
    before = workspace.list_backups()

    with pytest.raises(BackupError):
        workspace.restore(bad)

    assert workspace.branch.profile().full_name == "现有数据"
    assert workspace.list_backups() == before  # refused before any backup was taken
    save_name(workspace, "仍可写入")  # the workspace still works


def test_restore_upgrades_a_backup_from_an_older_schema(workspace, tmp_path):
    """A backup taken before an upgrade has the old schema; the restored file is brought up
    to date like any file being opened (here: a file from before the first migration)."""
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.commit()
    conn.close()
    save_name(workspace, "会被替换")

    workspace.restore(old)

    assert sqlite_rows(workspace.path, "SELECT version_num FROM alembic_version") == [
        (head_revision(),)
    ]
    assert workspace.branch.profile().is_empty
    save_name(workspace, "升级后可用")
    assert workspace.branch.profile().full_name == "升级后可用"


def test_restoring_an_old_backup_keeps_it_and_works(workspace):
    """The backup taken just before a restore must not thin away the one being restored."""
    save_name(workspace, "早上的名称")
    oldest = workspace.backup_now()
    for i in range(ThinningPolicy().recent - 1):  # the chosen one is now the 10th newest
        save_name(workspace, f"之后的修改{i}")
        workspace.backup_now(Reason.AUTO)
    assert oldest.path.exists()
    workspace.restore(oldest.path)  # its pre-restore backup would make it the 11th
    assert oldest.path.exists()
    assert workspace.branch.profile().full_name == "早上的名称"


def test_backup_from_a_newer_program_is_refused_before_anything_changes(workspace, tmp_path):
    from dangjian_desktop.storage.errors import FileTooNewError

    save_name(workspace, "备份里的数据")
    future = workspace.backup_now().path
    save_name(workspace, "当前数据")
    conn = sqlite3.connect(future)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    before = sqlite_rows(workspace.path, "SELECT full_name FROM branch")
    with pytest.raises(FileTooNewError):
        workspace.restore(future)
    assert sqlite_rows(workspace.path, "SELECT full_name FROM branch") == before
    assert workspace.branch.profile().full_name == "当前数据"
