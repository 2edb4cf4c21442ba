"""积分 rules: what makes a scheme, an entry, a 三评 score or a counting decision valid; the
who is counted; the 民主评议 checks. Pure functions: the service hands in the scheme of the
year and the members as they stood. Entries derived from attendance are in
point_derivation.py; totals, statements and ranking in point_totals.py.

Sources (domain brief; issue 9):
- §5.1 observed schemes: a yearly scheme of categories and items with points per occurrence,
  a per-item cap and a sign; base, floor, optional ceiling; exempt member types (retired and
  long-absent 流动党员 in 市直机关2024; 特殊类 by branch decision in the company 办法);
  attendance credited from meeting records; evidence required for awards (县工信局).
- §5.2 三亮三比三评: no standard weights for the three 评, so they are data; here they must
  sum to 1 (within WEIGHT_TOLERANCE, so that thirds typed as 0.3333 pass).
- §5.3 星级: bands from annual 积分 to stars are a configurable table: no gaps, no overlaps.
- §1.4 民主评议党员: grades 优秀/合格/基本合格/不合格; 优秀 generally ≤ 1/3 of those graded;
  issue 9 item 4: 预备党员 are not graded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.meetings import (
    Presence,
)
from dangjian_desktop.domain.people import Member, MemberCategory
from dangjian_desktop.domain.points import (
    FULL_SCORE,
    POINT_PLACES,
    AppraisalGrade,
    CountingOverride,
    Entry,
    Evaluation,
    Grade,
    MemberKind,
    Rule,
    Scheme,
    Sign,
)

WEIGHT_TOLERANCE = Decimal("0.001")
CODE_MAX = 20
NAME_MAX = 50
TEXT_MAX = 500  # notes and reasons
STARS_MAX = 5
STEP = Decimal(1).scaleb(-POINT_PLACES)


class PointValidationError(ValidationError):
    """A ValidationError of the 积分 area: messages.field_name reads its fields in 积分 words
    ("date" is 日期 there, not 会议日期)."""

    field_scope = "points"


# Who was in the branch: a callable (member id, date) → bool, or the set of member ids in the
# branch on the date (bulk entry for one day), as meeting_rules takes `listed`.
Membership = Callable[[int, date], bool] | Collection[int]


def _in_branch(members: Membership, member_id: int, day: date) -> bool:
    return members(member_id, day) if callable(members) else member_id in members


def _number_errors(path: str, value: Decimal | None) -> list[FieldError]:
    if value is None:
        return []
    if not value.is_finite():
        return [FieldError(path, "bad_number")]
    if value % STEP:
        return [FieldError(path, "too_precise", (("places", POINT_PLACES),))]
    return []


def _text_errors(path: str, text: str, limit: int, required: bool = False) -> list[FieldError]:
    if required and not text.strip():
        return [FieldError(path, "required")]
    if len(text) > limit:
        return [FieldError(path, "too_long", (("max", limit),))]
    return []


def _duplicate(path: str, value: object, index: int, first: dict[object, int]) -> list[FieldError]:
    """A value met before: the error names the row it first appeared in (1-based)."""
    if value in first:
        return [FieldError(path, "duplicate_code", (("row", first[value] + 1),))]
    first[value] = index
    return []


# --- the scheme ---------------------------------------------------------------------------
def validate_scheme(scheme: Scheme) -> list[FieldError]:
    """Everything wrong with a scheme, as field errors ("rules.3.cap"); none: it may be saved."""
    errors: list[FieldError] = []
    if not MIN_YEAR <= scheme.year <= MAX_YEAR:
        errors.append(FieldError("year", "out_of_range", (("min", MIN_YEAR), ("max", MAX_YEAR))))
    bounds = ("base", "floor", "ceiling", "evaluation_points")
    numbers = [e for name in bounds for e in _number_errors(name, getattr(scheme, name))]
    errors += numbers
    if not numbers:
        base, floor, ceiling = scheme.base, scheme.floor, scheme.ceiling
        if floor is not None and ceiling is not None and floor > ceiling:
            params = (("floor", floor), ("ceiling", ceiling))
            errors.append(FieldError("ceiling", "floor_above_ceiling", params))
        elif (floor is not None and base < floor) or (ceiling is not None and base > ceiling):
            errors.append(FieldError("base", "base_outside_bounds", (("base", base),)))
        if not 0 <= scheme.evaluation_points <= FULL_SCORE:
            params = (("min", 0), ("max", FULL_SCORE))
            errors.append(FieldError("evaluation_points", "out_of_range", params))
    errors += _weight_errors(scheme)
    errors += _category_errors(scheme)
    errors += _rule_errors(scheme)
    errors += _band_errors(scheme)
    return errors


def _weight_errors(scheme: Scheme) -> list[FieldError]:
    errors: list[FieldError] = []
    first: dict[object, int] = {}
    for i, (kind, weight) in enumerate(scheme.evaluation_weights):
        path = f"evaluation_weights.{i}"
        errors += _duplicate(path, kind, i, first)
        if not weight.is_finite():
            errors.append(FieldError(path, "bad_number"))
        elif weight < 0:
            errors.append(FieldError(path, "out_of_range", (("min", 0), ("max", 1))))
    if errors:
        return errors
    total = sum((w for _k, w in scheme.evaluation_weights), Decimal(0))
    if (scheme.evaluation_weights or scheme.evaluation_points) and abs(
        total - 1
    ) > WEIGHT_TOLERANCE:
        errors.append(FieldError("evaluation_weights", "weights_not_one", (("total", total),)))
    return errors


def _category_errors(scheme: Scheme) -> list[FieldError]:
    errors: list[FieldError] = []
    codes: dict[object, int] = {}
    names: dict[object, int] = {}
    for i, category in enumerate(scheme.categories):
        path = f"categories.{i}"
        errors += _text_errors(f"{path}.code", category.code, CODE_MAX, required=True)
        errors += _duplicate(f"{path}.code", category.code, i, codes)
        errors += _text_errors(f"{path}.name", category.name, NAME_MAX, required=True)
        if category.name.strip() and category.name in names:
            errors.append(FieldError(f"{path}.name", "duplicate"))
        names.setdefault(category.name, i)
    return errors


def _rule_errors(scheme: Scheme) -> list[FieldError]:
    errors: list[FieldError] = []
    categories = {c.code for c in scheme.categories}
    first: dict[object, int] = {}
    derived: list[tuple[int, Rule]] = []
    for i, rule in enumerate(scheme.rules):
        path = f"rules.{i}"
        code_errors = _text_errors(f"{path}.code", rule.code, CODE_MAX, required=True)
        errors += code_errors or _duplicate(f"{path}.code", rule.code, i, first)
        errors += _text_errors(f"{path}.name", rule.name, NAME_MAX, required=True)
        errors += _text_errors(f"{path}.note", rule.note, TEXT_MAX)
        if rule.category not in categories:
            errors.append(FieldError(f"{path}.category", "unknown_category"))
        numbers = _number_errors(f"{path}.points", rule.points)
        numbers += _number_errors(f"{path}.cap", rule.cap)
        errors += numbers
        if not numbers and rule.points <= 0:
            errors.append(FieldError(f"{path}.points", "points_not_positive"))
        elif not numbers and rule.cap is not None and rule.cap < rule.points:
            params = (("cap", rule.cap), ("points", rule.points))
            errors.append(FieldError(f"{path}.cap", "cap_below_points", params))
        source = rule.derived_from
        if source is None:
            continue
        if source.presence is Presence.LEAVE:
            errors.append(FieldError(f"{path}.derived_from", "leave_not_derived"))
        elif not source.meeting_types:
            errors.append(FieldError(f"{path}.derived_from", "required"))
        elif not rule.retired:
            for j, other in derived:
                assert other.derived_from is not None
                if other.derived_from.presence is source.presence and (
                    other.derived_from.meeting_types & source.meeting_types
                ):
                    params = (("row", j + 1),)
                    errors.append(FieldError(f"{path}.derived_from", "derived_overlap", params))
                    break
            derived.append((i, rule))
    return errors


def _band_errors(scheme: Scheme) -> list[FieldError]:
    errors: list[FieldError] = []
    first: dict[object, int] = {}
    usable = []
    for i, band in enumerate(scheme.star_bands):
        path = f"star_bands.{i}"
        if not 1 <= band.stars <= STARS_MAX:
            params = (("min", 1), ("max", STARS_MAX))
            errors.append(FieldError(f"{path}.stars", "out_of_range", params))
        errors += _duplicate(f"{path}.stars", band.stars, i, first)
        numbers = _number_errors(f"{path}.low", band.low) + _number_errors(
            f"{path}.high", band.high
        )
        errors += numbers
        if numbers:
            continue
        if band.high is not None and band.high <= band.low:
            errors.append(FieldError(f"{path}.high", "band_empty"))
        else:
            usable.append((band.low, i, band))
    usable.sort(key=lambda item: (item[0], item[1]))
    for (_low, i, lower), (_next, _j, upper) in pairwise(usable):
        path = f"star_bands.{i}"
        if lower.high is None or lower.high > upper.low:
            errors.append(FieldError(f"{path}.high", "band_overlap"))
        elif lower.high < upper.low:
            params = (("low", lower.high), ("high", upper.low))
            errors.append(FieldError(f"{path}.high", "band_gap", params))
        if lower.stars > upper.stars:
            errors.append(FieldError(f"{path}.stars", "stars_order"))
    return errors


# --- entries, 三评 scores, counting decisions ---------------------------------------------
def validate_entry(entry: Entry, scheme: Scheme, members: Membership) -> list[FieldError]:
    """Everything wrong with one entry under the scheme of its year. `members`: who was in
    the branch on the entry's date (a callable or, for one date, the set of ids)."""
    errors: list[FieldError] = []
    if not _in_branch(members, entry.member_id, entry.date):
        errors.append(FieldError("member_id", "not_in_branch", (("date", entry.date),)))
    if entry.date.year != scheme.year:
        errors.append(FieldError("date", "outside_scheme_year", (("year", scheme.year),)))
    rule = scheme.rule(entry.rule_code)
    typed = not entry.derived
    if rule is None:
        errors.append(FieldError("rule_code", "unknown_rule"))
    elif typed and rule.derived_from is not None:
        errors.append(FieldError("rule_code", "rule_is_derived"))
    elif typed and rule.retired and entry.id is None:
        errors.append(FieldError("rule_code", "rule_retired"))
    numbers = _number_errors("points", entry.points)
    errors += numbers
    if rule is not None and not numbers:
        if rule.sign is Sign.PLUS and entry.points < 0:
            errors.append(FieldError("points", "must_be_bonus"))
        elif rule.sign is Sign.MINUS and entry.points > 0:
            errors.append(FieldError("points", "must_be_deduction"))
        if typed and entry.points != rule.signed_points and not entry.override_reason.strip():
            params = (("points", rule.signed_points),)
            errors.append(FieldError("override_reason", "override_needs_reason", params))
        if typed and rule.evidence_required and entry.evidence_id is None:
            errors.append(FieldError("evidence_id", "evidence_required"))
    errors += _text_errors("override_reason", entry.override_reason, TEXT_MAX)
    errors += _text_errors("note", entry.note, TEXT_MAX)
    errors += _text_errors("recorded_by", entry.recorded_by, NAME_MAX)
    return errors


