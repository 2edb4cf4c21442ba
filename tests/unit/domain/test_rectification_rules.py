"""整改: every 不合格 item opens one; its life cycle (closed with evidence, never before it was
opened, reopened when the re-check fails); overdue at the boundary day; what the next
inspection of a venue shows as still open (issue 10 item 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.rectification_rules import (
    ERROR_CODES,
    close_rectification,
    days_overdue,
    open_from_last,
    open_on,
    overdue,
    rectification_status,
    rectifications_for,
    reopen_rectification,
    validate_rectification,
)
from dangjian_desktop.domain.venues import (
    DEFAULT_DUE_DAYS,
    DEFAULT_TEMPLATE,
    Inspection,
    Inspector,
    ItemResult,
    Outcome,
    Rectification,
    RectificationStatus,
    Reopening,
)

P, F, NA = Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE
OPENED = date(2026, 3, 10)
TODAY = date(2026, 6, 30)
DAY = timedelta(days=1)


def inspection(fails: dict[str, str], *, venue_id=1, on=OPENED, id=1, nas=()) -> Inspection:
    """An inspection of the default template: `fails` item key → finding, `nas` 不适用,
    every other item 合格."""
    results = tuple(
        ItemResult(i.key, F if i.key in fails else NA if i.key in nas else P, fails.get(i.key, ""))
        for _, i in DEFAULT_TEMPLATE.items()
    )
    return Inspection(venue_id, on, DEFAULT_TEMPLATE, (Inspector(member_id=7),), results, id=id)


def rect(**changes) -> Rectification:
    base = Rectification(1, "seating", "桌椅", OPENED, OPENED + 30 * DAY, inspection_id=1)
    return replace(base, **changes)


def refused(excinfo) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in excinfo.value.errors]


# --- opened by an inspection -----------------------------------------------------------------
def test_every_failed_item_opens_one_in_checklist_order():
    insp = inspection({"oath": "誓词褪色", "seating": "缺两把椅子"}, nas=("honours",))
    found = rectifications_for(insp)
    assert [(r.item_key, r.item_text, r.group_name, r.finding) for r in found] == [
        ("seating", "桌椅", "有设施", "缺两把椅子"),
        ("oath", "入党誓词上墙", "有标志", "誓词褪色"),
    ]
    assert all(r.opened_on == OPENED and r.inspection_id == 1 and r.venue_id == 1 for r in found)
    assert not any(r.closed for r in found)


def test_passed_and_not_applicable_items_open_none():
    assert rectifications_for(inspection({}, nas=("honours", "candidates"))) == ()


def test_due_date_and_owner_default_or_given():
    insp = inspection({"seating": ""})
    (default,) = rectifications_for(insp)
    assert default.due_on == OPENED + timedelta(days=DEFAULT_DUE_DAYS) == date(2026, 4, 9)
    assert default.owner_id is None
    (given,) = rectifications_for(insp, owner_id=3, due_days=7)
    assert (given.owner_id, given.due_on) == (3, date(2026, 3, 17))
    (fixed,) = rectifications_for(insp, due_on=date(2026, 5, 1))
    assert fixed.due_on == date(2026, 5, 1)


def test_an_item_still_open_from_before_opens_no_second_one():
    earlier = rect(item_key="oath", item_text="入党誓词上墙")
    closed = rect(closed_on=OPENED + DAY, closing_note="已补")  # seating: closed, fails again
    other_venue = rect(venue_id=2, item_key="rack")
    insp = inspection({"oath": "", "seating": "", "rack": ""}, on=TODAY, id=2)
    found = rectifications_for(insp, still_open=(earlier, closed, other_venue))
    assert [r.item_key for r in found] == ["seating", "rack"]


# --- validation -------------------------------------------------------------------------------
def test_a_fresh_rectification_is_valid():
    assert validate_rectification(rect(owner_id=3, action="补齐椅子"), TODAY, members={3}) == []


def test_due_before_opened_owner_outside_and_future_opening_are_refused():
    bad = rect(opened_on=TODAY + DAY, due_on=TODAY, owner_id=9)
    assert validate_rectification(bad, TODAY, members={3}) == [
        FieldError("opened_on", "in_future"),
        FieldError("due_on", "due_before_opened", (("date", TODAY + DAY),)),
        FieldError("owner_id", "not_in_branch", (("date", TODAY + DAY),)),
    ]


def test_due_on_the_opening_day_is_allowed():
    assert validate_rectification(rect(due_on=OPENED), TODAY) == []


# --- closing ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("note", "evidence"), [("补齐两把椅子", ()), ("", (41,)), ("已补齐", (41, 42))]
)
def test_closing_needs_a_note_or_evidence(note, evidence):
    closed = close_rectification(rect(), OPENED + DAY, TODAY, note=note, evidence_ids=evidence)
    assert closed.closed and closed.closed_on == OPENED + DAY
    assert (closed.closing_note, closed.evidence_ids) == (note, evidence)
    assert rectification_status(closed, TODAY) is RectificationStatus.CLOSED


def test_closing_without_note_or_evidence_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        close_rectification(rect(), OPENED + DAY, TODAY, note="  ")
    assert refused(excinfo) == [("closing_note", "closing_needs_evidence")]


def test_closing_before_it_was_opened_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        close_rectification(rect(), OPENED - DAY, TODAY, note="已补")
    assert excinfo.value.errors == (
        FieldError("closed_on", "closed_before_opened", (("date", OPENED),)),
    )


def test_closing_on_the_day_it_was_opened_is_allowed():
    """Fixed on the spot during the inspection: the boundary of the test above."""
    assert close_rectification(rect(), OPENED, TODAY, note="当场整改").closed_on == OPENED


def test_closing_after_today_and_closing_twice_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        close_rectification(rect(), TODAY + DAY, TODAY, note="已补")
    assert refused(excinfo) == [("closed_on", "in_future")]
    closed = close_rectification(rect(), TODAY, TODAY, note="已补")
    with pytest.raises(ValidationError) as excinfo:
        close_rectification(closed, TODAY, TODAY, note="又补")
    assert excinfo.value.errors == (FieldError("closed_on", "already_closed", (("date", TODAY),)),)


def test_a_stored_closure_is_held_to_the_same_rules():
    bad = rect(closed_on=OPENED - DAY)
    assert [(e.field, e.code) for e in validate_rectification(bad, TODAY)] == [
        ("closed_on", "closed_before_opened"),
        ("closing_note", "closing_needs_evidence"),
    ]


# --- reopening -------------------------------------------------------------------------------
def test_reopening_keeps_the_undone_closure_and_can_set_a_new_due_date():
    closed = close_rectification(rect(), date(2026, 4, 1), TODAY, note="已补", evidence_ids=(41,))
    again = reopen_rectification(closed, date(2026, 6, 1), TODAY, "复查仍缺一把", due_on=TODAY)
    assert not again.closed and (again.closing_note, again.evidence_ids) == ("", ())
    assert again.due_on == TODAY
    assert again.reopenings == (
        Reopening(date(2026, 4, 1), "已补", (41,), date(2026, 6, 1), "复查仍缺一把"),
    )
    final = close_rectification(again, TODAY, TODAY, note="已全部补齐")
    assert final.closed_on == TODAY and len(final.reopenings) == 1


def test_reopened_without_a_new_due_date_it_may_be_overdue_at_once():
    closed = close_rectification(rect(), date(2026, 4, 1), TODAY, note="已补")
    again = reopen_rectification(closed, TODAY, TODAY, "复查不合格")
    assert again.due_on == rect().due_on and overdue(again, TODAY)


def test_reopening_rules():
    with pytest.raises(ValidationError) as excinfo:
        reopen_rectification(rect(), TODAY, TODAY, "复查不合格")
    assert refused(excinfo) == [("closed_on", "not_closed")]
    closed = close_rectification(rect(), date(2026, 4, 1), TODAY, note="已补")
    with pytest.raises(ValidationError) as excinfo:
        reopen_rectification(closed, date(2026, 3, 31), TODAY, " ", due_on=date(2026, 3, 1))
    assert refused(excinfo) == [
        ("reopened_on", "reopened_before_closed"),
        ("reason", "required"),
        ("due_on", "due_before_opened"),
    ]
    with pytest.raises(ValidationError) as excinfo:
        reopen_rectification(closed, TODAY + DAY, TODAY, "复查不合格")
    assert refused(excinfo) == [("reopened_on", "in_future")]


# --- overdue at the boundary day -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("due_on", "is_overdue", "status", "days"),
    [
        (TODAY + DAY, False, RectificationStatus.OPEN, 0),
        (TODAY, False, RectificationStatus.OPEN, 0),  # due today: not overdue yet
        (TODAY - DAY, True, RectificationStatus.OVERDUE, 1),  # due yesterday: overdue
        (TODAY - 10 * DAY, True, RectificationStatus.OVERDUE, 10),
    ],
)
def test_overdue_from_the_day_after_the_due_day(due_on, is_overdue, status, days):
    open_one = rect(due_on=due_on)
    assert overdue(open_one, TODAY) is is_overdue
    assert rectification_status(open_one, TODAY) is status
    assert days_overdue(open_one, TODAY) == days


def test_a_closed_one_is_never_overdue():
    late = close_rectification(rect(due_on=OPENED), TODAY, TODAY, note="已补")
    assert not overdue(late, TODAY + 100 * DAY)
    assert days_overdue(late, TODAY) == 0


# --- open on a day, and at the next inspection ---------------------------------------------
def test_open_on_a_day_follows_closures_and_reopenings():
    closed = close_rectification(rect(), date(2026, 4, 1), TODAY, note="已补")
    again = reopen_rectification(closed, date(2026, 5, 1), TODAY, "复查不合格")
    assert not open_on(again, OPENED - DAY)  # not opened yet
    assert open_on(again, date(2026, 3, 31))
    assert not open_on(again, date(2026, 4, 1))  # closed that day
    assert not open_on(again, date(2026, 4, 30))
    assert open_on(again, date(2026, 5, 1))  # reopened
    assert not open_on(closed, date(2026, 5, 1))


FIRST = inspection({"seating": "", "oath": ""}, on=date(2026, 1, 10), id=1)
SECOND = inspection({"rack": "", "dues_book": ""}, on=date(2026, 3, 10), id=2)
THIRD = inspection({}, on=date(2026, 6, 10), id=3)
ELSEWHERE = inspection({"flag_hung": ""}, venue_id=2, on=date(2026, 3, 1), id=4)
RECTS = (
    *[replace(r, id=10 + n) for n, r in enumerate(rectifications_for(FIRST))],  # seating, oath
    *[replace(r, id=20 + n) for n, r in enumerate(rectifications_for(SECOND))],  # rack, dues
    *rectifications_for(ELSEWHERE),
)


def closing(rects, key, on, note="已整改"):
    return tuple(
        close_rectification(r, on, TODAY, note=note) if r.item_key == key else r for r in rects
    )


def test_the_next_inspection_shows_what_is_still_open_from_the_last_and_before():
    rects = closing(RECTS, "oath", date(2026, 2, 1))
    rects = closing(rects, "dues_book", date(2026, 4, 1))
    shown = open_from_last((FIRST, SECOND, THIRD, ELSEWHERE), rects, venue_id=1)
    # seating from the first inspection is still open two inspections later; venue 2's is
    # not this venue's business.
    assert [(r.inspection_id, r.item_key) for r in shown] == [(1, "seating"), (2, "rack")]


def test_as_it_stood_on_the_day_of_an_inspection():
    rects = closing(RECTS, "dues_book", date(2026, 4, 1))
    on_the_day = open_from_last(
        (FIRST, SECOND, THIRD), rects, venue_id=1, as_of=date(2026, 3, 10), exclude_inspection_id=2
    )
    # The report of SECOND: what was open from FIRST that day; SECOND's own are listed apart.
    assert [r.item_key for r in on_the_day] == ["seating", "oath"]
    before_second = open_from_last(
        (FIRST, SECOND, THIRD), rects, venue_id=1, as_of=date(2026, 3, 9)
    )
    assert [r.item_key for r in before_second] == ["seating", "oath"]
    later = open_from_last((FIRST, SECOND, THIRD), rects, venue_id=1, as_of=date(2026, 4, 1))
    assert [r.item_key for r in later] == ["seating", "oath", "rack"]  # dues closed that day


def test_a_retired_venue_keeps_its_open_items():
    """Retiring a venue does not close its rectifications: its history is read as before."""
    shown = open_from_last((ELSEWHERE,), RECTS, venue_id=2)
    assert [(r.venue_id, r.item_key) for r in shown] == [(2, "flag_hung")]


def test_every_code_raised_is_declared():
    codes = set()
    for action in (
        lambda: close_rectification(rect(), OPENED - DAY, TODAY),
        lambda: close_rectification(rect(closed_on=OPENED, closing_note="x"), TODAY, TODAY),
        lambda: reopen_rectification(rect(), TODAY, TODAY, ""),
        lambda: reopen_rectification(
            rect(closed_on=TODAY, closing_note="x"), OPENED, TODAY, "", due_on=OPENED - DAY
        ),
    ):
        with pytest.raises(ValidationError) as excinfo:
            action()
        codes |= {e.code for e in excinfo.value.errors}
    bad = rect(opened_on=TODAY + DAY, due_on=OPENED, owner_id=9, action="长" * 5001)
    codes |= {e.code for e in validate_rectification(bad, TODAY, members=set())}
    assert codes <= set(ERROR_CODES) and len(codes) >= 10
