"""积分 (三亮三比三评): the scoring scheme, its entries and evaluations, as value types. No Qt,
no SQL. The shipped default scheme is data in point_defaults.py; the rules over these values
(validation, derived entries, totals, 民主评议 checks) are in point_rules.py.

There is no national scheme (domain brief §5): every unit writes its own, so a scheme is data,
one per year, editable (STYLE.md §6).

Contracts the storage and services build on:
- Points are `Decimal` with at most one decimal place (POINT_PLACES): storage may keep them
  exactly as integer tenths. `to_points` turns what a form or a row gives into one.
- An entry keeps the points it was given forever (`Entry.points`, signed). Totals add entry
  points; a rule's points are only the default offered for a new entry. So editing a rule, or
  next year's scheme, never rewrites history.
- Entries name their rule by `Rule.code` within the scheme of the entry's year (codes are
  unique in a scheme and kept once used; storage may add a rule id beside it).
- A derived entry (from meeting attendance) is identified by `DerivedKey` = meeting id +
  member id + rule code: regenerating a meeting's entries matches on it, so a re-save never
  duplicates them (point_derivation.reconcile_derived).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from dangjian_desktop.domain.meetings import MeetingType, Presence

POINT_PLACES = 1  # 0.5 is the finest step a unit document might use
FULL_SCORE = Decimal(100)  # 三评 scores are out of 100


def to_points(value: Decimal | int | str | float) -> Decimal:
    """A number of points as Decimal. A float goes through its shortest text (0.1 → 0.1,
    not 0.1000000000000000055…), so a spin box's value is taken as shown."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _opt_points(value: Decimal | int | str | float | None) -> Decimal | None:
    return None if value is None else to_points(value)


class ScoringPeriod(StrEnum):
    """How often totals are made, caps reset and the base is given (brief §5.1: the 市直机关
    2024 scheme is yearly, the 公司党委 细则 2022 quarterly)."""

    QUARTER = "quarter"
    YEAR = "year"


class PeriodKey(NamedTuple):
    """One period of a scheme: a year, or a quarter of it. A tuple, so that comparing and
    hashing it stays cheap over a year of 三评 scores, and a (year, quarter) row fits."""

    year: int
    quarter: int | None = None  # 1–4 in a quarterly scheme; None: the whole year

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        """The last day, inclusive."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, 3 * self.quarter + 1, 1).toordinal() - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class Sign(StrEnum):
    PLUS = "plus"  # 加分
    MINUS = "minus"  # 扣分


class MemberKind(StrEnum):
    """Kinds of member a scheme may leave out of the totals (brief §5.1: retired and
    long-absent 流动党员 excluded in the 市直机关 2024 scheme; 特殊类 by branch decision in the
    company 办法 — that one is a per-member CountingOverride)."""

    RETIRED = "retired"  # 离退休党员 (人员类别 离退休人员)
    MOBILE = "mobile"  # 流动党员 (the roster's is_mobile: away from the branch long-term)


class EvaluationKind(StrEnum):
    """三评 of 三亮三比三评 (brief §5.2)."""

    LEADER = "leader"  # 领导点评
    PEER = "peer"  # 党员互评
    PUBLIC = "public"  # 群众评议


class Grade(StrEnum):
    """民主评议党员 grades (brief §1.4: the four-grade scheme is current)."""

    EXCELLENT = "excellent"  # 优秀
    QUALIFIED = "qualified"  # 合格
    BASIC = "basic"  # 基本合格
    UNQUALIFIED = "unqualified"  # 不合格


@dataclass(frozen=True)
class Category:
    code: str
    name: str  # 政治学习, 组织生活 …
    note: str = ""


@dataclass(frozen=True)
class DerivedFrom:
    """Which attendance lines credit a rule. One line of the sign-in list gives at most one
    entry (point_rules.derive_entries); a 请假 gives none, and neither does a line left out
    of the 应到 count. `only_without_reason`: a 缺席 with a reason noted (在航, 病假) is not
    无故缺席."""

    meeting_types: frozenset[MeetingType]
    presence: Presence
    only_without_reason: bool = False


@dataclass(frozen=True)
class Rule:
    """One item of the catalogue: `points` per occurrence (a magnitude; `sign` says which
    way), `cap` the most one member can get (or lose) from it in one period, None for none."""

    code: str
    category: str  # Category.code
    name: str
    points: Decimal
    sign: Sign = Sign.PLUS
    cap: Decimal | None = None
    evidence_required: bool = False
    derived_from: DerivedFrom | None = None
    retired: bool = False  # 停用: no new entries; the old ones still count
    note: str = ""  # the source or the branch's reason, shown in the catalogue
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", to_points(self.points))
        object.__setattr__(self, "cap", _opt_points(self.cap))

    @property
    def signed_points(self) -> Decimal:
        """The points a new entry is offered: negative for a deduction."""
        return -self.points if self.sign is Sign.MINUS else self.points


@dataclass(frozen=True)
class StarBand:
    """Totals from `low` (inclusive) up to `high` (exclusive; None: no upper bound) earn
    `stars`. The brief's "90–94" is low 90, high 95, so 94.5 is not left in a gap."""

    stars: int
    low: Decimal
    high: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", to_points(self.low))
        object.__setattr__(self, "high", _opt_points(self.high))

    def contains(self, total: Decimal) -> bool:
        return self.low <= total and (self.high is None or total < self.high)


