"""Pinyin search keys for names.

Surname readings follow common usage of 百家姓 heteronyms (单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú,
朴 Piáo, 区 Ōu, 查 Zhā, 盖 Gě, 乐 Yuè; 尉迟 Yùchí, 万俟 Mòqí).
"""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.pinyin import MAX_VARIANTS, initials, search_keys


def keys(name: str) -> list[str]:
    return search_keys(name).split("|")


# --- initials (unchanged behaviour) -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("张三丰", "zsf"), ("王海", "wh"), ("Li Lei", "lilei"), ("", ""), ("船舶1号", "cb1h")],
)
def test_initials(text, expected):
    assert initials(text) == expected


# --- search_keys --------------------------------------------------------------------------------
def test_plain_name_has_one_key():
    assert search_keys("张三丰") == "zsf"
    assert "zsf" in keys("张三丰")


@pytest.mark.parametrize(
    ("name", "surname_key", "ordinary_key"),
    [
        ("单田芳", "stf", "dtf"),  # 单 Shàn
        ("曾国藩", "zgf", "cgf"),  # 曾 Zēng
        ("解缙", "xj", "jj"),  # 解 Xiè
        ("仇英", "qy", "cy"),  # 仇 Qiú
        ("区小明", "oxm", "qxm"),  # 区 Ōu
        ("查良镛", "zly", "cly"),  # 查 Zhā
        ("乐嘉", "yj", "lj"),  # 乐 Yuè
        ("覃海", "qh", "th"),  # 覃 Qín
        ("翟志刚", "zzg", "dzg"),  # 翟 Zhái
    ],
)
def test_heteronym_surname_reading_comes_first(name, surname_key, ordinary_key):
    found = keys(name)
    assert found[0] == surname_key
    assert ordinary_key in found


def test_single_tian_fang_example():
    assert search_keys("单田芳") == "stf|dtf"


@pytest.mark.parametrize(("name", "key"), [("朴槿惠", "pjh"), ("盖聂", "gn")])
def test_surname_reading_with_the_same_initial_adds_no_variant(name, key):
    """朴 Piáo/Pǔ and 盖 Gě/Gài share their first letter."""
    assert keys(name)[0] == key
    assert len(set(keys(name))) == len(keys(name))


@pytest.mark.parametrize(
    ("name", "key"),
    [("尉迟恭", "ycg"), ("万俟卨", "mqx"), ("长孙无忌", "zswj"), ("欧阳修", "oyx")],
)
def test_compound_surnames(name, key):
    assert keys(name)[0] == key


def test_surname_without_special_reading_keeps_its_ordinary_reading_only():
    """王 has rare readings (wàng, yù) but as a surname it is always Wáng."""
    assert all(key.startswith("w") for key in keys("王乐乐"))


def test_given_name_heteronyms_are_searchable():
    assert {"wll", "wyy"} <= set(keys("王乐乐"))
    assert keys("王重阳")[0] == "wcy"  # pypinyin reads 重阳 as chóngyáng
    assert "wzy" in keys("王重阳")


def test_variants_are_capped():
    found = keys("能行长重乐")
    assert len(found) == MAX_VARIANTS == 8
    assert len(set(found)) == len(found)


def test_non_chinese_characters():
    assert search_keys("买买提·艾力").split("|")[0] == "mmtal"
    assert search_keys("John Smith") == "johnsmith"
    assert search_keys("") == ""
    assert search_keys("  ") == ""
