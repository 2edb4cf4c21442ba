"""Opening a data file (DESIGN.md §3): one instance at a time, read-only folders and damaged
files get typed errors and are not written, sqlite errors are classified, and every
connection gets the app's pragmas."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import dangjian_desktop
from dangjian_desktop.storage import database
from dangjian_desktop.storage.database import lock_path_for, open_database
from dangjian_desktop.storage.engine import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    create_db_engine,
    readonly_uri,
)
from dangjian_desktop.storage.errors import (
    DamagedFileError,
    DiskFullError,
    FileInUseError,
    ReadOnlyLocationError,
    StorageError,
    classify,
)
from dangjian_desktop.storage.migrate import head_revision, read_revision

REPO_ROOT = Path(dangjian_desktop.__file__).resolve().parent.parent


def snapshot(path: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime of the data file and its -wal, to prove nothing wrote to them."""
    files = [path, path.with_name(path.name + "-wal")]
    return {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in files if f.exists()}


def revision_of(path: Path) -> str | None:
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return read_revision(conn)
    finally:
        conn.close()


# --- one instance per file -------------------------------------------------------------------
def test_second_open_in_the_same_process_is_refused(data_path):
    db = open_database(data_path)
    try:
        assert lock_path_for(data_path).exists()
        before = snapshot(data_path)
        with pytest.raises(FileInUseError):
            open_database(data_path)
        assert snapshot(data_path) == before
        with db.engine.begin() as conn:  # the first instance is unharmed
            conn.exec_driver_sql("INSERT INTO setting VALUES ('k', '1')")
    finally:
        db.close()
    open_database(data_path).close()  # close() released the lock


SECOND_PROCESS = """
import sys
from pathlib import Path
from dangjian_desktop.storage.database import open_database
try:
    open_database(Path(sys.argv[1])).close()
except Exception as exc:
    print(type(exc).__name__)
else:
    print("opened")
"""


def open_in_other_process(path: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_second_open_from_another_process_is_refused(data_path):
    db = open_database(data_path)
    try:
        before = snapshot(data_path)
        assert open_in_other_process(data_path) == "FileInUseError"
        assert snapshot(data_path) == before
    finally:
        db.close()
    assert open_in_other_process(data_path) == "opened"


# --- new, empty and read-only ----------------------------------------------------------------
def test_zero_byte_file_is_treated_as_new(data_path):
    data_path.touch()
    db = open_database(data_path)
    db.close()
    assert revision_of(data_path) == head_revision()
    assert db.pre_upgrade_backup is None


def test_missing_folders_are_created(tmp_path):
    path = tmp_path / "a" / "b" / "data.sqlite"
    open_database(path).close()
    assert revision_of(path) == head_revision()


def fake_no_write_access(monkeypatch, denied: Path) -> None:
    """Root can write anywhere, so deny write access where the app asks for it."""
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path) == denied:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(database.os, "access", access)


def test_read_only_folder_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    path = tmp_path / "stick" / "data.sqlite"
    path.parent.mkdir()
    fake_no_write_access(monkeypatch, path.parent)
    with pytest.raises(ReadOnlyLocationError):
        open_database(path)
    assert list(path.parent.iterdir()) == []  # not even a lock file


def test_read_only_file_is_refused_and_left_alone(data_path, monkeypatch):
    open_database(data_path).close()
    before = snapshot(data_path)
    fake_no_write_access(monkeypatch, data_path)
    with pytest.raises(ReadOnlyLocationError):
        open_database(data_path)
    assert snapshot(data_path) == before


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="file modes do not stop root (the os.access tests above cover the check)",
)
def test_read_only_folder_by_file_mode(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyLocationError):
            open_database(folder / "data.sqlite")
    finally:
        folder.chmod(0o755)


# --- damaged files ---------------------------------------------------------------------------
def make_file_with_rows(path: Path) -> None:
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO setting VALUES (?, ?)", [(f"k{i}", "v" * 500) for i in range(200)]
    )
    conn.commit()
    conn.close()  # last connection: checkpointed into the main file, no -wal left


