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
    reseal,
    snapshot,
)

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


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
        (out_letter(valid_until=date(2025, 9, 2)), {("valid_until", "letter_validity_too_long")}),
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


def test_a_paper_transfer_in_stores_the_photo_in_the_same_write(workspace):
    letter = Transfer(TransferDirection.IN, date(2025, 6, 10), from_org="舟山油库党支部")
    member_id, _ = workspace.members.transfer_in(member(), letter, photo=JPEG)
    assert workspace.members.photo(member_id) == ("image/jpeg", JPEG)
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_in(member("张三", seq=222), letter, photo=b"<html>")
    assert caught.value.errors == (FieldError("photo", "not_an_image"),)
    assert snapshot(workspace) == before


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
    workspace.members.set_photo(member_id, JPEG, "image/jpeg")
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
    assert other.members.photo(result.member_id) == ("image/jpeg", JPEG)


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


# --- text and dates of the letter (issue 7 items 2 and 10) -----------------------------------
def test_letter_fields_are_stored_without_control_characters(workspace):
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(
        member_id,
        out_letter(to_org="远洋二号\x0b船舶党支部", letter_number="组转\x00字", handler="张\x07三"),
    )
    (transfer,) = workspace.members.history(member_id).transfers
    assert (transfer.to_org, transfer.letter_number, transfer.handler) == (
        "远洋二号 船舶党支部",
        "组转字",
        "张三",
    )


@pytest.mark.parametrize(
    ("letter", "error"),
    [
        (
            out_letter(transfer_date=date(9999, 11, 1), valid_until=date(9999, 12, 1)),
            ("transfer_date", "in_future"),
        ),
        (out_letter(letter_number="号" * 51), ("letter_number", "too_long")),
    ],
)
def test_a_letter_dated_9999_or_too_long_is_a_field_error(workspace, letter, error):
    member_id, _ = workspace.members.add(member())
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_out(member_id, letter)
    assert {(e.field, e.code) for e in caught.value.errors} == {error}
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_in(
            member("李四", seq=222), replace(letter, direction=TransferDirection.IN, from_org="甲")
        )
    assert error in {(e.field, e.code) for e in caught.value.errors}
    assert snapshot(workspace) == before


def test_transfer_in_with_an_unknown_party_group_is_a_field_error(workspace):
    letter = Transfer(TransferDirection.IN, date(2025, 6, 10), from_org="舟山油库党支部")
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.transfer_in(member(party_group_id=7), letter)
    assert caught.value.errors == (FieldError("party_group_id", "no_such_group"),)
    assert snapshot(workspace) == before


# --- hostile transfer files (issue 7 item 9) -------------------------------------------------
# Each file is made by the real exporter, changed, and sealed again the way the exporter
# seals it (member_data.reseal), so it is the validation, not the checksum, that stops it.
def hostile_file(workspace, tmp_path: Path, change) -> Path:
    member_id, _ = workspace.members.add(member())
    workspace.members.transfer_out(member_id, out_letter())
    path = tmp_path / "hostile.djzj"
    workspace.members.export_transfer_file(member_id, path)
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(reseal(document), ensure_ascii=False), "utf-8")
    return path


def _member(**values):
    return lambda d: d["payload"]["member"].update(values)


def _status(**values):
    return lambda d: d["payload"]["statuses"][0].update(values)


def _transfer(**values):
    return lambda d: d["payload"]["transfers"][0].update(values)


def _photo(mime: str, data: bytes):
    import base64

    encoded = base64.b64encode(data).decode("ascii")
    return lambda d: d["payload"].update(photo={"mime": mime, "data": encoded})


