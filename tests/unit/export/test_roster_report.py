"""The roster adapter: columns and masking follow the column profile, the filter in words."""

from __future__ import annotations

import pytest
import roster_data
from roster_data import FULL_ID, MASKED_ID, MIDDLE_MASKED_ID

from dangjian_desktop.domain.people import MemberCategory, MemberFilter, PartyStatus
from dangjian_desktop.export.roster_columns import ROSTER_KEYS, roster_columns
from dangjian_desktop.export.roster_report import filter_words, roster_table

GROUPS = {3: "船舶19号组", 4: "油库一组"}


def cell(table, key: str, row: int = 0):
    (col,) = [c for c in table.columns if c.key == key]
    return col.value(row + 1, table.rows[row])


def test_default_profile_prints_the_birth_date_so_ids_keep_only_their_tail():
    table = roster_table(roster_data.report(1))
    assert [c.key for c in table.columns] == list(ROSTER_KEYS)
    assert cell(table, "id_number") == MASKED_ID
    assert table.header_note == "已隐去身份证号前14位；已隐去电话号码中间4位"


def test_a_profile_without_the_birth_date_keeps_the_area_code():
    table = roster_table(roster_data.report(1), ("index", "name", "id_number"))
    assert cell(table, "id_number") == MIDDLE_MASKED_ID
    assert table.header_note.startswith("已隐去身份证号中间8位")


def test_full_numbers_only_when_asked_and_the_note_says_so():
    table = roster_table(roster_data.report(1, full_ids=True, full_phones=True))
    assert cell(table, "id_number") == FULL_ID
    assert cell(table, "phone") == "13812345678"
    assert table.header_note == "含完整身份证号；含完整电话号码，请妥善保管"


def test_unknown_column_key_is_refused():
    with pytest.raises(ValueError, match="shoe_size"):
        roster_columns(roster_data.report(1), ("name", "shoe_size"))


def test_table_furniture():
    table = roster_table(roster_data.report(2, prepared_by="张三", filter_text="预备党员"))
    assert table.title == "中共某某船舶党支部 党员花名册"
    assert table.sheet_name == "党员花名册"
    assert table.subtitle == ("筛选条件：预备党员", "制表日期：2026年11月26日", "共 2 人")
    assert table.signature == "制表人：张三　　　　审核人：________"
    assert table.landscape
    assert table.row_name(table.rows[0]) == "王建国"


@pytest.mark.parametrize(
    ("flt", "words"),
    [
        (MemberFilter(), ""),
        (MemberFilter(statuses=(PartyStatus.NORMAL,)), ""),
        (MemberFilter(party_group_id=3), "党小组“船舶19号组”"),
        (MemberFilter(party_group_id=99), "党小组（已删除）"),
        (MemberFilter(category=MemberCategory.PROBATIONARY), "预备党员"),
        (MemberFilter(text="  王 "), "搜索“王”"),
        (MemberFilter(text="王" * 5000), f"搜索“{'王' * 19}…”"),
        (MemberFilter(statuses=tuple(PartyStatus)), "含全部党籍状态"),
        (MemberFilter(statuses=()), "含全部党籍状态"),
        (MemberFilter(statuses=(PartyStatus.TRANSFERRED_OUT,)), "党籍状态“已转出”"),
        (MemberFilter(only_deleted=True), "回收站中的党员"),
        (
            MemberFilter(text="zs", party_group_id=4, category=MemberCategory.FORMAL),
            "党小组“油库一组”；正式党员；搜索“zs”",
        ),
    ],
)
def test_filter_in_words(flt, words):
    assert filter_words(flt, GROUPS) == words