@dataclass(frozen=True)
class Scheme:
    """The yearly scheme (brief §5.1 "model as a yearly scheme template"). A period's total is
    base + counted entry points (after each rule's cap) + the 三评 part, then held between
    floor and ceiling (point_rules.period_total)."""

    year: int
    categories: tuple[Category, ...]
    rules: tuple[Rule, ...]
    base: Decimal = Decimal(60)
    floor: Decimal | None = Decimal(0)
    ceiling: Decimal | None = None
    period: ScoringPeriod = ScoringPeriod.YEAR
    exempt_kinds: frozenset[MemberKind] = frozenset({MemberKind.RETIRED, MemberKind.MOBILE})
    evaluation_weights: tuple[tuple[EvaluationKind, Decimal], ...] = ()
    evaluation_points: Decimal = Decimal(0)  # what a perfect 三评 (100 from all) adds
    star_bands: tuple[StarBand, ...] = ()
    name: str = ""
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        for name in ("base", "evaluation_points"):
            object.__setattr__(self, name, to_points(getattr(self, name)))
        for name in ("floor", "ceiling"):
            object.__setattr__(self, name, _opt_points(getattr(self, name)))
        weights = tuple((EvaluationKind(k), to_points(w)) for k, w in self.evaluation_weights)
        object.__setattr__(self, "evaluation_weights", weights)

    @cached_property
    def rules_by_code(self) -> dict[str, Rule]:
        """The rules by code (the first, should validation have let a duplicate through)."""
        found: dict[str, Rule] = {}
        for rule in self.rules:
            found.setdefault(rule.code, rule)
        return found

    def rule(self, code: str) -> Rule | None:
        return self.rules_by_code.get(code)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def weight(self, kind: EvaluationKind) -> Decimal:
        return dict(self.evaluation_weights).get(kind, Decimal(0))

    def periods(self) -> tuple[PeriodKey, ...]:
        if self.period is ScoringPeriod.QUARTER:
            return tuple(PeriodKey(self.year, q) for q in range(1, 5))
        return (PeriodKey(self.year),)

    def period_of(self, day: date) -> PeriodKey | None:
        """The period of this scheme that holds `day`; None outside its year."""
        if day.year != self.year:
            return None
        if self.period is ScoringPeriod.QUARTER:
            return PeriodKey(self.year, (day.month - 1) // 3 + 1)
        return PeriodKey(self.year)


class DerivedKey(NamedTuple):
    """What makes a derived entry the same entry after a re-save of its meeting."""

    meeting_id: int
    member_id: int
    rule_code: str


@dataclass(frozen=True)
class Entry:
    """One occurrence of a rule for one member. `points` are signed and kept as given (a
    deduction is negative); when they differ from the rule's, `override_reason` says why.
    `derived`: generated from the attendance of meeting `meeting_id`, never typed."""

    member_id: int
    date: date
    rule_code: str
    points: Decimal
    override_reason: str = ""
    note: str = ""
    recorded_by: str = ""  # who entered it (the form's 记录人, or the computer's user)
    derived: bool = False
    meeting_id: int | None = None  # the meeting a derived entry came from
    evidence_id: int | None = None  # an attachment (证明材料)
    id: int | None = None

    def __post_init__(self) -> None:
        if type(self.points) is not Decimal:  # the check keeps a year's derivation cheap
            object.__setattr__(self, "points", to_points(self.points))

    @property
    def key(self) -> DerivedKey | None:
        """A derived entry's identity; None for a typed one."""
        if not self.derived or self.meeting_id is None:
            return None
        return DerivedKey(self.meeting_id, self.member_id, self.rule_code)


@dataclass(frozen=True)
class Evaluation:
    """One 三评 score (0–100) for a member in a period. Several of one kind (a 互评 by
    several members) are averaged."""

    member_id: int
    period: PeriodKey
    kind: EvaluationKind
    score: Decimal
    note: str = ""
    recorded_by: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", to_points(self.score))


@dataclass(frozen=True)
class AppraisalGrade:
    """The yearly 民主评议 grade of one member (brief §1.4)."""

    member_id: int
    year: int
    grade: Grade
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CountingOverride:
    """The branch's decision for one member and year: count an exempt member (`counted`
    True) or leave out one the scheme would count (特殊类: ≥ 70 or long-term ill, brief §5.1
    company 办法; exemption by branch decision in the 先锋指数 and 2022 细则 schemes)."""

    member_id: int
    year: int
    counted: bool
    reason: str = ""
    id: int | None = None


# --- the entries list (services/point_service.py ids / rows / count) --------------------------
# Sort columns of the list (domain.query.Sort.column): "date" (default, newest first),
# "member" (roster order), "rule", "points".
ENTRY_SORT_COLUMNS = ("date", "member", "rule", "points")


@dataclass(frozen=True)
class EntryFilter:
    """Which entries the list shows. `period` within its year (a quarter or the year);
    `derived` True: only those from attendance, False: only typed ones, None: both."""

    period: PeriodKey | None = None
    member_ids: tuple[int, ...] | None = None  # None: everyone
    member_text: str = ""  # members by name or pinyin (the roster search's name part)
    category: str | None = None  # Category.code, as recorded on the entry
    rule_code: str | None = None
    derived: bool | None = None
    meeting_id: int | None = None


@dataclass(frozen=True)
class EntryRow:
    """One line of the entries list: the entry with the names it is shown with. A derived
    entry's `meeting_id` is the meeting to open (click through); `meeting_topic` names it."""

    id: int
    member_id: int
    member_name: str
    date: date
    rule_code: str
    rule_name: str  # from the scheme of the entry's year; "" when the rule has left it
    category: str
    category_name: str
    points: Decimal
    override_reason: str
    note: str
    recorded_by: str
    derived: bool
    meeting_id: int | None
    meeting_topic: str
    evidence_id: int | None
