"""支部信息 through the service, on a file opened through the real open path: one
transaction and one audit row per save, nothing written when the input is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from dangjian_desktop import settings
from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
    TermStatus,
    Venue,
)
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services.unit_of_work import current_actor
from dangjian_desktop.storage import branch_repo
from dangjian_desktop.storage.errors import DiskFullError

PROFILE = BranchProfile(
    full_name="中燃油运船舶第一党支部",
    code="CY-001",
    parent_committee="中燃油运公司党委",
    founded_on=date(2012, 7, 1),
    term=CommitteeTerm(ordinal=4, election_date=date(2023, 3, 20), term_years=3),
    committee=(
        CommitteeMember("王海", CommitteePost.SECRETARY, date(2023, 3, 20)),
        CommitteeMember("赵敏", CommitteePost.DEPUTY_SECRETARY),
        CommitteeMember("李静", CommitteePost.ORGANIZATION, date(2024, 1, 5)),
    ),
    groups=(
        PartyGroup("甲板党小组", "张伟", "驾驶部"),
        PartyGroup("轮机党小组", "刘洋"),
        PartyGroup("岸基党小组", "孙丽"),
    ),
    venues=(Venue("船舶党员活动室", "远洋一号 三层", 24.5, "有党旗"), Venue("码头学习室")),
)


def without_ids(profile: BranchProfile) -> BranchProfile:
    return replace(
        profile,
        committee=tuple(replace(m, id=None) for m in profile.committee),
        groups=tuple(replace(g, id=None) for g in profile.groups),
        venues=tuple(replace(v, id=None) for v in profile.venues),
    )


def rows(ws: Workspace, sql: str) -> list[tuple]:
    with ws.database.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def audit(ws: Workspace) -> list[tuple]:
    return rows(ws, "SELECT action, detail, actor FROM audit_log ORDER BY id")


def set_setting(ws: Workspace, setting: settings.Setting, value: object) -> None:
    assert ws.settings.set(setting, value) == Changes(settings=True)


# --- reading and saving ----------------------------------------------------------------------
def test_new_file_has_an_empty_profile_with_the_default_term(workspace):
    profile = workspace.branch.profile()
    assert profile.is_empty
    assert profile == BranchProfile(term=CommitteeTerm(term_years=3))


def test_new_profile_takes_the_term_from_the_setting(workspace):
    set_setting(workspace, settings.COMMITTEE_TERM_YEARS, 5)
    assert workspace.branch.profile().term.term_years == 5


def test_save_profile_round_trip(workspace):
    changes = workspace.branch.save_profile(PROFILE)
    loaded = workspace.branch.profile()
    assert without_ids(loaded) == PROFILE
    assert all(x.id is not None for x in (*loaded.committee, *loaded.groups, *loaded.venues))
    assert changes == Changes(branch=True, venues=True, meetings=True)
    assert changes.touches_data()


def test_saved_profile_survives_reopening(data_path):
    ws = Workspace.open(data_path, today=lambda: date(2025, 6, 15))
    ws.branch.save_profile(PROFILE)
    ws.close(final_backup=False)
    ws = Workspace.open(data_path)
    try:
        assert without_ids(ws.branch.profile()) == PROFILE
    finally:
        ws.close(final_backup=False)


def test_names_are_stored_without_surrounding_spaces(workspace):
    workspace.branch.save_profile(
        replace(
            PROFILE,
            full_name="  中燃油运船舶第一党支部 ",
            committee=(CommitteeMember(" 王海 ", CommitteePost.SECRETARY),),
            groups=(PartyGroup(" 甲板党小组\t", " 张伟 "),),
            venues=(Venue(" 活动室 ", " 三层 "),),
        )
    )
    loaded = workspace.branch.profile()
    assert loaded.full_name == "中燃油运船舶第一党支部"
    assert loaded.committee[0].name == "王海"
    assert (loaded.groups[0].name, loaded.groups[0].leader) == ("甲板党小组", "张伟")
    assert (loaded.venues[0].name, loaded.venues[0].address) == ("活动室", "三层")


def test_saving_again_edits_the_current_term_in_place(workspace):
    workspace.branch.save_profile(PROFILE)
    smaller = replace(
        PROFILE,
        term=replace(PROFILE.term, term_years=5),
        committee=(CommitteeMember("李静", CommitteePost.SECRETARY),),
    )
    workspace.branch.save_profile(smaller)
    loaded = workspace.branch.profile()
    assert [(m.name, m.post) for m in loaded.committee] == [("李静", CommitteePost.SECRETARY)]
    assert loaded.term.term_years == 5
    assert rows(workspace, "SELECT count(*) FROM committee_term") == [(1,)]
    assert rows(workspace, "SELECT count(*) FROM committee_member") == [(1,)]


def test_rename_remove_and_readd_groups_in_one_save(workspace):
    """Names are unique in the table; a save that swaps two names, removes a group and adds
    a new one under the removed name must not trip over its own rows."""
    workspace.branch.save_profile(PROFILE)
    deck, engine, shore = workspace.branch.profile().groups

    workspace.branch.save_profile(
        replace(
            PROFILE,
            groups=(
                replace(engine, name="甲板党小组"),  # swap the two names ...
                replace(deck, name="轮机党小组"),  # ... keeping each row's id
                PartyGroup("岸基党小组", "新组长"),  # a new group under a removed name
                PartyGroup("船长党小组"),
            ),
        )
    )

    loaded = workspace.branch.profile().groups
    assert [(g.name, g.leader) for g in loaded] == [
        ("甲板党小组", "刘洋"),
        ("轮机党小组", "张伟"),
        ("岸基党小组", "新组长"),
        ("船长党小组", ""),
    ]
    assert (loaded[0].id, loaded[1].id) == (engine.id, deck.id)
    assert rows(workspace, "SELECT count(*) FROM party_group") == [(4,)]
    assert shore.id not in {g.id for g in loaded[:2]}


def test_remove_every_group_and_venue(workspace):
    workspace.branch.save_profile(PROFILE)
    workspace.branch.save_profile(replace(PROFILE, groups=(), venues=()))
    loaded = workspace.branch.profile()
    assert (loaded.groups, loaded.venues) == ((), ())
    assert rows(workspace, "SELECT count(*) FROM party_group") == [(0,)]
    assert rows(workspace, "SELECT count(*) FROM venue") == [(0,)]


def test_venues_keep_their_ids_when_reordered(workspace):
    workspace.branch.save_profile(PROFILE)
    a, b = workspace.branch.profile().venues
    workspace.branch.save_profile(replace(PROFILE, venues=(b, replace(a, area_m2=30.0))))
    loaded = workspace.branch.profile().venues
    assert [(v.id, v.name, v.area_m2) for v in loaded] == [
        (b.id, "码头学习室", None),
        (a.id, "船舶党员活动室", 30.0),
    ]


# --- the audit log ---------------------------------------------------------------------------
def test_each_save_writes_exactly_one_audit_row_naming_the_changed_fields(workspace):
    """Issue 7 item 13: the row says what changed — field names, not the names of people."""
    assert audit(workspace) == []
    workspace.branch.save_profile(PROFILE)
    ((action, detail, actor),) = audit(workspace)
    assert (action, actor) == ("branch.save_profile", current_actor())
    first = json.loads(detail)
    assert first["kind"] == "branch" and "full_name" in first["fields"]
    assert {"committee", "groups", "venues", "term.election_date"} <= set(first["fields"])
    renamed = replace(workspace.branch.profile(), full_name="改名后的党支部")
    workspace.branch.save_profile(renamed)
    workspace.branch.save_profile(renamed)
    details = [json.loads(d) for _a, d, _actor in audit(workspace)]
    assert [d.get("fields") for d in details[1:]] == [["full_name"], None]
    assert all(PROFILE.committee[0].name not in d for _a, d, _actor in audit(workspace))


# --- refused input and failed writes leave the data as it was --------------------------------
INVALID = {
    "duplicate_group": replace(
        PROFILE, groups=(PartyGroup("甲板党小组"), PartyGroup("甲板党小组 "))
    ),
    "second_secretary": replace(
        PROFILE,
        committee=(
            CommitteeMember("王海", CommitteePost.SECRETARY),
            CommitteeMember("李静", CommitteePost.SECRETARY),
        ),
    ),
    "no_name": replace(PROFILE, full_name=" "),
    "future_election": replace(PROFILE, term=CommitteeTerm(election_date=date(2025, 6, 16))),
    "term_six_years": replace(PROFILE, term=replace(PROFILE.term, term_years=6)),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_input_raises_and_writes_nothing(workspace, case):
    workspace.branch.save_profile(PROFILE)
    stored, audit_before = workspace.branch.profile(), audit(workspace)

    with pytest.raises(ValidationError) as caught:
        workspace.branch.save_profile(INVALID[case])

    assert caught.value.errors
    assert workspace.branch.profile() == stored
    assert audit(workspace) == audit_before


def test_failure_half_way_rolls_back_the_whole_save(workspace, monkeypatch):
    """One transaction per user action: groups already rewritten are rolled back too."""
    workspace.branch.save_profile(PROFILE)
    stored, audit_before = workspace.branch.profile(), audit(workspace)
    real = branch_repo._replace_named

    def fail_on_venues(session, table, values, ids, **kwargs):
        real(session, table, values, ids, **kwargs)
        session.flush()  # the rows really reach the file's transaction ...
        if table.__tablename__ == "venue":
            raise RuntimeError("failure after groups and venues were written")

    monkeypatch.setattr(branch_repo, "_replace_named", fail_on_venues)
    changed = replace(
        PROFILE, full_name="新名称", groups=(PartyGroup("新小组"),), venues=(Venue("新阵地"),)
    )
    with pytest.raises(RuntimeError):
        workspace.branch.save_profile(changed)

    assert workspace.branch.profile() == stored
    assert audit(workspace) == audit_before


def test_disk_full_is_reported_and_leaves_the_data(workspace):
    workspace.branch.save_profile(PROFILE)
    stored, audit_before = workspace.branch.profile(), audit(workspace)
    engine = workspace.database.engine
    engine.dispose()  # new connections get the cap below

    @event.listens_for(engine, "connect")
    def no_room_to_grow(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    big = tuple(PartyGroup(f"第{i}党小组", note="记" * 2000) for i in range(50))
    with pytest.raises(DiskFullError):
        workspace.branch.save_profile(replace(PROFILE, groups=big))

    assert workspace.branch.profile() == stored
    assert audit(workspace) == audit_before


# --- 换届提醒 through the service --------------------------------------------------------------
def test_term_reminder_uses_the_stored_term_and_the_reminder_setting(data_path):
    ws = Workspace.open(data_path, today=lambda: date(2025, 11, 1))
    try:
        assert ws.branch.term_reminder().status is TermStatus.UNKNOWN
        # Elected 2023-04-10: the term ends 2026-04-10, the 6-month reminder starts 2025-10-10.
        ws.branch.save_profile(
            replace(PROFILE, term=CommitteeTerm(election_date=date(2023, 4, 10)))
        )
        reminder = ws.branch.term_reminder()
        assert (reminder.status, reminder.ends_on) == (TermStatus.DUE_SOON, date(2026, 4, 10))
        set_setting(ws, settings.TERM_REMINDER_MONTHS, 3)
        assert ws.branch.term_reminder().status is TermStatus.ACTIVE
    finally:
        ws.close(final_backup=False)


def test_every_text_field_of_the_profile_is_stored_without_control_characters(workspace):
    """Issue 7 item 2: text pasted from Word carries \x0b and friends."""
    workspace.branch.save_profile(
        replace(
            PROFILE,
            full_name="中燃油运\x0b船舶第一党支部",
            code="CY\x00-001",
            parent_committee="中燃油运\x07公司党委",
            committee=(CommitteeMember("王\x1f海", CommitteePost.SECRETARY),),
            groups=(PartyGroup("甲板\u2028党小组", "张\x7f伟", "驾驶部\x0b值班"),),
            venues=(Venue("活动室\x85", "三层\x01", None, "有党旗\r\n有党徽"),),
        )
    )
    loaded = workspace.branch.profile()
    assert (loaded.full_name, loaded.code, loaded.parent_committee) == (
        "中燃油运 船舶第一党支部",
        "CY-001",
        "中燃油运公司党委",
    )
    assert loaded.committee[0].name == "王海"
    group, venue = loaded.groups[0], loaded.venues[0]
    assert (group.name, group.leader, group.note) == ("甲板 党小组", "张伟", "驾驶部\n值班")
    assert (venue.name, venue.address, venue.note) == ("活动室", "三层", "有党旗\n有党徽")
