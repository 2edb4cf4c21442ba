"""积分 totals of every member from grouped rows, in integer tenths (point_totals.totals is
the Decimal face of the same). Pure functions.

DESIGN.md §5 asks a year's totals and ranking within 3× one plain GROUP BY over the same
entries, on 10,000 members: the work per member here is a few integer additions, not Decimal
arithmetic, and the Decimals of a MemberTotal come from a table of the few values that occur.

Rows (each in integer tenths of a point; a 三评 score in tenths of a score point):
- sums: (member_id, plus, minus) — the member's positive and negative entry points in the
  period, every rule included (minus ≤ 0);
- capped: (member_id, rule_code, points) — one member's points under one capped rule; rows
  of other rules, and rows within their cap, change nothing;
- scores: (member_id, total_1, count_1, …, total_k, count_k) — the member's 三评 scores of
  each kind of `EvaluationWeights.kinds` (those the scheme weighs), summed, and how many;
  a count of 0 is a 评 not held.

The 三评 part is computed exactly: the weighted average of the held kinds' averages, ×
evaluation_points / 100, rounded half-up (away from zero) to a tenth, on integers; the
statement (point_totals.evaluation_part) uses the same `EvaluationWeights.tenths`, so a
statement and the totals never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from math import prod
from typing import NamedTuple

from dangjian_desktop.domain.points import FULL_SCORE, EvaluationKind, PeriodKey, Scheme, Sign

TEN = Decimal(10)


def tenths(value: Decimal) -> int:
    """A number of points as integer tenths (ValueError for a finer one: points keep at most
    one decimal place, points.POINT_PLACES)."""
    scaled = value * TEN
    whole = int(scaled)
    if whole != scaled:
        raise ValueError(f"{value} is not a whole number of tenths")
    return whole


def _ratio(value: Decimal) -> tuple[int, int]:
    """value == numerator / denominator, the denominator a power of ten."""
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return int(value.scaleb(places)), 10**places


class EvaluationWeights:
    """The scheme's 三评 weights on integers: the kinds weighed (weight > 0), in scheme order."""

    def __init__(self, scheme: Scheme) -> None:
        pairs = [(k, w) for k, w in scheme.evaluation_weights if w > 0]
        self.kinds: tuple[EvaluationKind, ...] = tuple(k for k, _ in pairs)
        scale = max((_ratio(w)[1] for _, w in pairs), default=1)
        self.weights: tuple[int, ...] = tuple(int(w * scale) for _, w in pairs)
        points, per = _ratio(scheme.evaluation_points)
        self._points = points
        # tenths of the part = Σ w·T/C / Σw · points/per / (10 · FULL_SCORE) · 10
        self._per = per * int(FULL_SCORE)

    def tenths(self, held: Sequence[int]) -> int | None:
        """The part in tenths from (total_1, count_1, …) in `kinds` order; None: none held."""
        weights = self.weights
        if len(weights) == 1:  # one kind weighed: its average alone
            total, count = held[0], held[1]
            return _half_up(total * self._points, count * self._per) if count else None
        num = den = 0
        counts = [c for c in held[1::2] if c]
        common = prod(counts) if counts and max(counts) > 1 else 1
        for i, weight in enumerate(weights):
            count = held[2 * i + 1]
            if count:
                num += weight * held[2 * i] * (common // count if common > 1 else 1)
                den += weight
        if not den:
            return None
        return _half_up(num * self._points, den * common * self._per)


def _half_up(num: int, den: int) -> int:
    """num / den (den > 0) rounded half away from zero, as Decimal's ROUND_HALF_UP."""
    if num >= 0:
        return (2 * num + den) // (2 * den)
    return -((-2 * num + den) // (2 * den))


class _Decimals(dict):
    """Tenths → points as Decimal, each value made once (a call's totals take a few hundred
    distinct values): a plain dict lookup per value, the Decimal made on a miss only."""

    def __missing__(self, value: int) -> Decimal:
        found = self[value] = Decimal(value) / TEN
        return found


class MemberTotal(NamedTuple):
    """One line of the period's totals (a tuple: 10,000 of them are made per call)."""

    member_id: int
    period: PeriodKey
    base: Decimal
    bonus: Decimal
    deductions: Decimal  # ≤ 0
    capped: Decimal  # what the caps cut
    evaluation: Decimal  # the 三评 part
    raw: Decimal  # before floor and ceiling
    total: Decimal
    stars: int  # 0: below every band


def check_period(scheme: Scheme, period: PeriodKey) -> None:
    if period not in scheme.periods():
        raise ValueError(f"{period} is not a period of the {scheme.year} scheme")


def tenths_totals(
    scheme: Scheme,
    period: PeriodKey,
    members: Iterable[int],
    sums: Iterable[Sequence[int]],
    capped: Iterable[Sequence] = (),
    scores: Iterable[Sequence[int]] = (),
) -> list[MemberTotal]:
    """The totals of `members` (in the order given; a member without entries has the base)
    from the rows of the module docstring. Rows of members not asked for are skipped."""
    check_period(scheme, period)
    members = list(members)
    wanted = set(members)
    sign = {m: (plus, minus) for m, plus, minus in sums if m in wanted}
    caps = {
        r.code: (tenths(r.cap), r.sign is Sign.MINUS) for r in scheme.rules if r.cap is not None
    }
    cut: dict[int, tuple[int, int]] = {}  # member → (bonus cut, deduction given back)
    for member_id, code, points in capped:
        cap = caps.get(code)
        if cap is None or member_id not in wanted:
            continue
        limit, minus = cap
        less, back = cut.get(member_id, (0, 0))
        if minus and points < -limit:
            cut[member_id] = (less, back + (-limit - points))
        elif not minus and points > limit:
            cut[member_id] = (less + points - limit, back)
    weigh = EvaluationWeights(scheme)
    parts: dict[tuple, int | None] = {}  # the same scores give the same part: once each
    part = {}
    for row in scores:
        if row[0] in wanted:
            held = tuple(row[1:])
            found = parts.get(held, parts)
            if found is parts:
                found = parts[held] = weigh.tenths(held)
            part[row[0]] = found
    base = tenths(scheme.base)
    floor = None if scheme.floor is None else tenths(scheme.floor)
    ceiling = None if scheme.ceiling is None else tenths(scheme.ceiling)
    bands = sorted(
        (
            (tenths(b.low), None if b.high is None else tenths(b.high), b.stars)
            for b in scheme.star_bands
        ),
        key=lambda b: -b[0],
    )
    dec = _Decimals()

    base_dec, zero = dec[base], dec[0]
    result = []
    for member_id in members:
        plus, minus = sign.get(member_id, (0, 0))
        capped_cut = 0
        cuts = cut.get(member_id)
        if cuts is not None:
            plus -= cuts[0]
            minus += cuts[1]
            capped_cut = cuts[0] + cuts[1]
        evaluation = part.get(member_id) or 0
        raw = base + plus + minus + evaluation
        total = raw
        if floor is not None and total < floor:
            total = floor
        if ceiling is not None and total > ceiling:
            total = ceiling
        stars = 0
        for low, high, band_stars in bands:  # highest bottom first: the first one reached
            if low <= total:
                stars = band_stars if high is None or total < high else 0
                break
        result.append(
            MemberTotal(
                member_id,
                period,
                base_dec,
                dec[plus],
                dec[minus],
                dec[capped_cut] if capped_cut else zero,
                dec[evaluation] if evaluation else zero,
                dec[raw],
                dec[total],
                stars,
            )
        )
    return result
