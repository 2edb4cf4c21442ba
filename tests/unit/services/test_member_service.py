"""党员 through the service, on files opened through the real open path: validation writes
nothing (not even an audit row), soft delete and restore, dated status history, text stored
without control characters. Transfers and the transfer file: test_member_transfers.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.people import (
    MemberCategory,
    MemberFilter,
    MemberSort,
    PartyStatus,
    Sex,
    StatusChange,
)
from dangjian_desktop.services import Changes
from dangjian_desktop.services.member_service import MemberDeletedError, MemberService
from tests.unit.services.member_data import (
    ACTIVE,
    SORT,
    TODAY,
    id_number,
    member,
    out_letter,
    snapshot,
    table,
)


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


# --- text as stored (issue 7 item 2) ---------------------------------------------------------
def test_every_text_field_of_a_member_is_stored_without_control_characters(workspace):
    member_id, _ = workspace.members.add(
        member(
            "张\x00三丰",
            note="第一行\x0b第二行\r\n第三行",
            address="宁波\x07市",
            work_unit="远洋\u2028一号",
        )
    )
    stored = workspace.members.get(member_id)
    assert (stored.name, stored.note, stored.address, stored.work_unit) == (
        "张三丰",
        "第一行\n第二行\n第三行",
        "宁波市",
        "远洋 一号",
    )
    workspace.members.update(replace(stored, job_post="轮机长\x1e", note="\x0c"))
    again = workspace.members.get(member_id)
    assert (again.job_post, again.note) == ("轮机长 ", "\n")


def test_a_note_with_words_manual_line_break_no_longer_breaks_the_xlsx_export(workspace, tmp_path):
    """Issue 7 item 2: one 备注 holding \\x0b made every roster export fail."""
    from openpyxl import load_workbook

    workspace.members.add(member(note="船上\x0b轮换"))
    path = workspace.exports.roster(tmp_path / "花名册.xlsx", "xlsx", flt=ACTIVE).path
    cells = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row]
    assert "船上\n轮换" in cells


def test_status_reason_is_stored_without_control_characters_and_within_its_limit(workspace):
    member_id, _ = workspace.members.add(member())
    change = StatusChange(PartyStatus.SUSPENDED, date(2025, 3, 1), "失联\x0b超过\x00半年")
    workspace.members.change_status(member_id, change)
    assert workspace.members.history(member_id).statuses[-1].reason == "失联 超过半年"
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.change_status(
            member_id, StatusChange(PartyStatus.NORMAL, TODAY, "因" * 201)
        )
    assert caught.value.errors == (FieldError("reason", "too_long", (("max", 200),)),)
    assert snapshot(workspace) == before


# --- dates at the edge and unknown 党小组 (issue 7 item 10) ----------------------------------
def test_join_date_in_the_year_9999_is_a_field_error_not_an_internal_error(workspace):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.add(member(join_date=date(9999, 6, 1)))
    assert {(e.field, e.code) for e in caught.value.errors} == {("join_date", "in_future")}
    assert snapshot(workspace) == before


def test_an_unknown_party_group_is_a_field_error_and_nothing_is_written(workspace):
    workspace.branch.save_profile(BranchProfile(full_name="支部", groups=(PartyGroup("甲板组"),)))
    (deck,) = workspace.members.group_names()
    member_id, _ = workspace.members.add(member(party_group_id=deck))
    stored = workspace.members.get(member_id)
    before = snapshot(workspace)
    refused = FieldError("party_group_id", "no_such_group")
    with pytest.raises(ValidationError) as caught:
        workspace.members.add(member("李四", seq=222, party_group_id=deck + 100))
    assert caught.value.errors == (refused,)
    with pytest.raises(ValidationError) as caught:
        workspace.members.update(replace(stored, party_group_id=deck + 100))
    assert caught.value.errors == (refused,)
    assert snapshot(workspace) == before


# --- the photo (the same rules as a transfer file's) -----------------------------------------
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "mime", "code"),
    [
        (b"<html><script>alert(1)</script>", "text/html", "photo_type"),
        (b"<html><script>alert(1)</script>", "image/jpeg", "not_an_image"),
        (JPEG + b"\x00" * (5 * 1024 * 1024), "image/jpeg", "photo_too_large"),
    ],
)
def test_a_photo_that_is_not_a_jpeg_or_png_image_is_refused(workspace, data, mime, code):
    member_id, _ = workspace.members.add(member())
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.set_photo(member_id, data, mime)
    assert [(e.field, e.code) for e in caught.value.errors] == [("photo", code)]
    assert snapshot(workspace) == before
    workspace.members.set_photo(member_id, JPEG)
    assert workspace.members.photo(member_id) == ("image/jpeg", JPEG)


# --- one user action, one transaction: the record and its photo together (Z3) ---------------
def test_a_new_member_and_the_photo_are_one_write(workspace):
    member_id, changes = workspace.members.add(member(), photo=JPEG)
    assert changes == Changes(members=True)
    assert workspace.members.photo(member_id) == ("image/jpeg", JPEG)
    assert table(workspace, "SELECT action FROM audit_log") == [("member.add",)]


def test_a_refused_photo_stores_no_new_member(workspace):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.members.add(member(name=""), photo=b"<html>not a picture</html>")
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("name", "required"),
        ("photo", "not_an_image"),
    }  # told together, at their fields
    assert snapshot(workspace) == before


def test_update_keeps_replaces_or_removes_the_photo_in_the_same_write(workspace):
    from dangjian_desktop.services.member_service import KEEP_PHOTO

    member_id, _ = workspace.members.add(member(), photo=JPEG)
    stored = workspace.members.get(member_id)
    workspace.members.update(replace(stored, note="轮机长"))  # KEEP_PHOTO by default
    assert workspace.members.photo(member_id) == ("image/jpeg", JPEG)
    other = JPEG[:-2] + b"\x01\xff\xd9"
    workspace.members.update(replace(stored, note="大副"), photo=other)
    assert workspace.members.photo(member_id) == ("image/jpeg", other)
    before = snapshot(workspace)
    with pytest.raises(ValidationError):
        workspace.members.update(replace(stored, note="船长"), photo=b"<html>")
    assert snapshot(workspace) == before  # neither the note nor the photo
    workspace.members.update(replace(stored, note="船长"), photo=None)
    assert workspace.members.photo(member_id) is None
    assert workspace.members.get(member_id).note == "船长"
    workspace.members.update(stored, photo=KEEP_PHOTO)
    assert table(workspace, "SELECT action FROM audit_log")[-4:] == [("member.update",)] * 4