def page_overwritten(data: bytes, page: int, page_size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    garbage = bytes(rng.randrange(256) for _ in range(page_size))
    return data[: (page - 1) * page_size] + garbage + data[page * page_size :]


def freelist_points_at_a_used_page(data: bytes) -> bytes:
    """Header says page 20 (in use by a table) is the free list: quick_check reports rows
    instead of raising, the other way a damaged file shows."""
    return data[:32] + struct.pack(">II", 20, 1) + data[40:]


def damage(path: Path, how: str) -> None:
    if how == "random_bytes":
        path.write_bytes(random.Random(1).randbytes(64 * 1024))
        return
    make_file_with_rows(path)
    data = path.read_bytes()
    page_size = struct.unpack(">H", data[16:18])[0]
    if how == "header_then_garbage":
        data = data[:100] + random.Random(2).randbytes(len(data) - 100)
    elif how == "table_root_page_garbage":
        conn = sqlite3.connect(path)
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='setting'").fetchone()
        conn.close()
        data = page_overwritten(data, root[0], page_size, seed=3)
    elif how == "last_page_garbage":
        data = page_overwritten(data, len(data) // page_size, page_size, seed=4)
    elif how == "freelist_points_at_a_used_page":
        data = freelist_points_at_a_used_page(data)
    elif how == "truncated":
        data = data[: len(data) // 2]
    path.write_bytes(data)


DAMAGE = [
    "random_bytes",
    "header_then_garbage",
    "table_root_page_garbage",
    "last_page_garbage",
    "freelist_points_at_a_used_page",
    "truncated",
]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_file_is_refused_and_not_written(data_path, how):
    damage(data_path, how)
    if how != "random_bytes":  # the damage is real: SQLite itself sees it
        conn = sqlite3.connect(readonly_uri(data_path), uri=True)
        try:
            assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        except sqlite3.DatabaseError:
            pass
        finally:
            conn.close()
    before = data_path.read_bytes()

    with pytest.raises(DamagedFileError):
        open_database(data_path)

    assert data_path.read_bytes() == before
    assert not (data_path.parent / "backups").exists()
    with pytest.raises(DamagedFileError):  # the lock was released: same answer again
        open_database(data_path)


def test_intact_file_with_rows_opens(data_path):
    """The damage cases start from this file, which on its own is fine."""
    make_file_with_rows(data_path)
    open_database(data_path).close()


@pytest.mark.parametrize("folder_name", ["党建 #2 50%", "x?mode=rw", "a%2Fb"])
def test_folder_names_that_look_like_uri_syntax(tmp_path, folder_name):
    """'#', '?' and '%' end or escape a URI path: the file checked at open must be the data
    file itself, not a stray file SQLite would create at the truncated path."""
    if "?" in folder_name and sys.platform == "win32":
        pytest.skip("'?' is not allowed in Windows file names")
    folder = tmp_path / folder_name
    folder.mkdir()
    path = folder / "data.sqlite"
    make_file_with_rows(path)
    reopened = open_database(path)
    reopened.close()
    assert reopened.upgraded_from is None
    assert reopened.pre_upgrade_backup is None  # it saw the file is at head
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder_name]

    path.write_bytes(freelist_points_at_a_used_page(path.read_bytes()))
    with pytest.raises(DamagedFileError):
        open_database(path)


# --- classify: the user's environment vs our bug ---------------------------------------------
def real_error(tmp_path: Path, kind: str) -> sqlite3.Error:
    """Provoke a genuine sqlite3 error of each kind."""
    path = tmp_path / f"{kind}.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    other = None
    try:
        if kind == "full":
            conn.execute(
                f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}"
            )
            conn.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))
        elif kind == "readonly":
            other = sqlite3.connect(readonly_uri(path), uri=True)
            other.execute("INSERT INTO t VALUES (2)")
        elif kind == "busy":
            conn.execute("BEGIN IMMEDIATE")
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
        elif kind == "notadb":
            junk = tmp_path / "junk.sqlite"
            junk.write_bytes(b"not a database at all" * 200)
            other = sqlite3.connect(junk)
            other.execute("SELECT * FROM sqlite_master")
        elif kind == "cantopen":
            sqlite3.connect(tmp_path / "no such folder" / "x.sqlite")
        elif kind == "no_such_table":
            conn.execute("SELECT * FROM missing")
        elif kind == "unique":
            conn.execute("INSERT INTO t VALUES (1)")
    except sqlite3.Error as exc:
        return exc
    finally:
        for c in (conn, other):
            if c is not None:
                c.close()
    raise AssertionError(f"{kind}: no error happened")


