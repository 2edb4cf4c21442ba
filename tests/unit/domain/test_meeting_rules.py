"""Meeting rules: membership on a date, head counts, quorum and votes (domain brief §1.2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from dangjian_desktop.domain.meeting_rules import (
    ERROR_CODES,
    MINUTES_MAX,
    ListedMember,
    expected_members,
    formal_on,
    head_count,
    held_errors,
    in_branch_on,
    quorum,
    status_on,
    validate_meeting,
    vote_errors,
    vote_outcome,
)
from dangjian_desktop.domain.meetings import (
    Attendance,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.domain.people import PartyStatus, StatusChange

P, L, A = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT
TODAY = date(2026, 6, 30)


def attendance(*presences: Presence, excluded: tuple[int, ...] = ()) -> tuple[Attendance, ...]:
    """Attendance of members 1..n in order; `excluded` are approved exclusions."""
    return tuple(
        Attendance(
            i,
            p,
            excluded=i in excluded,
            exclusion_reason="长期病休" if i in excluded else "",
            exclusion_approval="党委同意" if i in excluded else "",
        )
        for i, p in enumerate(presences, start=1)
    )


# --- membership on a date ---------------------------------------------------------------
HISTORY = (
    StatusChange(PartyStatus.NORMAL, date(2020, 3, 1)),
    StatusChange(PartyStatus.TRANSFERRED_OUT, date(2024, 5, 10)),
    StatusChange(PartyStatus.NORMAL, date(2025, 2, 1)),  # came back
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 2, 29), False),  # joined after this meeting
        (date(2020, 3, 1), True),  # the day of joining counts
        (date(2024, 5, 9), True),
        (date(2024, 5, 10), False),  # transferred out on the meeting date: not on its list
        (date(2024, 12, 31), False),  # away
        (date(2025, 2, 1), True),  # back
    ],
)
def test_membership_follows_the_dated_history(day, expected):
    assert in_branch_on(HISTORY, day) is expected


def test_later_row_of_the_same_day_wins():
    same_day = (
        StatusChange(PartyStatus.NORMAL, date(2024, 1, 1)),
        StatusChange(PartyStatus.SUSPENDED, date(2024, 1, 1)),
    )
    assert status_on(same_day, date(2024, 1, 1)) is PartyStatus.SUSPENDED


@pytest.mark.parametrize("status", [PartyStatus.SUSPENDED, PartyStatus.DECEASED])
def test_suspended_or_deceased_members_are_not_on_the_list(status):
    history = (
        StatusChange(PartyStatus.NORMAL, date(2020, 1, 1)),
        StatusChange(status, date(2023, 1, 1)),
    )
    assert not in_branch_on(history, date(2023, 6, 1))


def test_only_members_past_their_probation_are_formal_on_the_date():
    """党章第七条: 预备党员 have no 表决权; the 转正日期 is the day they become 正式党员."""
    assert not formal_on(None, TODAY)
    assert not formal_on(date(2026, 7, 1), TODAY)
    assert formal_on(TODAY, TODAY)


def test_the_list_offers_the_group_for_a_group_meeting_and_the_committee_for_a_committee():
    members = [
        ListedMember(1, "甲", True, party_group_id=10, on_committee=True),
        ListedMember(2, "乙", True, party_group_id=20),
        ListedMember(3, "丙", False, party_group_id=10),
    ]
    assert [m.member_id for m in expected_members(MeetingType.GROUP, members, 10)] == [1, 3]
    assert [m.member_id for m in expected_members(MeetingType.COMMITTEE, members)] == [1]
    assert [m.member_id for m in expected_members(MeetingType.GENERAL, members)] == [1, 2, 3]


# --- head counts ------------------------------------------------------------------------
def test_head_count_is_computed_and_exclusions_leave_the_expected_count():
    counts = head_count(attendance(P, P, L, A, L, excluded=(5,)))
    assert (counts.expected, counts.present, counts.on_leave, counts.absent, counts.excluded) == (
        4,
        2,
        1,
        1,
        1,
    )


# --- quorum and votes: 条例第十一条 / 第十二条, 党章第七条 --------------------------------------
# (case, meeting type, attendance, formal ids, committee ids, resolution, quorate, passed, reason)
CASES = [
    (
        "条例第十一条：到会超过半数有表决权的党员，赞成超过应到半数，通过",
        MeetingType.GENERAL,
        attendance(P, P, P, P, A, A, A),
        range(1, 8),
        (),
        Resolution("接收张三为预备党员", ResolutionKind.ADMISSION, yes=4),
        True,
        True,
        "passed",
    ),
    (
        "条例第十一条（陷阱）：赞成超过到会半数但未超过应到半数，不通过",
        MeetingType.GENERAL,
        attendance(P, P, P, P, P, A, A, A, A, L),  # 10 entitled, 5 present: no quorum either
        range(1, 11),
        (),
        Resolution("一般事项", yes=4),
        False,
        False,
        "no_quorum",
    ),
    (
        "条例第十一条（陷阱）：法定人数够，赞成是到会多数，但不超过应到半数，不通过",
        MeetingType.GENERAL,
        attendance(P, P, P, P, P, P, A, A, A, A),  # 10 entitled, 6 present
        range(1, 11),
        (),
        Resolution("一般事项", yes=5, no=1),  # 5 of 6 present, but 5 * 2 = 10 is not > 10
        True,
        False,
        "too_few_yes",
    ),
    (
        "条例第十一条：到会恰好半数，不足法定人数",
        MeetingType.GENERAL,
        attendance(P, P, P, A, A, A),
        range(1, 7),
        (),
        Resolution("一般事项", yes=3),
        False,
        False,
        "no_quorum",
    ),
    (
        "党章第七条：预备党员出席不计入有表决权人数",
        MeetingType.GENERAL,
        attendance(P, P, A, A, P, P),  # 5 and 6 are 预备党员
        range(1, 5),
        (),
        Resolution("一般事项", yes=2),
        False,
        False,
        "no_quorum",
    ),
    (
        "组织工作问答：经批准不计入应到人数的党员从应到中减去",
        MeetingType.GENERAL,
        attendance(P, P, P, A, L, L, excluded=(5, 6)),  # entitled 4, present 3
        range(1, 7),
        (),
        Resolution("一般事项", yes=3),
        True,
        True,
        "passed",
    ),
    (
        "书面意见：接收预备党员时事先提交的书面意见计入票数",
        MeetingType.GENERAL,
        attendance(P, P, P, P, A, A, A),
        range(1, 8),
        (),
        Resolution("接收预备党员", ResolutionKind.ADMISSION, yes=3, written_yes=1),
        True,
        True,
        "passed",
    ),
    (
        "书面意见：预备党员转正表决同样计入",
        MeetingType.GENERAL,
        attendance(P, P, P, P, A, A, A),
        range(1, 8),
        (),
        Resolution("预备党员转正", ResolutionKind.FULL_MEMBERSHIP, yes=3, written_yes=2),
        True,
        True,
        "passed",
    ),
    (
        "书面意见：一般事项不计入书面意见",
        MeetingType.GENERAL,
        attendance(P, P, P, P, A, A, A),
        range(1, 8),
        (),
        Resolution("一般事项", yes=3, written_yes=1),
        True,
        False,
        "too_few_yes",
    ),
    (
        "条例第十二条：支委会须有半数以上委员到会",
        MeetingType.COMMITTEE,
        attendance(P, P, A, A, A),
        range(1, 6),
        range(1, 6),
        Resolution("研究发展对象", yes=2),
        False,
        False,
        "no_quorum",
    ),
    (
        "条例第十二条：5名委员3人到会，可以进行",
        MeetingType.COMMITTEE,
        attendance(P, P, P, L, A),
        range(1, 6),
        range(1, 6),
        Resolution("研究发展对象", yes=3),
        True,
        True,
        "passed",
    ),
    (
        "未表决的事项只记为决定",
        MeetingType.GENERAL,
        attendance(P, P, P),
        range(1, 4),
        (),
        Resolution("安排下月主题党日", voted=False),
        True,
        None,
        "not_voted",
    ),
]


@pytest.mark.parametrize(
    ("meeting_type", "lines", "formal", "committee", "resolution", "quorate", "passed", "reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_quorum_and_vote(
    meeting_type, lines, formal, committee, resolution, quorate, passed, reason
):
    q = quorum(meeting_type, lines, formal, committee)
    assert q.quorate is quorate
    outcome = vote_outcome(resolution, q)
    assert (outcome.passed, outcome.reason) == (passed, reason)


def test_members_left_off_the_sign_in_list_count_as_away():
    """条例第十一条 counts 应到会有表决权的党员, not those written on the sheet."""
    q = quorum(MeetingType.GENERAL, attendance(P, P, P), formal_ids=range(1, 8))
    assert (q.entitled, q.present, q.absent, q.quorate) == (7, 3, 4, False)


def test_needed_is_more_than_half():
    q = quorum(MeetingType.GENERAL, attendance(P, P, P, P, A, A), formal_ids=range(1, 7))
    assert q.needed == 4 and q.quorate
    assert vote_outcome(Resolution("x", yes=3), q).needed == 4


@pytest.mark.parametrize(
    ("resolution", "code"),
    [
        (Resolution("x", yes=3, no=1), "votes_exceed_present"),  # 4 votes, 3 present
        (Resolution("x", ResolutionKind.ADMISSION, yes=2, written_yes=3), "written_exceed_absent"),
        (Resolution("x", yes=1, written_no=1), "written_not_counted"),
        (Resolution("x", yes=-1), "negative_count"),
        (Resolution("x", voted=False, yes=2), "counts_without_vote"),
    ],
)
def test_impossible_counts_are_refused(resolution, code):
    q = quorum(MeetingType.GENERAL, attendance(P, P, P, A, A), formal_ids=range(1, 6))
    assert [e.code for e in vote_errors(0, resolution, q)] == [code]


def test_possible_counts_pass():
    q = quorum(MeetingType.GENERAL, attendance(P, P, P, A, A), formal_ids=range(1, 6))
    ok = Resolution("x", ResolutionKind.FULL_MEMBERSHIP, yes=2, no=1, written_yes=2)
    assert vote_errors(0, ok, q) == []


# --- the record -------------------------------------------------------------------------
LISTED = {
    i: ListedMember(i, f"党员{i}", formal=i <= 4, party_group_id=10 if i <= 3 else 20)
    for i in range(1, 7)
}


def meeting(**changes) -> Meeting:
    base = Meeting(
        MeetingType.GENERAL,
        "第二季度支部党员大会",
        date(2026, 6, 12),
        status=MeetingStatus.HELD,
        host_id=1,
        recorder_id=2,
        attendance=attendance(P, P, P, L, P, A),
    )
    return replace(base, **changes)


def codes(m: Meeting, committee=()) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in validate_meeting(m, TODAY, LISTED, committee)]


def test_a_good_record_has_no_errors():
    assert codes(meeting()) == []


def test_a_meeting_in_the_future_cannot_be_held():
    assert codes(meeting(date=date(2026, 7, 1))) == [("date", "held_in_future")]
    assert codes(meeting(date=date(2026, 7, 1), status=MeetingStatus.PLANNED)) == []


def test_attendance_of_someone_not_in_the_branch_on_that_date_is_refused():
    lines = (*attendance(P, P), Attendance(99, P))
    assert codes(meeting(attendance=lines)) == [("attendance.2", "not_in_branch")]


def test_host_must_be_in_the_branch():
    assert codes(meeting(host_id=99)) == [("host_id", "not_in_branch")]


def test_end_before_start_and_dates_out_of_order():
    m = meeting(start_time=time(15, 0), end_time=time(14, 0))
    assert codes(m) == [("end_time", "end_before_start")]
    late = meeting(late_record=True, recorded_on=date(2026, 6, 1))
    assert codes(late) == [("recorded_on", "before_meeting")]
    assert codes(meeting(late_record=True)) == [("recorded_on", "required")]


def test_a_vote_larger_than_those_present_is_refused_on_the_record():
    m = meeting(resolutions=(Resolution("一般事项", yes=3, no=1),))  # 3 formal present
    assert codes(m) == [("resolutions.0.yes", "votes_exceed_present")]


def test_a_huge_minutes_paste_is_refused_at_the_field():
    assert codes(meeting(minutes="字" * (MINUTES_MAX + 1))) == [("minutes", "too_long")]


def test_an_excluded_member_needs_reason_and_approval_and_cannot_be_present():
    lines = (Attendance(1, P, excluded=True), *attendance(P, P)[1:])
    assert codes(meeting(attendance=lines)) == [
        ("attendance.0.excluded", "excluded_present"),
        ("attendance.0.exclusion_reason", "required"),
        ("attendance.0.exclusion_approval", "required"),
    ]


def test_only_a_theme_day_can_count_as_another_type():
    assert codes(meeting(also_counts_as=MeetingType.LECTURE)) == [
        ("also_counts_as", "only_theme_day")
    ]
    day = meeting(type=MeetingType.THEME_DAY, also_counts_as=MeetingType.LECTURE)
    assert codes(day) == []


def test_a_group_meeting_names_its_group():
    assert codes(meeting(type=MeetingType.GROUP)) == [("party_group_id", "required")]


def test_archiving_needs_a_held_meeting_with_host_recorder_and_attendance():
    assert held_errors(meeting()) == []
    planned = meeting(status=MeetingStatus.PLANNED, recorder_id=None, attendance=())
    assert [e.code for e in held_errors(planned)] == ["not_held", "required", "required"]


def test_every_code_is_listed():
    """The wording test renders every listed code; a code raised but not listed would escape it."""
    raised = {
        c
        for m in (
            meeting(topic=""),
            meeting(date=date(2027, 1, 1)),
            meeting(start_time=time(9), end_time=time(8)),
            meeting(also_counts_as=MeetingType.LECTURE),
            meeting(late_record=True),
            meeting(host_id=99),
            meeting(attendance=(Attendance(1), Attendance(1))),
            meeting(resolutions=(Resolution("x", yes=9),)),
        )
        for _f, c in codes(m)
    }
    assert raised <= set(ERROR_CODES)
