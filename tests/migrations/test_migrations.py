"""Schema migrations (DESIGN.md §3): new files start at head, the migrated schema is the
models' schema, a file from a newer program is refused untouched, an older file is backed
up before it is upgraded, a failed upgrade rolls back, and every released schema opens."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from dangjian_desktop.domain.branch import CommitteePost
from dangjian_desktop.domain.people import MemberFilter, MemberSort, PartyStatus
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage import member_repo, tables
from dangjian_desktop.storage.database import open_database
from dangjian_desktop.storage.engine import create_db_engine
from dangjian_desktop.storage.errors import FileTooNewError
from dangjian_desktop.storage.migrate import (
    alembic_config,
    head_revision,
    known_revisions,
    read_revision,
)

FIXTURES = Path(__file__).with_name("fixtures")


def revision_of(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        return read_revision(conn)
    finally:
        conn.close()


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def schema_diff(path: Path, metadata: sa.MetaData) -> list:
    engine = create_db_engine(path)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def make_file_at(path: Path, revision: str | None) -> None:
    """A file at an older schema revision (None = before the first migration): created at
    head through the app, then downgraded by the shipped migrations themselves."""
    open_database(path).close()
    engine = create_db_engine(path)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision or "base")
    finally:
        engine.dispose()
    assert revision_of(path) == revision


def older_revisions() -> list[str | None]:
    return [None, *sorted(known_revisions() - {head_revision()})]


# --- new files and the schema ---------------------------------------------------------------
def test_new_file_is_created_at_head_without_backup(data_path):
    db = open_database(data_path)
    db.close()
    assert revision_of(data_path) == head_revision()
    assert db.upgraded_from is None
    assert db.pre_upgrade_backup is None
    assert not db.backup_dir.exists()  # nothing to back up yet


def test_one_linear_chain_of_revisions():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    assert head_revision() in known_revisions()
    bases = [r.revision for r in script.walk_revisions() if r.down_revision is None]
    assert len(bases) == 1


def test_revision_graph_read_without_alembic_matches_alembic():
    """Start-up reads revisions from the scripts' text to avoid importing Alembic."""
    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
    assert head_revision() == script.get_current_head()


