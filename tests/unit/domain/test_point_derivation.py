"""Entries derived from meeting attendance: appearing, following the attendance, vanishing
with the meeting, never duplicated (issue 9 item 3; domain brief §5.1, 市直机关2024: +1 per
三会一课 attended; the default's 无故缺席 −2 is PROVISIONAL)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest

from dangjian_desktop.domain.meetings import (
    Attendance,
    LeaveReason,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
)
from dangjian_desktop.domain.point_defaults import default_scheme
from dangjian_desktop.domain.point_derivation import (
    derive_credits,
    derive_entries,
    reconcile_derived,
    reconcile_keys,
)
from dangjian_desktop.domain.points import DerivedFrom, DerivedKey, Entry, Rule

SCHEME = default_scheme(2026)
DAY = date(2026, 5, 12)


def with_rules(*rules):
    return replace(SCHEME, rules=rules)


A, LV = Presence.ABSENT, Presence.LEAVE


def meeting(mid=40, type=MeetingType.GROUP, day=DAY, lines=(), **kw):
    kw.setdefault("status", MeetingStatus.HELD)
    return Meeting(type=type, topic="学习", date=day, attendance=tuple(lines), id=mid, **kw)


def keyed(entries):
    return sorted((e.meeting_id, e.member_id, e.rule_code, e.points) for e in entries)


def test_attendance_gives_derived_entries():
    m = meeting(lines=[Attendance(1), Attendance(2, A), Attendance(3, LV, LeaveReason.AT_SEA)])
    entries = derive_entries([m], SCHEME)
    assert keyed(entries) == [(40, 1, "L01", 1), (40, 2, "L04", -2)]  # a 请假 is neither
    assert all(e.derived and e.date == DAY and e.key for e in entries)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (Attendance(1), [(40, 1, "L01", 1)]),
        (Attendance(1, A), [(40, 1, "L04", -2)]),  # 无故缺席
        (Attendance(1, A, LeaveReason.SICK), []),  # a 缺席 with a reason is not 无故
        (Attendance(1, A, note="在航"), []),
        (Attendance(1, LV), []),
        (Attendance(1, A, excluded=True), []),  # left out of 应到: neither
    ],
)
def test_which_attendance_lines_count(line, expected):
    assert keyed(derive_entries([meeting(lines=[line])], SCHEME)) == expected


def test_a_leave_earns_nothing_even_under_a_rule_that_asks():
    """validate_scheme refuses such a rule (leave_not_derived); derivation does not rely on it."""
    leave_rule = Rule(
        "Q", "org_life", "请假", 1, derived_from=DerivedFrom(frozenset({MeetingType.GROUP}), LV)
    )
    assert derive_entries([meeting(lines=[Attendance(1, LV)])], with_rules(leave_rule)) == []


def test_only_held_meetings_of_the_scheme_year_count():
    lines = [Attendance(1)]
    planned = meeting(1, lines=lines, status=MeetingStatus.PLANNED)
    archived = meeting(2, lines=lines, status=MeetingStatus.ARCHIVED)
    last_year = meeting(3, lines=lines, day=date(2025, 12, 30))
    talk = meeting(4, type=MeetingType.TALK, lines=lines)
    assert keyed(derive_entries([planned, archived, last_year, talk], SCHEME)) == [(2, 1, "L01", 1)]


def test_a_theme_day_held_as_a_lecture_counts_once():
    """条例第十七条: 三会一课 may be held on the 党日; the one attendance gives one entry, by the
    meeting's own type first."""
    day = meeting(
        type=MeetingType.THEME_DAY, also_counts_as=MeetingType.LECTURE, lines=[Attendance(1)]
    )
    assert keyed(derive_entries([day], SCHEME)) == [(40, 1, "L02", 1)]
    no_theme_rule = with_rules(*(r for r in SCHEME.rules if r.code != "L02"))
    assert keyed(derive_entries([day], no_theme_rule)) == [(40, 1, "L01", 1)]


def test_a_duplicate_sign_in_line_is_not_counted_twice():
    m = meeting(lines=[Attendance(1), Attendance(1)])
    assert keyed(derive_entries([m, m], SCHEME)) == [(40, 1, "L01", 1)]


def stored(entries):
    """What the service saved: each derived entry with an id."""
    return [replace(e, id=100 + i) for i, e in enumerate(entries)]


def test_a_resave_never_duplicates():
    m = meeting(lines=[Attendance(1), Attendance(2, A)])
    existing = stored(derive_entries([m], SCHEME))
    changes = reconcile_derived(existing, derive_entries([m], SCHEME))
    assert (changes.added, changes.removed, changes.updated) == ((), (), ())
    assert changes.kept == tuple(existing)


def test_changed_attendance_changes_the_entries():
    before = meeting(lines=[Attendance(1), Attendance(2, A), Attendance(3)])
    existing = stored(derive_entries([before], SCHEME))
    after = meeting(lines=[Attendance(1), Attendance(2), Attendance(4)])  # 2 came, 3 went off
    changes = reconcile_derived(existing, derive_entries([after], SCHEME))
    assert keyed(changes.added) == [(40, 2, "L01", 1), (40, 4, "L01", 1)]
    assert keyed(changes.removed) == [(40, 2, "L04", -2), (40, 3, "L01", 1)]
    assert [e.member_id for e in changes.kept] == [1]


