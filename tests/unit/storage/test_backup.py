"""Backups (DESIGN.md §3): taken atomically and checked, thinned daily/weekly/monthly like
Anki's thin_backups, restored through the workspace with the replaced state kept."""

from __future__ import annotations

import os
import random
import shutil
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
from dangjian_desktop.storage.engine import APPLICATION_ID, readonly_uri
from dangjian_desktop.storage.errors import BackupError, StorageError
from dangjian_desktop.storage.migrate import head_revision
from dangjian_desktop.storage.tables import SettingRow

REPO_ROOT = Path(dangjian_desktop.__file__).resolve().parent.parent
WRITER = Path(__file__).with_name("crash_writer.py")
MIGRATION_FIXTURES = REPO_ROOT / "tests" / "migrations" / "fixtures"


# --- thinning --------------------------------------------------------------------------------
def infos(stamps: dict[str, str]) -> dict[str, BackupInfo]:
    return {
        label: BackupInfo(Path(f"/backups/{label}.sqlite"), datetime.fromisoformat(ts), "auto")
        for label, ts in stamps.items()
    }


# "Now" for the thinning tests: after every stamp below, whatever this PC's clock says.
NOW = datetime(2025, 6, 16, 12, 0)


def kept(stamps: dict[str, str], policy: ThinningPolicy) -> set[str]:
    backups = infos(stamps)
    keep = select_to_keep(list(backups.values()), policy, NOW)
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
    expected = select_to_keep(backups, COMBINED_POLICY, NOW)
    for seed in range(5):
        random.Random(seed).shuffle(backups)
        assert select_to_keep(backups, COMBINED_POLICY, NOW) == expected


def test_thinning_keeps_everything_when_there_are_few():
    stamps = {"a": "2025-06-15 18:00", "b": "2025-05-01 10:00"}
    assert kept(stamps, ThinningPolicy()) == {"a", "b"}
    assert select_to_keep([], ThinningPolicy(), NOW) == set()


def test_default_policy_bounds_two_years_of_backups():
    newest = datetime(2025, 6, 15, 18, 0)
    backups = [
        BackupInfo(Path(f"/backups/{i}.sqlite"), newest - timedelta(hours=6 * i), "auto")
        for i in range(4 * 730)
    ]
    policy = ThinningPolicy()
    keep = select_to_keep(backups, policy, newest)
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

    removed = thin_backups(folder, COMBINED_POLICY, now=NOW)

    assert set(removed) == {paths[label] for label in set(COMBINED) - COMBINED_KEPT}
    assert {p.name for p in folder.iterdir()} == {
        paths[label].name for label in COMBINED_KEPT
    } | set(strangers)
    assert thin_backups(folder, COMBINED_POLICY, now=NOW) == []  # nothing left to do


def numbered(seq: int, stamp: str) -> BackupInfo:
    return BackupInfo(Path(f"/backups/{seq}.sqlite"), datetime.fromisoformat(stamp), "auto", seq)


def test_thinning_orders_by_sequence_not_by_date():
    """The clock went back a month after backup 3: 4 and 5 are the newest, not the oldest."""
    backups = [
        numbered(1, "2025-06-13 10:00"),
        numbered(2, "2025-06-14 10:00"),
        numbered(3, "2025-06-15 10:00"),
        numbered(4, "2025-05-15 10:00"),
        numbered(5, "2025-05-15 11:00"),
    ]
    policy = ThinningPolicy(recent=2, daily=0, weekly=0, monthly=0)
    now = datetime(2025, 6, 16, 9, 0)
    assert {b.seq for b in backups if b.path in select_to_keep(backups, policy, now)} == {4, 5}


def test_thinning_keeps_backups_dated_in_the_future_and_does_not_count_them():
    backups = [
        numbered(1, "2025-06-13 10:00"),
        numbered(2, "2025-07-20 10:00"),  # dated after "now": a clock that was ahead
        numbered(3, "2025-06-14 10:00"),
        numbered(4, "2025-06-15 10:00"),
    ]
    policy = ThinningPolicy(recent=1, daily=0, weekly=0, monthly=0)
    now = datetime(2025, 6, 16, 9, 0)
    assert {b.seq for b in backups if b.path in select_to_keep(backups, policy, now)} == {2, 4}
    assert backups[1].dated_in_future(now) and not backups[3].dated_in_future(now)


