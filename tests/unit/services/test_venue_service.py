"""ws.venues: templates versioned so a past inspection never changes, inspections scored
from their own snapshot, every 不合格 opening one rectification, its life cycle to 销号,
overdue at the boundary day, retired venues keeping their history, and bad photos refused
with nothing stored (issue 10: "Bad input" and "Tests that must exist")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dangjian_desktop import messages
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.venue_lists import (
    InspectionFilter,
    RectificationFilter,
    RectificationShow,
)
from dangjian_desktop.domain.venue_rules import score
from dangjian_desktop.domain.venues import DEFAULT_TEMPLATE, Item, RectificationStatus
from dangjian_desktop.services.venue_service import NewPhoto
from tests.conftest import TODAY
from tests.photos import noisy_photo, photo, png_bomb
from tests.unit.services.meeting_data import Branch, make_branch
from tests.unit.services.member_data import audit_count, snapshot, table
from tests.unit.services.venue_data import inspection


@pytest.fixture
def branch(workspace) -> Branch:
    return make_branch(workspace)


def codes(exc: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in exc.value.errors]


# --- the template --------------------------------------------------------------------------
def test_the_migration_seeds_the_six_haves_as_data(workspace):
    [template] = workspace.venues.templates()
    assert [g.name for g in template.groups] == [
        "有设施", "有标志", "有党旗", "有资料", "有制度", "有台账",
    ]  # fmt: skip
    assert replace(template, id=None) == DEFAULT_TEMPLATE
    assert template.total_weight() == 100
    signs = template.groups[1]
    assert [i.text for i in signs.items][:3] == ["支部全称牌", "“党员活动室”门牌", "入党誓词上墙"]


def test_a_template_edit_is_a_new_version_and_never_alters_a_past_inspection(workspace, branch):
    before = inspection(branch, fails={"flag_hung": "党旗褪色"})
    inspection_id, _ = workspace.venues.save_inspection(before)
    old_score = score(workspace.venues.inspection(inspection_id))
    template = workspace.venues.template()
    flag = template.groups[2]
    edited_flag = replace(flag, items=(replace(flag.items[0], text="党旗", weight=50),))
    groups = (*template.groups[:2], edited_flag, *template.groups[3:])
    saved, _ = workspace.venues.save_template(replace(template, groups=groups))
    assert saved.version == 2 and workspace.venues.template().version == 2
    # The past inspection keeps version 1's wording, weights and score.
    past = workspace.venues.inspection(inspection_id)
    assert past.template.version == 1
    assert past.template.item("flag_hung").text == "党旗悬挂"
    assert past.template.item("flag_hung").weight == 7
    assert score(past) == old_score == pytest.approx(100 * 93 / 100)
    [rect] = workspace.venues.rectifications_of(inspection_id)
    assert rect.item_text == "党旗悬挂"
    # An update of the past inspection keeps its snapshot whatever the caller sends.
    workspace.venues.save_inspection(replace(past, note="复查", template=saved))
    assert workspace.venues.inspection(inspection_id).template.version == 1
    # A new inspection is done with version 2.
    assert (
        workspace.venues.draft_inspection(branch.venues[0]).template.item("flag_hung").weight == 50
    )


def test_saving_an_unchanged_template_writes_nothing(workspace):
    template = workspace.venues.template()
    rows = audit_count(workspace)
    saved, changes = workspace.venues.save_template(template)
    assert saved.version == 1 and not changes.venues and audit_count(workspace) == rows


def test_a_broken_template_is_refused(workspace):
    template = workspace.venues.template()
    group = replace(template.groups[0], items=(Item("x1", "桌椅", 0),))
    with pytest.raises(ValidationError) as refused:
        workspace.venues.save_template(replace(template, groups=(group, *template.groups[1:])))
    assert codes(refused) == [("groups.0.items.0.weight", "out_of_range")]


# --- score ----------------------------------------------------------------------------------
def test_the_score_uses_the_weights_and_leaves_not_applicable_out(workspace, branch):
    # 党旗悬挂 (7) fails; 荣誉展示 (3) and 发展党员工作台账 (3) do not apply:
    # 100 × (100 − 7 − 3 − 3) / (100 − 3 − 3) = 100 × 87 / 94.
    insp = inspection(
        branch, fails={"flag_hung": "无党旗"}, not_applicable=("honours", "recruitment")
    )
    inspection_id, _ = workspace.venues.save_inspection(insp)
    row = workspace.venues.inspection_rows([inspection_id])[inspection_id]
    assert (row.earned, row.possible) == (87, 94)
    assert row.score == pytest.approx(100 * 87 / 94)
    assert (row.passed, row.failed, row.not_applicable) == (27, 1, 2)


# --- inspections: refusals -------------------------------------------------------------------
def test_an_inspection_dated_in_the_future_is_refused_and_nothing_written(workspace, branch):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.venues.save_inspection(inspection(branch, TODAY + timedelta(days=1)))
    assert codes(refused) == [("inspected_on", "in_future")]
    assert "日期不能晚于今天" in messages.error_text(refused.value)
    assert snapshot(workspace) == before


def test_an_inspection_with_an_item_left_unanswered_is_refused(workspace, branch):
    insp = inspection(branch)
    with pytest.raises(ValidationError) as refused:
        workspace.venues.save_inspection(replace(insp, results=insp.results[1:]))
    assert codes(refused) == [("results", "missing_result")]


# --- rectifications -----------------------------------------------------------------------------
def test_every_failed_item_opens_one_rectification(workspace, branch):
    insp = inspection(branch, fails={"oath": "誓词未上墙", "dues_book": "5月未登记"})
    owner = branch.id("李静")
    inspection_id, _ = workspace.venues.save_inspection(
        insp, owner_id=owner, due_on=date(2025, 6, 20)
    )
    rects = workspace.venues.rectifications_of(inspection_id)
    assert [(r.item_key, r.finding, r.owner_id, r.due_on, r.opened_on) for r in rects] == [
        ("oath", "誓词未上墙", owner, date(2025, 6, 20), date(2025, 5, 20)),
        ("dues_book", "5月未登记", owner, date(2025, 6, 20), date(2025, 5, 20)),
    ]
    # Passing the item on a corrected entry drops its open rectification.
    fixed = workspace.venues.inspection(inspection_id)
    results = tuple(
        replace(r, outcome=r.outcome.PASS) if r.item_key == "oath" else r for r in fixed.results
    )
    workspace.venues.save_inspection(replace(fixed, results=results))
    assert [r.item_key for r in workspace.venues.rectifications_of(inspection_id)] == ["dues_book"]


def test_a_rectification_from_opening_to_closing_with_evidence(workspace, branch):
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch, fails={"oath": "无"}))
    [rect] = workspace.venues.rectifications_of(inspection_id)
    workspace.venues.save_rectification(
        replace(rect, action="制作誓词牌上墙", owner_id=branch.id("陈刚"))
    )
    rect = workspace.venues.rectification(rect.id)
    assert (rect.action, rect.owner_id) == ("制作誓词牌上墙", branch.id("陈刚"))
    # Closing before it was opened is refused, nothing written.
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.venues.close(rect.id, date(2025, 5, 19), "已上墙")
    assert codes(refused) == [("closed_on", "closed_before_opened")]
    assert "不能早于发现问题的日期（2025-05-20）" in messages.error_text(refused.value)
    with pytest.raises(ValidationError) as refused:
        workspace.venues.close(rect.id, date(2025, 6, 1))
    assert codes(refused) == [("closing_note", "closing_needs_evidence")]
    assert snapshot(workspace) == before
    # Closed with a photo of the wall.
    evidence = NewPhoto("after.jpg", photo((800, 600)))
    workspace.venues.close(rect.id, date(2025, 6, 1), "已上墙", [evidence])
    closed = workspace.venues.rectification(rect.id)
    assert closed.closed_on == date(2025, 6, 1) and closed.closing_note == "已上墙"
    [stored] = workspace.venues.evidence(rect.id)
    assert closed.evidence_ids == (stored.id,)
    assert workspace.attachments.read(stored.id)[1][:3] == b"\xff\xd8\xff"
    row = workspace.venues.rectification_rows([rect.id])[rect.id]
    assert row.status is RectificationStatus.CLOSED
    with pytest.raises(ValidationError) as refused:
        workspace.venues.close(rect.id, date(2025, 6, 2), "again")
    assert codes(refused) == [("closed_on", "already_closed")]
    # Reopened: the closure and its evidence are kept.
    workspace.venues.reopen(rect.id, date(2025, 6, 10), "复查未通过", due_on=date(2025, 6, 30))
    reopened = workspace.venues.rectification(rect.id)
    assert reopened.closed_on is None and reopened.reopenings[0].evidence_ids == (stored.id,)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2025, 6, 19), False), (date(2025, 6, 20), False), (date(2025, 6, 21), True)],
)
def test_overdue_starts_the_day_after_the_due_day(workspace, branch, today, overdue):
    insp = inspection(branch, fails={"oath": "无"})
    inspection_id, _ = workspace.venues.save_inspection(insp, due_on=date(2025, 6, 20))
    [rect] = workspace.venues.rectifications_of(inspection_id)
    found = workspace.venues.overdue_rectifications(today)
    assert [r.id for r in found] == ([rect.id] if overdue else [])
    if overdue:
        assert found[0].days_overdue == 1 and found[0].venue_name == "船舶党员活动室"
    shown = RectificationFilter(RectificationShow.OVERDUE, today=today)
    assert workspace.venues.rectification_count(shown) == int(overdue)
    opened = RectificationFilter(RectificationShow.OPEN, today=today)
    assert workspace.venues.rectification_ids(opened, Sort("due_on")) == [rect.id]
    status = workspace.venues.rectification_rows([rect.id], today)[rect.id].status
    assert status is (RectificationStatus.OVERDUE if overdue else RectificationStatus.OPEN)


def test_the_next_inspection_shows_what_is_still_open_and_opens_no_second_one(workspace, branch):
    first, _ = workspace.venues.save_inspection(
        inspection(branch, date(2025, 3, 1), fails={"oath": "无", "rack": "无报刊架"})
    )
    [rack, oath] = workspace.venues.rectifications_of(first)  # checklist order
    assert (rack.item_key, oath.item_key) == ("rack", "oath")
    workspace.venues.close(rack.id, date(2025, 3, 20), "已添置")
    assert [r.id for r in workspace.venues.still_open(branch.venues[0])] == [oath.id]
    second, _ = workspace.venues.save_inspection(
        inspection(branch, date(2025, 6, 1), fails={"oath": "仍未上墙"})
    )
    assert workspace.venues.rectifications_of(second) == []  # the open one carries on
    summary = {s.venue_id: s for s in workspace.venues.venue_summaries()}[branch.venues[0]]
    assert summary.last_inspection_id == second and summary.open_rectifications == 1
    assert summary.inspections == 2


# --- venues ---------------------------------------------------------------------------------------
def test_a_retired_venue_keeps_its_history(workspace, branch):
    used = branch.venues[0]
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch, fails={"oath": "无"}))
    profile = workspace.branch.profile()
    workspace.branch.save_profile(replace(profile, venues=profile.venues[1:]))
    assert [v.id for v in workspace.branch.profile().venues] == [branch.venues[1]]
    [retired] = [v for v in workspace.venues.venues() if v.id == used]
    assert retired.retired_at is not None
    # Its inspections, rectifications and summary are all still there.
    assert workspace.venues.inspection_ids(
        InspectionFilter(venue_id=used), Sort("inspected_on")
    ) == [inspection_id]
    assert workspace.venues.rectification_count(RectificationFilter(venue_id=used)) == 1
    summary = {s.venue_id: s for s in workspace.venues.venue_summaries()}[used]
    assert summary.retired_at is not None and summary.last_inspection_id == inspection_id
    # Retired on 2025-06-01 (set here: the profile save retires it at the PC's clock).
    with workspace.database.engine.begin() as conn:
        conn.exec_driver_sql(
            f"UPDATE venue SET retired_at = '2025-06-01 02:00:00.000000' WHERE id = {used}"
        )
    with pytest.raises(ValidationError) as refused:
        workspace.venues.save_inspection(inspection(branch, date(2025, 6, 10), venue=0))
    assert codes(refused) == [("venue_id", "venue_retired_on")]
    assert "该阵地已于 2025-06-01 停用" in messages.error_text(refused.value)
    # On its last day, and the old one corrected: fine.
    workspace.venues.save_inspection(inspection(branch, date(2025, 6, 1), venue=0))
    workspace.venues.save_inspection(replace(workspace.venues.inspection(inspection_id), note="补"))
    assert workspace.venues.inspection(inspection_id).note == "补"


def test_a_venue_never_inspected_is_deleted_from_the_profile(workspace, branch):
    profile = workspace.branch.profile()
    workspace.branch.save_profile(replace(profile, venues=profile.venues[:1]))
    assert [v.id for v in workspace.venues.venues()] == [branch.venues[0]]


# --- photos ------------------------------------------------------------------------------------
def test_photos_are_prepared_and_stored_with_their_item(workspace, branch):
    photos = [
        NewPhoto("IMG_1.jpg", noisy_photo(), "flag_hung", "党旗"),
        NewPhoto("s.png", photo(fmt="PNG"), "oath"),
    ]
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch), photos)
    stored = workspace.venues.photos(inspection_id)
    assert [(a.file_name, a.mime, a.caption) for a in stored] == [
        ("IMG_1.jpg", "image/jpeg", "党旗"),
        ("s.png", "image/png", ""),
    ]
    results = {r.item_key: r for r in workspace.venues.inspection(inspection_id).results}
    assert results["flag_hung"].photo_ids == (stored[0].id,)
    assert results["oath"].photo_ids == (stored[1].id,)
    assert stored[0].size < 2_000_000  # prepared (≤ 2048 px), not the camera original
    # Removing one keeps the other.
    insp = workspace.venues.inspection(inspection_id)
    workspace.venues.save_inspection(insp, photos_removed=[stored[1].id])
    assert [a.id for a in workspace.venues.photos(inspection_id)] == [stored[0].id]
    assert (
        workspace.venues.inspection(inspection_id)
        .results[[r.item_key for r in insp.results].index("oath")]
        .photo_ids
        == ()
    )
    assert workspace.venues.inspection_rows([inspection_id])[inspection_id].photos == 1


def truncated_jpeg() -> bytes:
    data = noisy_photo((800, 600))
    return data[: len(data) // 2]


BAD_PHOTOS = {
    "not an image": (
        b"%PDF-1.7 not a photo" * 10,
        "venue_photo_not_jpeg_or_png",
        "不是 JPG 或 PNG",
    ),
    "truncated JPEG": (truncated_jpeg(), "venue_photo_damaged", "已损坏或不完整"),
    "60 MB file": (
        b"\xff\xd8\xff" + bytes(60 * 1024 * 1024),
        "venue_photo_too_large",
        "太大（60.0 MB",
    ),
    "PNG bomb": (png_bomb(20_000, 20_000), "venue_photo_too_many_pixels", "20000×20000"),
}


@pytest.mark.parametrize("bad", sorted(BAD_PHOTOS))
def test_each_bad_photo_is_refused_with_nothing_stored(workspace, branch, bad):
    data, code, words = BAD_PHOTOS[bad]
    before = snapshot(workspace)
    files = sorted(p for p in workspace.attachments_dir.rglob("*") if p.is_file())
    good = NewPhoto("good.jpg", photo(), "oath")
    with pytest.raises(ValidationError) as refused:
        workspace.venues.save_inspection(
            inspection(branch, fails={"oath": "无"}), [good, NewPhoto("bad.jpg", data, "oath")]
        )
    assert codes(refused) == [("photos.1", code)]
    text = messages.error_text(refused.value)
    assert "照片第 2 项" in text and "“bad.jpg”" in text and words in text, text
    assert snapshot(workspace) == before
    assert sorted(p for p in workspace.attachments_dir.rglob("*") if p.is_file()) == files


def test_a_bad_evidence_photo_refuses_the_closing(workspace, branch):
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch, fails={"oath": "无"}))
    [rect] = workspace.venues.rectifications_of(inspection_id)
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.venues.close(rect.id, date(2025, 6, 1), "", [NewPhoto("x.jpg", truncated_jpeg())])
    assert codes(refused) == [("evidence.0", "venue_photo_damaged")]
    assert snapshot(workspace) == before


# --- audit ---------------------------------------------------------------------------------------
def test_each_write_is_one_structured_audit_row(workspace, branch):
    rows = audit_count(workspace)
    inspection_id, _ = workspace.venues.save_inspection(inspection(branch, fails={"oath": "无"}))
    [rect] = workspace.venues.rectifications_of(inspection_id)
    workspace.venues.close(rect.id, date(2025, 6, 1), "已上墙")
    workspace.venues.delete_inspection(inspection_id)
    assert audit_count(workspace) == rows + 3
    details = [d for (d,) in table(workspace, "SELECT detail FROM audit_log ORDER BY id")][-3:]
    assert all('"kind":"venues"' in d for d in details)
    assert '"record":"inspection"' in details[0] and '"rectifications":1' in details[0]
    assert '"record":"rectification"' in details[1]
    assert table(workspace, "SELECT count(*) FROM rectification") == [(0,)]
