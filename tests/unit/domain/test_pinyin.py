"""Pinyin keys for names: the roster's sort key and its search keys.

Surname readings follow common usage of 百家姓 heteronyms (单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú,
朴 Piáo, 区 Ōu, 查 Zhā, 盖 Gě, 乐 Yuè; 尉迟 Yùchí, 万俟 Mòqí).
"""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.pinyin import (
    MAX_VARIANTS,
    initials,
    name_keys,
    search_keys,
    sort_key,
)


def keys(name: str) -> list[str]:
    return search_keys(name).split("|")


def initials_keys(name: str) -> list[str]:
    """The initials family: the keys as long as the name has syllables."""
    syllables = len(sort_key(name).split())
    return [k for k in keys(name) if len(k) == syllables]


def roster_order(names: list[str]) -> list[str]:
    """The order member_repo gives: sort key, then the characters (then the id)."""
    return sorted(names, key=lambda n: (sort_key(n), n))


# --- initials (unchanged behaviour) -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("张三丰", "zsf"), ("王海", "wh"), ("Li Lei", "lilei"), ("", ""), ("船舶1号", "cb1h")],
)
def test_initials(text, expected):
    assert initials(text) == expected


# --- sort_key: the order a Chinese user expects ------------------------------------------------
def test_real_names_sort_by_full_pinyin_as_in_a_dictionary():
    """By initials (the old order) 吴涛 (wt) fell between 王建国 (wjg) and 王五 (ww), and
    赵六 (zl) came before 张三丰 (zsf)."""
    names = ["赵六", "王五", "曾国藩", "张三丰", "吴涛", "单田芳", "王建国", "李娜", "连军", "吕布"]
    assert roster_order(names) == [
        "李娜",  # li na
        "连军",  # lian jun: every 李 before 连, as in a dictionary
        "吕布",  # lv bu: ü after u
        "单田芳",  # shan (surname reading, not dan)
        "王建国",  # wang jian guo
        "王五",  # wang wu: the two 王 stay together
        "吴涛",  # wu tao
        "曾国藩",  # zeng (not ceng)
        "张三丰",  # zhang: 张 before 赵
        "赵六",  # zhao
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("王建国", "wang jian guo"),
        ("单田芳", "shan tian fang"),
        ("曾国藩", "zeng guo fan"),
        ("解缙", "xie jin"),
        ("仇英", "qiu ying"),
        ("区小明", "ou xiao ming"),
        ("朴槿惠", "piao jin hui"),
        ("查良镛", "zha liang yong"),
        ("乐嘉", "yue jia"),
        ("尉迟恭", "yu chi gong"),
        ("长孙无忌", "zhang sun wu ji"),
        ("买买提·艾力", "mai mai ti ai li"),
        ("John Smith", "john smith"),
        ("  ", ""),
    ],
)
def test_sort_key_is_full_pinyin_with_the_surname_reading_first(name, key):
    assert sort_key(name) == key


def test_same_pinyin_sorts_by_the_characters():
    """Tones are ignored: 王五 and 汪五 share "wang wu" and keep code-point order."""
    assert sort_key("王五") == sort_key("汪五")
    assert roster_order(["王五", "汪五"]) == sorted(["王五", "汪五"])


def test_name_keys_gives_both_keys_from_one_reading():
    assert name_keys("单田芳") == (sort_key("单田芳"), search_keys("单田芳"))


# --- search_keys --------------------------------------------------------------------------------
def test_search_keys_hold_initials_then_full_pinyin():
    assert search_keys("张三丰") == "zsf|zhangsanfeng"
    assert search_keys("单田芳") == "stf|dtf|shantianfang|dantianfang"


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


@pytest.mark.parametrize(
    ("name", "surname_spelled", "ordinary_spelled"),
    [("单田芳", "shantianfang", "dantianfang"), ("曾国藩", "zengguofan", "cengguofan")],
)
def test_full_pinyin_of_both_readings_is_searchable(name, surname_spelled, ordinary_spelled):
    found = keys(name)
    assert found.index(surname_spelled) < found.index(ordinary_spelled)


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
    assert {"wll", "wyy", "wanglele", "wangyueyue"} <= set(keys("王乐乐"))
    assert keys("王重阳")[0] == "wcy"  # pypinyin reads 重阳 as chóngyáng
    assert {"wzy", "wangzhongyang"} <= set(keys("王重阳"))


def test_variants_are_capped_per_family():
    found = keys("能行长重乐")
    assert len(initials_keys("能行长重乐")) == MAX_VARIANTS == 8
    assert len(found) == 2 * MAX_VARIANTS
    assert len(set(found)) == len(found)


def test_a_long_name_of_heteronyms_is_quick_and_capped():
    assert len(keys("乐长重行" * 12)) <= 2 * MAX_VARIANTS  # 48 open positions, no blow-up


def test_non_chinese_characters():
    assert keys("买买提·艾力")[0] == "mmtal"
    assert "maimaitiaili" in keys("买买提·艾力")
    assert search_keys("John Smith") == "johnsmith"
    assert search_keys("") == ""
    assert search_keys("  ") == ""
