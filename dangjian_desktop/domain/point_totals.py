"""积分 totals: one member's statement (every entry behind the total, caps applied visibly),
every member's totals for a period, star levels and ranking. Pure functions.

A period's total (brief §5.1, 市直机关2024: 基础分 + 加分 − 扣分, floor 0, no ceiling):
    base + Σ over rules of the rule's entry points held to its cap in the period
         + the 三评 part (brief §5.2: weights are data)
    then raised to the floor / lowered to the ceiling, each shown as its own amount.
Caps take a rule's entries in date order: the entry that crosses the cap counts in part, later
ones not at all, and the statement says by how much each was cut (issue 9: "applied and
shown, not silently dropped"). Star levels come from the scheme's bands (brief §5.3).

The 三评 part: per kind, the average of the member's scores (0–100) in the period; the kinds
held are weighted by their weights, normalised by the weights of the kinds held (a 评 not held
for the member is left out, not counted as 0; the statement shows it missing); the weighted
score × evaluation_points / 100, rounded half-up to POINT_PLACES, so every total keeps at most
one decimal place.

Contract with the service (DESIGN.md §5: a year's totals and ranking ≤ 3× one plain GROUP BY):
- `totals` never reads entries: it takes grouped rows — MemberSum (each member's points by
  sign, every rule included), RuleSum of the capped rules (only a sum past its cap changes a
  total, so the SQL may keep just those: HAVING ABS(SUM(points)) > the rule's cap) and
  EvaluationSum (member, kind, SUM(score), COUNT(*)) — and is the Decimal face of
  point_aggregates.tenths_totals, which the service feeds the same rows as stored, in
  integer tenths (storage/point_totals_repo.py). `member_sums`, `rule_sums` and
  `evaluation_sums` are the SQL's twins in Python.
- `period_total` takes one member's entries and 三评 scores (of the period; others are
  skipped): only the statement needs them.
- Both apply the same rules (tests hold them equal on random data and, through the service,
  on a crafted branch), so the totals list and a statement never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from dangjian_desktop.domain.point_aggregates import (
    TEN,
    EvaluationWeights,
    MemberTotal,
    check_period,
    tenths,
    tenths_totals,
)
from dangjian_desktop.domain.points import (
    POINT_PLACES,
    Category,
    Entry,
    Evaluation,
    EvaluationKind,
    PeriodKey,
    Rule,
    Scheme,
    Sign,
    StarBand,
)

STEP = Decimal(1).scaleb(-POINT_PLACES)
ZERO = Decimal(0)


class MemberSum(NamedTuple):
    """All of one member's entry points in a period, capped rules included, by sign."""

    member_id: int
    plus: Decimal
    minus: Decimal  # ≤ 0


class RuleSum(NamedTuple):
    """One member's points under one rule in a period. Only a capped rule's row can change a
    total, and only when the sum passes the cap: other rows are read and change nothing."""

    member_id: int
    rule_code: str
    points: Decimal


def capped_codes(scheme: Scheme) -> frozenset[str]:
    return frozenset(r.code for r in scheme.rules if r.cap is not None)


def member_sums(entries: Iterable[Entry], period: PeriodKey | None = None) -> list[MemberSum]:
    """The MemberSum rows for `entries` (within `period` when given): the SQL's Python twin."""
    found: dict[int, list[Decimal]] = {}
    for e in entries:
        if period is None or period.contains(e.date):
            slot = found.setdefault(e.member_id, [ZERO, ZERO])
            slot[e.points < 0] += e.points
    return [MemberSum(m, plus, minus) for m, (plus, minus) in found.items()]


def rule_sums(
    entries: Iterable[Entry], scheme: Scheme, period: PeriodKey | None = None
) -> list[RuleSum]:
    """The RuleSum rows of the capped rules for `entries` (within `period` when given)."""
    capped = capped_codes(scheme)
    found: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for e in entries:
        if e.rule_code in capped and (period is None or period.contains(e.date)):
            found[e.member_id, e.rule_code] += e.points
    return [RuleSum(m, code, points) for (m, code), points in found.items()]


def star_band(bands: Iterable[StarBand], total: Decimal) -> StarBand | None:
    """The band holding `total`; None below every band."""
    return next((b for b in bands if b.contains(total)), None)


# --- the 三评 part -------------------------------------------------------------------------
@dataclass(frozen=True)
class EvaluationLine:
    kind: EvaluationKind
    weight: Decimal  # as the scheme gives it
    share: Decimal  # the weight among the kinds held for this member (0 when not held)
    count: int  # scores of this kind (a 互评 by several members)
    score: Decimal | None  # their average; None: not held


@dataclass(frozen=True)
class EvaluationPart:
    lines: tuple[EvaluationLine, ...]
    score: Decimal | None  # the weighted score 0–100; None: no 评 held
    points: Decimal  # what it adds to the total


class EvaluationSum(NamedTuple):
    """One member's 三评 scores of one kind in a period, summed: a plain SQL row of
    (member_id, kind, SUM(score), COUNT(*)) fits."""

    member_id: int
    kind: EvaluationKind
    total: Decimal
    count: int


