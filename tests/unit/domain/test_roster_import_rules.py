"""花名册 import rules: which column is which field (by header and by values), one row."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import Member
from dangjian_desktop.domain.roster_import_rules import (
    HEADER_SYNONYMS,
    IMPORTABLE_FIELDS,
    MOBILE_OR_LOST,
    PARTY_GROUP,
    field_for_header,
    find_header_row,
    header_labels,
    normalize_header,
    parse_row,
    propose_fields,
)

REPO_ROOT = Path(__file__).resolve().parents[3]


def make_id(region: str = "110105", birth: str = "19850312", seq: str = "123") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


GOOD_ID = make_id()


def fields_of(labels, sample=()):
    return propose_fields(labels, sample).fields


# --- headers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("姓名", "name"),
        ("名字", "name"),
        ("党员姓名", "name"),
        ("姓  名", "name"),
        ("姓\u3000名", "name"),
        ("*姓名", "name"),
        ("姓名(必填)", "name"),
        ("姓名（必填）", "name"),
        ("身份证号", "id_number"),
        ("公民身份号码\n（18位）", "id_number"),
        ("身份证号码", "id_number"),
        ("入党时间", "join_date"),
        ("入党日期", "join_date"),
        ("转正日期", "full_date"),
        ("出生年月\n(年.月)", "birth_date"),
        ("文化程度", "education"),
        ("类别", "category"),
        ("工作单位及职务", "work_unit"),
        ("岗位", "job_post"),
        ("工作岗位", "job_post"),
        ("现任职务", "job_post"),
        ("政治面貌", "category"),
        ("是否困难党员", "in_difficulty"),
        ("失联时间", "lost_since"),
        ("所在党小组", PARTY_GROUP),
        ("手机", "phone"),
        ("是否流动/失联", MOBILE_OR_LOST),
        ("备注", "note"),
        ("ＰＨＯＮＥ", None),
        ("序号", None),
        ("某某党支部党员花名册", None),
        (None, None),
    ],
)
def test_header_spellings_map_to_fields(text, field):
    assert field_for_header(text) == field


def test_synonyms_do_not_clash():
    spellings = [normalize_header(s) for group in HEADER_SYNONYMS.values() for s in group]
    assert len(spellings) == len(set(spellings))


def test_header_found_below_title_rows():
    rows = [
        ["某某船舶党支部党员花名册", None, None, None],  # merged A1:H1: only A1 has a value
        ["填报单位：远洋一号", None, None, "2025年6月"],
        ["序号", "姓 名", "性别", "身份证号码(必填)"],
        [1, "张三", "男", GOOD_ID],
    ]
    assert find_header_row(rows) == 2


def test_header_on_row_9_is_found():
    rows = [["花名册"], [None], ["填表说明：请勿改动表头"], *[[None]] * 5]
    rows += [["序号", "姓名", "性别", "民族"], [1, "张三", "男", "汉族"]]
    assert find_header_row(rows) == 8  # row 9 as Excel counts


def test_header_far_down_is_found_and_the_scan_stops_after_it():
    rows = [[f"说明第{i}条"] for i in range(200)] + [["姓名", "身份证号", "性别"]]
    rows += [["张三", GOOD_ID, "男"]] * 100
    assert find_header_row(rows) == 200


def test_no_header_at_all():
    rows = [["花名册"], [None], ["张三", "男"], *[["x"]] * 3]
    assert find_header_row(rows) is None
    assert find_header_row([]) is None


def test_a_single_known_word_is_not_a_header():
    assert find_header_row([["备注：以下为在册党员"], ["姓名", "性别"]]) == 1


def test_two_row_header_takes_vertically_merged_names_from_above():
    rows = [
        ["姓名", "性别", "党内信息", None],
        [None, None, "入党时间", "转正时间"],
    ]
    assert find_header_row(rows) == 0  # more names on row 1 …
    labels = header_labels(rows, 1)  # … but the user may pick row 2
    assert fields_of(labels) == {0: "name", 1: "sex", 2: "join_date", 3: "full_date"}


def test_a_field_claimed_twice_keeps_its_first_column():
    assert fields_of(["姓名", "单位", "工作单位", "年龄"]) == {
        0: "name",
        1: "work_unit",
        2: None,
        3: None,
    }


# --- fields from values --------------------------------------------------------------------
CATEGORY_VALUES = ["正式党员", "预备党员", "正式党员", None, "正式党员"]


@pytest.mark.parametrize("header", ["人员类别", "备注", "身份", "职务"])
def test_a_column_of_category_words_is_the_category_whatever_its_header(header):
    labels = ["姓名", header, "入党时间"]
    sample = [["张三", v, "2010.07"] for v in CATEGORY_VALUES]
    proposal = propose_fields(labels, sample)
    assert proposal.fields == {0: "name", 1: "category", 2: "join_date"}
    assert proposal.by_values == {1}


@pytest.mark.parametrize(
    "words", [("中共党员", "中共预备党员"), ("正式", "预备"), ("正式党员", "预备党员")]
)
def test_every_spelling_of_the_category_is_recognised(words):
    sample = [["张三", words[i % 2]] for i in range(6)]
    assert fields_of(["姓名", "人员类别"], sample) == {0: "name", 1: "category"}


def test_the_category_moves_from_a_header_whose_values_are_not_categories():
    labels = ["姓名", "类别", "人员类别"]
    sample = [["张三", "在职", v] for v in CATEGORY_VALUES]
    assert fields_of(labels, sample) == {0: "name", 1: None, 2: "category"}


def test_a_column_naming_probationary_members_beats_one_of_zhonggong_dangyuan_for_all():
    labels = ["姓名", "政治面貌", "人员类别"]
    sample = [["张三", "中共党员", v] for v in CATEGORY_VALUES]
    assert fields_of(labels, sample) == {0: "name", 1: None, 2: "category"}


def test_the_headers_category_column_stands_when_nothing_contradicts_it():
    labels = ["姓名", "党员类别", "人员类别"]
    empty = [["张三", None, "企事业单位专业技术人员"]] * 5
    assert fields_of(labels, empty)[1] == "category"
    agreeing = [["张三", v, "中共党员"] for v in CATEGORY_VALUES]
    assert fields_of(labels, agreeing) == {0: "name", 1: "category", 2: "person_category"}


def test_mixed_text_is_not_taken_for_a_category():
    labels = ["姓名", "备注"]
    sample = [["张三", v] for v in ("预备党员", "船员", "退休", "在职", None)]
    assert fields_of(labels, sample) == {0: "name", 1: "note"}


def test_an_unnamed_column_of_ids_or_sexes_is_named_by_its_values():
    labels = ["姓名", "号码", "男女"]
    sample = [["张三", make_id(seq=f"{i:03d}"), "男" if i % 2 else "女"] for i in range(5)]
    proposal = propose_fields(labels, sample)
    assert proposal.fields == {0: "name", 1: "id_number", 2: "sex"}
    # … but values never take a column whose header named another field
    assert fields_of(["姓名", "备注"], [["张三", GOOD_ID]] * 3) == {0: "name", 1: "note"}


def test_mapping_targets_are_the_member_forms_fields_in_its_order():
    tree = ET.parse(REPO_ROOT / "ui" / "member_dialog.ui")
    member_fields = {f.name for f in dataclasses.fields(Member)}
    form = [w.get("name") for w in tree.iter("widget") if w.get("name") in member_fields]
    form = [PARTY_GROUP if name == "party_group_id" else name for name in form]
    assert [f for f in IMPORTABLE_FIELDS if f != MOBILE_OR_LOST] == form


# --- one row ---------------------------------------------------------------------------------
def test_parse_row_collects_values_and_errors():
    parsed = parse_row(
        {
            "name": "张\u3000三",
            "sex": "男",
            "id_number": GOOD_ID,
            "join_date": "2010.07",
            "full_date": "不详",
            PARTY_GROUP: "甲板党小组",
            "phone": 13812345678,
        },
        groups={"甲板党小组": 7},
    )
    assert parsed.values["name"] == "张三"
    assert parsed.values["party_group_id"] == 7
    assert parsed.values["phone"] == "13812345678"
    assert parsed.values["join_date"] == date(2010, 7, 1)
    assert [(f, e.code) for f, e in parsed.errors] == [("full_date", "bad_date")]
    assert parsed.group_name == ""


def test_unknown_group_is_reported_not_refused():
    parsed = parse_row({"name": "李四", PARTY_GROUP: "轮机组"}, groups={"甲板党小组": 7})
    assert parsed.values["party_group_id"] is None
    assert parsed.group_name == "轮机组"
    assert parsed.errors == ()