def test_opening_an_up_to_date_file_does_not_import_alembic(data_path):
    import subprocess
    import sys

    open_database(data_path).close()
    probe = (
        "import sys; from pathlib import Path;"
        "from dangjian_desktop.storage.database import open_database;"
        f"open_database(Path({str(data_path)!r})).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


def test_migrated_schema_matches_the_models(data_path):
    open_database(data_path).close()
    assert schema_diff(data_path, tables.metadata) == []


def test_schema_comparison_sees_a_model_change(data_path):
    """The comparison above can fail: a column the migrations do not create shows up."""
    open_database(data_path).close()
    changed = sa.MetaData()
    for table in tables.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["venue"].append_column(sa.Column("capacity", sa.Integer()))
    diff = schema_diff(data_path, changed)
    assert [(d[0], d[2], d[3].name) for d in diff] == [("add_column", "venue", "capacity")]


# --- a file from a newer program ------------------------------------------------------------
def test_file_from_a_newer_version_is_refused_and_left_untouched(data_path):
    open_database(data_path).close()
    conn = sqlite3.connect(data_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = data_path.read_bytes()
    files_before = {p.name for p in data_path.parent.iterdir()}

    with pytest.raises(FileTooNewError) as caught:
        open_database(data_path)
    assert caught.value.revision == "9999_future"

    assert data_path.read_bytes() == before
    added = {p.name for p in data_path.parent.iterdir()} - files_before
    # A read-only look at a WAL file may leave an empty -wal/-shm beside it, nothing more.
    assert added <= {data_path.name + "-wal", data_path.name + "-shm"}
    wal = data_path.with_name(data_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not (data_path.parent / "backups").exists()
    # The refusal released the lock: a second try is refused for the same reason.
    with pytest.raises(FileTooNewError):
        open_database(data_path)


# --- a file at an older revision ------------------------------------------------------------
@pytest.mark.parametrize("old", older_revisions())
def test_older_file_is_backed_up_then_upgraded(data_path, old):
    make_file_at(data_path, old)
    conn = sqlite3.connect(data_path)
    conn.execute("CREATE TABLE legacy_note (text TEXT)")  # data the user must not lose
    conn.execute("INSERT INTO legacy_note VALUES ('写于旧版本')")
    conn.commit()
    conn.close()

    db = open_database(data_path)
    db.close()

    assert revision_of(data_path) == head_revision()
    assert db.upgraded_from == old
    backup = db.pre_upgrade_backup
    assert backup is not None and backup.parent == db.backup_dir
    assert backup.name.endswith("-upgrade.sqlite")
    assert revision_of(backup) == old  # the state before the upgrade
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT text FROM legacy_note").fetchall() == [("写于旧版本",)]
    finally:
        conn.close()
    # The upgraded file has the models' tables and still has the user's data.
    assert table_names(data_path) >= {*tables.metadata.tables, "legacy_note"}
    conn = sqlite3.connect(data_path)
    try:
        assert conn.execute("SELECT text FROM legacy_note").fetchall() == [("写于旧版本",)]
    finally:
        conn.close()


def test_failed_upgrade_rolls_back_and_releases_the_lock(data_path, monkeypatch):
    """Upgrades run in one transaction (storage/migrate.py): DDL included, nothing stays."""
    make_file_at(data_path, None)
    real_upgrade = command.upgrade

    def upgrade_then_fail(cfg, revision, **kwargs):
        real_upgrade(cfg, revision, **kwargs)  # every table is created ...
        raise RuntimeError("power cut simulation")  # ... and then the upgrade fails

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(RuntimeError, match="power cut simulation"):
        open_database(data_path)
    assert revision_of(data_path) is None
    assert table_names(data_path) == {"alembic_version"}
    assert len(list((data_path.parent / "backups").rglob("*-upgrade.sqlite"))) == 1

    monkeypatch.setattr(command, "upgrade", real_upgrade)
    open_database(data_path).close()  # the lock was released, the upgrade now succeeds
    assert revision_of(data_path) == head_revision()


# --- files of every released schema ---------------------------------------------------------
# What tests/migrations/make_fixture.py stored in each fixture; never edit an entry.
PROFILE_0001 = {
    "full_name": "中燃油运船舶第一党支部",
    "term": (4, date(2023, 3, 20), 3),
    "committee": [
        ("王海", CommitteePost.SECRETARY),
        ("李静", CommitteePost.ORGANIZATION),
        ("陈刚", CommitteePost.PROPAGANDA),
    ],
    "groups": [("甲板党小组", "张伟"), ("轮机党小组", "刘洋")],
    "venues": [("船舶党员活动室", 24.5)],
}
RELEASED = {
    "0001": PROFILE_0001,
    "0002": {
        **PROFILE_0001,
        # Every member (吴涛 in the 回收站, 赵六 停止党籍), in the order the head program
        # shows them: full pinyin since 0003 (0002 sorted by initials: 王建国 吴涛 王五 …).
        "members": ["李娜", "连军", "单田芳", "王建国", "王五", "吴涛", "曾国藩", "张三丰", "赵六"],
        "active": ["李娜", "连军", "单田芳", "王建国", "王五", "曾国藩", "张三丰"],
        "deleted": ["吴涛"],
        "history": {"赵六": [PartyStatus.NORMAL, PartyStatus.SUSPENDED]},
    },
}
# 0003 stored the same branch and members as 0002 (pinyin keys were its only change).
RELEASED["0003"] = dict(RELEASED["0002"])
EVERYONE = MemberFilter(statuses=(), include_deleted=True)


def upgraded_copy(tmp_path: Path, revision: str) -> Path:
    """A copy of the fixture (never touch the fixture itself), upgraded when opened."""
    path = tmp_path / "data.sqlite"
    shutil.copyfile(FIXTURES / f"{revision}.sqlite", path)
    return path


def member_names(ws: Workspace, flt: MemberFilter) -> list[str]:
    ids = ws.members.ids(flt, MemberSort())
    rows = ws.members.rows(ids)
    return [rows[i].name for i in ids]


def test_every_released_schema_has_a_fixture():
    assert {p.stem for p in FIXTURES.glob("*.sqlite")} == set(RELEASED)
    assert set(RELEASED) <= known_revisions()


@pytest.mark.parametrize("revision", sorted(RELEASED))
def test_released_file_opens_with_its_data(tmp_path, revision):
    path = upgraded_copy(tmp_path, revision)
    expected = RELEASED[revision]
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    try:
        db = ws.database
        assert (db.pre_upgrade_backup is not None) == (revision != head_revision())
        assert ws.quick_check() == ["ok"]
        profile = ws.branch.profile()
        if "members" in expected:
            assert member_names(ws, EVERYONE) == expected["members"]
            assert member_names(ws, MemberFilter()) == expected["active"]
            assert member_names(ws, MemberFilter(only_deleted=True)) == expected["deleted"]
            for name, statuses in expected["history"].items():
                [member_id] = ws.members.ids(MemberFilter(text=name, statuses=()), MemberSort())
                history = ws.members.history(member_id)
                assert [c.status for c in history.statuses] == statuses
    finally:
        ws.close(final_backup=False)
    assert profile.full_name == expected["full_name"]
    term = profile.term
    assert (term.ordinal, term.election_date, term.term_years) == expected["term"]
    assert [(m.name, m.post) for m in profile.committee] == expected["committee"]
    assert [(g.name, g.leader) for g in profile.groups] == expected["groups"]
    assert [(v.name, v.area_m2) for v in profile.venues] == expected["venues"]
    assert revision_of(path) == head_revision()
    assert schema_diff(path, tables.metadata) == []


@pytest.mark.parametrize("revision", [r for r in sorted(RELEASED) if "members" in RELEASED[r]])
def test_upgraded_members_get_the_keys_the_program_writes(tmp_path, revision):
    """An upgraded file must hold the name keys this program writes for a new member, or
    its old members sort and search differently from the new ones. Fails when
    domain/pinyin.py changes its keys without a migration that recomputes them."""
    path = upgraded_copy(tmp_path, revision)
    Workspace.open(path).close(final_backup=False)
    conn = sqlite3.connect(path)
    try:
        stored = conn.execute("SELECT name, name_sort, name_search FROM member").fetchall()
    finally:
        conn.close()
    assert len(stored) == len(RELEASED[revision]["members"])
    assert {name: {"name_sort": key, "name_search": search} for name, key, search in stored} == {
        name: member_repo.name_columns(name) for name, _, _ in stored
    }


def test_upgraded_0002_file_is_searched_by_full_pinyin(tmp_path):
    ws = Workspace.open(upgraded_copy(tmp_path, "0002"))
    try:
        assert member_names(ws, MemberFilter(text="wangwu")) == ["王五"]
        assert member_names(ws, MemberFilter(text="zhangs")) == ["张三丰"]
        assert member_names(ws, MemberFilter(text="shantian")) == ["单田芳"]
        assert member_names(ws, MemberFilter(text="zsf")) == ["张三丰"]
    finally:
        ws.close(final_backup=False)


def test_a_damaged_name_does_not_stop_the_upgrade(tmp_path):
    """0003 reads every name to compute its keys: a name whose bytes are not UTF-8 any more
    (a flipped byte) must not make the whole file unopenable."""
    from tests.corrupt import replace_bytes

    path = upgraded_copy(tmp_path, "0002")
    name = "连军".encode()
    replace_bytes(path, name, name[:-1] + b"\xff", places=3)  # the row and two indexes
    ws = Workspace.open(path)
    try:
        assert revision_of(path) == head_revision()
        assert member_names(ws, MemberFilter(text="wangwu")) == ["王五"]
    finally:
        ws.close(final_backup=False)


def test_0004_seeds_the_catalogues_links_seats_and_marks_old_history_as_here(tmp_path):
    """Upgrading a 0003 file: the frequency table and 主题党日 tags arrive as shipped; a
    committee seat whose name is one member's name is linked to that member (a name two
    members share links neither); every old status row counts as recorded here."""
    from dangjian_desktop.domain.meetings import DEFAULT_FREQUENCIES, DEFAULT_THEME_DAY_TAGS

    path = upgraded_copy(tmp_path, "0003")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE member SET name = '王海' WHERE name = '王建国'")
    conn.execute("UPDATE member SET name = '李静' WHERE name IN ('李娜', '连军')")
    conn.commit()
    conn.close()
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    try:
        assert ws.meetings.frequencies() == list(DEFAULT_FREQUENCIES)
        assert ws.meetings.theme_tags() == list(DEFAULT_THEME_DAY_TAGS)
        seats = {s.name: s.member_id for s in ws.branch.profile().committee}
        [wang] = ws.members.ids(MemberFilter(text="王海"), MemberSort())
        assert seats == {"王海": wang, "李静": None, "陈刚": None}
    finally:
        ws.close(final_backup=False)
    conn = sqlite3.connect(path)
    try:
        origins = conn.execute("SELECT DISTINCT origin FROM member_status").fetchall()
    finally:
        conn.close()
    assert origins == [("here",)]


def test_0006_seeds_the_six_haves_template_on_an_upgraded_file(tmp_path):
    """Upgrading a released file: the 阵地 checklist arrives as the shipped default (the
    frozen copy in 0006 equals domain/venues.py DEFAULT_TEMPLATE), and its venues can be
    inspected and retired like a new file's."""
    from dataclasses import replace

    from dangjian_desktop.domain.venues import DEFAULT_TEMPLATE

    ws = Workspace.open(upgraded_copy(tmp_path, "0003"), today=lambda: date(2025, 6, 15))
    try:
        [template] = ws.venues.templates()
        assert replace(template, id=None) == DEFAULT_TEMPLATE
        assert ws.venues.venue_summaries()[0].inspections == 0
    finally:
        ws.close(final_backup=False)


def test_0005_seeds_the_default_points_scheme_as_the_template(tmp_path):
    """Upgrading a 0003 file (through 0004): the 积分 tables arrive empty but for the shipped
    scheme, stored as the template every year starts from: the frozen copy in 0005 equals
    domain/point_defaults.py at that revision (base 60, floor 0, yearly, retired and 流动
    exempt)."""
    from dataclasses import replace

    from dangjian_desktop.domain.point_defaults import default_scheme

    path = upgraded_copy(tmp_path, "0003")
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    try:
        template = ws.points.template()
        scheme = ws.points.scheme(2026)
        assert ws.points.scheme_years() == []  # no year has its own scheme yet
        shipped = default_scheme(2026)
        assert replace(scheme, id=None, rules=()) == replace(shipped, rules=())
        assert [replace(r, id=None) for r in scheme.rules] == list(shipped.rules)
        assert (template.base, template.floor, template.ceiling) == (60, 0, None)
    finally:
        ws.close(final_backup=False)
    assert {"point_entry", "point_scheme", "point_rule", "point_grade"} <= table_names(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM point_entry").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM point_scheme").fetchone() == (1,)
    finally:
        conn.close()


def _indexes(path: Path, table: str) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[1] for r in conn.execute(f"PRAGMA index_list({table})")]
        return {n: [c[2] for c in conn.execute(f"PRAGMA index_info({n})")] for n in names}
    finally:
        conn.close()


def test_0008_gives_the_points_list_an_index_per_order_and_drops_the_old_one(tmp_path):
    """0006 → 0008 and back: the entries list's indexes (each filter and sort in SQL, the
    points_repo INDEXED BY hints name them) arrive, ix_point_entry_list leaves, and the
    downgrade puts the 0006 indexes back exactly."""
    path = tmp_path / "data.sqlite"
    make_file_at(path, "0006")
    before = _indexes(path, "point_entry")
    assert "ix_point_entry_list" in before and "ix_point_entry_by_rule" not in before
    open_database(path).close()  # upgrades to head
    entries, members = _indexes(path, "point_entry"), _indexes(path, "member")
    assert "ix_point_entry_list" not in entries
    assert entries["ix_point_entry_by_rule"][:2] == ["rule_code", "date"]
    assert entries["ix_point_entry_cat_points"][:3] == ["category", "points", "date"]
    assert entries["ix_point_entry_member"][:2] == ["member_id", "date"]
    assert members["ix_member_name_order"] == ["name_sort", "name", "id"]
    assert schema_diff(path, tables.metadata) == []
    engine = create_db_engine(path)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
    finally:
        engine.dispose()
    assert _indexes(path, "point_entry") == before
    assert "ix_member_name_order" not in _indexes(path, "member")


def test_0009_adds_the_counting_decisions_to_an_upgraded_file(tmp_path):
    """Upgrading a 0003 file (through 0004–0008): point_counting arrives empty, and a
    decision stored in it changes who is counted."""
    from dangjian_desktop.domain.points import CountingOverride, PeriodKey

    path = upgraded_copy(tmp_path, "0003")
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    try:
        assert ws.points.counting(2025) == {}
        report = ws.points.totals(PeriodKey(2025))
        someone = next(iter(report.counted))
        ws.points.set_counting(CountingOverride(someone, 2025, False, "长期病休"))
        assert someone not in ws.points.totals(PeriodKey(2025)).counted
    finally:
        ws.close(final_backup=False)
    assert "point_counting" in table_names(path)