def validate_entries(
    entries: Sequence[Entry], scheme: Scheme, members: Membership
) -> list[FieldError]:
    """A bulk entry (a whole 党小组 at once): each entry's errors under "entries.{i}."; the
    service saves all or none."""
    return [
        replace(error, field=f"entries.{i}.{error.field}")
        for i, entry in enumerate(entries)
        for error in validate_entry(entry, scheme, members)
    ]


def validate_evaluation(
    evaluation: Evaluation, scheme: Scheme, members: Membership
) -> list[FieldError]:
    """A 三评 score: 0–100, for a period of the scheme, of a member in the branch at the
    period's end."""
    errors: list[FieldError] = []
    period = evaluation.period
    if not _in_branch(members, evaluation.member_id, period.end):
        errors.append(FieldError("member_id", "not_in_branch", (("date", period.end),)))
    if period.year != scheme.year:
        errors.append(FieldError("period", "outside_scheme_year", (("year", scheme.year),)))
    elif period not in scheme.periods():
        errors.append(FieldError("period", "period_mismatch"))
    numbers = _number_errors("score", evaluation.score)
    errors += numbers
    if not numbers and not 0 <= evaluation.score <= FULL_SCORE:
        errors.append(FieldError("score", "out_of_range", (("min", 0), ("max", FULL_SCORE))))
    errors += _text_errors("note", evaluation.note, TEXT_MAX)
    return errors