MB = 1024 * 1024


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (_photo("text/html", b"<html><script>alert(1)</script>"), ("photo", "photo_type")),
        (_photo("image/jpeg", b"<html><script>alert(1)</script>"), ("photo", "not_an_image")),
        (_photo("image/jpeg", JPEG + b"\0" * (5 * MB)), ("photo", "photo_too_large")),
        (_member(uid="u" * MB), ("uid", "bad_uid")),
        (_member(uid="not-a-uuid"), ("uid", "bad_uid")),
        (_member(join_date="2999-07-01"), ("join_date", "in_future")),
        (_member(note="备" * (MB // 3)), ("note", "too_long")),
        (_member(probation_extension_months=10**9), ("probation_extension_months", None)),
        (_status(changed_on="2999-01-01"), ("statuses.0.changed_on", "in_future")),
        (_status(reason="因" * 10_000), ("statuses.0.reason", "too_long")),
        (_transfer(transfer_date="2999-01-01"), ("transfers.0.transfer_date", "in_future")),
        (_transfer(valid_until="2999-01-01"), ("transfers.0.valid_until", None)),
        (_transfer(to_org="船" * 10_000), ("transfers.0.to_org", "too_long")),
        (_transfer(to_org=""), ("transfers.0.to_org", "required")),
        (lambda d: d.update(from_branch="支" * 10_000), ("from_branch", "too_long")),
    ],
)
def test_a_resealed_file_with_a_value_the_form_would_refuse_changes_nothing(
    workspace, other, tmp_path, change, error
):
    path = hostile_file(workspace, tmp_path, change)
    before = snapshot(other)
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(path)
    assert caught.value.code == "invalid_member"
    found = {(e.field, e.code) for e in caught.value.errors}
    field, code = error
    assert (field, code) in found if code else field in {f for f, _ in found}, found
    assert snapshot(other) == before


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (_photo("text/html", b"<html>" + b"x" * (20 * MB)), "too_large"),  # the file is
        (lambda d: d["payload"]["member"].update(salary=1), "corrupt"),  # unknown field
        (lambda d: d.update(signed_by="someone"), "corrupt"),
        (lambda d: d.update(exported_at="yesterday"), "corrupt"),
        (lambda d: d.update(exported_at=12), "corrupt"),
        (lambda d: d.update(from_branch=["a"]), "corrupt"),
        (lambda d: d["payload"].update(photo="<html>"), "corrupt"),
        (lambda d: d["payload"]["statuses"][0].update(status="king"), "corrupt"),
        (
            lambda d: d["payload"]["statuses"].extend(
                [d["payload"]["statuses"][0]] * (transfer_file_limits()[0] + 1)
            ),
            "too_many_records",
        ),
    ],
)
def test_a_resealed_file_that_is_not_a_transfer_file_changes_nothing(
    workspace, other, tmp_path, change, code
):
    path = hostile_file(workspace, tmp_path, change)
    before = snapshot(other)
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(path)
    assert caught.value.code == code
    assert snapshot(other) == before


def transfer_file_limits() -> tuple[int, int]:
    from dangjian_desktop.services.transfer_file import MAX_STATUSES, MAX_TRANSFERS

    return MAX_STATUSES, MAX_TRANSFERS


def test_100000_status_rows_are_refused_at_once_and_change_nothing(workspace, other, tmp_path):
    """Issue 7 item 9: such a file froze the window for 22 s; now it is refused before the
    parser builds the rows."""
    import time

    row = {"changed_on": "2020-01-01", "reason": "", "status": "normal"}
    path = hostile_file(
        workspace, tmp_path, lambda d: d["payload"].update(statuses=[row] * 100_000)
    )
    before = snapshot(other)
    started = time.perf_counter()
    with pytest.raises(TransferFileError) as caught:
        other.members.import_transfer_file(path)
    elapsed = time.perf_counter() - started
    assert caught.value.code == "too_many_records"
    assert elapsed < 2, elapsed
    assert snapshot(other) == before


def test_control_characters_in_a_file_are_cleaned_like_typed_text(workspace, other, tmp_path):
    def dirty(document):
        payload = document["payload"]
        payload["member"].update(name="张\x00三\x07丰", note="一\x0b二", address="宁\x1b波")
        payload["statuses"][-1].update(reason="轮\x0b换")
        payload["transfers"][0].update(letter_number="组转\x00字")
        document["from_branch"] = "远洋一号\x0b船舶党支部"

    result = other.members.import_transfer_file(hostile_file(workspace, tmp_path, dirty))
    received = other.members.history(result.member_id)
    assert (received.member.name, received.member.note, received.member.address) == (
        "张三丰",
        "一\n二",
        "宁波",
    )
    assert received.statuses[1].reason == "轮 换"
    out, incoming = received.transfers
    assert out.letter_number == incoming.letter_number == "组转字"


def test_a_receipt_date_before_the_files_history_is_refused(workspace, other, tmp_path):
    path = hostile_file(workspace, tmp_path, lambda d: None)
    before = snapshot(other)
    with pytest.raises(ValidationError) as caught:
        other.members.import_transfer_file(path, received_on=date(2025, 5, 1))
    assert caught.value.errors == (
        FieldError("transfer_date", "before_last_change", (("last", date(2025, 6, 1)),)),
    )
    with pytest.raises(ValidationError):
        other.members.import_transfer_file(path, received_on=date(2025, 6, 16))
    assert snapshot(other) == before


def test_import_and_export_can_be_cancelled_before_they_write(workspace, other, tmp_path):
    from dangjian_desktop.progress import Cancelled

    member_id, _ = workspace.members.add(member())
    stick = tmp_path / "stick"
    stick.mkdir()
    path = stick / "a.djzj"
    with pytest.raises(Cancelled):
        workspace.members.export_transfer_file(member_id, path, progress=lambda d, t: d == 0)
    assert list(stick.iterdir()) == []  # no file, no temp file
    ticks = []
    workspace.members.export_transfer_file(
        member_id, path, progress=lambda d, t: ticks.append((d, t))
    )
    assert ticks == [(0, 2), (1, 2)]
    before = snapshot(other)
    with pytest.raises(Cancelled):
        other.members.import_transfer_file(path, progress=lambda done, total: done < 2)
    assert snapshot(other) == before