@pytest.mark.parametrize(
    ("kind", "code", "expected"),
    [
        ("full", 13, DiskFullError),  # SQLITE_FULL
        ("readonly", 8, ReadOnlyLocationError),  # SQLITE_READONLY
        ("busy", 5, FileInUseError),  # SQLITE_BUSY
        ("notadb", 26, DamagedFileError),  # SQLITE_NOTADB
        ("cantopen", 14, ReadOnlyLocationError),  # SQLITE_CANTOPEN
        ("no_such_table", 1, None),  # SQLITE_ERROR: our bug, not the user's
        ("unique", 19, None),  # SQLITE_CONSTRAINT: our bug (validation missed it)
    ],
)
def test_classify_real_sqlite_errors(tmp_path, kind, code, expected):
    exc = real_error(tmp_path, kind)
    assert exc.sqlite_errorcode & 0xFF == code
    mapped = classify(exc, tmp_path / "data.sqlite")
    if expected is None:
        assert mapped is None
    else:
        assert type(mapped) is expected
        assert mapped.path == tmp_path / "data.sqlite"
        # Wrapped by SQLAlchemy, as services see it, it maps the same way.
        wrapped = sa.exc.OperationalError("INSERT ...", {}, exc)
        assert type(classify(wrapped, "x")) is expected


def test_classify_corrupt_page_error(data_path):
    damage(data_path, "table_root_page_garbage")
    conn = sqlite3.connect(readonly_uri(data_path), uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError) as caught:
            conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()
    assert caught.value.sqlite_errorcode & 0xFF == 11  # SQLITE_CORRUPT
    assert type(classify(caught.value, data_path)) is DamagedFileError


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), DiskFullError),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyLocationError),
        (PermissionError(errno.EACCES, "Permission denied"), ReadOnlyLocationError),
        (PermissionError(errno.EPERM, "Operation not permitted"), ReadOnlyLocationError),
        (FileNotFoundError(errno.ENOENT, "No such file"), None),
        (ValueError("a bug"), None),
        (KeyError("a bug"), None),
    ],
)
def test_classify_os_errors(exc, expected):
    mapped = classify(exc, "/data/data.sqlite")
    assert (type(mapped) if mapped is not None else None) is expected


def test_classify_passes_storage_errors_through():
    exc = FileInUseError("/x", "locked")
    assert classify(exc, "/y") is exc
    assert issubclass(DiskFullError, StorageError)


# --- connection pragmas ----------------------------------------------------------------------
PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def pragmas(conn) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}


def test_every_connection_gets_the_pragmas(workspace):
    assert BUSY_TIMEOUT_MS == 5000
    engine = workspace.database.engine
    with engine.connect() as first, engine.connect() as second:  # two pooled connections
        assert pragmas(first) == PRAGMAS
        assert pragmas(second) == PRAGMAS


def test_pragmas_hold_after_the_engine_is_recreated(workspace):
    workspace.database.reopen_engine()
    with workspace.database.engine.connect() as conn:
        assert pragmas(conn) == PRAGMAS


def test_file_is_left_in_wal_mode(data_path):
    open_database(data_path).close()
    header = data_path.read_bytes()[:20]
    assert (header[18], header[19]) == (2, 2)  # read/write format 2 = WAL


def test_foreign_keys_are_enforced(workspace):
    with pytest.raises(sa.exc.IntegrityError), workspace.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO committee_member (term_id, position, name, post) "
            "VALUES (999, 0, '张三', 'secretary')"
        )


def test_engine_pragmas_without_open_database(tmp_path):
    """create_db_engine alone (used for restore) sets them too."""
    engine = create_db_engine(tmp_path / "bare.sqlite")
    try:
        with engine.connect() as conn:
            assert pragmas(conn) == PRAGMAS
    finally:
        engine.dispose()


