"""阵地 rules: the score from the weights with 不适用 left out, a template that may be used,
an inspection that may be saved, and a retired venue keeping its history (issue 10 items 1–3,
DESIGN.md §2 阵地)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from dangjian_desktop.domain.branch import Venue
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.venue_rules import (
    ERROR_CODES,
    WEIGHT_MAX,
    GroupScore,
    Tally,
    group_scores,
    retired_on,
    score,
    tally,
    unanswered,
    validate_inspection,
    validate_template,
    venue_in_use_on,
)
from dangjian_desktop.domain.venues import (
    DEFAULT_TEMPLATE,
    Group,
    Inspection,
    Inspector,
    Item,
    ItemResult,
    Outcome,
    Template,
)

P, F, NA = Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE
TODAY = date(2026, 6, 30)

# Two groups, weights 1 and 2 | 3 and 4: every sum of a subset is distinct.
SMALL = Template(
    "测试表",
    groups=(
        Group("a", "有设施", (Item("a1", "桌椅", 1), Item("a2", "书柜", 2))),
        Group("b", "有标志", (Item("b1", "门牌", 3), Item("b2", "全称牌", 4))),
    ),
)


def inspection(*outcomes: Outcome | None, template: Template = SMALL, **changes) -> Inspection:
    """An inspection of SMALL with the outcomes of its items in order (None: unanswered)."""
    items = [i for _, i in template.items()]
    results = tuple(ItemResult(i.key, o) for i, o in zip(items, outcomes, strict=True) if o)
    base = Inspection(1, TODAY, template, (Inspector(member_id=7),), results, id=1)
    return replace(base, **changes)


def codes(errors: list[FieldError]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in errors]


# --- score -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("outcomes", "expected", "earned", "possible"),
    [
        ((P, P, P, P), 100.0, 10, 10),
        ((F, F, F, F), 0.0, 0, 10),
        ((NA, NA, NA, NA), None, 0, 0),  # nothing applicable: no score, not 0 or 100
        ((P, F, NA, NA), 100 * 1 / 3, 1, 3),  # 不适用 leaves the total
        ((F, NA, NA, P), 80.0, 4, 5),
        ((P, P, P, F), 60.0, 6, 10),  # the heaviest item failed
        ((F, P, P, P), 90.0, 9, 10),  # the lightest item failed
        ((P, NA, NA, NA), 100.0, 1, 1),  # one applicable item, passed
        ((NA, F, P, NA), 60.0, 3, 5),
        ((P, None, F, None), 25.0, 1, 4),  # unanswered items are not scored
    ],
)
def test_score_is_the_passed_share_of_the_applicable_weight(outcomes, expected, earned, possible):
    insp = inspection(*outcomes)
    assert (tally(insp).earned, tally(insp).possible) == (earned, possible)
    if expected is None:
        assert score(insp) is None
    else:
        assert score(insp) == pytest.approx(expected)


def test_the_tally_counts_each_outcome():
    assert tally(inspection(P, F, NA, None)) == Tally(
        earned=1, possible=3, passed=1, failed=1, not_applicable=1, unanswered=1
    )


def test_group_scores_follow_the_groups():
    scores = group_scores(inspection(P, F, NA, NA))
    assert [(s.key, s.name) for s in scores] == [("a", "有设施"), ("b", "有标志")]
    assert scores[0].tally.percent == pytest.approx(100 / 3)
    assert scores[1].tally.percent is None  # the whole group 不适用
    assert scores[1] == GroupScore("b", "有标志", Tally(not_applicable=2))


def test_score_of_the_default_template_counts_its_weights():
    items = [i for _, i in DEFAULT_TEMPLATE.items()]
    outcomes = {i.key: P for i in items} | {"branch_plate": F, "honours": NA}
    results = tuple(ItemResult(k, o) for k, o in outcomes.items())
    insp = Inspection(1, TODAY, DEFAULT_TEMPLATE, (Inspector(name="上级党委"),), results)
    assert score(insp) == pytest.approx(100 * (100 - 5 - 3) / (100 - 3))


def test_a_result_for_an_item_not_in_the_snapshot_is_not_scored():
    insp = inspection(P, P, P, P)
    insp = replace(insp, results=(*insp.results, ItemResult("gone", F)))
    assert score(insp) == 100.0


def test_unanswered_items_are_listed_in_checklist_order():
    assert [i.key for _, i in unanswered(inspection(None, P, None, F))] == ["a1", "b1"]


# --- the template ------------------------------------------------------------------------
def with_item(**changes) -> Template:
    group = SMALL.groups[0]
    item = replace(group.items[0], **changes)
    return replace(SMALL, groups=(replace(group, items=(item, *group.items[1:])), SMALL.groups[1]))


def test_a_small_template_is_valid():
    assert validate_template(SMALL) == []


@pytest.mark.parametrize("weight", [0, -1, WEIGHT_MAX + 1, 1.5, True])
def test_a_weight_must_be_a_whole_number_from_1(weight):
    errors = validate_template(with_item(weight=weight))
    assert errors == [
        FieldError("groups.0.items.0.weight", "out_of_range", (("min", 1), ("max", WEIGHT_MAX)))
    ]


@pytest.mark.parametrize("weight", [1, WEIGHT_MAX])
def test_the_weight_bounds_are_allowed(weight):
    assert validate_template(with_item(weight=weight)) == []


def test_an_empty_group_is_refused():
    template = replace(SMALL, groups=(*SMALL.groups, Group("c", "有党旗")))
    assert codes(validate_template(template)) == [("groups.2", "empty_group")]


def test_a_template_needs_groups_and_a_name():
    assert codes(validate_template(Template(" ", groups=()))) == [
        ("name", "required"),
        ("groups", "required"),
    ]


def test_an_item_text_twice_in_a_group_is_refused_even_spaced_differently():
    group = SMALL.groups[0]
    twin = Item("a3", " 桌椅 ", 1)
    template = replace(SMALL, groups=(replace(group, items=(*group.items, twin)), SMALL.groups[1]))
    assert codes(validate_template(template)) == [("groups.0.items.2.text", "duplicate_item")]


def test_the_same_text_in_another_group_is_allowed():
    group = SMALL.groups[1]
    same = Item("b3", "桌椅", 1)
    template = replace(SMALL, groups=(SMALL.groups[0], replace(group, items=(*group.items, same))))
    assert validate_template(template) == []


def test_two_groups_of_one_name_are_refused():
    template = replace(SMALL, groups=(SMALL.groups[0], replace(SMALL.groups[1], name="有设施")))
    assert codes(validate_template(template)) == [("groups.1.name", "duplicate")]


@pytest.mark.parametrize(
    ("key", "where", "code"),
    [
        ("a2", "groups.0.items.1.key", "duplicate_key"),  # the second one is the duplicate
        ("a", "groups.0.items.0.key", "duplicate_key"),  # a group's key
        ("A 1", "groups.0.items.0.key", "bad_key"),
        ("", "groups.0.items.0.key", "bad_key"),
    ],
)
def test_keys_must_be_unique_names(key, where, code):
    assert codes(validate_template(with_item(key=key))) == [(where, code)]


def test_an_item_needs_text():
    assert codes(validate_template(with_item(text=" "))) == [("groups.0.items.0.text", "required")]


# --- venues --------------------------------------------------------------------------------
RETIRED = Venue("旧党员活动室", id=1, retired_at=date(2026, 5, 1))


@pytest.mark.parametrize(
    ("day", "in_use"),
    [(date(2026, 5, 1), True), (date(2026, 5, 2), False), (date(2026, 6, 1), False)],
)
def test_a_venue_is_out_of_use_after_its_retirement_day(day, in_use):
    # Retired while 支部信息 was edited that day: an inspection of that morning is real.
    assert venue_in_use_on(RETIRED, day) is in_use
    assert venue_in_use_on(replace(RETIRED, retired_at=None), day)


def test_a_stored_retirement_time_reads_as_its_day():
    venue = replace(RETIRED, retired_at=datetime(2026, 5, 1, 16, 30))
    assert retired_on(venue) == date(2026, 5, 1)
    assert not venue_in_use_on(venue, date(2026, 5, 2))
    assert venue_in_use_on(venue, date(2026, 5, 1))


def test_a_stored_utc_retirement_time_reads_as_the_local_day():
    at = datetime(2026, 5, 1, 16, 30, tzinfo=UTC)
    venue = replace(RETIRED, retired_at=at)
    assert retired_on(venue) == at.astimezone().date()


# --- the inspection ----------------------------------------------------------------------
def test_a_complete_inspection_is_valid():
    assert validate_inspection(inspection(P, F, NA, P), TODAY, Venue("活动室", id=1), {7}) == []


def test_an_inspection_cannot_be_dated_after_today():
    late = inspection(P, P, P, P, inspected_on=TODAY + timedelta(days=1))
    assert codes(validate_inspection(late, TODAY)) == [("inspected_on", "in_future")]
    assert validate_inspection(inspection(P, P, P, P), TODAY) == []  # today is fine


def test_a_retired_venue_is_not_inspected_but_keeps_its_history():
    before = inspection(P, F, P, P, inspected_on=date(2026, 5, 1))
    after = inspection(P, F, P, P, inspected_on=date(2026, 5, 2))
    assert validate_inspection(before, TODAY, RETIRED) == []
    assert validate_inspection(after, TODAY, RETIRED) == [
        FieldError("venue_id", "venue_retired_on", (("date", date(2026, 5, 1)),))
    ]
    assert score(before) == 80.0  # its record reads as before


def test_a_result_outside_the_snapshot_and_a_second_result_are_refused():
    insp = inspection(P, P, P, P)
    insp = replace(insp, results=(*insp.results, ItemResult("gone", F), ItemResult("a1", F)))
    assert codes(validate_inspection(insp, TODAY)) == [
        ("results.4.item_key", "not_in_template"),
        ("results.5.item_key", "duplicate_result"),
    ]


def test_every_item_needs_a_result():
    errors = validate_inspection(inspection(P, None, NA, None), TODAY)
    assert errors == [FieldError("results", "missing_result", (("count", 2),))]


def test_inspectors_are_members_of_the_branch_or_named():
    nobody = inspection(P, P, P, P, inspectors=())
    assert codes(validate_inspection(nobody, TODAY)) == [("inspectors", "required")]
    blank = inspection(P, P, P, P, inspectors=(Inspector(), Inspector(name="上级党委 李四")))
    assert codes(validate_inspection(blank, TODAY)) == [("inspectors.0", "required")]
    stranger = inspection(P, P, P, P, inspectors=(Inspector(member_id=99),))
    assert validate_inspection(stranger, TODAY, members={7}) == [
        FieldError("inspectors.0", "not_in_branch", (("date", TODAY),))
    ]


def test_the_snapshot_is_checked_too():
    broken = replace(SMALL, groups=(*SMALL.groups, Group("c", "有党旗")))
    insp = inspection(P, P, P, P, template=broken)
    assert codes(validate_inspection(insp, TODAY)) == [("template.groups.2", "empty_group")]


def test_long_notes_and_many_photos_are_refused():
    insp = inspection(P, P, P, P, note="很" * 5001)
    first = replace(insp.results[0], note="长" * 1001, photo_ids=tuple(range(31)))
    insp = replace(insp, results=(first, *insp.results[1:]))
    assert codes(validate_inspection(insp, TODAY)) == [
        ("note", "too_long"),
        ("results.0.note", "too_long"),
        ("results.0.photo_ids", "too_many"),
    ]


def test_every_code_raised_is_declared():
    """messages.py words ERROR_CODES (tests/unit/test_messages.py); these raise no other."""
    broken = Template(
        "",
        version=0,
        groups=(
            Group("g", "组", ()),
            Group("g", "组", (Item("x y", "", 0), Item("k", "项"), Item("k", "项"))),
        ),
    )
    insp = Inspection(
        1,
        TODAY + timedelta(days=1),
        broken,
        inspectors=(Inspector(member_id=5), Inspector()),
        results=(ItemResult("zz", P), ItemResult("k", P), ItemResult("k", P)),
    )
    found = {e.code for e in validate_inspection(insp, TODAY, RETIRED, members={7})}
    assert found <= set(ERROR_CODES)
    assert len(found) >= 12
