"""What a period's 积分 totals read (point_aggregates: rows in integer tenths, as stored):
each member's entry points by sign, the capped rules' sums past their cap, the 三评 scores one
row per member, and the roster in its order with the kinds a scheme may exempt.

Each is one GROUP BY (or one scan) and hands back plain integer rows — no Decimal or value
object per row: a year of a 10,000-member file is ≈200,000 entries and 20,000 三评 scores,
and the totals must stay within 3× one plain GROUP BY over the entries (DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from sqlalchemy import case, func, or_, select
from sqlmodel import Session

from dangjian_desktop.domain.points import EvaluationKind, MemberKind, PeriodKey, Scheme
from dangjian_desktop.storage.point_repo import to_tenths
from dangjian_desktop.storage.tables import MemberRow, PointEntryRow, PointEvaluationRow

_E = PointEntryRow.__table__  # type: ignore[attr-defined]
_V = PointEvaluationRow.__table__  # type: ignore[attr-defined]
_M = MemberRow.__table__  # type: ignore[attr-defined]


def entry_sums(session: Session, period: PeriodKey) -> list[tuple[int, int, int]]:
    """(member_id, plus, minus) of every member not in the 回收站 with entries in the period.
    Said of the members (IN), each member's entries of the period are one seek on
    ix_point_entry_member, read in member order: no sort of every entry, and the other
    years of a file are not read."""
    total, magnitude = func.sum(_E.c.points), func.sum(func.abs(_E.c.points))
    members = select(_M.c.id).where(_M.c.deleted_at.is_(None))
    stmt = (
        select(_E.c.member_id, total, magnitude)
        .where(_E.c.member_id.in_(members), _E.c.date.between(period.start, period.end))
        .group_by(_E.c.member_id)
    )
    # plus = (sum + |sum|) / 2 and minus = (sum − |sum|) / 2, exact on integers
    return [(m, (s + a) // 2, (s - a) // 2) for m, s, a in session.connection().execute(stmt).all()]


def capped_sums(session: Session, period: PeriodKey, scheme: Scheme) -> list[tuple[int, str, int]]:
    """(member_id, rule_code, points) of the capped rules' sums past their cap only (HAVING):
    nothing else changes a total. ix_point_entry_rule streams it without a sort."""
    caps = {r.code: to_tenths(r.cap) for r in scheme.rules if r.cap is not None}
    if not caps:
        return []
    total = func.sum(_E.c.points)
    # rule_code is grouped by, so the HAVING may name it: one CASE per group, not per entry
    limit = case(*((_E.c.rule_code == code, cap) for code, cap in caps.items()), else_=0)
    stmt = (
        select(_E.c.member_id, _E.c.rule_code, total)
        .where(_E.c.date.between(period.start, period.end), _E.c.rule_code.in_(list(caps)))
        .group_by(_E.c.rule_code, _E.c.member_id)
        .having(func.abs(total) > limit)
    )
    return [tuple(r) for r in session.connection().execute(stmt).all()]  # type: ignore[misc]


def evaluation_rows(
    session: Session, period: PeriodKey, kinds: Sequence[EvaluationKind]
) -> list[tuple[int, ...]]:
    """(member_id, total_1, count_1, …) per member with 三评 scores of `kinds` in the period:
    the kinds pivoted in SQL (point_aggregates), one row per member."""
    if not kinds:
        return []
    quarter = _V.c.quarter.is_(None) if period.quarter is None else _V.c.quarter == period.quarter
    columns = []
    for kind in kinds:
        mine = _V.c.kind == kind.value
        columns.append(func.sum(case((mine, _V.c.score), else_=0)))
        columns.append(func.sum(case((mine, 1), else_=0)))
    stmt = (
        select(_V.c.member_id, *columns)
        .where(_V.c.year == period.year, quarter, _V.c.kind.in_([k.value for k in kinds]))
        .group_by(_V.c.member_id)
    )
    return [tuple(r) for r in session.connection().execute(stmt).all()]


class Roster(NamedTuple):
    """Members of a day's roster not in the 回收站: ids in roster order (pinyin, name, id),
    names, and the kinds a scheme may exempt of those who have any."""

    ids: list[int]
    names: dict[int, str]
    kinds: dict[int, frozenset[MemberKind]]


_KINDS = {
    (True, False): frozenset({MemberKind.RETIRED}),
    (False, True): frozenset({MemberKind.MOBILE}),
    (True, True): frozenset({MemberKind.RETIRED, MemberKind.MOBILE}),
}


def roster(session: Session, present: Collection[int]) -> Roster:
    """The members of `present` (ids in the branch on a day) not in the 回收站, in roster
    order. Three narrow reads: the names in order (ix_member_name_order alone, no sort), the
    few in the 回收站, and the few retired or 流动 (a scan of two columns)."""
    conn = session.connection()
    deleted = set(conn.execute(select(_M.c.id).where(_M.c.deleted_at.is_not(None))).scalars())
    in_order = select(_M.c.id, _M.c.name).order_by(_M.c.name_sort, _M.c.name, _M.c.id)
    names = {m: n for m, n in conn.execute(in_order).all() if m in present and m not in deleted}
    retired = _M.c.person_category.like("%退休%")
    flagged = select(_M.c.id, retired, _M.c.is_mobile).where(or_(retired, _M.c.is_mobile))
    kinds = {m: _KINDS[bool(r), bool(f)] for m, r, f in conn.execute(flagged).all() if m in names}
    return Roster(list(names), names, kinds)