def test_snapshot_notices_a_write(tmp_path):
    """snapshot() sees a change, so the "not written" assertions above can fail."""
    path = tmp_path / "f.sqlite"
    make_file_with_rows(path)
    before = snapshot(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE setting SET value = 'changed' WHERE key = 'k1'")
    conn.commit()
    conn.close()
    assert snapshot(path) != before


def test_a_file_where_a_folder_should_be_is_a_bad_location(tmp_path):
    from dangjian_desktop.storage.errors import BadLocationError

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(BadLocationError):
        open_database(blocker / "dangjian.sqlite")
    with pytest.raises(BadLocationError):
        open_database(tmp_path)  # a folder given as the data file


# --- only our own files (issue 7.5) ----------------------------------------------------------
def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_foreign(path: Path, kind: str) -> None:
    """SQLite files of other programs, as they are found on a PC or a stick."""
    conn = sqlite3.connect(path)
    if kind == "browser_places_in_wal_mode":
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.executemany(
            "INSERT INTO moz_places (url) VALUES (?)", [(f"https://x/{i}",) for i in range(50)]
        )
    elif kind == "has_a_branch_table":
        conn.execute("CREATE TABLE branch (id INTEGER PRIMARY KEY, name TEXT, code TEXT)")
        conn.execute("INSERT INTO branch (name) VALUES ('git branch, not a Party branch')")
    elif kind == "another_alembic_program":
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    elif kind == "another_programs_mark":
        conn.execute("PRAGMA application_id = 1196444487")  # 'GPKG', a GeoPackage
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY)")
    elif kind == "empty_schema":
        conn.execute("PRAGMA user_version = 7")  # a SQLite file with no tables at all
    conn.commit()
    conn.close()


FOREIGN = [
    "browser_places_in_wal_mode",
    "has_a_branch_table",
    "another_alembic_program",
    "another_programs_mark",
    "empty_schema",
]


