"""The audit log answers "who changed what" (issue 7 item 13, DESIGN.md §3): every write
and every action that lets data leave or replaces the file writes one row naming the
record and the changed fields — never a person's values; the 操作记录 view's reads filter
and page in SQL."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dangjian_desktop import settings
from dangjian_desktop.domain.audit import AuditFilter, AuditRecord, AuditSearch, parse_entry
from dangjian_desktop.domain.branch import BranchProfile, CommitteeMember, CommitteePost
from dangjian_desktop.domain.branch import PartyGroup as Group
from dangjian_desktop.domain.people import PartyStatus, StatusChange, Transfer, TransferDirection
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.services.unit_of_work import current_actor
from dangjian_desktop.storage.backup import Reason
from dangjian_desktop.storage.errors import DiskFullError
from tests import roster_files
from tests.unit.services.member_data import TODAY, member, out_letter, table

IN_LETTER = Transfer(TransferDirection.IN, date(2025, 6, 10), from_org="舟山油库党支部")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def rows(ws: Workspace) -> list[tuple[str, dict]]:
    """(action, detail as JSON) of every audit row, oldest first."""
    found = table(ws, "SELECT action, detail FROM audit_log ORDER BY id")
    return [(action, json.loads(detail)) for action, detail in found]


def last(ws: Workspace) -> tuple[str, dict]:
    return rows(ws)[-1]


@pytest.fixture
def other(tmp_path: Path):
    ws = Workspace.open(tmp_path / "ship-b" / "data.sqlite", today=lambda: TODAY)
    yield ws
    ws.close(final_backup=False)


# --- each kind of write names its record and its changed fields ------------------------------
def test_member_add_says_which_member(workspace):
    member_id, _ = workspace.members.add(member())
    assert last(workspace) == ("member.add", {"v": 1, "kind": "member", "ids": [member_id]})


def test_member_update_lists_the_changed_fields_computed_from_before_and_after(workspace):
    member_id, _ = workspace.members.add(member())
    stored = workspace.members.get(member_id)
    workspace.members.update(stored.__class__(**{**vars(stored), "phone": "13900001111"}))
    changed = workspace.members.get(member_id)
    workspace.members.update(
        changed.__class__(**{**vars(changed), "note": "调往远洋二号", "is_mobile": True})
    )
    workspace.members.update(workspace.members.get(member_id))  # saved without a change
    assert [d.get("fields") for a, d in rows(workspace) if a == "member.update"] == [
        ["phone"],
        ["is_mobile", "note"],
        None,
    ]
    assert all(d["ids"] == [member_id] for a, d in rows(workspace) if a == "member.update")


def test_a_photo_saved_with_the_form_is_named_in_the_update_row(workspace):
    """The form saves record and photo in one update (one transaction, one audit row)."""
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 64
    member_id, _ = workspace.members.add(member())
    workspace.members.update(workspace.members.get(member_id), photo=jpeg)
    assert last(workspace) == (
        "member.update",
        {"v": 1, "kind": "member", "ids": [member_id], "fields": ["photo"]},
    )


def test_status_photo_delete_and_restore_rows(workspace):
    a, _ = workspace.members.add(member("张三丰", 111))
    b, _ = workspace.members.add(member("李四", 112))
    workspace.members.change_status(a, StatusChange(PartyStatus.SUSPENDED, date(2025, 5, 1)))
    workspace.members.set_photo(a, JPEG)
    workspace.members.set_photo(a, None)
    workspace.members.delete_many([a, b])
    workspace.members.restore_many([b])
    assert rows(workspace)[2:] == [
        ("member.change_status", {"v": 1, "kind": "member", "ids": [a], "fields": ["status"]}),
        ("member.set_photo", {"v": 1, "kind": "member", "ids": [a], "fields": ["photo"]}),
        (
            "member.set_photo",
            {"v": 1, "kind": "member", "ids": [a], "fields": ["photo"], "removed": True},
        ),
        ("member.delete", {"v": 1, "kind": "member", "ids": [a, b]}),
        ("member.restore", {"v": 1, "kind": "member", "ids": [b]}),
    ]


def test_transfers_and_the_transfer_file_name_the_member(workspace, other, tmp_path):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(member_id, out_letter())
    path = tmp_path / "张三丰.djzj"
    workspace.members.export_transfer_file(member_id, path)
    assert rows(workspace)[1:] == [
        (
            "member.transfer_out",
            {"v": 1, "kind": "member", "ids": [member_id], "fields": ["status"]},
        ),
        (
            "member.export_transfer_file",
            {
                "v": 1,
                "kind": "member",
                "ids": [member_id],
                "full_ids": True,  # a transfer file carries the whole record
                "full_phones": True,
                "photo": False,
            },
        ),
    ]
    result = other.members.import_transfer_file(path)
    assert last(other) == (
        "member.import_transfer_file",
        {"v": 1, "kind": "member", "ids": [result.member_id], "created": True},
    )
    new_id, _ = other.members.transfer_in(member("王五", 113), IN_LETTER)
    assert last(other) == (
        "member.transfer_in",
        {"v": 1, "kind": "member", "ids": [new_id], "returning": False},
    )


def test_a_member_coming_back_lists_what_the_letter_changed(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(
        member_id, out_letter(transfer_date=date(2025, 1, 2), valid_until=None)
    )
    back, _ = workspace.members.transfer_in(member(work_unit="远洋三号"), IN_LETTER)
    assert back == member_id
    action, detail = last(workspace)
    assert (action, detail["ids"], detail["returning"]) == ("member.transfer_in", [back], True)
    assert "work_unit" in detail["fields"]


def test_the_roster_import_names_every_member_it_added(workspace, tmp_path):
    svc = workspace.roster_import
    path = roster_files.good_roster(tmp_path / "花名册.xlsx", count=5)
    source = svc.read_workbook(path)
    sheet = source.default_sheet()
    proposal = svc.propose_mapping(source, sheet.name)
    outcome = svc.commit(svc.preview(source, sheet.name, proposal.fields))
    action, detail = last(workspace)
    assert action == "member.import_roster" and outcome.count == 5
    assert detail["ids"] == sorted(
        table(workspace, "SELECT id FROM member")[i][0] for i in range(5)
    )
    assert (detail["file"], detail["sheet"], detail["count"]) == ("花名册.xlsx", "党员", 5)


def test_branch_and_settings_rows_list_their_fields(workspace):
    workspace.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
    workspace.settings.set(settings.BACKUP_INTERVAL_MINUTES, 10)
    assert rows(workspace)[-1] == (
        "settings.set",
        {
            "v": 1,
            "kind": "settings",
            "fields": ["backup_interval_minutes"],
            "values": {"backup_interval_minutes": [30, 10]},
        },
    )
    assert rows(workspace)[-2] == (
        "branch.save_profile",
        {"v": 1, "kind": "branch", "fields": ["full_name"]},
    )


def test_the_export_api_records_whether_full_numbers_left_the_program(workspace):
    """The one call the export service makes after it wrote a report."""
    record_export(workspace.database.engine, "roster", fmt="xlsx", rows=30, full_ids=True)
    assert last(workspace) == (
        "export.roster",
        {
            "v": 1,
            "kind": "roster",
            "format": "xlsx",
            "rows": 30,
            "full_ids": True,
            "full_phones": False,
        },
    )
    assert table(workspace, "SELECT actor FROM audit_log") == [(current_actor(),)]


def test_a_refused_write_writes_no_audit_row(workspace):
    from dangjian_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        workspace.members.add(member(name=""))
    assert rows(workspace) == []


# --- backups and restores -------------------------------------------------------------------
def test_a_backup_writes_its_row_without_making_the_next_backup_due(data_path):
    ws = Workspace.open(data_path, today=lambda: TODAY)
    try:
        ws.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
        info = ws.backup_if_due()
        assert info is not None
        action, detail = last(ws)
        assert action == "backup.take"
        assert detail == {
            "v": 1,
            "kind": "backup",
            "reason": Reason.AUTO,
            "file": info.path.name,
            "seq": info.seq,
        }
        # The row is a write to the file, but not a data change: no backup falls due.
        assert ws.backup_if_due(datetime.now() + timedelta(days=1)) is None
        ws.backup_now()  # a manual one, written and recorded too
        assert [a for a, _ in rows(ws)].count("backup.take") == 2
    finally:
        ws.close()  # nothing changed since: no exit backup
    assert [b.reason for b in ws.list_backups()] == [Reason.MANUAL, Reason.AUTO]


def test_a_backup_holds_the_rows_before_it_not_its_own(workspace):
    import sqlite3

    workspace.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
    info = workspace.backup_now()
    conn = sqlite3.connect(info.path)
    try:
        actions = [a for (a,) in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        conn.close()
    assert actions == ["branch.save_profile"]


def test_a_backup_whose_row_cannot_be_written_still_counts(workspace, monkeypatch):
    workspace.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))

    def full(*_args):
        raise DiskFullError(workspace.path, "database or disk is full")

    monkeypatch.setattr(workspace.audit, "record", full)
    info = workspace.backup_now()
    assert info.path.exists() and workspace.last_backup == info.taken_at


def test_the_restore_row_goes_into_the_restored_file(workspace):
    workspace.branch.save_profile(BranchProfile(full_name="第一次"))
    good = workspace.backup_now()
    workspace.branch.save_profile(BranchProfile(full_name="第二次"))
    workspace.restore(good.path)
    assert workspace.branch.profile().full_name == "第一次"
    actions = [a for a, _ in rows(workspace)]
    # The second save is gone with the state it was in (kept in the 恢复前 backup).
    assert actions == ["branch.save_profile", "data_file.restore"]
    _action, detail = last(workspace)
    before = [b for b in workspace.list_backups() if b.reason == Reason.RESTORE]
    assert detail["kind"] == "data_file" and detail["file"] == good.path.name
    assert detail["before"] == before[0].path.name and detail["reason"] == Reason.MANUAL
    assert workspace.backup_if_due(datetime.now() + timedelta(days=1)) is None


# --- no personal value in any row ----------------------------------------------------------
def personal_values(*members) -> list[str]:
    values = []
    for m in members:
        values += [m.name, m.id_number, m.id_number[-6:]]
        values += [v for v in (m.phone, m.address, m.note, m.introducers) if v]
    return [v for v in values if v]


def test_no_name_id_number_or_phone_in_any_audit_row_after_a_workload(workspace, other, tmp_path):
    """Every kind of write, then every column of every audit row is searched for each
    personal value used (full and as an ID tail)."""
    people = [
        member("张三丰", 111, phone="13812345678", address="宁波市江北区槐树路 8 号"),
        member("李四海", 112, phone="13987654321", note="家属随船", introducers="王海、赵敏"),
        member("欧阳晓峰", 113, phone="0574-87654321"),
    ]
    workspace.branch.save_profile(
        BranchProfile(
            full_name="远洋一号船舶党支部",
            committee=(CommitteeMember("王海", CommitteePost.SECRETARY),),
            groups=(Group("甲板党小组", "赵敏"),),
        )
    )
    ids = [workspace.members.add(m)[0] for m in people]
    first = workspace.members.get(ids[0])
    renamed = first.__class__(**{**vars(first), "name": "张三峰", "phone": "13700001111"})
    workspace.members.update(renamed)
    workspace.members.set_photo(ids[1], JPEG)
    workspace.members.change_status(ids[2], StatusChange(PartyStatus.SUSPENDED, date(2025, 5, 1)))
    workspace.members.delete_many(ids[1:2])
    workspace.members.restore_many(ids[1:2])
    workspace.members.transfer_out(
        ids[0], out_letter(transfer_date=date(2025, 1, 2), valid_until=None)
    )
    workspace.members.export_transfer_file(ids[0], tmp_path / "张三峰.djzj")
    other.members.import_transfer_file(tmp_path / "张三峰.djzj")
    workspace.members.transfer_in(renamed, IN_LETTER)  # coming back
    svc = workspace.roster_import
    source = svc.read_workbook(roster_files.messy_roster(tmp_path / "roster.xlsx"))
    sheet = source.default_sheet()
    proposal = svc.propose_mapping(source, sheet.name)
    preview = svc.preview(source, sheet.name, proposal.fields, header_row=proposal.header_row)
    svc.commit(preview, allow_partial=True)
    workspace.settings.set(settings.TERM_REMINDER_MONTHS, 3)
    record_export(workspace.database.engine, "roster", fmt="pdf", rows=4, full_phones=True)
    backup = workspace.backup_now()
    workspace.restore(backup.path)

    imported = [r.member for r in preview.rows if r.ok]
    assert len(imported) >= 3
    secrets = [*personal_values(*people, renamed, *imported), "王海", "赵敏"]
    found = {a for ws in (workspace, other) for (a,) in table(ws, "SELECT action FROM audit_log")}
    assert len(found) >= 12  # the workload reached every kind of row
    for ws in (workspace, other):
        for row in table(ws, "SELECT actor, action, detail FROM audit_log"):
            text = " ".join(row)
            leaked = [v for v in secrets if v in text]
            assert not leaked, (row, leaked)


# --- reading: filters, paging, old rows ----------------------------------------------------
def add_row(ws: Workspace, action: str, at: datetime, detail: str, actor: str = "书记") -> None:
    with ws.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (at.strftime("%Y-%m-%d %H:%M:%S.%f"), actor, action, detail),
        )


def j(**data) -> str:
    return AuditRecord(data.pop("kind"), **data).to_json()


@pytest.fixture
def log(workspace):
    noon = datetime(2025, 3, 1, 12)
    add_row(workspace, "member.update", noon, "12")  # an old plain-text row
    add_row(workspace, "member.add", noon + timedelta(days=1), j(kind="member", ids=[12]))
    day = timedelta(days=1)
    add_row(workspace, "member.update", noon + 2 * day, j(kind="member", ids=[2], fields=["phone"]))
    export = j(kind="roster", details={"rows": 12})
    add_row(workspace, "export.roster", noon + 3 * day, export, actor="组织委员")
    add_row(workspace, "member.delete", noon + 4 * day, j(kind="member", ids=[5, 12, 120]))
    # The clock went back a year: the newest row is still listed first.
    backup = j(kind="backup", details={"reason": "auto"})
    add_row(workspace, "backup.take", noon - 365 * day, backup)
    return workspace


def listed(ws: Workspace, **kwargs) -> list[str]:
    return [e.action for e in ws.audit.entries(AuditFilter(**kwargs))]


def test_entries_are_newest_first_by_id_not_by_the_clock(log):
    assert listed(log) == [
        "backup.take",
        "member.delete",
        "export.roster",
        "member.update",
        "member.add",
        "member.update",
    ]
    assert log.audit.count(AuditFilter()) == 6


def test_old_plain_text_rows_are_read_as_text(log):
    oldest = log.audit.entries(AuditFilter())[-1]
    assert (oldest.structured, oldest.text, oldest.ids) == (False, "12", ())
    entry = parse_entry(1, datetime(2025, 1, 1), "", "x", "{not json")
    assert entry.text == "{not json" and not entry.structured


def test_filter_by_days_both_ends_included(log):
    assert listed(log, since=date(2025, 3, 3), until=date(2025, 3, 4)) == [
        "export.roster",
        "member.update",
    ]
    assert listed(log, until=date(2024, 12, 31)) == ["backup.take"]


def test_filter_by_action_and_action_prefix(log):
    assert listed(log, actions=("member.add", "export.*")) == ["export.roster", "member.add"]


@pytest.fixture(params=["json_each", "like"])
def member_search(request, monkeypatch):
    """Both ways of finding a member id: SQLite's json_each and the portable LIKE terms."""
    from dangjian_desktop.storage import audit_repo

    if request.param == "like":
        monkeypatch.setattr(audit_repo, "_has_json_each", lambda _session: False)
    return request.param


