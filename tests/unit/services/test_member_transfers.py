"""组织关系转接 through the service: transfers that keep history, and the transfer file
carried between two separate data files — checked like any other input, so a damaged or
hand-made file is refused and changes nothing (issue 7 item 9)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.people import (
    MemberCategory,
    MemberFilter,
    PartyStatus,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.transfer_file import TransferFileError
from tests.unit.services.member_data import (
    ACTIVE,
    ALL,
    SORT,
    TODAY,
    member,
    out_letter,
    snapshot,
)


@pytest.fixture
def other(tmp_path: Path):
    """A second, separate data file: the receiving ship."""
    ws = Workspace.open(tmp_path / "ship-b" / "data.sqlite", today=lambda: TODAY)
    ws.branch.save_profile(BranchProfile(full_name="远洋二号船舶党支部"))
    yield ws
    ws.close(final_backup=False)


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