@pytest.mark.parametrize("kind", FOREIGN)
def test_foreign_sqlite_file_is_refused_byte_identical(tmp_path, kind):
    from dangjian_desktop import messages
    from dangjian_desktop.services import Workspace
    from dangjian_desktop.storage import errors as storage_errors

    path = tmp_path / "places.sqlite"
    make_foreign(path, kind)
    digest, listing = sha256(path), sorted(p.name for p in tmp_path.iterdir())

    for opener in (open_database, Workspace.open):
        with pytest.raises(StorageError) as caught:
            opener(path)
        assert type(caught.value) is storage_errors.ForeignFileError, caught.value
        assert "这不是党建台账的数据文件" in messages.storage_error_text(caught.value)
        assert "更新版本" not in messages.storage_error_text(caught.value)

    assert sha256(path) == digest
    # No lock file, no -wal/-shm, no backups folder: nothing was written near it either.
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_new_file_carries_the_mark_in_the_file_itself_while_open(data_path):
    """The mark is written before the first byte goes to a -wal, so a crash in the very
    first session cannot leave a file that looks foreign at the next start."""
    db = open_database(data_path)
    try:
        header = data_path.read_bytes()[:100]
        assert struct.unpack(">I", header[68:72])[0] == APPLICATION_ID
        assert database.identify_file(data_path) is database.FileKind.OURS
    finally:
        db.close()
    conn = sqlite3.connect(readonly_uri(data_path), uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def clear_mark(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_our_unmarked_file_from_an_older_version_is_opened_and_marked(data_path):
    make_file_with_rows(data_path)
    clear_mark(data_path)  # as files written before the mark existed are
    assert struct.unpack(">I", data_path.read_bytes()[68:72])[0] == 0

    db = open_database(data_path)
    try:
        assert db.pre_upgrade_backup is None  # at head already: marking is the only write
    finally:
        db.close()
    assert struct.unpack(">I", data_path.read_bytes()[68:72])[0] == APPLICATION_ID
    conn = sqlite3.connect(data_path)
    try:
        assert conn.execute("SELECT count(*) FROM setting").fetchone()[0] >= 200
    finally:
        conn.close()


def test_marked_file_with_an_unknown_revision_is_from_a_newer_version(data_path):
    from dangjian_desktop.storage.errors import FileTooNewError

    open_database(data_path).close()
    conn = sqlite3.connect(data_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(FileTooNewError):
        open_database(data_path)


# --- a zero-byte file beside good backups (issue 7.12) ---------------------------------------
def test_zero_byte_file_with_good_backups_is_not_a_new_ledger(data_path):
    from dangjian_desktop.services import Workspace
    from dangjian_desktop.storage import errors as storage_errors

    ws = Workspace.open(data_path)
    try:
        with sqlite3.connect(data_path) as conn:
            conn.execute("INSERT INTO setting VALUES ('k', 'before the power cut')")
        ws.backup_now()
    finally:
        ws.close(final_backup=False)
    data_path.write_bytes(b"")  # the write was cut, the stick pulled out
    listing = sorted(p.name for p in data_path.parent.iterdir())

    with pytest.raises(storage_errors.EmptyFileError) as caught:
        open_database(data_path)
    assert isinstance(caught.value, DamagedFileError)  # the GUI offers the newest backup
    assert data_path.read_bytes() == b""
    assert sorted(p.name for p in data_path.parent.iterdir()) == listing


# --- the lock is on the file, not on the name (issue 7.12) -----------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlink_to_the_data_file_meets_the_same_lock(tmp_path, data_path):
    link = tmp_path / "link-on-the-desktop.sqlite"
    link.symlink_to(data_path)
    db = open_database(data_path)
    try:
        with pytest.raises(FileInUseError):
            open_database(link)
        assert open_in_other_process(link) == "FileInUseError"
    finally:
        db.close()
    via_link = open_database(link)
    try:
        with pytest.raises(FileInUseError):
            open_database(data_path)
    finally:
        via_link.close()


# --- private files (issue 7.12) --------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_data_file_backups_and_folders_are_private(tmp_path):
    from dangjian_desktop.services import Workspace

    old = os.umask(0o022)
    try:
        path = tmp_path / "new" / "folder" / "dangjian.sqlite"
        ws = Workspace.open(path)
        try:
            wal = path.with_name(path.name + "-wal")
            info = ws.backup_now()
            modes = {
                "data file": path.stat().st_mode & 0o777,
                "-wal": wal.stat().st_mode & 0o777,
                "backup": info.path.stat().st_mode & 0o777,
                "data folder": path.parent.stat().st_mode & 0o777,
                "its new parent": path.parent.parent.stat().st_mode & 0o777,
                "backups": ws.backup_dir.parent.stat().st_mode & 0o777,
                "backups of this file": ws.backup_dir.stat().st_mode & 0o777,
            }
        finally:
            ws.close(final_backup=False)
    finally:
        os.umask(old)
    assert modes == {
        "data file": 0o600,
        "-wal": 0o600,
        "backup": 0o600,
        "data folder": 0o700,
        "its new parent": 0o700,
        "backups": 0o700,
        "backups of this file": 0o700,
    }


# --- a full disk is not a damaged file (issue 7.7) -------------------------------------------
def test_full_disk_at_start_is_a_full_disk_not_damage(tmp_path):
    from tests.unit.storage.disks import fill_disk, small_disk

    with small_disk(tmp_path / "stick") as stick:
        path = stick / "dangjian.sqlite"
        make_file_with_rows(path)
        for extra in ("-wal", "-shm"):
            assert not path.with_name(path.name + extra).exists()
        fill_disk(stick)
        digest = sha256(path)
        with pytest.raises(StorageError) as caught:
            open_database(path)
        assert type(caught.value) is DiskFullError, caught.value
        assert sha256(path) == digest


def test_io_error_without_space_left_is_a_full_disk(tmp_path, monkeypatch):
    """The same, where no tmpfs can be mounted: SQLite's own error for a -shm it cannot
    grow (SQLITE_IOERR_SHMSIZE, "disk I/O error") on a disk with 0 bytes free."""
    import shutil

    from dangjian_desktop.storage import errors as storage_errors

    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode, exc.sqlite_errorname = 4874, "SQLITE_IOERR_SHMSIZE"
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(
        storage_errors.shutil, "disk_usage", lambda p: usage._replace(free=0), raising=True
    )
    assert type(classify(exc, tmp_path / "d.sqlite")) is DiskFullError


# --- disk I/O errors are the environment, not our bug (issue 7.8) ----------------------------
def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite_error("disk I/O error", 10), "DiskIOError"),  # SQLITE_IOERR
        (sqlite_error("disk I/O error", 10 | (4 << 8)), "DiskIOError"),  # IOERR_WRITE
        (sqlite_error("disk I/O error", 10 | (2 << 8)), "DamagedFileError"),  # SHORT_READ
        (sqlite_error("database or disk is full", 10), "DiskFullError"),
        (OSError(errno.EIO, "Input/output error"), "DiskIOError"),
        (OSError(errno.ENODEV, "No such device"), "DiskIOError"),
    ],
)
def test_disk_io_errors_are_typed(tmp_path, exc, expected):
    mapped = classify(exc, tmp_path / "data.sqlite")
    assert type(mapped).__name__ == expected
    wrapped = (
        sa.exc.OperationalError("INSERT ...", {}, exc) if isinstance(exc, sqlite3.Error) else exc
    )
    assert type(classify(wrapped, tmp_path)).__name__ == expected