def test_thin_backups_never_deletes_a_protected_backup(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    paths = [folder / backup_name(datetime(2025, 6, 15, 10, i), "auto", i + 1) for i in range(5)]
    for path in paths:
        path.write_bytes(b"x")
    policy = ThinningPolicy(recent=1, daily=0, weekly=0, monthly=0)
    removed = thin_backups(folder, policy, protect=[paths[0]], now=NOW)
    assert set(removed) == set(paths[1:4])
    assert sorted(folder.iterdir()) == [paths[0], paths[4]]


def test_unnumbered_names_of_older_versions_sort_below_numbered_ones(tmp_path):
    old = tmp_path / backup_name(datetime(2030, 1, 1), "auto")  # ran ahead by the +1 s trick
    new = tmp_path / backup_name(datetime(2025, 6, 15), "auto", 1)
    for path in (old, new):
        path.write_bytes(b"x")
    assert [b.path for b in list_backups(tmp_path)] == [new, old]
    assert parse_backup_name(old).seq == 0


def test_backup_names_round_trip(tmp_path):
    taken = datetime(2025, 6, 15, 9, 5, 7)
    info = parse_backup_name(tmp_path / backup_name(taken, Reason.EXIT, 42))
    assert (info.taken_at, info.reason, info.seq) == (taken, "exit", 42)
    info = parse_backup_name(tmp_path / backup_name(taken, Reason.EXIT))  # older versions'
    assert (info.taken_at, info.reason, info.seq) == (taken, "exit", 0)
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

    # Same second, same clock: the sequence number tells them apart, the time stays true.
    assert first.path.name == "backup-000001-2025-06-15-10.00.00-manual.sqlite"
    assert second.path.name == "backup-000002-2025-06-15-10.00.00-manual.sqlite"
    assert (first.seq, second.seq) == (1, 2)
    assert list_backups(folder) == [second, first]
    for info in (first, second):
        assert sqlite_rows(info.path, "PRAGMA quick_check") == [("ok",)]
        assert sqlite_rows(info.path, "PRAGMA journal_mode") == [("delete",)]
        assert sqlite_rows(info.path, "PRAGMA application_id") == [(APPLICATION_ID,)]
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
    """A backup taken by an older version has its schema and no mark; the restored file is
    brought up to date and marked like any file being opened (here: the released 0001)."""
    old = tmp_path / "old.sqlite"
    shutil.copyfile(MIGRATION_FIXTURES / "0001.sqlite", old)
    assert sqlite_rows(old, "PRAGMA application_id") == [(0,)]
    save_name(workspace, "会被替换")

    workspace.restore(old)

    assert sqlite_rows(workspace.path, "SELECT version_num FROM alembic_version") == [
        (head_revision(),)
    ]
    assert sqlite_rows(workspace.path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert workspace.branch.profile().full_name == "中燃油运船舶第一党支部"
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


# --- a clock that goes back ------------------------------------------------------------------
class FakeClock:
    """Stands in for the PC's clock in the backup and workspace modules."""

    def __init__(self, monkeypatch, start: datetime) -> None:
        from dangjian_desktop.services import workspace as workspace_module
        from dangjian_desktop.storage import backup as backup_module

        self.now = start
        clock = self

        class _Datetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.now

        for module in (backup_module, workspace_module):
            monkeypatch.setattr(module, "datetime", _Datetime)


def test_fifteen_backups_in_one_second_then_reopen(data_path, monkeypatch):
    """Issue 7.1: names made unique by adding seconds ran ahead of the clock, so the first
    backup after reopening sorted below them and thinning deleted it on the spot."""
    clock = FakeClock(monkeypatch, datetime(2025, 6, 15, 10, 0, 0))
    ws = Workspace.open(data_path)
    try:
        for i in range(15):
            save_name(ws, f"第{i}次修改")
            info = ws.backup_now()
            assert info.path.exists(), f"backup {i} deleted as soon as it was taken"
    finally:
        ws.close(final_backup=False)
    ws = Workspace.open(data_path)
    try:
        for i in range(3):
            save_name(ws, f"重新打开后第{i}次修改")
            info = ws.backup_now()
            assert info.path.exists(), f"backup {i} after reopening was deleted at once"
            assert ws.list_backups()[0] == info  # the one just taken is the newest
            assert ws.last_backup == info.taken_at == clock.now
    finally:
        ws.close(final_backup=False)
    assert check_backup(info.path) is None
    assert sqlite_rows(info.path, "SELECT full_name FROM branch") == [("重新打开后第2次修改",)]


def test_a_year_of_daily_backups_then_the_clock_goes_back_30_days(data_path, monkeypatch):
    """Issue 7.1: with the clock behind the newest backups every new backup was deleted the
    moment it was written (0 of 5 survived) while the app reported it as taken."""
    from dangjian_desktop.storage import backup as backup_module

    start = datetime(2025, 1, 1, 18, 0, 0)
    clock = FakeClock(monkeypatch, start)
    # This is about names and thinning, not durability: 365 fsyncs would only cost time.
    monkeypatch.setattr(backup_module, "_fsync_file", lambda path: None)
    monkeypatch.setattr(backup_module, "fsync_dir", lambda folder: None, raising=False)
    ws = Workspace.open(data_path)
    try:
        save_name(ws, "一年前")
        for day in range(365):
            clock.now = start + timedelta(days=day)
            ws.backup_now(Reason.AUTO)
        year_end = clock.now
        before = {b.path for b in ws.list_backups()}
        future_dated = {b.path for b in ws.list_backups() if b.taken_at > year_end - timedelta(30)}

        clock.now = year_end - timedelta(days=30)  # a flat CMOS battery, a hand-set clock
        new = []
        for i in range(5):
            clock.now += timedelta(hours=1)
            save_name(ws, f"时钟拨回后第{i}次修改")
            new.append(ws.backup_now(Reason.MANUAL))
        survivors = [b for b in new if b.path.exists()]
        assert len(survivors) == 5, f"{len(survivors)} of 5 new backups survive"
        listed = ws.list_backups()
        assert [b.path for b in listed[:5]] == [b.path for b in reversed(new)]
        assert ws.last_backup == new[-1].taken_at
        # The backups dated after the clock are suspect, not deleted for being "old".
        assert future_dated <= {b.path for b in listed}
        assert len(listed) <= len(before) + 5
    finally:
        ws.close(final_backup=False)


def test_automatic_backup_still_runs_when_the_last_one_is_dated_in_the_future(
    data_path, monkeypatch
):
    clock = FakeClock(monkeypatch, datetime(2025, 6, 15, 10, 0, 0))
    ws = Workspace.open(data_path)
    try:
        save_name(ws, "时钟正确时")
        ws.backup_now()
        clock.now = datetime(2025, 5, 1, 9, 0, 0)  # six weeks back
        save_name(ws, "时钟拨回后")
        info = ws.backup_if_due()
        assert info is not None, "no automatic backup until the clock catches up"
        assert info.path.exists()
    finally:
        ws.close(final_backup=False)


# --- no leftovers (issue 7.11) ---------------------------------------------------------------
KILLED_BACKUP = """
import sys, time
from pathlib import Path
from dangjian_desktop.storage import backup
backup._fsync_file = lambda path: (print("copying", flush=True), time.sleep(600))
backup.take_backup(Path(sys.argv[1]), Path(sys.argv[2]), backup.Reason.AUTO)
"""


def run_until_killed(script: str, *args: str) -> None:
    """Run `script` until it prints its first line, then SIGKILL it (a power cut)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), *sys.path]))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout.readline().strip(), "the child died before it started writing"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_backup_leaves_nothing_after_the_next_backup(workspace):
    save_name(workspace, "第一党支部")
    run_until_killed(KILLED_BACKUP, str(workspace.path), str(workspace.backup_dir))
    left = [p for p in workspace.backup_dir.iterdir() if parse_backup_name(p) is None]
    assert left, "the killed backup left no temporary file: the test would prove nothing"

    info = workspace.backup_now()

    assert sorted(p.name for p in workspace.backup_dir.iterdir()) == [info.path.name]
    assert no_temp_files(workspace.path.parent)
    assert all(p.name.startswith(".dangjian-") for p in left)  # and it was recognisably ours


def test_backup_failing_with_an_io_error_is_typed_and_leaves_nothing(workspace, monkeypatch):
    import errno

    from dangjian_desktop.storage import backup as backup_module
    from dangjian_desktop.storage import errors as storage_errors

    def loose_stick(path):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup_module, "_fsync_file", loose_stick)
    with pytest.raises(StorageError) as caught:
        workspace.backup_now()
    assert type(caught.value) is storage_errors.DiskIOError
    assert list(workspace.backup_dir.iterdir()) == []


# --- restores are thinned too (issue 7.12) ---------------------------------------------------
def test_restores_are_thinned_but_never_the_source_or_the_state_replaced(workspace):
    save_name(workspace, "最早的数据")
    source = workspace.backup_now()
    for i in range(ThinningPolicy().recent + 15):
        save_name(workspace, f"第{i}次修改")
        workspace.restore(source.path)
        before = next(b for b in workspace.list_backups() if b.reason == Reason.RESTORE)
        assert source.path.exists() and before.path.exists()
    # 26 restores of one day: the ten newest and the source, not 27 files.
    assert len(workspace.list_backups()) <= ThinningPolicy().recent + 1
    assert workspace.branch.profile().full_name == "最早的数据"


# --- restore on a full disk (issue 7.7) ------------------------------------------------------
def test_restoring_a_damaged_file_on_a_full_disk_is_typed_and_leaves_no_partial_copy(tmp_path):
    from dangjian_desktop.services.recovery import restore_damaged
    from tests.unit.storage.disks import fill_disk, small_disk

    with small_disk(tmp_path / "stick", size="8m") as stick:
        path = stick / "dangjian.sqlite"
        ws = Workspace.open(path)
        try:
            with write_session(ws.database.engine, "test.fill") as s:
                s.add(SettingRow(key="big", value="x" * 1_500_000))
            ws.backup_now()
        finally:
            ws.close(final_backup=False)
        path.write_bytes(path.read_bytes()[:4096] + os.urandom(path.stat().st_size - 4096))
        damaged = path.read_bytes()
        listing = sorted(p.name for p in stick.iterdir())
        filler = fill_disk(stick)

        with pytest.raises(StorageError) as caught:
            restore_damaged(path)

        assert type(caught.value).__name__ == "DiskFullError"
        assert path.read_bytes() == damaged  # as it was
        assert sorted(p.name for p in stick.iterdir()) == sorted([*listing, filler.name])
        filler.unlink()  # space again: the same restore now works
        _good, kept = restore_damaged(path)
        assert kept.read_bytes() == damaged
        assert sqlite_rows(path, "SELECT length(value) FROM setting WHERE key='big'") == [
            (1_500_000,)
        ]


def test_restore_from_the_menu_on_a_full_disk_is_typed_and_changes_nothing(tmp_path):
    from tests.unit.storage.disks import fill_disk, small_disk

    with small_disk(tmp_path / "stick", size="8m") as stick:
        ws = Workspace.open(stick / "dangjian.sqlite")
        try:
            save_name(ws, "备份里的名称")
            source = ws.backup_now()
            save_name(ws, "当前的名称")
            listing = sorted(p.name for p in ws.backup_dir.iterdir())
            filler = fill_disk(stick)

            with pytest.raises(StorageError) as caught:
                ws.restore(source.path)

            assert type(caught.value).__name__ == "DiskFullError"
            assert sorted(p.name for p in ws.backup_dir.iterdir()) == listing
            assert no_temp_files(stick)
            filler.unlink()
            assert ws.branch.profile().full_name == "当前的名称"  # still open, unchanged
            ws.restore(source.path)
            assert ws.branch.profile().full_name == "备份里的名称"
        finally:
            ws.close(final_backup=False)