def test_a_deleted_meeting_takes_its_entries_with_it():
    m = meeting(lines=[Attendance(1), Attendance(2, A)])
    existing = stored(derive_entries([m], SCHEME))
    changes = reconcile_derived(existing, derive_entries([], SCHEME))
    assert changes.removed == tuple(existing) and not changes.added and not changes.kept


def test_a_moved_meeting_moves_its_entries_and_keeps_their_points():
    m = meeting(lines=[Attendance(1)])
    existing = stored(derive_entries([m], SCHEME))
    repriced = with_rules(*(replace(r, points=5) if r.code == "L01" else r for r in SCHEME.rules))
    moved = derive_entries([replace(m, date=date(2026, 6, 2))], repriced)
    changes = reconcile_derived(existing, moved)
    [updated] = changes.updated
    assert (updated.id, updated.date, updated.points) == (100, date(2026, 6, 2), Decimal(1))


def test_a_rule_change_leaves_past_derived_entries_untouched():
    """Issue 9 item 1: each entry keeps the points it was given."""
    m = meeting(lines=[Attendance(1)])
    existing = stored(derive_entries([m], SCHEME))
    repriced = with_rules(*(replace(r, points=3) if r.code == "L01" else r for r in SCHEME.rules))
    changes = reconcile_derived(existing, derive_entries([m], repriced))
    assert changes.kept == tuple(existing) and changes.kept[0].points == 1
    new = meeting(41, lines=[Attendance(1)])
    assert keyed(reconcile_derived(existing, derive_entries([m, new], repriced)).added) == [
        (41, 1, "L01", 3)
    ]


def test_a_duplicate_already_stored_is_removed():
    m = meeting(lines=[Attendance(1)])
    [one] = derive_entries([m], SCHEME)
    changes = reconcile_derived([replace(one, id=1), replace(one, id=2)], [one])
    assert [e.id for e in changes.kept] == [1] and [e.id for e in changes.removed] == [2]


def test_typed_entries_are_not_reconciled():
    typed = Entry(1, DAY, "S01", Decimal(2), id=7)
    changes = reconcile_derived([typed], [])
    assert changes == type(changes)((), (), (), ())


def test_derived_keys_are_stable():
    m = meeting(lines=[Attendance(1)])
    assert [e.key for e in derive_entries([m], SCHEME)] == [DerivedKey(40, 1, "L01")]


@dataclass(frozen=True)
class LightMeeting:
    """What the service may hand in instead of a whole Meeting (no minutes text)."""

    id: int
    type: MeetingType
    date: date
    status: MeetingStatus
    attendance: tuple[Attendance, ...]
    also_counts_as: MeetingType | None = None


def test_any_value_with_the_meeting_fields_will_do():
    light = LightMeeting(40, MeetingType.GROUP, DAY, MeetingStatus.HELD, (Attendance(1),))
    assert keyed(derive_entries([light], SCHEME)) == [(40, 1, "L01", 1)]


# --- a year's regeneration on keys (reconcile_keys) ------------------------------------------
def stored_keys(entries):
    return [(e.id, e.meeting_id, e.member_id, e.rule_code, e.date) for e in entries]


@pytest.mark.parametrize(
    "before, after",
    [
        ([Attendance(1), Attendance(2, A)], [Attendance(1), Attendance(2, A)]),  # in step
        ([Attendance(1), Attendance(2, A), Attendance(3)], [Attendance(2), Attendance(4)]),
        ([Attendance(1)], []),  # everyone struck off
    ],
)
def test_reconciling_keys_agrees_with_reconciling_entries(before, after):
    existing = stored(derive_entries([meeting(lines=before)], SCHEME))
    wanted = meeting(lines=after)
    by_entry = reconcile_derived(existing, derive_entries([wanted], SCHEME))
    by_key = reconcile_keys(stored_keys(existing), derive_credits([wanted], SCHEME))
    assert [c[0] for c in by_key.added] == [e.key for e in by_entry.added]
    assert sorted(by_key.removed) == sorted(e.id for e in by_entry.removed)
    assert by_key.moved == ()


def test_reconciling_keys_moves_removes_duplicates_and_writes_nothing_in_step():
    m = meeting(lines=[Attendance(1), Attendance(2)])
    existing = stored(derive_entries([m], SCHEME))
    same = reconcile_keys(stored_keys(existing), derive_credits([m], SCHEME))
    assert (same.added, same.removed, same.moved) == ((), (), ())
    twice = [*stored_keys(existing), (999, *stored_keys(existing)[0][1:])]
    assert reconcile_keys(twice, derive_credits([m], SCHEME)).removed == (999,)
    later = replace(m, date=date(2026, 6, 2))
    moved = reconcile_keys(stored_keys(existing), derive_credits([later], SCHEME))
    assert moved.moved == ((100, date(2026, 6, 2)), (101, date(2026, 6, 2)))
    assert (moved.added, moved.removed) == ((), ())