def evaluation_sums(evaluations: Iterable[Evaluation], period: PeriodKey) -> list[EvaluationSum]:
    """The EvaluationSum rows of `period`, as the SQL groups them."""
    found: dict[tuple[int, EvaluationKind], list] = {}
    for ev in evaluations:
        if ev.period == period:
            slot = found.get((ev.member_id, ev.kind))
            if slot is None:
                found[ev.member_id, ev.kind] = [ev.score, 1]
            else:
                slot[0] += ev.score
                slot[1] += 1
    return [EvaluationSum(m, k, total, count) for (m, k), (total, count) in found.items()]


def _weighted_score(scheme: Scheme, mine: dict[EvaluationKind, tuple]) -> Decimal | None:
    """The weighted score 0–100 the statement shows (its points: EvaluationWeights.tenths)."""
    num = den = ZERO
    for kind, weight in scheme.evaluation_weights:
        held = mine.get(kind)
        if weight > 0 and held:
            num += weight * held[0] / held[1]
            den += weight
    return num / den if den else None


def _held_tenths(weigh: EvaluationWeights, mine: dict[EvaluationKind, tuple]) -> list[int]:
    """(total, count) per kind weighed, flat, in tenths: EvaluationWeights.tenths's input."""
    held: list[int] = []
    for kind in weigh.kinds:
        total, count = mine.get(kind, (ZERO, 0))
        held += (tenths(total), count)
    return held


def evaluation_part(
    scheme: Scheme, evaluations: Iterable[Evaluation], member_id: int, period: PeriodKey
) -> EvaluationPart:
    mine = {
        row.kind: (row.total, row.count)
        for row in evaluation_sums((e for e in evaluations if e.member_id == member_id), period)
    }
    score = _weighted_score(scheme, mine)
    weigh = EvaluationWeights(scheme)
    part = weigh.tenths(_held_tenths(weigh, mine)) if weigh.kinds else None
    points = ZERO if part is None else Decimal(part) / TEN
    held = sum((w for k, w in scheme.evaluation_weights if w > 0 and k in mine), ZERO)
    lines = []
    for kind, weight in scheme.evaluation_weights:
        total, count = mine.get(kind, (ZERO, 0))
        share = weight / held if count and weight > 0 and held else ZERO
        lines.append(EvaluationLine(kind, weight, share, count, total / count if count else None))
    return EvaluationPart(tuple(lines), score, points)


# --- finishing a member ---------------------------------------------------------------------
class _Finish(NamedTuple):
    raw: Decimal
    total: Decimal
    floor_added: Decimal
    ceiling_cut: Decimal
    band: StarBand | None


def _finish(scheme: Scheme, bonus: Decimal, deductions: Decimal, evaluation: Decimal) -> _Finish:
    raw = scheme.base + bonus + deductions + evaluation
    total = raw
    if scheme.floor is not None and total < scheme.floor:
        total = scheme.floor
    if scheme.ceiling is not None and total > scheme.ceiling:
        total = scheme.ceiling
    added = total - raw if total > raw else ZERO
    cut = raw - total if total < raw else ZERO
    return _Finish(raw, total, added, cut, star_band(scheme.star_bands, total))


# --- one member's statement -----------------------------------------------------------------
@dataclass(frozen=True)
class StatementLine:
    entry: Entry
    counted: Decimal  # what the entry adds after the cap
    capped: Decimal  # how much the cap cut from it (a magnitude, 0 when none)


@dataclass(frozen=True)
class RuleSubtotal:
    code: str
    rule: Rule | None  # None: the rule has left the scheme (its entries still count, uncapped)
    cap: Decimal | None
    lines: tuple[StatementLine, ...]
    given: Decimal  # the entries' points as given
    counted: Decimal
    capped: Decimal


@dataclass(frozen=True)
class CategorySubtotal:
    category: Category | None  # None: rules that are no longer in the scheme
    rules: tuple[RuleSubtotal, ...]
    counted: Decimal
    capped: Decimal


@dataclass(frozen=True)
class Statement:
    """Everything behind one member's total for one period, in the scheme's order."""

    member_id: int
    period: PeriodKey
    counted: bool  # False: exempt this year (shown, not ranked)
    base: Decimal
    categories: tuple[CategorySubtotal, ...]
    bonus: Decimal
    deductions: Decimal  # ≤ 0
    capped: Decimal  # all the caps cut
    evaluation: EvaluationPart
    raw: Decimal  # before floor and ceiling
    floor_added: Decimal
    ceiling_cut: Decimal
    total: Decimal
    band: StarBand | None

    @property
    def stars(self) -> int:
        return self.band.stars if self.band else 0

    @property
    def lines(self) -> tuple[StatementLine, ...]:
        return tuple(line for c in self.categories for r in c.rules for line in r.lines)