def test_disk_io_error_is_worded_for_a_loose_stick(tmp_path):
    from dangjian_desktop import messages

    mapped = classify(OSError(errno.EIO, "Input/output error"), tmp_path / "d.sqlite")
    text = messages.storage_error_text(mapped)
    assert text.startswith("读写数据文件时出错：U盘可能松动或损坏")
    assert str(tmp_path / "d.sqlite") in text


# --- no leftovers (issue 7.11) ---------------------------------------------------------------
def dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


def test_open_removes_what_killed_backups_and_exports_left(data_path):
    from dangjian_desktop.export import atomic

    open_database(data_path).close()
    backups = data_path.parent / "backups" / "data"
    backups.mkdir(parents=True)
    pid = dead_pid()
    leftovers = [
        backups / "backup-2025-06-15-10.00.00-auto.sqlite.tmp",  # older versions' names
        backups / "backup-2025-06-15-10.00.00-auto.sqlite.tmp-journal",
        data_path.with_name(data_path.name + ".restore"),
        backups / f"{atomic.TEMP_PREFIX}{pid}-0badc0de.backup-000003-x-auto.sqlite.tmp",
        backups / f"{atomic.TEMP_PREFIX}{pid}-0badc0de.backup-000003-x-auto.sqlite.tmp-journal",
        data_path.parent / f"{atomic.TEMP_PREFIX}{pid}-12345678.花名册.xlsx.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"110105199003071234 half-written")
    keep = [
        backups / "notes.txt",
        data_path.parent / "花名册.xlsx",
        # a write still running in another process (this test's parent is alive)
        data_path.parent / f"{atomic.TEMP_PREFIX}{os.getppid()}-abcdef12.report.pdf.tmp",
    ]
    for path in keep:
        path.write_bytes(b"not ours to delete")

    open_database(data_path).close()

    assert [p.name for p in leftovers if p.exists()] == []
    assert [p.name for p in keep if not p.exists()] == []


# --- the full check (issue 7.4) --------------------------------------------------------------
def damage_an_index_entry(path: Path) -> None:
    """Change one key inside an index page so that the page stays well-formed (quick_check
    passes) but the entry no longer matches its row: what 7 of 40 page flips did."""
    make_file_with_rows(path)
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in (i for i in range(len(data)) if data.startswith(b"k150", i)):
        page = offset // page_size
        kind = data[page * page_size + (100 if page == 0 else 0)]
        if kind == 0x0A:  # an index leaf page
            data[offset : offset + 4] = b"k14:"  # sorts between k149 and k151: still in order
            break
    else:
        raise AssertionError("no index entry for k150 found")
    path.write_bytes(bytes(data))


def test_index_damage_passes_the_open_check_and_is_found_by_the_full_check(data_path):
    damage_an_index_entry(data_path)
    conn = sqlite3.connect(readonly_uri(data_path), uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()

    db = open_database(data_path)  # opens: quick_check cannot see it
    try:
        report = database.integrity_check(db.engine)
        assert not report.ok
        assert report.index_only
        assert any("missing from index" in p for p in report.problems)
        with db.engine.connect() as c:  # the damage is real: the index hides the row
            assert c.exec_driver_sql("SELECT count(*) FROM setting WHERE key='k150'").scalar() == 0
        database.reindex(db.engine)
        assert database.integrity_check(db.engine).ok
        with db.engine.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM setting WHERE key='k150'").scalar() == 1
    finally:
        db.close()


def test_full_check_can_be_cancelled(data_path, monkeypatch):
    from dangjian_desktop.progress import Cancelled

    make_file_with_rows(data_path)
    monkeypatch.setattr(database, "_PROGRESS_STEPS", 100)  # a small file checks quickly
    db = open_database(data_path)
    try:
        calls = []

        def progress(done, total):
            calls.append((done, total))
            return False

        with pytest.raises(Cancelled):
            database.integrity_check(db.engine, progress)
        assert calls
        assert database.integrity_check(db.engine).ok  # the connection is usable again
    finally:
        db.close()


def test_report_tells_index_problems_from_others():
    report = database.IntegrityReport
    assert report().ok and not report().index_only
    assert report(("row 5 missing from index ix_member_name",)).index_only
    assert report(("wrong # of entries in index ix_member_name",)).index_only
    mixed = ("row 5 missing from index ix_x", "NULL value in member.name")
    assert not report(mixed).index_only
    assert not report(("*** in database main ***\nPage 7: btreeInitPage() error",)).index_only
