"""阵地 value types: the shipped "六有" template as data (domain brief §9, §8.1), its keys and
versions, and the inspection's own copy of the template it was done with (issue 10 item 1:
a template change never alters past inspections)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.rectification_rules import rectifications_for
from dangjian_desktop.domain.venue_rules import group_scores, score, tally, validate_template
from dangjian_desktop.domain.venues import (
    DEFAULT_TEMPLATE,
    KEY_PATTERN,
    Group,
    Inspection,
    Inspector,
    Item,
    ItemResult,
    Outcome,
    Rectification,
    Template,
    new_key,
    normalize_inspection,
    normalize_rectification,
    normalize_template,
    revised,
    template_from_data,
    template_to_data,
)

P, F, NA = Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE


# --- the shipped default -------------------------------------------------------------------
def test_the_default_is_the_customers_six_in_their_order():
    names = [g.name for g in DEFAULT_TEMPLATE.groups]
    assert names == ["有设施", "有标志", "有党旗", "有资料", "有制度", "有台账"]


def test_the_default_is_a_valid_template_of_100_points():
    assert validate_template(DEFAULT_TEMPLATE) == []
    assert DEFAULT_TEMPLATE.total_weight() == 100
    assert DEFAULT_TEMPLATE.version == 1


@pytest.mark.parametrize(
    ("group", "items"),
    [
        ("有设施", ["桌椅", "报刊架", "电教设备"]),
        ("有标志", ["支部全称牌", "“党员活动室”门牌", "入党誓词上墙"]),
        ("有党旗", ["党旗悬挂"]),
        (
            "有资料",
            [
                "党员名册",
                "三会一课记录本",
                "党费收缴登记本",
                "组织关系转移记录本",
                "党支部工作手册",
            ],
        ),
        ("有制度", ["发展党员工作流程图上墙", "活动室管理制度"]),
        ("有台账", ["三会一课台账"]),
    ],
)
def test_the_default_holds_the_checkpoints_of_the_brief(group, items):
    texts = [i.text for g in DEFAULT_TEMPLATE.groups if g.name == group for i in g.items]
    assert set(items) <= set(texts)


def test_every_default_group_names_its_source_and_says_it_is_the_companys():
    for group in DEFAULT_TEMPLATE.groups:
        assert group.source, group.name
        assert "本公司口径" in group.source, group.name
    assert "未找到公开出处" in DEFAULT_TEMPLATE.note
    sourced = [g for g in DEFAULT_TEMPLATE.groups if "partyworker.cn" in g.source]
    assert len(sourced) >= 4  # the 2021 variant is the nearest public one


def test_every_default_item_says_what_counts_and_has_a_stable_key():
    keys = [g.key for g in DEFAULT_TEMPLATE.groups] + [i.key for _, i in DEFAULT_TEMPLATE.items()]
    assert len(keys) == len(set(keys))
    assert all(KEY_PATTERN.fullmatch(k) for k in keys)
    assert all(i.note for _, i in DEFAULT_TEMPLATE.items())


# --- keys, versions, data ------------------------------------------------------------------
def test_a_new_key_is_valid_and_never_repeats():
    keys = {new_key() for _ in range(1000)}
    assert len(keys) == 1000
    assert all(KEY_PATTERN.fullmatch(k) for k in keys)


def test_an_edit_is_a_new_version_and_leaves_the_old_value_alone():
    groups = DEFAULT_TEMPLATE.groups[:2]
    edited = revised(DEFAULT_TEMPLATE, groups=groups, name="船舶阵地检查表")
    assert (edited.version, edited.name, len(edited.groups)) == (2, "船舶阵地检查表", 2)
    assert DEFAULT_TEMPLATE.version == 1 and len(DEFAULT_TEMPLATE.groups) == 6


def test_template_data_round_trips_through_json():
    data = json.loads(json.dumps(template_to_data(DEFAULT_TEMPLATE), ensure_ascii=False))
    assert template_from_data(data) == DEFAULT_TEMPLATE
    assert template_from_data(data, template_id=4).id == 4


def _data_with(change):
    data = template_to_data(DEFAULT_TEMPLATE)
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("version"),
        lambda d: d.update(version="1"),
        lambda d: d.update(groups={}),
        lambda d: d["groups"][0].pop("source"),
        lambda d: d["groups"][0]["items"][0].update(weight="4"),
        lambda d: d["groups"][0]["items"][0].update(weight=True),
        lambda d: d["groups"][0]["items"][0].update(weight=4.5),
        lambda d: d["groups"][0]["items"].append("桌椅"),
        lambda d: d["groups"][0]["items"][0].update(colour="red"),
    ],
    ids=[
        "extra_field",
        "missing_version",
        "version_text",
        "groups_not_list",
        "group_missing_source",
        "weight_text",
        "weight_bool",
        "weight_float",
        "item_not_dict",
        "item_extra_field",
    ],
)
def test_malformed_template_data_is_refused(change):
    with pytest.raises(ValueError):
        template_from_data(_data_with(change))


# --- a past inspection keeps its template -------------------------------------------------------
TODAY = date(2026, 6, 30)


def _inspection(template: Template, outcomes: dict[str, Outcome]) -> Inspection:
    return Inspection(
        venue_id=1,
        inspected_on=date(2026, 3, 10),
        template=template,
        inspectors=(Inspector(member_id=7),),
        results=tuple(
            ItemResult(i.key, outcomes.get(i.key, P), note="缺" if outcomes.get(i.key) else "")
            for _, i in template.items()
        ),
        id=11,
    )


def _edited(template: Template) -> Template:
    """The secretary's edit: 桌椅 renamed and weighted 50, 报刊架 dropped, an item added."""
    facilities = template.groups[0]
    kept = tuple(
        replace(i, text="会议桌椅（不少于12座）", weight=50) if i.key == "seating" else i
        for i in facilities.items
        if i.key != "rack"
    )
    items = (*kept, Item(new_key(), "投影幕布", 5, "能投影课件"))
    return revised(template, groups=(replace(facilities, items=items), *template.groups[1:]))


