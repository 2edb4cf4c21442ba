"""Quorum and votes in words (条例第十一、十二条, 党章第七条, written opinions): one sentence
per case of the domain's table, and the short result of a ledger cell."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.meeting_rules import quorum, vote_outcome
from dangjian_desktop.domain.meetings import (
    Attendance,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.export.vote_words import (
    quorum_statement,
    result_line,
    vote_counts,
    vote_statement,
    written_statement,
)

P, L, A = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT


def lines(present: int, away: int) -> tuple[Attendance, ...]:
    """Members 1..present are there, the next `away` are not."""
    return tuple(Attendance(i, P if i <= present else A) for i in range(1, present + away + 1))


def words(kind: MeetingType, present: int, away: int, res: Resolution, committee=()):
    q = quorum(kind, lines(present, away), range(1, present + away + 1), committee)
    outcome = vote_outcome(res, q)
    return quorum_statement(q), vote_statement(res, q, outcome), result_line(res, q, outcome)


ADMIT = ResolutionKind.ADMISSION
# (case, type, present, away, resolution, quorum sentence, vote sentence, ledger result)
CASES = [
    (
        "条例第十一条：到会过半，赞成超过应到半数，通过",
        MeetingType.GENERAL,
        15,
        5,
        Resolution("接收张三为预备党员", ADMIT, yes=14, abstain=1),
        "有表决权的正式党员 20 人，到会 15 人，超过半数，可以表决。",
        "赞成 14 票，超过应到会有表决权党员 20 人的半数，决议通过。",
        "接收张三为预备党员：赞成 14、反对 0、弃权 1，通过",
    ),
    (
        "条例第十一条：到会未过半，不能表决",
        MeetingType.GENERAL,
        10,
        10,
        Resolution("一般事项", yes=10),
        "有表决权的正式党员 20 人，到会 10 人，未超过半数（至少需到会 11 人），不能进行表决。",
        "到会人数未超过半数，本项不能表决，决议未通过。",
        "一般事项：赞成 10、反对 0、弃权 0，未通过（到会未过半数，不能表决）",
    ),
    (
        "条例第十一条（陷阱）：赞成是到会多数，却未超过应到半数，不通过",
        MeetingType.GENERAL,
        12,
        8,
        Resolution("一般事项", yes=10, no=2),
        "有表决权的正式党员 20 人，到会 12 人，超过半数，可以表决。",
        "赞成 10 票，虽超过到会 12 人的半数，但未超过应到会有表决权党员 20 人的半数"
        "（至少需 11 票），决议未通过。",
        "一般事项：赞成 10、反对 2、弃权 0，未通过（赞成票未超过应到会有表决权党员半数）",
    ),
    (
        "条例第十一条：赞成连到会半数也未超过",
        MeetingType.GENERAL,
        12,
        8,
        Resolution("一般事项", yes=5, no=7),
        "有表决权的正式党员 20 人，到会 12 人，超过半数，可以表决。",
        "赞成 5 票，未超过应到会有表决权党员 20 人的半数（至少需 11 票），决议未通过。",
        "一般事项：赞成 5、反对 7、弃权 0，未通过（赞成票未超过应到会有表决权党员半数）",
    ),
    (
        "书面意见：接收预备党员时计入票数",
        MeetingType.GENERAL,
        12,
        8,
        Resolution("接收张三为预备党员", ADMIT, yes=10, no=2, written_yes=2),
        "有表决权的正式党员 20 人，到会 12 人，超过半数，可以表决。",
        "赞成 12 票，超过应到会有表决权党员 20 人的半数，决议通过。",
        "接收张三为预备党员：赞成 12、反对 2、弃权 0（含书面意见 2 份），通过",
    ),
    (
        "书面意见：一般事项不计入",
        MeetingType.GENERAL,
        12,
        8,
        Resolution("一般事项", yes=10, no=2, written_yes=2),
        "有表决权的正式党员 20 人，到会 12 人，超过半数，可以表决。",
        "赞成 10 票，虽超过到会 12 人的半数，但未超过应到会有表决权党员 20 人的半数"
        "（至少需 11 票），决议未通过。",
        "一般事项：赞成 10、反对 2、弃权 0，未通过（赞成票未超过应到会有表决权党员半数）",
    ),
    (
        "条例第十二条：支委会到会未过半",
        MeetingType.COMMITTEE,
        2,
        3,
        Resolution("研究发展对象", yes=2),
        "支部委员 5 人，到会 2 人，未超过半数（至少需到会 3 人），不能作出决定。",
        "到会人数未超过半数，本项不能表决，决议未通过。",
        "研究发展对象：赞成 2、反对 0、弃权 0，未通过（到会未过半数，不能表决）",
    ),
    (
        "条例第十二条：支委会5人3人到会，3票通过",
        MeetingType.COMMITTEE,
        3,
        2,
        Resolution("研究发展对象", yes=3),
        "支部委员 5 人，到会 3 人，超过半数，会议有效。",
        "赞成 3 票，超过支部委员 5 人的半数，决议通过。",
        "研究发展对象：赞成 3、反对 0、弃权 0，通过",
    ),
    (
        "未表决的事项只作为决定记录",
        MeetingType.GENERAL,
        3,
        0,
        Resolution("安排下月主题党日", voted=False),
        "有表决权的正式党员 3 人，到会 3 人，超过半数，可以表决。",
        "本项未经表决，作为会议决定记录。",
        "安排下月主题党日：未表决（会议决定）",
    ),
]


@pytest.mark.parametrize(
    ("kind", "present", "away", "res", "said_quorum", "said_vote", "said_result"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_each_case_is_said_in_plain_words(
    kind, present, away, res, said_quorum, said_vote, said_result
):
    committee = range(1, present + away + 1) if kind is MeetingType.COMMITTEE else ()
    assert words(kind, present, away, res, committee) == (said_quorum, said_vote, said_result)


def test_exclusions_are_named_in_the_quorum_sentence():
    q = quorum(MeetingType.GENERAL, lines(15, 5), range(1, 21))
    assert quorum_statement(q, excluded=2) == (
        "有表决权的正式党员 20 人（另有 2 人经批准不计入应到人数），"
        "到会 15 人，超过半数，可以表决。"
    )


def test_a_meeting_without_voters_cannot_vote():
    q = quorum(MeetingType.GENERAL, lines(3, 0), formal_ids=())
    assert quorum_statement(q) == "本次会议没有有表决权的正式党员，不能进行表决。"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ResolutionKind.ADMISSION, "按规定计入票数"),
        (ResolutionKind.FULL_MEMBERSHIP, "按规定计入票数"),
        (ResolutionKind.EXTEND_PROBATION, "按规定计入票数"),
        (ResolutionKind.GENERAL, "不计入本项票数"),
        (ResolutionKind.DISCIPLINE, "不计入本项票数"),
    ],
)
def test_written_opinions_count_only_for_membership_votes(kind, expected):
    res = Resolution("x", kind, yes=10, written_yes=2, written_no=1)
    assert expected in written_statement(res)
    counted = kind in (
        ResolutionKind.ADMISSION,
        ResolutionKind.FULL_MEMBERSHIP,
        ResolutionKind.EXTEND_PROBATION,
    )
    assert vote_counts(res) == (
        "赞成 12、反对 1、弃权 0（含书面意见 3 份）" if counted else "赞成 10、反对 0、弃权 0"
    )


def test_no_written_opinions_no_sentence():
    assert written_statement(Resolution("x", ADMIT, yes=3)) == ""
