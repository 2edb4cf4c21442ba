"""ws.points.window (the 积分 tab's list left in SQL): for every sort the list offers and its
filters, the pages read one after another, jumped to, or counted from the end are exactly
`ids` (the whole list), a record's position is its index there, the count is bounded when
asked, and the search matches names and pinyin. Both ways a page is read — the planner's
(few hits) and the walk of the sort's own index (many hits, engine.py's INDEXED BY) — are
held to it. Today is 2025-06-15; the branch is meeting_data's ship branch."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from dangjian_desktop.domain.points import Entry, EntryFilter, PeriodKey
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.services import id_window
from tests.unit.services.meeting_data import PEOPLE, make_branch

YEAR = PeriodKey(2025)
SORTS = [Sort(c, d) for c in ("date", "member", "rule", "points") for d in (False, True)]


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    """About 120 typed entries over the six members: several a day (ties on the date), many
    rules and categories, points changed with a reason (ties and spread on points)."""
    from dangjian_desktop.services import Workspace

    ws = Workspace.open(
        tmp_path_factory.mktemp("window") / "data.sqlite", today=lambda: date(2025, 6, 15)
    )
    branch = make_branch(ws)
    scheme = ws.points.scheme(2025)
    rules = [
        r
        for r in scheme.rules
        if r.derived_from is None and not r.retired and not r.evidence_required
    ]
    rng = random.Random(9)
    entries = []
    for i in range(120):
        rule = rules[i % len(rules)]
        name = PEOPLE[rng.randrange(len(PEOPLE))][0]
        day = date(2025, 1, 2) + timedelta(days=rng.randrange(150) // 3 * 3)
        points = rule.signed_points
        reason = ""
        if i % 5 == 0:
            points = points * 2 if points else points
            reason = "加倍（测试）"
        entries.append(Entry(branch.id(name), day, rule.code, points, override_reason=reason))
    ws.points.add_entries(entries, year=2025)
    yield ws, branch
    ws.close(final_backup=False)


def filters(branch):
    return {
        "year": EntryFilter(period=YEAR),
        "quarter": EntryFilter(period=PeriodKey(2025, 1)),
        "category": EntryFilter(period=YEAR, category="vanguard"),
        "typed": EntryFilter(period=YEAR, derived=False),
        "derived": EntryFilter(period=YEAR, derived=True),
        "name": EntryFilter(period=YEAR, member_text="王"),
        "pinyin": EntryFilter(period=YEAR, member_text="zm"),
        "member": EntryFilter(period=YEAR, member_ids=(branch.id("陈刚"), branch.id("孙丽"))),
        "name and category": EntryFilter(period=YEAR, member_text="l", category="vanguard"),
    }


@pytest.fixture(params=["planner", "walk"])
def way(request, monkeypatch):
    # DENSE: hits from which a page walks the sort's index; 1 makes every page walk.
    monkeypatch.setattr(id_window, "DENSE", 1 if request.param == "walk" else 10**9)
    return request.param


def assert_pages_are(ws, flt, sort, expected, rng, label) -> None:
    """Read one after another, upwards from the end, by jumps, and positions: `expected`."""
    window = ws.points.window(flt, sort)
    assert window.count(5) == min(len(expected), 5), label
    forward = []
    for start in range(0, len(expected) + 7, 7):  # one after another: keyset
        forward += window.ids(start, start + 7)
    assert forward == expected, label
    backward = ws.points.window(flt, sort)
    assert backward.count() == len(expected)
    got = []
    for stop in range(len(expected), 0, -7):  # upwards from the end: keyset backwards
        got = backward.ids(max(stop - 7, 0), stop) + got
    assert got == expected, label
    jumps = ws.points.window(flt, sort)
    jumps.count()
    for start in rng.sample(range(len(expected) or 1), min(len(expected), 6)):
        assert jumps.ids(start, start + 5) == expected[start : start + 5], (label, start)
    for row in rng.sample(range(len(expected)), min(len(expected), 4)):
        assert jumps.position(expected[row]) == row, (label, row)


@pytest.mark.parametrize(
    "sort", SORTS, ids=lambda s: f"{s.column}{'-desc' if s.descending else ''}"
)
def test_pages_read_any_way_are_the_whole_list(listed, way, sort):
    ws, branch = listed
    rng = random.Random(sort.column)
    for label, flt in filters(branch).items():
        expected = ws.points.ids(flt, sort)
        assert_pages_are(ws, flt, sort, expected, rng, (label, way))


# Surnames across the alphabet: a search's members (a span of the roster's name order)
# have others before, after and between them. 曾 is zeng (and ceng), 朱子 is "zz".
SPREAD = ("安子豪", "白泽", "曾斌", "陈明", "李明", "王海", "吴泽", "张伟", "张炜", "章明")
SPREAD += ("赵敏", "钟丽", "周新", "邹平", "朱子")
TEXTS = ("z", "Z", "zh", "zhang", "zz", "c", "明", "泽", "l", "无此人")


@pytest.fixture(scope="module")
def spread(tmp_path_factory):
    """Entries of 15 members with names spread over the roster's order: several a day,
    on several rules, points changed on some."""
    from dangjian_desktop.services import Workspace
    from tests.unit.services.member_data import member

    path = tmp_path_factory.mktemp("spread") / "data.sqlite"
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    ids = [ws.members.add(member(name, 200 + i))[0] for i, name in enumerate(SPREAD)]
    rules = [
        r
        for r in ws.points.scheme(2025).rules
        if r.derived_from is None and not r.retired and not r.evidence_required
    ]
    rng = random.Random(15)
    entries = []
    for i in range(160):
        rule = rules[i % len(rules)]
        day = date(2025, 1, 2) + timedelta(days=rng.randrange(60) // 4 * 4)
        points, reason = rule.signed_points, ""
        if i % 4 == 0 and points:
            points, reason = points * 3, "三倍（测试）"
        entries.append(Entry(rng.choice(ids), day, rule.code, points, override_reason=reason))
    ws.points.add_entries(entries, year=2025)
    yield ws, path
    ws.close(final_backup=False)


def plain_list(path, text: str, sort: Sort) -> list[int]:
    """The list as one straightforward query on the file: the name contains the text, or a
    pinyin reading starts with it; ordered as point_repo says each sort orders."""
    way, back = ("DESC", "ASC") if sort.descending else ("ASC", "DESC")
    order = {
        "date": f"e.date {way}, e.id {way}",
        "member": f"m.name_sort {way}, m.name {way}, m.id {way}, e.date {back}, e.id {back}",
        "rule": f"e.rule_code {way}, e.date {way}, e.id {way}",
        "points": f"e.points {way}, e.date {way}, e.id {way}",
    }[sort.column]
    named = "m.name LIKE ?"
    patterns = [f"%{text}%"]
    if text.isascii() and text.isalpha():
        named += " OR m.name_search LIKE ?"
        patterns.append(f"%|{text.lower()}%")
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT e.id FROM point_entry e JOIN member m ON m.id = e.member_id "
            "WHERE e.date BETWEEN '2025-01-01' AND '2025-12-31' "
            f"AND ({named}) ORDER BY {order}",
            patterns,
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


@pytest.mark.parametrize(
    "sort", SORTS, ids=lambda s: f"{s.column}{'-desc' if s.descending else ''}"
)
def test_a_search_shows_what_the_plain_query_shows(spread, way, sort):
    ws, path = spread
    rng = random.Random(sort.column)
    ws.points._matches.clear()
    for text in TEXTS:  # typed one after another: each looked up among the one before's
        expected = plain_list(path, text, sort)
        flt = EntryFilter(period=YEAR, member_text=text)
        assert_pages_are(ws, flt, sort, expected, rng, (text, way))
    assert plain_list(path, "zh", sort), "the fixture has no 'zh' entries"


def test_a_window_knows_nothing_it_does_not_show(listed):
    ws, branch = listed
    flt = EntryFilter(period=YEAR, member_ids=(branch.id("陈刚"),))
    others = ws.points.ids(EntryFilter(period=YEAR, member_ids=(branch.id("王海"),)))
    window = ws.points.window(flt, Sort("member"))
    assert window.position(others[0]) is None
    assert window.ids(10_000, 10_100) == []


def test_the_search_matches_names_and_pinyin_as_the_roster_does(listed):
    ws, _branch = listed
    by_name = {
        text: {
            r.member_name
            for r in ws.points.rows(ws.points.ids(EntryFilter(member_text=text))).values()
        }
        for text in ("王", "zm", "zhaomin", "ZHAO", "l", "  ")
    }
    assert by_name["王"] == {"王海"}
    assert by_name["zm"] == by_name["zhaomin"] == by_name["ZHAO"] == {"赵敏"}
    assert by_name["l"] == {"李静", "刘洋"}  # a reading starting with l (not sun li)
    assert by_name["  "] == {name for name, *_ in PEOPLE}
    window = ws.points.window(EntryFilter(member_text="zm"), Sort("date", True))
    assert window.ids(0, 1000) == ws.points.ids(EntryFilter(member_text="zm"), Sort("date", True))