def test_search_by_operator_by_text_by_field_and_by_member(log, member_search):
    def search(**kwargs):
        return listed(log, search=AuditSearch(**kwargs))

    assert search(text="组织委员") == ["export.roster"]
    assert search(text="", fields=("phone",)) == ["member.update"]
    assert search(text="", actions=("backup.take",)) == ["backup.take"]
    # Member 12: in "ids":[12] and in the middle of [5,12,120]; not member 120 or 2, not the
    # old row's plain "12", not the export's "rows":12.
    assert search(text="", member_ids=(12,)) == ["member.delete", "member.add"]
    assert search(text="", member_ids=(2,)) == ["member.update"]
    assert search(text="", member_ids=(120,)) == ["member.delete"]
    assert search(text="%") == [] and search(text="_") == []  # LIKE wildcards are text


def test_paging_and_a_list_that_stays_put_while_rows_are_added(log):
    newest = log.audit.newest_id()
    page = log.audit.entries(AuditFilter(up_to_id=newest), limit=2, offset=2)
    assert [e.action for e in page] == ["export.roster", "member.update"]
    log.settings.set(settings.BACKUP_INTERVAL_MINUTES, 10)  # a row written meanwhile
    again = log.audit.entries(AuditFilter(up_to_id=newest), limit=2, offset=2)
    assert [e.id for e in again] == [e.id for e in page]