def validate_override(override: CountingOverride) -> list[FieldError]:
    """Counting an exempt member, or leaving one out, is the branch's decision: say why."""
    return _text_errors("reason", override.reason, TEXT_MAX, required=True)


def member_kinds(member: Member) -> frozenset[MemberKind]:
    """The kinds a scheme may exempt, from the roster: 人员类别 离退休人员, and 流动党员."""
    kinds = set()
    if "退休" in member.person_category:
        kinds.add(MemberKind.RETIRED)
    if member.is_mobile:
        kinds.add(MemberKind.MOBILE)
    return frozenset(kinds)


def is_counted(
    kinds: frozenset[MemberKind], scheme: Scheme, override: CountingOverride | None = None
) -> bool:
    """Whether a member's total counts (and is ranked): the branch's decision for the year if
    there is one, else not when the scheme exempts one of the member's kinds."""
    if override is not None:
        return override.counted
    return not kinds & scheme.exempt_kinds


# --- 民主评议 (brief §1.4) -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AppraisalMember:
    """What the 民主评议 sheet needs of a member: the name, and 正式/预备 as of the sheet's
    day (a Member has these too, so either may be checked)."""

    id: int
    name: str
    category: MemberCategory


def appraisal_check(
    grades: Iterable[AppraisalGrade], members: Iterable[AppraisalMember | Member]
) -> list[FieldError]:
    """Warnings on a year's grades (they do not block saving): 优秀 over a third of those
    graded, a grade given to a 预备党员 (not graded, and not counted in the third), a grade
    for someone not on the list, and the 正式党员 not graded yet. `members`: those in the
    branch at the 民主评议, as they stood then."""
    by_id = {m.id: m for m in members if m.id is not None}
    warnings: list[FieldError] = []
    graded: set[int] = set()
    excellent = 0
    for grade in grades:
        member = by_id.get(grade.member_id)
        path = f"grades.{grade.member_id}"
        if member is None:
            warnings.append(FieldError(path, "grade_not_member"))
        elif member.category is MemberCategory.PROBATIONARY:
            warnings.append(FieldError(path, "probationary_graded"))
        elif grade.member_id not in graded:
            graded.add(grade.member_id)
            excellent += grade.grade is Grade.EXCELLENT
    if excellent * 3 > len(graded):
        params = (("excellent", excellent), ("graded", len(graded)), ("max", len(graded) // 3))
        warnings.insert(0, FieldError("grades", "excellent_over_third", params))
    formal = (i for i, m in by_id.items() if m.category is MemberCategory.FORMAL)
    missing = tuple(sorted(i for i in formal if i not in graded))
    if missing:
        params = (("count", len(missing)), ("member_ids", missing))
        warnings.append(FieldError("grades", "not_graded", params))
    return warnings


ERROR_CODES: dict[str, str] = {
    "required": "required field is empty",
    "too_long": "text longer than the limit (param max)",
    "out_of_range": "a number outside its range (params min, max)",
    "bad_number": "not a finite number",
    "too_precise": "more decimal places than points keep (param places)",
    "duplicate": "a category name used twice",
    "duplicate_code": "a code, kind or star level used twice (param row)",
    "floor_above_ceiling": "the floor is above the ceiling (params floor, ceiling)",
    "base_outside_bounds": "the base is below the floor or above the ceiling (param base)",
    "weights_not_one": "三评 weights do not sum to 1 (param total)",
    "unknown_category": "a rule's category is not in the scheme",
    "points_not_positive": "points per occurrence must be above 0 (the sign is separate)",
    "cap_below_points": "a cap below one occurrence (params cap, points)",
    "leave_not_derived": "a 请假 neither earns nor loses points",
    "derived_overlap": "two derived rules credit the same attendance (param row)",
    "band_empty": "a star band whose top is not above its bottom",
    "band_overlap": "a star band overlaps the next one up",
    "band_gap": "totals between two star bands get no level (params low, high)",
    "stars_order": "a higher band has fewer stars",
    "not_in_branch": "member not in the branch on that date (param date)",
    "outside_scheme_year": "date or period outside the scheme's year (param year)",
    "period_mismatch": "a period the scheme does not score by (quarter vs year)",
    "unknown_rule": "the rule is not in the scheme of that year",
    "rule_is_derived": "a derived rule is credited from attendance, never typed",
    "rule_retired": "a retired rule takes no new entries",
    "must_be_bonus": "a bonus rule's points cannot be negative",
    "must_be_deduction": "a deduction rule's points cannot be positive",
    "override_needs_reason": "points differ from the rule's without a reason (param points)",
    "evidence_required": "the rule asks for an evidence attachment",
    "excellent_over_third": "优秀 above a third of those graded (params excellent, graded, max)",
    "probationary_graded": "a 预备党员 is not graded",
    "grade_not_member": "a grade for someone not on the list of members",
    "not_graded": "正式党员 without a grade (param count); member_ids says who, for the view",
}
