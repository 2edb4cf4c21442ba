"""党员 through the service, on files opened through the real open path: validation writes
nothing (not even an audit row), soft delete and restore, dated status history, transfers
that keep history, and the transfer file carried between two separate data files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    MemberFilter,
    MemberSort,
    PartyStatus,
    Sex,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.member_service import MemberDeletedError, MemberService
from dangjian_desktop.services.transfer_file import TransferFileError

TODAY = date(2025, 6, 15)  # tests/conftest.py fixes the workspace's today to this
ACTIVE = MemberFilter()
ALL = MemberFilter(statuses=(), include_deleted=True)
SORT = MemberSort()


def id_number(seq: int, birth: date = date(1985, 3, 4)) -> str:
    body = f"330203{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def member(name: str = "张三丰", seq: int = 111, **changes) -> Member:
    """A record that passes validate_member (sex and birth date as in the ID number)."""
    values = {
        "sex": Sex.MALE if seq % 2 else Sex.FEMALE,
        "birth_date": date(1985, 3, 4),
        "id_number": id_number(seq),
        "phone": "13812345678",
        "join_date": date(2010, 7, 1),
        "full_date": date(2011, 7, 1),
        "work_unit": "远洋一号",
    }
    values.update(changes)
    return Member(name, **values)


def table(ws: Workspace, sql: str) -> list[tuple]:
    with ws.database.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def audit_count(ws: Workspace) -> int:
    return table(ws, "SELECT count(*) FROM audit_log")[0][0]


def snapshot(ws: Workspace) -> tuple:
    """Everything the member service may write, to prove a refused call wrote nothing."""
    return tuple(
        table(ws, f"SELECT * FROM {name} ORDER BY 1")
        for name in ("member", "member_status", "member_transfer", "member_photo", "audit_log")
    )


def out_letter(**changes) -> Transfer:
    values = {
        "direction": TransferDirection.OUT,
        "transfer_date": date(2025, 6, 1),
        "to_org": "远洋二号船舶党支部",
        "letter_number": "组转字〔2025〕12号",
        "valid_until": date(2025, 9, 1),
        "reason": "船员轮换",
    }
    values.update(changes)
    return Transfer(**values)


@pytest.fixture
def other(tmp_path: Path):
    """A second, separate data file: the receiving ship."""
    ws = Workspace.open(tmp_path / "ship-b" / "data.sqlite", today=lambda: TODAY)
    ws.branch.save_profile(BranchProfile(full_name="远洋二号船舶党支部"))
    yield ws
    ws.close(final_backup=False)


# --- add / update ----------------------------------------------------------------------------
def test_add_stores_the_member_with_a_first_status_row_and_reports_the_change(workspace):
    reported: list[Changes] = []
    service = MemberService(lambda: workspace.database.engine, lambda: TODAY, reported.append)
    member_id, changes = service.add(member(id_number=" " + id_number(111).lower() + " "))
    assert changes == Changes(members=True) and reported == [changes]
    stored = service.get(member_id)
    assert stored.id_number == id_number(111)  # normalised before it is stored
    assert stored.uid and stored.status is PartyStatus.NORMAL
    history = service.history(member_id)
    assert history.statuses == (
        StatusChange(PartyStatus.NORMAL, date(2010, 7, 1), id=history.statuses[0].id),
    )
    assert history.transfers == () and not history.deleted
    assert service.ids(ACTIVE, SORT) == [member_id]
    assert table(workspace, "SELECT action FROM audit_log") == [("member.add",)]


def test_add_ignores_a_status_given_with_the_record(workspace):
    member_id, _ = workspace.members.add(member(status=PartyStatus.DECEASED))
    assert workspace.members.get(member_id).status is PartyStatus.NORMAL


def test_invalid_member_is_refused_and_nothing_is_written(workspace):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.add(member(id_number="330203198503041112"))  # check digit wrong
    assert caught.value.errors[0].field == "id_number"
    with pytest.raises(ValidationError):
        workspace.members.add(member(join_date=date(2000, 1, 1), full_date=date(2001, 1, 1)))
    assert snapshot(workspace) == before


def test_duplicate_id_number_is_refused_even_when_the_first_is_deleted(workspace):
    first, _ = workspace.members.add(member())
    workspace.members.delete(first)
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.add(member("张三"))
    assert caught.value.errors == (
        FieldError("id_number", "duplicate_id", (("member_id", first),)),
    )
    assert snapshot(workspace) == before


def test_update_saves_fields_but_not_status_or_uid(workspace):
    member_id, _ = workspace.members.add(member())
    stored = workspace.members.get(member_id)
    changed = replace(stored, work_unit="油库一组", status=PartyStatus.DECEASED, uid="other")
    assert workspace.members.update(changed) == Changes(members=True)
    again = workspace.members.get(member_id)
    assert again.work_unit == "油库一组"
    assert again.status is PartyStatus.NORMAL and again.uid == stored.uid
    assert len(workspace.members.history(member_id).statuses) == 1


def test_refused_update_leaves_the_record_and_writes_no_audit_row(workspace):
    member_id, _ = workspace.members.add(member())
    other_id, _ = workspace.members.add(member("李四", seq=222))
    before = snapshot(workspace)
    stored = workspace.members.get(other_id)
    with pytest.raises(ValidationError) as caught:
        workspace.members.update(replace(stored, id_number=id_number(111), sex=Sex.MALE))
    assert caught.value.errors[0].code == "duplicate_id"
    with pytest.raises(ValidationError):
        workspace.members.update(replace(stored, name=""))
    with pytest.raises(NotFoundError):
        workspace.members.update(replace(stored, id=9999))
    assert snapshot(workspace) == before
    assert member_id != other_id


def test_deleted_member_cannot_be_edited_until_restored(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.delete(member_id)
    stored = workspace.members.get(member_id)
    before = snapshot(workspace)
    with pytest.raises(MemberDeletedError):
        workspace.members.update(replace(stored, note="x"))
    with pytest.raises(MemberDeletedError):
        workspace.members.change_status(
            member_id, StatusChange(PartyStatus.SUSPENDED, date(2025, 1, 1))
        )
    with pytest.raises(MemberDeletedError):
        workspace.members.transfer_out(member_id, out_letter())
    assert snapshot(workspace) == before
    workspace.members.restore(member_id)
    workspace.members.update(replace(stored, note="x"))
    assert workspace.members.get(member_id).note == "x"


# --- soft delete -----------------------------------------------------------------------------
def test_delete_is_soft_and_restore_brings_the_member_back(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.change_status(
        member_id, StatusChange(PartyStatus.SUSPENDED, date(2025, 1, 1), "失联超过六个月")
    )
    assert workspace.members.delete(member_id) == Changes(members=True)
    assert workspace.members.ids(MemberFilter(statuses=()), SORT) == []
    assert workspace.members.ids(MemberFilter(statuses=(), only_deleted=True), SORT) == [member_id]
    assert table(workspace, "SELECT count(*) FROM member")[0][0] == 1  # still in the file
    history = workspace.members.history(member_id)
    assert history.deleted and len(history.statuses) == 2
    workspace.members.restore(member_id)
    assert workspace.members.ids(MemberFilter(statuses=()), SORT) == [member_id]
    assert not workspace.members.history(member_id).deleted
    with pytest.raises(NotFoundError):
        workspace.members.delete(12345)


# --- status history --------------------------------------------------------------------------
def test_change_status_writes_a_dated_row_and_the_status_together(workspace):
    member_id, _ = workspace.members.add(member())
    change = StatusChange(PartyStatus.SUSPENDED, date(2025, 3, 1), "失联")
    assert workspace.members.change_status(member_id, change) == Changes(members=True)
    assert workspace.members.get(member_id).status is PartyStatus.SUSPENDED
    assert workspace.members.ids(ACTIVE, SORT) == []
    workspace.members.change_status(member_id, StatusChange(PartyStatus.NORMAL, TODAY, "恢复"))
    history = workspace.members.history(member_id).statuses
    assert [(c.status, c.changed_on, c.reason) for c in history] == [
        (PartyStatus.NORMAL, date(2010, 7, 1), ""),
        (PartyStatus.SUSPENDED, date(2025, 3, 1), "失联"),
        (PartyStatus.NORMAL, TODAY, "恢复"),
    ]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (StatusChange(PartyStatus.SUSPENDED, date(2025, 6, 16)), ("changed_on", "in_future")),
        (
            StatusChange(PartyStatus.SUSPENDED, date(2009, 1, 1)),
            ("changed_on", "before_last_change"),
        ),
        (StatusChange(PartyStatus.NORMAL, date(2025, 1, 1)), ("status", "unchanged")),
        (StatusChange(PartyStatus.TRANSFERRED_OUT, TODAY), ("status", "use_transfer_out")),
    ],
)
def test_refused_status_change_writes_nothing(workspace, change, error):
    member_id, _ = workspace.members.add(member())
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.change_status(member_id, change)
    assert (caught.value.errors[0].field, caught.value.errors[0].code) == error
    assert snapshot(workspace) == before


# --- transfers -------------------------------------------------------------------------------
def test_transfer_out_leaves_the_roster_but_keeps_the_record_and_history(workspace):
    workspace.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
    member_id, _ = workspace.members.add(member())
    assert workspace.members.transfer_out(member_id, out_letter()) == Changes(members=True)
    assert workspace.members.ids(ACTIVE, SORT) == []
    gone = MemberFilter(statuses=(PartyStatus.TRANSFERRED_OUT,))
    assert workspace.members.ids(gone, SORT) == [member_id]
    history = workspace.members.history(member_id)
    assert history.member.status is PartyStatus.TRANSFERRED_OUT
    assert [c.status for c in history.statuses] == [
        PartyStatus.NORMAL,
        PartyStatus.TRANSFERRED_OUT,
    ]
    (transfer,) = history.transfers
    assert transfer.direction is TransferDirection.OUT
    assert transfer.from_org == "远洋一号船舶党支部"  # filled in from the branch profile
    assert replace(transfer, id=None, from_org="") == out_letter()


def test_transfer_out_letter_valid_for_exactly_three_months_is_accepted(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(member_id, out_letter(valid_until=date(2025, 9, 1)))


@pytest.mark.parametrize(
    ("letter", "errors"),
    [
        (out_letter(to_org="  "), {("to_org", "required")}),
        (out_letter(transfer_date=None, valid_until=None), {("transfer_date", "required")}),
        (out_letter(valid_until=date(2025, 9, 2)), {("valid_until", "too_long")}),
        (out_letter(valid_until=date(2025, 5, 31)), {("valid_until", "before_transfer_date")}),
        (out_letter(receipt_date=date(2025, 5, 1)), {("receipt_date", "before_transfer_date")}),
        (
            out_letter(transfer_date=date(2025, 7, 1), valid_until=None),
            {("transfer_date", "in_future")},
        ),
    ],
)
def test_refused_transfer_out_writes_nothing(workspace, letter, errors):
    member_id, _ = workspace.members.add(member())
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_out(member_id, letter)
    assert {(e.field, e.code) for e in caught.value.errors} == errors
    assert snapshot(workspace) == before


def test_a_transferred_out_member_cannot_be_transferred_out_again(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(member_id, out_letter())
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_out(member_id, out_letter())
    assert caught.value.errors[0] == FieldError("status", "not_transferable")


def test_transfer_in_from_a_paper_letter_creates_a_member(workspace):
    letter = Transfer(TransferDirection.IN, date(2025, 6, 10), from_org="舟山油库党支部")
    member_id, changes = workspace.members.transfer_in(
        member(category=MemberCategory.FORMAL), letter
    )
    assert changes == Changes(members=True)
    history = workspace.members.history(member_id)
    assert [(c.status, c.changed_on) for c in history.statuses] == [
        (PartyStatus.NORMAL, date(2025, 6, 10))
    ]
    assert history.transfers[0].direction is TransferDirection.IN
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_in(member("张三", seq=222), replace(letter, from_org=""))
    assert caught.value.errors == (FieldError("from_org", "required"),)


def test_a_member_coming_back_returns_to_the_same_record(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(
        member_id, out_letter(transfer_date=date(2025, 1, 2), valid_until=None)
    )
    letter = Transfer(TransferDirection.IN, date(2025, 6, 10), from_org="远洋二号船舶党支部")
    back_id, _ = workspace.members.transfer_in(member(work_unit="远洋一号 轮机部"), letter)
    assert back_id == member_id
    history = workspace.members.history(member_id)
    assert history.member.status is PartyStatus.NORMAL
    assert history.member.work_unit == "远洋一号 轮机部"
    assert [c.status for c in history.statuses] == [
        PartyStatus.NORMAL,
        PartyStatus.TRANSFERRED_OUT,
        PartyStatus.NORMAL,
    ]
    assert [t.direction for t in history.transfers] == [TransferDirection.OUT, TransferDirection.IN]


# --- the transfer file between two data files ----------------------------------------------
def test_transfer_file_round_trip_between_two_data_files(workspace, other, tmp_path):
    workspace.branch.save_profile(BranchProfile(full_name="远洋一号船舶党支部"))
    member_id, _ = workspace.members.add(member(note="轮机长"))
    workspace.members.set_photo(member_id, b"\xff\xd8 jpeg bytes", "image/jpeg")
    workspace.members.transfer_out(member_id, out_letter())
    path = tmp_path / "stick" / "张三丰-转接.djzj"
    path.parent.mkdir()
    workspace.members.export_transfer_file(member_id, path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    assert json.loads(path.read_text("utf-8"))["format"] == "dangjian-member-transfer"

    result = other.members.import_transfer_file(path)
    assert result.created and result.changes == Changes(members=True)
    sent, received = workspace.members.history(member_id), other.members.history(result.member_id)
    assert received.member.uid == sent.member.uid
    assert replace(received.member, id=None, status=PartyStatus.NORMAL) == replace(
        sent.member, id=None, status=PartyStatus.NORMAL
    )
    assert received.member.status is PartyStatus.NORMAL
    assert other.members.ids(ACTIVE, SORT) == [result.member_id]
    assert [(c.status, c.changed_on) for c in received.statuses] == [
        (PartyStatus.NORMAL, date(2010, 7, 1)),
        (PartyStatus.TRANSFERRED_OUT, date(2025, 6, 1)),
        (PartyStatus.NORMAL, TODAY),
    ]
    out, incoming = received.transfers
    assert replace(out, id=None) == replace(sent.transfers[0], id=None)
    assert incoming.direction is TransferDirection.IN
    assert (incoming.from_org, incoming.to_org) == ("远洋一号船舶党支部", "远洋二号船舶党支部")
    assert incoming.letter_number == out.letter_number and incoming.transfer_date == TODAY
    assert other.members.photo(result.member_id) == ("image/jpeg", b"\xff\xd8 jpeg bytes")


def test_importing_the_same_file_twice_does_not_duplicate(workspace, other, tmp_path):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(member_id, out_letter())
    path = tmp_path / "a.djzj"
    workspace.members.export_transfer_file(member_id, path)
    first = other.members.import_transfer_file(path)
    before = snapshot(other)
    second = other.members.import_transfer_file(path)
    assert (second.member_id, second.created, second.changes) == (
        first.member_id,
        False,
        Changes(),
    )
    assert second.already_present and not first.already_present
    assert snapshot(other) == before  # not even an audit row


def test_the_member_can_rotate_back_to_the_first_ship(workspace, other, tmp_path):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(
        member_id, out_letter(transfer_date=date(2025, 1, 2), valid_until=None)
    )
    workspace.members.export_transfer_file(member_id, tmp_path / "out.djzj")
    arrived = other.members.import_transfer_file(tmp_path / "out.djzj", date(2025, 1, 20))
    other.members.transfer_out(
        arrived.member_id, out_letter(to_org="远洋一号船舶党支部", valid_until=None)
    )
    other.members.export_transfer_file(arrived.member_id, tmp_path / "back.djzj")

    back = workspace.members.import_transfer_file(tmp_path / "back.djzj")
    assert back.member_id == member_id and not back.created and not back.already_present
    assert back.changes == Changes(members=True)
    history = workspace.members.history(member_id)
    assert history.member.status is PartyStatus.NORMAL
    assert [(c.status, c.changed_on) for c in history.statuses] == [  # merged, no duplicates
        (PartyStatus.NORMAL, date(2010, 7, 1)),
        (PartyStatus.TRANSFERRED_OUT, date(2025, 1, 2)),
        (PartyStatus.NORMAL, date(2025, 1, 20)),
        (PartyStatus.TRANSFERRED_OUT, date(2025, 6, 1)),
        (PartyStatus.NORMAL, TODAY),
    ]
    assert [t.direction for t in history.transfers] == [
        TransferDirection.OUT,
        TransferDirection.IN,
        TransferDirection.OUT,
        TransferDirection.IN,
    ]
    assert len(workspace.members.ids(ALL, SORT)) == 1


def test_same_id_number_under_another_uid_is_refused(workspace, other, tmp_path):
    member_id, _ = workspace.members.add(member())
    workspace.members.export_transfer_file(member_id, tmp_path / "a.djzj")
    local_id, _ = other.members.add(member("张三峰"))  # typed in by hand at ship B
    before = snapshot(other)
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(tmp_path / "a.djzj")
    assert caught.value.code == "id_conflict" and caught.value.member_id == local_id
    assert snapshot(other) == before


def _rewrite(path: Path, change) -> None:
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:200]), "not_transfer_file"),  # truncated
        (lambda p: p.write_bytes(b"PK\x03\x04 not json"), "not_transfer_file"),
        (lambda p: p.write_text('{"format": "something-else"}', "utf-8"), "not_transfer_file"),
        (lambda p: _rewrite(p, lambda d: d.update(version=99)), "too_new"),
        (lambda p: _rewrite(p, lambda d: d["payload"]["member"].update(name="李四")), "corrupt"),
        (lambda p: _rewrite(p, lambda d: d.update(sha256="0" * 64)), "corrupt"),
        (lambda p: p.unlink(), "unreadable"),
    ],
)
def test_bad_transfer_files_are_refused_and_change_nothing(
    workspace, other, tmp_path, damage, code
):
    member_id, _ = workspace.members.add(member())
    path = tmp_path / "a.djzj"
    workspace.members.export_transfer_file(member_id, path)
    damage(path)
    before = snapshot(other)
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(path)
    assert caught.value.code == code
    assert snapshot(other) == before


def test_well_formed_file_with_wrong_field_types_is_corrupt(workspace, other, tmp_path):
    import hashlib

    member_id, _ = workspace.members.add(member())
    path = tmp_path / "a.djzj"
    workspace.members.export_transfer_file(member_id, path)

    def break_join_date(document):
        document["payload"]["member"]["join_date"] = 20100701  # a number, not a date
        canonical = json.dumps(
            document["payload"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        document["sha256"] = hashlib.sha256(canonical.encode()).hexdigest()

    _rewrite(path, break_join_date)
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(path)
    assert caught.value.code == "corrupt"


# --- lookups ---------------------------------------------------------------------------------
def test_group_names_count_and_rows(workspace):
    workspace.branch.save_profile(
        BranchProfile(full_name="支部", groups=(PartyGroup("甲板组"), PartyGroup("轮机组")))
    )
    groups = workspace.members.group_names()
    assert list(groups.values()) == ["甲板组", "轮机组"]
    deck = next(gid for gid, name in groups.items() if name == "甲板组")
    first, _ = workspace.members.add(member(party_group_id=deck))
    second, _ = workspace.members.add(member("李四", seq=222))
    assert workspace.members.count(MemberFilter(party_group_id=deck)) == 1
    assert workspace.members.count(ACTIVE) == 2
    rows = workspace.members.rows([second, first])
    assert rows[first].party_group_id == deck and rows[second].name == "李四"
    with pytest.raises(NotFoundError):
        workspace.members.get(999)
    with pytest.raises(NotFoundError):
        workspace.members.history(999)


def test_reminders_list_probation_due_and_lost_members(workspace):
    due_id, _ = workspace.members.add(
        member(category=MemberCategory.PROBATIONARY, join_date=date(2024, 7, 1), full_date=None)
    )
    later_id, _ = workspace.members.add(
        member(
            "李四",
            seq=222,
            category=MemberCategory.PROBATIONARY,
            join_date=date(2025, 3, 1),
            full_date=None,
        )
    )
    lost_id, _ = workspace.members.add(
        member("王芳", seq=224, is_lost=True, lost_since=date(2024, 10, 1))
    )
    gone_id, _ = workspace.members.add(
        member(
            "赵敏",
            seq=226,
            category=MemberCategory.PROBATIONARY,
            join_date=date(2024, 7, 2),
            full_date=None,
        )
    )
    workspace.members.delete(gone_id)  # deleted members are not reminded of
    reminders = workspace.members.reminders()
    assert [(r.member.id, r.due_date, r.days_left) for r in reminders.probation_due] == [
        (due_id, date(2025, 7, 1), 16)
    ]
    assert [(r.member.id, r.review_due) for r in reminders.lost_contact] == [(lost_id, True)]
    assert later_id not in {r.member.id for r in reminders.probation_due}
    later = workspace.members.reminders(today=date(2026, 1, 15))
    assert [r.member.id for r in later.probation_due] == [due_id, later_id]


def test_a_uid_already_in_the_file_is_not_reused_for_a_new_record(workspace):
    first, _ = workspace.members.add(member())
    uid = workspace.members.get(first).uid
    second, _ = workspace.members.add(member("李四", seq=222, uid=uid))
    assert workspace.members.get(second).uid not in ("", uid)


def test_roster_query_reads_the_covering_index_in_name_order(workspace):
    """ix_member_roster keeps a keystroke within DESIGN.md §5's 16 ms at 10,000 members:
    the default roster query must scan it and need no sort step."""
    from sqlalchemy import select

    from dangjian_desktop.storage import member_repo
    from dangjian_desktop.storage.tables import MemberRow

    for text in ("", "zsf", "wangwu", "zhangs", "1234"):
        flt = MemberFilter(text=text)
        stmt = select(MemberRow.id).where(*member_repo._conditions(flt))
        stmt = stmt.order_by(*member_repo._order_by(MemberSort()))
        sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
        plan = " | ".join(r[3] for r in table(workspace, "EXPLAIN QUERY PLAN " + sql))
        assert "COVERING INDEX ix_member_roster" in plan and "TEMP B-TREE" not in plan, plan


def test_transfer_file_does_not_carry_the_senders_group_or_post(workspace, other, tmp_path):
    """党小组 ids and 党内职务 are the sending branch's: a group id of file A must not
    point at (or fail on) file B's groups."""
    from dangjian_desktop.domain.people import PartyPost

    workspace.branch.save_profile(
        BranchProfile(full_name="甲轮党支部", groups=(PartyGroup("一组"), PartyGroup("二组")))
    )
    group_id = max(workspace.members.group_names())
    member_id, _ = workspace.members.add(
        member(party_group_id=group_id, party_post=PartyPost.GROUP_LEADER)
    )
    workspace.members.transfer_out(member_id, out_letter())
    path = tmp_path / "转接.djzj"
    workspace.members.export_transfer_file(member_id, path)

    result = other.members.import_transfer_file(path)  # `other` has no 党小组 at all
    received = other.members.get(result.member_id)
    assert received.party_group_id is None and received.party_post is PartyPost.NONE


def test_a_returning_members_transfer_in_cannot_predate_the_transfer_out(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(
        member_id, out_letter(transfer_date=date(2025, 3, 1), valid_until=None)
    )
    early = Transfer(TransferDirection.IN, date(2025, 2, 1), from_org="远洋二号船舶党支部")
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_in(member(), early)
    assert caught.value.errors == (
        FieldError("transfer_date", "before_last_change", (("last", date(2025, 3, 1)),)),
    )
    assert workspace.members.get(member_id).status is PartyStatus.TRANSFERRED_OUT