def test_members_matching_finds_any_member_as_the_roster_search_does(workspace):
    a, _ = workspace.members.add(member("张三丰", 111))
    b, _ = workspace.members.add(member("李四", 112))
    workspace.members.delete(b)
    assert workspace.audit.members_matching("zsf") == (a,)
    assert workspace.audit.members_matching("李四") == (b,)  # in the 回收站: still found
    assert workspace.audit.member_names([a, b, 999]) == {a: "张三丰", b: "李四"}
    assert workspace.audit.members_matching("  ") == ()


@pytest.mark.slow
def test_a_search_over_100000_rows_is_fast(workspace):
    """Filter and limit in SQL: the first page of a search by text, field and members."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    values = []
    for i in range(100_000):
        detail = j(kind="member", ids=[i % 5000 + 1], fields=["phone"] if i % 3 else ["note"])
        at = (start + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.%f")
        values.append((at, "书记", "member.update", detail))
    with workspace.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)", values
        )
    flt = AuditFilter(
        since=date(2020, 2, 1),
        search=AuditSearch("电话", fields=("phone",), member_ids=tuple(range(1, 21))),
    )
    began = time.perf_counter()
    page = workspace.audit.entries(flt, limit=200)
    total = workspace.audit.count(flt)
    elapsed = time.perf_counter() - began
    assert len(page) == 200 and 0 < total < 100_000
    assert elapsed < 1.0, elapsed
