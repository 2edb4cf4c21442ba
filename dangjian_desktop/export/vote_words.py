"""Quorum and votes in words a secretary understands: the sentences of the 会议记录, the
result of each resolution in the 三会一课台账, and (later) the record form in the GUI.

The numbers come from the domain (meeting_rules.quorum, vote_outcome); these functions only
say them. Which sentence applies follows 条例第十一条 (a 党员大会 may vote when more than
half of the members with voting rights attend; a motion passes when 赞成 exceeds half of
those ENTITLED, not of those present), 条例第十二条 (a 支委会 needs more than half of its
members) and the practice that written opinions count only for admission, 转正 and 延长预备期.
"""

from __future__ import annotations

from dangjian_desktop.domain.meeting_rules import Quorum, VoteOutcome, counts_written_opinions
from dangjian_desktop.domain.meetings import Resolution
from dangjian_desktop.export import labels


def _pool(q: Quorum, excluded: int) -> str:
    pool = (labels.POOL_COMMITTEE if q.committee else labels.POOL_MEMBERS).format(
        entitled=q.entitled
    )
    if excluded and not q.committee:
        pool += labels.POOL_EXCLUDED.format(excluded=excluded)
    return pool


def quorum_statement(q: Quorum, excluded: int = 0) -> str:
    """ "有表决权的正式党员 20 人，到会 15 人，超过半数，可以表决。" — or why it may not vote.

    `excluded`: entitled members left out of the count with approval (不计入应到人数)."""
    if q.entitled == 0:
        return labels.QUORUM_NOBODY
    pool = _pool(q, excluded)
    if q.committee:
        template = labels.QUORUM_COMMITTEE_OK if q.quorate else labels.QUORUM_COMMITTEE_NOT
    else:
        template = labels.QUORUM_OK if q.quorate else labels.QUORUM_NOT
    return template.format(pool=pool, present=q.present, needed=q.needed)


def _counted(res: Resolution) -> tuple[int, int, int, int]:
    """赞成, 反对, 弃权 as they count, and how many written opinions are in them."""
    if counts_written_opinions(res):
        written = res.written_yes + res.written_no + res.written_abstain
        return (
            res.yes + res.written_yes,
            res.no + res.written_no,
            res.abstain + res.written_abstain,
            written,
        )
    return res.yes, res.no, res.abstain, 0


def vote_counts(res: Resolution) -> str:
    """ "赞成 18、反对 0、弃权 1" — with "（含书面意见 2 份）" where written opinions count."""
    yes, no, abstain, written = _counted(res)
    text = labels.VOTE_COUNTS.format(yes=yes, no=no, abstain=abstain)
    if written:
        text += labels.VOTE_COUNTS_WRITTEN.format(written=written)
    return text


def vote_statement(res: Resolution, q: Quorum, outcome: VoteOutcome) -> str:
    """Whether the motion passed and why, e.g. "赞成 14 票，超过应到会有表决权党员 20 人的
    半数，决议通过。" — and for the trap, that a majority of those present is not enough."""
    if outcome.reason == "not_voted":
        return labels.VOTE_NOT_TAKEN
    if outcome.reason == "no_quorum":
        return labels.VOTE_NO_QUORUM
    base = labels.BASE_COMMITTEE if q.committee else labels.BASE_MEMBERS
    values = dict(
        yes=outcome.yes,
        base=base,
        entitled=outcome.entitled,
        needed=outcome.needed,
        present=q.present,
    )
    if outcome.passed:
        return labels.VOTE_PASSED.format(**values)
    if res.yes * 2 > q.present:
        return labels.VOTE_MAJORITY_OF_PRESENT_ONLY.format(**values)
    return labels.VOTE_TOO_FEW.format(**values)


def written_statement(res: Resolution) -> str:
    """What became of the written opinions handed in beforehand ("" when there were none)."""
    written = res.written_yes + res.written_no + res.written_abstain
    if not written:
        return ""
    if counts_written_opinions(res):
        return labels.WRITTEN_COUNTED.format(
            written=written, yes=res.written_yes, no=res.written_no, abstain=res.written_abstain
        )
    return labels.WRITTEN_NOT_COUNTED.format(written=written)


def result_words(q: Quorum, outcome: VoteOutcome) -> str:
    """The short result: 通过, or 未通过 with the reason in brackets, or 未表决."""
    if outcome.reason == "not_voted":
        return labels.RESULT_NOT_VOTED
    if outcome.reason == "no_quorum":
        return labels.RESULT_NO_QUORUM
    if outcome.passed:
        return labels.RESULT_PASSED
    return labels.RESULT_FAILED_COMMITTEE if q.committee else labels.RESULT_FAILED


def result_line(res: Resolution, q: Quorum, outcome: VoteOutcome) -> str:
    """One resolution in a ledger cell: "接收张三为预备党员：赞成 18、反对 0、弃权 1，通过"."""
    title = res.title.strip()
    result = result_words(q, outcome)
    if outcome.reason == "not_voted":
        return labels.RESULT_LINE_NOT_VOTED.format(title=title, result=result)
    return labels.RESULT_LINE.format(title=title, counts=vote_counts(res), result=result)
