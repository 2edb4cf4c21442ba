"""Who a meeting's sign-in list is drawn from: the members on this branch's roster on the
meeting date, with what the list and the quorum need of each (name, 正式 then or not, 党小组,
committee seat), read as columns (domain.meeting_roster.ListedRoster).

The whole roster of the reference file (10,000 members, 7,000 of them on a 2021 date) is
one query — a scan of the member table, each member's history tested in SQL, only the
members listed brought into Python — and no object per member: the meeting form opens
within its budget (issue 8, ≤ 100 ms).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, literal_column, select
from sqlmodel import Session

from dangjian_desktop.domain.meeting_roster import ListedRoster
from dangjian_desktop.storage import branch_repo, member_history_repo, query
from dangjian_desktop.storage.tables import MemberRow


def listed_roster(
    session: Session, day: date, member_ids: Iterable[int] | None = None
) -> ListedRoster:
    """Members on this branch's roster on `day` (member_history_repo.in_branch_where and
    in_branch_ids: the history recorded here decides; rows merged from a transfer file do
    not count), in roster order (name_sort, name, id); all of them, or those of
    `member_ids`. 正式 on that day when their 转正日期 is on or before it
    (meeting_rules.formal_on); on the committee when they hold a seat of the current term
    taken on or before it. Members in the 回收站 are left out: typed in by mistake."""
    row = MemberRow
    # formal_on in SQL: compared as stored, no date object built per member.
    formal = and_(row.full_date.is_not(None), row.full_date <= day)
    columns = (row.id, row.name, formal, row.party_group_id)
    conn = session.connection()
    if member_ids is None:
        # The whole roster: one scan of the table, the history tested in SQL, one sort by
        # SQLite (binary collation: code-point order, as Python sorts). "+": not 10,000
        # seeks into the table through ix_member_deleted_at or ix_member_name_order.
        live = literal_column("+member.deleted_at").is_(None)
        here = member_history_repo.in_branch_where(row.id, day)
        by_name = (literal_column("+member.name_sort"), row.name, row.id)
        stmt = select(*columns).where(live, here).order_by(*by_name)
        listed = conn.execute(stmt).all()
    else:
        wanted = list(dict.fromkeys(member_ids))
        present, keyed = sorted(member_history_repo.in_branch_ids(session, day, wanted)), []
        for chunk in query.chunked(present):
            stmt = select(*columns, row.name_sort).where(
                row.id.in_(chunk), row.deleted_at.is_(None)
            )
            keyed += conn.execute(stmt).all()
        keyed.sort(key=lambda r: (r[4], r[1], r[0]))
        listed = [r[:4] for r in keyed]
    if not listed:
        return ListedRoster()
    ids, names, formal_flags, groups = zip(*listed, strict=True)
    seats = branch_repo.committee_member_ids(session)
    seated = {m for m, since in seats.items() if since is None or since <= day}
    return ListedRoster(
        ids,
        names,
        tuple(map(bool, formal_flags)),
        groups,
        tuple(map(seated.__contains__, ids)),
    )
