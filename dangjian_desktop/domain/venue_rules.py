"""The rules of the 阵地 checklist: a template that may be used, an inspection that may be
saved, and its score. Pure functions; the service hands in the venue and the members in the
branch on the day. The rectifications an inspection opens: rectification_rules.

Sources:
- Domain brief §9: there is no national "六有" list, so the checklist is data; each item has
  a result, evidence (photos), inspector and date.
- DESIGN.md §2 阵地 and issue 10: results 合格/不合格/不适用; the score comes from the
  weights with 不适用 left out; a template change never alters past inspections; a venue
  with inspections is retired, not deleted, and keeps its history.
- The score formula is ours (no source prescribes one): 100 × Σ weight(合格) /
  Σ weight(合格 or 不合格), defined in `score`.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from dangjian_desktop.domain.branch import Venue
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.venues import (
    KEY_PATTERN,
    Group,
    Inspection,
    Item,
    ItemResult,
    Outcome,
    Template,
)

NAME_MAX = 100  # a template's or group's name, an item's text, an inspector's name
NOTE_MAX = 1000  # an item's note, a result's note, a source
TEXT_MAX = 5000  # the inspection's note, 整改措施, 整改情况
WEIGHT_MAX = 100
VERSION_MAX = 1_000_000
INSPECTORS_MAX = 20
PHOTOS_MAX = 30  # per item result

REQUIRED = "required"
TOO_LONG = "too_long"
TOO_MANY = "too_many"
IN_FUTURE = "in_future"
OUT_OF_RANGE = "out_of_range"
DUPLICATE = "duplicate"
NOT_IN_BRANCH = "not_in_branch"
EMPTY_GROUP = "empty_group"
DUPLICATE_ITEM = "duplicate_item"
BAD_KEY = "bad_key"
DUPLICATE_KEY = "duplicate_key"
NOT_IN_TEMPLATE = "not_in_template"
DUPLICATE_RESULT = "duplicate_result"
MISSING_RESULT = "missing_result"
VENUE_RETIRED = "venue_retired_on"

# The FieldError codes raised here (messages.py VENUE_ERRORS words the new ones).
ERROR_CODES: dict[str, str] = {
    REQUIRED: "required field is empty",
    TOO_LONG: "text longer than the limit (param max)",
    TOO_MANY: "more entries than the limit (param max)",
    IN_FUTURE: "date lies after today",
    OUT_OF_RANGE: "a weight or version outside its range (params min, max)",
    DUPLICATE: "two groups of a template have the same name",
    NOT_IN_BRANCH: "an inspector not in the branch on the inspection date (param date)",
    EMPTY_GROUP: "a group without items",
    DUPLICATE_ITEM: "two items of a group have the same text",
    BAD_KEY: "an item or group key that is not a short lower-case name",
    DUPLICATE_KEY: "two items or groups of a template have the same key",
    NOT_IN_TEMPLATE: "a result for an item the inspection's template does not have",
    DUPLICATE_RESULT: "two results for one item",
    MISSING_RESULT: "items of the template without a result (param count)",
    VENUE_RETIRED: "the venue was retired before the inspection date (param date)",
}


# --- score --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tally:
    """Weights and counts of a set of items. `earned` = Σ weight of the 合格 items,
    `possible` = Σ weight of the 合格 and 不合格 ones; 不适用 and unanswered items are in
    neither (they are counted, to be shown beside the score)."""

    earned: int = 0
    possible: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    unanswered: int = 0

    @property
    def percent(self) -> float | None:
        """100 × earned / possible; None when no item was applicable (nothing to score: not
        0, not 100). Not rounded: round for display only."""
        return None if self.possible == 0 else 100 * self.earned / self.possible


@dataclass(frozen=True)
class GroupScore:
    key: str
    name: str
    tally: Tally


def outcomes(inspection: Inspection) -> dict[str, ItemResult]:
    """The result of each item key (the first, should validation have let a second by)."""
    found: dict[str, ItemResult] = {}
    for result in inspection.results:
        found.setdefault(result.item_key, result)
    return found


def _tally(items: Iterable[Item], results: dict[str, ItemResult]) -> Tally:
    earned = possible = passed = failed = not_applicable = unanswered = 0
    for item in items:
        result = results.get(item.key)
        if result is None:
            unanswered += 1
        elif result.outcome is Outcome.PASS:
            passed += 1
            earned += item.weight
            possible += item.weight
        elif result.outcome is Outcome.FAIL:
            failed += 1
            possible += item.weight
        else:
            not_applicable += 1
    return Tally(earned, possible, passed, failed, not_applicable, unanswered)


def tally(inspection: Inspection) -> Tally:
    """The whole checklist, with the weights of the inspection's own template snapshot (a
    later edit of the template does not change it). Results for items not in the snapshot
    are ignored (validate_inspection refuses them)."""
    return _tally((i for _, i in inspection.template.items()), outcomes(inspection))


def score(inspection: Inspection) -> float | None:
    """100 × Σ weight(合格) / Σ weight(合格 or 不合格), 不适用 excluded; None when every item
    is 不适用 (or unanswered)."""
    return tally(inspection).percent


def group_scores(inspection: Inspection) -> tuple[GroupScore, ...]:
    """The same per group (有设施 …), in checklist order."""
    results = outcomes(inspection)
    return tuple(
        GroupScore(g.key, g.name, _tally(g.items, results)) for g in inspection.template.groups
    )


def unanswered(inspection: Inspection) -> tuple[tuple[Group, Item], ...]:
    """The items still without a result, for the walk-through form."""
    results = outcomes(inspection)
    return tuple((g, i) for g, i in inspection.template.items() if i.key not in results)


# --- the template ------------------------------------------------------------------------
def check_text(
    errors: list[FieldError], name: str, value: str, limit: int, *, required: bool = False
) -> None:
    """Append `required` or `too_long` for a text field."""
    if required and not value.strip():
        errors.append(FieldError(name, REQUIRED))
    elif len(value) > limit:
        errors.append(FieldError(name, TOO_LONG, (("max", limit),)))


def _check_key(errors: list[FieldError], name: str, key: str, seen: set[str]) -> None:
    if not KEY_PATTERN.fullmatch(key):
        errors.append(FieldError(name, BAD_KEY))
    elif key in seen:
        errors.append(FieldError(name, DUPLICATE_KEY))
    seen.add(key)


def _same_text(text: str) -> str:
    return " ".join(text.split())


def validate_template(template: Template) -> list[FieldError]:
    """Everything that keeps a template from being used: no groups, an empty group, an
    item without text or with the text of another item of its group, a weight that is not
    a whole number from 1 to WEIGHT_MAX (0 would make an item that cannot count), keys
    that are not unique."""
    errors: list[FieldError] = []
    check_text(errors, "name", template.name, NAME_MAX, required=True)
    check_text(errors, "note", template.note, TEXT_MAX)
    if not 1 <= template.version <= VERSION_MAX:
        errors.append(FieldError("version", OUT_OF_RANGE, (("min", 1), ("max", VERSION_MAX))))
    if not template.groups:
        errors.append(FieldError("groups", REQUIRED))
    keys: set[str] = set()
    names: set[str] = set()
    for g, group in enumerate(template.groups):
        path = f"groups.{g}"
        _check_key(errors, f"{path}.key", group.key, keys)
        check_text(errors, f"{path}.name", group.name, NAME_MAX, required=True)
        if group.name.strip() and _same_text(group.name) in names:
            errors.append(FieldError(f"{path}.name", DUPLICATE))
        names.add(_same_text(group.name))
        check_text(errors, f"{path}.source", group.source, NOTE_MAX)
        if not group.items:
            errors.append(FieldError(path, EMPTY_GROUP))
        texts: set[str] = set()
        for i, item in enumerate(group.items):
            ipath = f"{path}.items.{i}"
            _check_key(errors, f"{ipath}.key", item.key, keys)
            check_text(errors, f"{ipath}.text", item.text, NAME_MAX, required=True)
            if item.text.strip() and _same_text(item.text) in texts:
                errors.append(FieldError(f"{ipath}.text", DUPLICATE_ITEM))
            texts.add(_same_text(item.text))
            weight = item.weight
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int)
                or not 1 <= weight <= WEIGHT_MAX
            ):
                errors.append(
                    FieldError(f"{ipath}.weight", OUT_OF_RANGE, (("min", 1), ("max", WEIGHT_MAX)))
                )
            check_text(errors, f"{ipath}.note", item.note, NOTE_MAX)
    return errors


# --- venues ------------------------------------------------------------------------------
def retired_on(venue: Venue) -> date | None:
    """The day the venue went out of use: a stored datetime reads as its day, a UTC one
    (branch_repo stores datetime.now(UTC)) as the local day."""
    at = venue.retired_at
    if isinstance(at, datetime):
        return (at.astimezone() if at.tzinfo is not None else at).date()
    return at


def venue_in_use_on(venue: Venue, day: date) -> bool:
    """In use on `day`: not retired, or retired on or after it (it was removed from 支部信息
    some time that day, so an inspection of that morning is real). Its records dated
    before keep their venue (a retired venue keeps its history)."""
    retired = retired_on(venue)
    return retired is None or day <= retired


# --- the inspection ----------------------------------------------------------------------
def validate_inspection(
    inspection: Inspection,
    today: date,
    venue: Venue | None = None,
    members: Container[int] | None = None,
) -> list[FieldError]:
    """Everything wrong with an inspection, as field errors (nothing is saved while any
    remain). An inspection cannot be dated after today: a ship's clock may be wrong, but a
    check that has not happened yet is not a record. `venue` is the inspected venue (its
    retirement day is checked), `members` the ids in the branch on the inspection date
    (inspectors who are members must be among them)."""
    errors: list[FieldError] = []
    day = inspection.inspected_on
    if day > today:
        errors.append(FieldError("inspected_on", IN_FUTURE))
    if venue is not None and not venue_in_use_on(venue, day):
        errors.append(FieldError("venue_id", VENUE_RETIRED, (("date", retired_on(venue)),)))
    errors += [
        FieldError(f"template.{e.field}", e.code, e.params)
        for e in validate_template(inspection.template)
    ]
    check_text(errors, "note", inspection.note, TEXT_MAX)
    if not inspection.inspectors:
        errors.append(FieldError("inspectors", REQUIRED))
    elif len(inspection.inspectors) > INSPECTORS_MAX:
        errors.append(FieldError("inspectors", TOO_MANY, (("max", INSPECTORS_MAX),)))
    for i, person in enumerate(inspection.inspectors):
        path = f"inspectors.{i}"
        if person.member_id is None and not person.name.strip():
            errors.append(FieldError(path, REQUIRED))
        check_text(errors, f"{path}.name", person.name, NAME_MAX)
        if person.member_id is not None and members is not None and person.member_id not in members:
            errors.append(FieldError(path, NOT_IN_BRANCH, (("date", day),)))
    keys = {item.key for _, item in inspection.template.items()}
    seen: set[str] = set()
    for i, result in enumerate(inspection.results):
        path = f"results.{i}"
        if result.item_key not in keys:
            errors.append(FieldError(f"{path}.item_key", NOT_IN_TEMPLATE))
        elif result.item_key in seen:
            errors.append(FieldError(f"{path}.item_key", DUPLICATE_RESULT))
        seen.add(result.item_key)
        check_text(errors, f"{path}.note", result.note, NOTE_MAX)
        if len(result.photo_ids) > PHOTOS_MAX:
            errors.append(FieldError(f"{path}.photo_ids", TOO_MANY, (("max", PHOTOS_MAX),)))
    missing = len(keys - seen)
    if missing:
        errors.append(FieldError("results", MISSING_RESULT, (("count", missing),)))
    return errors