def _capped_lines(entries: Sequence[Entry], rule: Rule | None) -> list[StatementLine]:
    cap = rule.cap if rule is not None else None
    minus = rule is not None and rule.sign is Sign.MINUS
    lines, so_far = [], ZERO
    for e in entries:
        after = so_far + e.points
        if cap is not None:
            after = max(after, -cap) if minus else min(after, cap)
        counted = after - so_far
        lines.append(StatementLine(e, counted, abs(e.points - counted)))
        so_far = after
    return lines


def period_total(
    entries: Iterable[Entry],
    scheme: Scheme,
    member_id: int,
    period: PeriodKey,
    evaluations: Iterable[Evaluation] = (),
    *,
    counted: bool = True,
) -> Statement:
    """One member's statement for `period` (a period of `scheme`; ValueError otherwise).
    Entries of other members or other periods are skipped."""
    check_period(scheme, period)
    mine = sorted(
        (e for e in entries if e.member_id == member_id and period.contains(e.date)),
        key=lambda e: (e.date, e.id is None, e.id or 0),
    )
    by_rule: dict[str, list[Entry]] = defaultdict(list)
    for e in mine:
        by_rule[e.rule_code].append(e)
    subtotals: dict[str | None, list[RuleSubtotal]] = defaultdict(list)
    known = [r.code for r in scheme.rules if r.code in by_rule]
    for code in dict.fromkeys([*known, *sorted(by_rule)]):
        rule = scheme.rule(code)
        lines = _capped_lines(by_rule[code], rule)
        sub = RuleSubtotal(
            code,
            rule,
            rule.cap if rule else None,
            tuple(lines),
            sum((line.entry.points for line in lines), ZERO),
            sum((line.counted for line in lines), ZERO),
            sum((line.capped for line in lines), ZERO),
        )
        subtotals[rule.category if rule else None].append(sub)
    order = [c.code for c in scheme.categories]
    categories = []
    for code in dict.fromkeys([*(c for c in order if c in subtotals), *subtotals]):
        category = scheme.category(code) if code is not None else None
        rules = tuple(subtotals[code])
        counted_sum = sum((r.counted for r in rules), ZERO)
        capped_sum = sum((r.capped for r in rules), ZERO)
        categories.append(CategorySubtotal(category, rules, counted_sum, capped_sum))
    all_lines = [line for c in categories for r in c.rules for line in r.lines]
    bonus = sum((x.counted for x in all_lines if x.counted > 0), ZERO)
    deductions = sum((x.counted for x in all_lines if x.counted < 0), ZERO)
    capped = sum((x.capped for x in all_lines), ZERO)
    part = evaluation_part(scheme, evaluations, member_id, period)
    done = _finish(scheme, bonus, deductions, part.points)
    return Statement(
        member_id,
        period,
        counted,
        scheme.base,
        tuple(categories),
        bonus,
        deductions,
        capped,
        part,
        done.raw,
        done.floor_added,
        done.ceiling_cut,
        done.total,
        done.band,
    )


# --- every member's totals ------------------------------------------------------------------
def totals(
    scheme: Scheme,
    period: PeriodKey,
    members: Iterable[int],
    sums: Iterable[MemberSum | tuple],
    capped: Iterable[RuleSum | tuple] = (),
    scores: Iterable[EvaluationSum | tuple] = (),
) -> list[MemberTotal]:
    """The totals of `members` (those counted this period, in the order given; a member
    without entries has the base) from the period's MemberSum rows, RuleSum rows of capped
    rules (only those over the cap matter) and EvaluationSum rows (module docstring), in
    points: the Decimal face of point_aggregates.tenths_totals, which the service calls
    with the SQL's integer rows. Rows of members not asked for are skipped."""
    weigh = EvaluationWeights(scheme)
    place = {kind: i for i, kind in enumerate(weigh.kinds)}
    pivot: dict[int, list[int]] = {}
    for member_id, kind, total, count in scores:
        i = place.get(EvaluationKind(kind))
        if i is not None:
            held = pivot.setdefault(member_id, [0, 0] * len(place))
            held[2 * i] += tenths(total)
            held[2 * i + 1] += count
    return tenths_totals(
        scheme,
        period,
        members,
        [(m, tenths(plus), tenths(minus)) for m, plus, minus in sums],
        [(m, code, tenths(points)) for m, code, points in capped],
        [(m, *held) for m, held in pivot.items()],
    )


class Ranked(NamedTuple):
    rank: int  # 1 = highest; ties share a rank and the next rank skips (1, 2, 2, 4)
    total: MemberTotal


def ranking(member_totals: Iterable[MemberTotal]) -> list[Ranked]:
    """Highest total first; ties share a rank, in member-id order. Pass the counted members
    only. Shown to the secretary; exported only when asked (brief §7.4, the 2023 guidance)."""
    by_id = sorted(member_totals, key=itemgetter(0))
    ordered = sorted(by_id, key=itemgetter(8), reverse=True)  # stable: ties keep id order
    ranked: list[Ranked] = []
    rank, last = 0, None
    for position, t in enumerate(ordered, start=1):
        if t.total != last:
            rank, last = position, t.total
        ranked.append(Ranked(rank, t))
    return ranked