def test_a_template_edit_does_not_alter_a_past_inspection():
    past = _inspection(DEFAULT_TEMPLATE, {"seating": F, "rack": F})
    before = (score(past), tally(past), group_scores(past), rectifications_for(past))
    stored = template_to_data(past.template)  # what storage keeps with the inspection

    edited = _edited(DEFAULT_TEMPLATE)
    assert edited.item("seating").weight == 50 and edited.item("rack") is None

    assert past.template == DEFAULT_TEMPLATE
    reread = replace(past, template=template_from_data(json.loads(json.dumps(stored))))
    for inspection in (past, reread):
        assert inspection.template.item("seating").text == "桌椅"
        assert inspection.template.item("seating").weight == 4
        assert (
            score(inspection),
            tally(inspection),
            group_scores(inspection),
            rectifications_for(inspection),
        ) == before
    assert score(past) == pytest.approx(100 * (100 - 4 - 2) / 100)
    assert [r.item_text for r in rectifications_for(past)] == ["桌椅", "报刊架"]


def test_the_next_inspection_uses_the_edit():
    """The control for the test above: the same results scored with the edited template
    differ, so the equality there is not true of any template."""
    edited = _edited(DEFAULT_TEMPLATE)
    nxt = _inspection(edited, {"seating": F})
    assert score(nxt) == pytest.approx(100 * (edited.total_weight() - 50) / edited.total_weight())
    assert rectifications_for(nxt)[0].item_text == "会议桌椅（不少于12座）"


# --- normalising -------------------------------------------------------------------------------
def test_normalize_removes_control_characters_and_keeps_note_lines():
    template = Template(
        "检查表\x0b",
        groups=(Group("g", "有\x00设施", (Item("i", "桌\t椅", 1, "一\x0b二"),), "出处\r\n2021"),),
    )
    clean = normalize_template(template)
    assert clean.name == "检查表 " and clean.groups[0].name == "有设施"
    assert clean.groups[0].items[0].text == "桌 椅"
    assert clean.groups[0].items[0].note == "一\n二"
    assert clean.groups[0].source == "出处\n2021"

    inspection = replace(
        _inspection(DEFAULT_TEMPLATE, {}),
        inspectors=(Inspector(name="王\x0b五"),),
        results=(ItemResult("seating", F, "缺\x0c两把"),),
        note="总体\r\n良好",
    )
    clean_inspection = normalize_inspection(inspection)
    assert clean_inspection.inspectors[0].name == "王 五"
    assert clean_inspection.results[0].note == "缺\n两把"
    assert clean_inspection.note == "总体\n良好"

    rect = Rectification(
        1, "seating", "桌椅", date(2026, 3, 10), date(2026, 4, 9), action="买\x00椅子"
    )
    assert normalize_rectification(replace(rect, closing_note="已\x0b补")).closing_note == "已\n补"
    assert normalize_rectification(rect).action == "买椅子"
