"""services/member_matches.py: the 积分 list's search keeps the members each text names, and
gives them up when a write may have changed a name (the audit log says so): a rename, a
new member, a restore of the file — not a 积分 or meeting write. A longer text is looked
up among a shorter one's matches, with the same answer as a fresh look-up. Today is
2025-06-15; the branch is meeting_data's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.points import Entry, EntryFilter
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.services import member_matches
from dangjian_desktop.storage import member_repo
from tests.unit.services.meeting_data import general_meeting, make_branch
from tests.unit.services.member_data import member


@pytest.fixture
def branch(workspace):
    return make_branch(workspace)


@pytest.fixture
def looked_up(monkeypatch) -> list[tuple[str, tuple[int, ...] | None]]:
    """(text, within) of each read of the names the cache makes."""
    calls: list[tuple[str, tuple[int, ...] | None]] = []
    original = member_repo.named

    def named(session, text, within=None):
        calls.append((text, None if within is None else tuple(within)))
        return original(session, text, within)

    monkeypatch.setattr(member_repo, "named", named)
    return calls


def add_entry(ws, member_id: int) -> None:
    scheme = ws.points.scheme(2025)
    rule = next(
        r
        for r in scheme.rules
        if r.derived_from is None and not r.evidence_required and not r.retired
    )
    ws.points.add_entry(Entry(member_id, date(2025, 3, 1), rule.code, rule.signed_points))


def shown(ws, text: str) -> set[str]:
    """The member names of the entries the window shows for this search."""
    window = ws.points.window(EntryFilter(member_text=text), Sort("member"))
    rows = ws.points.rows(window.ids(0, 1000))
    return {r.member_name for r in rows.values()}


@pytest.fixture
def entered(workspace, branch):
    for member_id in branch.ids.values():
        add_entry(workspace, member_id)
    return workspace, branch


def test_a_renamed_member_is_found_by_the_new_name_only(entered, looked_up):
    ws, branch = entered
    assert shown(ws, "zm") == {"赵敏"}
    assert shown(ws, "qm") == set()
    ws.members.update(replace(ws.members.get(branch.id("赵敏")), name="钱敏"))
    assert shown(ws, "zm") == set()
    assert shown(ws, "qm") == {"钱敏"}
    assert shown(ws, "敏") == {"钱敏"}


def test_new_and_renamed_members_are_seen_at_the_next_search(entered):
    ws, _branch = entered
    assert shown(ws, "z") == {"赵敏", "周新"}
    new_id, _ = ws.members.add(member("张伟", 130))
    add_entry(ws, new_id)
    assert shown(ws, "z") == {"赵敏", "周新", "张伟"}
    ws.members.update(replace(ws.members.get(new_id), name="章伟"))
    assert shown(ws, "zhang") == {"章伟"}


def test_point_and_meeting_writes_keep_the_matches_member_writes_drop_them(entered, looked_up):
    ws, branch = entered
    shown(ws, "z")
    shown(ws, "z")
    assert looked_up == [("z", None)]
    add_entry(ws, branch.id("王海"))
    ws.meetings.save(general_meeting(branch))
    shown(ws, "z")
    assert looked_up == [("z", None)], "a 积分 or meeting write dropped the matches"
    ws.members.update(replace(ws.members.get(branch.id("王海")), phone="13800000000"))
    shown(ws, "z")
    assert looked_up == [("z", None), ("z", None)]


def test_too_many_rows_since_drop_the_matches(entered, looked_up, monkeypatch):
    ws, branch = entered
    shown(ws, "z")
    monkeypatch.setattr(member_matches, "MAX_ROWS", 1)
    add_entry(ws, branch.id("王海"))
    add_entry(ws, branch.id("王海"))
    shown(ws, "z")
    assert looked_up == [("z", None), ("z", None)]


def test_a_restore_drops_the_matches(entered):
    ws, branch = entered
    backup = ws.backup_now()
    ws.members.update(replace(ws.members.get(branch.id("赵敏")), name="钱敏"))
    assert shown(ws, "qm") == {"钱敏"}
    ws.restore(backup.path)
    assert shown(ws, "qm") == set()
    assert shown(ws, "zm") == {"赵敏"}


def test_a_longer_text_is_looked_up_among_the_shorter_ones_matches(entered, looked_up):
    ws, branch = entered
    typed = ["z", "zh", "zha", "zhao", "zhaom"]
    answers = [shown(ws, text) for text in typed]
    assert answers == [{"赵敏", "周新"}, {"赵敏", "周新"}, {"赵敏"}, {"赵敏"}, {"赵敏"}]
    z_ids = (branch.id("赵敏"), branch.id("周新"))
    assert looked_up[0] == ("z", None)
    assert looked_up[1] == ("zh", tuple(sorted(z_ids)))
    assert looked_up[2] == ("zha", tuple(sorted(z_ids)))
    assert looked_up[3] == ("zhao", (branch.id("赵敏"),))
    # Back to a shorter text: kept, not read again; a text that does not start with a
    # kept one ("敏") is read in full.
    del looked_up[:]
    assert shown(ws, "z") == {"赵敏", "周新"}
    assert shown(ws, "敏") == {"赵敏"}
    assert looked_up == [("敏", None)]
    # The same answers with nothing kept.
    for text, answer in zip(typed, answers, strict=True):
        ws.points._matches.clear()
        assert shown(ws, text) == answer


def test_spaces_and_case_do_not_change_what_is_kept(entered, looked_up):
    ws, _branch = entered
    assert shown(ws, " zhao ") == shown(ws, "zhao") == {"赵敏"}
    assert shown(ws, "ZHAO") == {"赵敏"}  # its own key, the same answer
    assert [text for text, _ in looked_up] == ["zhao", "ZHAO"]


def test_the_search_within_given_members(entered):
    ws, branch = entered
    flt = EntryFilter(member_text="z", member_ids=(branch.id("赵敏"), branch.id("王海")))
    window = ws.points.window(flt, Sort("member"))
    rows = ws.points.rows(window.ids(0, 100))
    assert {r.member_name for r in rows.values()} == {"赵敏"}
    assert window.ids(0, 100) == ws.points.ids(flt, Sort("member"))


def test_many_matches_of_the_shorter_text_are_not_looked_up_one_by_one(
    entered, looked_up, monkeypatch
):
    ws, _branch = entered
    monkeypatch.setattr(member_matches, "WITHIN_AT_MOST", 2)
    assert shown(ws, "z") == {"赵敏", "周新"}
    assert shown(ws, "zh") == {"赵敏", "周新"}
    assert shown(ws, "zha") == {"赵敏"}
    assert looked_up[1:] == [("zh", None), ("zha", None)]
