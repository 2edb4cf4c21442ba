"""The life of a rectification (整改): opened by a failed item of an inspection, owned,
due, closed (销号) with evidence, reopened when the re-check finds it not fixed, overdue
after its due day, and shown again at the next inspection of its venue while it is open.
Pure functions; the service hands in the members in the branch on the day.

Sources: issue 10 item 4 and DESIGN.md §2 阵地 (every 不合格 item opens one, with owner,
due date, closure date and closing evidence; overdue ones feed 工作台; the next inspection
shows what is still open from the last); domain brief §9 (整改措施 + deadline, re-check).
That a closure needs a note or a photo is practice ("closing evidence"), not a rule text.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import replace
from datetime import date, timedelta

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.venue_rules import (
    IN_FUTURE,
    NOT_IN_BRANCH,
    PHOTOS_MAX,
    REQUIRED,
    TEXT_MAX,
    TOO_LONG,
    TOO_MANY,
    check_text,
    outcomes,
)
from dangjian_desktop.domain.venues import (
    DEFAULT_DUE_DAYS,
    Inspection,
    Outcome,
    Rectification,
    RectificationStatus,
    Reopening,
)

REASON_MAX = 200  # why it was reopened

DUE_BEFORE_OPENED = "due_before_opened"
CLOSED_BEFORE_OPENED = "closed_before_opened"
CLOSING_NEEDS_EVIDENCE = "closing_needs_evidence"
ALREADY_CLOSED = "already_closed"
NOT_CLOSED = "not_closed"
REOPENED_BEFORE_CLOSED = "reopened_before_closed"

# The FieldError codes raised here (messages.py VENUE_ERRORS words the new ones).
ERROR_CODES: dict[str, str] = {
    REQUIRED: "required field is empty",
    TOO_LONG: "text longer than the limit (param max)",
    TOO_MANY: "more evidence photos than the limit (param max)",
    IN_FUTURE: "date lies after today",
    NOT_IN_BRANCH: "an owner not in the branch on the day it was opened (param date)",
    DUE_BEFORE_OPENED: "a due date before the rectification was opened (param date)",
    CLOSED_BEFORE_OPENED: "closed before it was opened (param date)",
    CLOSING_NEEDS_EVIDENCE: "closed without a note or an evidence photo",
    ALREADY_CLOSED: "closing a rectification closed already (param date)",
    NOT_CLOSED: "reopening a rectification that is open",
    REOPENED_BEFORE_CLOSED: "reopened before the day it was closed (param date)",
}


def rectifications_for(
    inspection: Inspection,
    *,
    owner_id: int | None = None,
    due_on: date | None = None,
    due_days: int = DEFAULT_DUE_DAYS,
    still_open: Iterable[Rectification] = (),
) -> tuple[Rectification, ...]:
    """One rectification for every 不合格 item, in checklist order: opened on the inspection
    date, due `due_on` or `due_days` after it, owned by `owner_id` (the caller's default,
    such as the 书记; each can be changed with dataclasses.replace before saving).

    An item that already has an open rectification for this venue in `still_open` (from
    open_from_last) opens no second one: the open one carries on, and stays overdue."""
    carried = {r.item_key for r in still_open if not r.closed and r.venue_id == inspection.venue_id}
    due = due_on or inspection.inspected_on + timedelta(days=due_days)
    results = outcomes(inspection)
    found = []
    for group, item in inspection.template.items():
        result = results.get(item.key)
        if result is None or result.outcome is not Outcome.FAIL or item.key in carried:
            continue
        found.append(
            Rectification(
                venue_id=inspection.venue_id,
                item_key=item.key,
                item_text=item.text,
                opened_on=inspection.inspected_on,
                due_on=due,
                group_name=group.name,
                inspection_id=inspection.id,
                finding=result.note,
                owner_id=owner_id,
            )
        )
    return tuple(found)


def validate_rectification(
    rect: Rectification, today: date, members: Container[int] | None = None
) -> list[FieldError]:
    """Everything wrong with a rectification as it would be saved. A closed one needs a
    closing day on or after the day it was opened and not after today, and a note of what
    was done or at least one evidence photo."""
    errors: list[FieldError] = []
    opened = (("date", rect.opened_on),)
    if rect.opened_on > today:
        errors.append(FieldError("opened_on", IN_FUTURE))
    if rect.due_on < rect.opened_on:
        errors.append(FieldError("due_on", DUE_BEFORE_OPENED, opened))
    if rect.owner_id is not None and members is not None and rect.owner_id not in members:
        errors.append(FieldError("owner_id", NOT_IN_BRANCH, opened))
    check_text(errors, "action", rect.action, TEXT_MAX)
    check_text(errors, "closing_note", rect.closing_note, TEXT_MAX)
    if len(rect.evidence_ids) > PHOTOS_MAX:
        errors.append(FieldError("evidence_ids", TOO_MANY, (("max", PHOTOS_MAX),)))
    if rect.closed_on is not None:
        if rect.closed_on < rect.opened_on:
            errors.append(FieldError("closed_on", CLOSED_BEFORE_OPENED, opened))
        elif rect.closed_on > today:
            errors.append(FieldError("closed_on", IN_FUTURE))
        if not rect.closing_note.strip() and not rect.evidence_ids:
            errors.append(FieldError("closing_note", CLOSING_NEEDS_EVIDENCE))
    return errors


_CLOSING_FIELDS = frozenset({"closed_on", "closing_note", "evidence_ids"})


def close_rectification(
    rect: Rectification,
    closed_on: date,
    today: date,
    *,
    note: str = "",
    evidence_ids: Iterable[int] = (),
) -> Rectification:
    """销号: the rectification closed on `closed_on` with a note and/or evidence photos.
    Raises ValidationError (nothing changed) when it is closed already, when `closed_on`
    lies before it was opened or after today, or when there is neither note nor evidence."""
    if rect.closed_on is not None:
        raise ValidationError(
            [FieldError("closed_on", ALREADY_CLOSED, (("date", rect.closed_on),))]
        )
    closed = replace(rect, closed_on=closed_on, closing_note=note, evidence_ids=tuple(evidence_ids))
    errors = [e for e in validate_rectification(closed, today) if e.field in _CLOSING_FIELDS]
    if errors:
        raise ValidationError(errors)
    return closed


def reopen_rectification(
    rect: Rectification,
    reopened_on: date,
    today: date,
    reason: str,
    *,
    due_on: date | None = None,
) -> Rectification:
    """The re-check found a closed item not fixed: open again, its closure kept in
    `reopenings` (with its evidence), due on `due_on` if given, else on the old due date
    (then it may be overdue at once, which is the truth). Raises ValidationError when it is
    not closed, when `reopened_on` lies before its closing day or after today, without a
    reason, or with a due date before `reopened_on`."""
    if rect.closed_on is None:
        raise ValidationError([FieldError("closed_on", NOT_CLOSED)])
    errors: list[FieldError] = []
    if reopened_on < rect.closed_on:
        errors.append(
            FieldError("reopened_on", REOPENED_BEFORE_CLOSED, (("date", rect.closed_on),))
        )
    elif reopened_on > today:
        errors.append(FieldError("reopened_on", IN_FUTURE))
    check_text(errors, "reason", reason, REASON_MAX, required=True)
    if due_on is not None and due_on < reopened_on:
        errors.append(FieldError("due_on", DUE_BEFORE_OPENED, (("date", reopened_on),)))
    if errors:
        raise ValidationError(errors)
    past = Reopening(rect.closed_on, rect.closing_note, rect.evidence_ids, reopened_on, reason)
    return replace(
        rect,
        closed_on=None,
        closing_note="",
        evidence_ids=(),
        due_on=due_on or rect.due_on,
        reopenings=(*rect.reopenings, past),
    )


def overdue(rect: Rectification, today: date) -> bool:
    """Open after its due day: due today is not overdue yet, due yesterday is."""
    return rect.closed_on is None and today > rect.due_on


def days_overdue(rect: Rectification, today: date) -> int:
    """How many days past due (0 when not overdue), for 工作台."""
    return (today - rect.due_on).days if overdue(rect, today) else 0


def rectification_status(rect: Rectification, today: date) -> RectificationStatus:
    if rect.closed_on is not None:
        return RectificationStatus.CLOSED
    return RectificationStatus.OVERDUE if overdue(rect, today) else RectificationStatus.OPEN


def open_on(rect: Rectification, day: date) -> bool:
    """Whether it was open on `day`: opened by then, and not within one of its closures
    (the current one, or one undone later by a reopening)."""
    if rect.opened_on > day:
        return False
    if any(r.closed_on <= day < r.reopened_on for r in rect.reopenings):
        return False
    return rect.closed_on is None or rect.closed_on > day


def open_from_last(
    inspections: Iterable[Inspection],
    rectifications: Iterable[Rectification],
    venue_id: int,
    *,
    as_of: date | None = None,
    exclude_inspection_id: int | None = None,
) -> tuple[Rectification, ...]:
    """What the next inspection of `venue_id` shows as still open: the rectifications
    opened by its earlier inspections and not closed — from the last one and from any
    before it (an item open since two inspections back must not drop out of sight).

    Without `as_of`, "open" is now. With it (the next inspection's date, or the date of
    an inspection whose report is printed later), only inspections dated on or before it
    count and "open" is as it stood that day (open_on). `exclude_inspection_id` leaves out
    that inspection's own rectifications (the report of inspection X lists X's separately).
    In order of the inspection date, then of the items in that inspection's checklist."""
    earlier = {
        i.id: i
        for i in inspections
        if i.venue_id == venue_id
        and i.id is not None
        and i.id != exclude_inspection_id
        and (as_of is None or i.inspected_on <= as_of)
    }

    def still_open(rect: Rectification) -> bool:
        return rect.closed_on is None if as_of is None else open_on(rect, as_of)

    found = [
        r
        for r in rectifications
        if r.venue_id == venue_id and r.inspection_id in earlier and still_open(r)
    ]

    def order(rect: Rectification) -> tuple[date, int, int]:
        inspection = earlier[rect.inspection_id]
        keys = [item.key for _, item in inspection.template.items()]
        position = keys.index(rect.item_key) if rect.item_key in keys else len(keys)
        return inspection.inspected_on, inspection.id or 0, position

    return tuple(sorted(found, key=order))
