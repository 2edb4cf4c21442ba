"""党员队伍统计 on a crafted roster: every count is worked out by hand in the table below.

Sources: domain brief §8.3 (the 统计公报 dimensions and age bands; 统计依据: events counted
where they happened), 党章 art.7 (预备期 one year; 延长 decided when it ends), the 2023 统计公报
(中共中央组织部, 2024-06-30) for the 入党时间 periods.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyStatus,
    Sex,
    StatusChange,
    Transfer,
    TransferDirection,
    TransferKind,
)
from dangjian_desktop.domain.statistics import (
    AGE_BANDS,
    JOIN_PERIODS,
    UNKNOWN,
    AgeBand,
    age_on,
    category_on,
    education_group,
    roster_statistics,
)

AS_OF = date(2025, 12, 31)
YEAR = 2025
M, F = Sex.MALE, Sex.FEMALE
FORMAL, PROB = MemberCategory.FORMAL, MemberCategory.PROBATIONARY
FM, PB = FORMAL, PROB  # the table's 正式/预备 column
N = PartyStatus.NORMAL
IN, OUT = TransferDirection.IN, TransferDirection.OUT
WORKER, TECH, MANAGER = "工人（工勤技能人员）", "企事业单位专业技术人员", "企事业单位管理人员"


def d(text: str) -> date:
    return date.fromisoformat(text)


def person(id_, name, sex, eth, edu, birth, join, full, cat, occ, **kw) -> Member:
    return Member(
        name=name, sex=sex, ethnicity=eth, education=edu,
        birth_date=d(birth) if birth else None, join_date=d(join) if join else None,
        full_date=d(full) if full else None, category=cat, person_category=occ, id=id_, **kw,
    )  # fmt: skip


# id  name   sex eth    学历        出生         入党         转正         类别  职业
MEMBERS = [
    person(1, "张伟", M, "汉族", "大学本科", "1994-12-31", "2015-06-01", "2016-06-01", FM, TECH),
    person(2, "李娜", F, "回族", "研究生", "1994-12-30", "2010-07-01", "2011-07-01", FM, MANAGER),
    person(3, "王强", M, "汉族", "中等专科", "1995-01-01", "2012-11-08", "2013-11-08", FM, WORKER),
    person(4, "赵敏", F, "壮族", "大专", "1964-12-31", "1978-12-18", "1979-12-18", FM, WORKER),
    person(5, "刘洋", None, "", "", None, "1978-12-17", "1979-12-17", FM, ""),
    person(6, "陈静", F, "汉族", "大学专科", "2000-05-05", "2025-03-01", None, PB, WORKER),
    person(7, "孙磊", M, "汉族", "高中", "1990-02-28", "2024-04-01", None, PB, WORKER,
           probation_extension_months=6),
    person(8, "周杰", M, "汉族", "初中及以下", "1965-01-01", "2024-09-01", "2025-09-01", FM,
           "离退休人员"),
    person(9, "吴刚", M, "汉族", "大学本科", "1980-01-01", "2009-07-01", "2010-07-01", FM, TECH,
           status=PartyStatus.TRANSFERRED_OUT),
    person(10, "郑丽", F, "满族", "大学本科", "1998-07-07", "2024-11-01", "2025-11-01", FM, TECH),
    person(11, "钱坤", M, "汉族", "本科", "1985-03-15", "2025-02-01", None, PB, TECH),
    person(12, "冯雪", F, "汉族", "大学本科", "1990-01-01", "2019-12-01", "2020-12-01", FM, TECH),
    person(13, "何军", M, "汉族", "高中", "1975-01-01", "2000-07-01", "2001-07-01", FM, WORKER,
           status=PartyStatus.EXPELLED),
    person(14, "罗兰", F, "汉族", "高中", "1986-04-04", "2025-01-10", None, PB, WORKER,
           status=PartyStatus.EXPELLED),
    person(15, "高峰", M, "汉族", "高中", "1970-01-01", "2001-07-01", "2002-07-01", FM, WORKER,
           status=PartyStatus.SUSPENDED),
    person(16, "林海", M, "汉族", "高中", "1940-01-01", "1965-07-01", "1966-07-01", FM,
           "离退休人员", status=PartyStatus.DECEASED),
    person(17, "黄河", M, "汉族", "大学本科", "1999-01-01", "2026-01-05", None, PB, TECH),
    person(18, "马超", M, "回族", "硕士", "1980-06-01", "2002-11-08", "2003-11-08", FM, MANAGER),
    person(19, "胡斌", M, "汉族", "党校大学", "1970-08-20", "2002-11-07", "2003-11-07", FM,
           "其他职业人员"),
    Member(name="未保存", join_date=d("2025-05-05")),  # no id: not a record yet
]  # fmt: skip


def s(status, day) -> StatusChange:
    return StatusChange(status, d(day))


def t(direction, day, kind=TransferKind.FORMAL) -> Transfer:
    return Transfer(direction, d(day), kind)


STATUSES = {m.id: [s(N, m.join_date.isoformat())] for m in MEMBERS if m.id}
STATUSES.update(
    {
        9: [s(N, "2009-07-01"), s(PartyStatus.TRANSFERRED_OUT, "2025-08-01")],
        10: [s(N, "2025-05-01")],  # arrived as 预备党员, 转正 here
        # a transfer file brought the sending branch's history: 正常 there from 2025-02-01
        11: [s(N, "2025-02-01"), s(PartyStatus.TRANSFERRED_OUT, "2025-10-01"), s(N, "2025-10-10")],
        12: [s(N, "2019-12-01"), s(PartyStatus.TRANSFERRED_OUT, "2026-01-20"), s(N, "2026-02-01")],
        13: [s(N, "2000-07-01"), s(PartyStatus.EXPELLED, "2025-06-01")],
        14: [s(N, "2025-01-10"), s(PartyStatus.EXPELLED, "2025-11-20")],  # 取消预备党员资格
        15: [s(N, "2001-07-01"), s(PartyStatus.SUSPENDED, "2025-07-01")],
        16: [s(N, "1965-07-01"), s(PartyStatus.DECEASED, "2025-03-03")],
    }
)
TRANSFERS = {
    9: [t(OUT, "2025-08-01")],
    10: [t(IN, "2025-05-01")],
    11: [t(OUT, "2025-10-01"), t(IN, "2025-10-10")],  # the first is the sending branch's
    12: [t(OUT, "2026-01-20"), t(IN, "2026-02-01")],  # arrives after as_of
    18: [t(IN, "2025-04-01", TransferKind.TEMPORARY)],
}
GRADES = {1: "优秀", 10: "优秀", 2: "合格", 3: "合格", 7: "合格", 8: "合格", 11: "合格",
          18: "合格", 4: "基本合格", 19: "不合格", 9: "合格"}  # fmt: skip


@pytest.fixture(scope="module")
def stats():
    return roster_statistics(MEMBERS, STATUSES, TRANSFERS, AS_OF, YEAR, GRADES)


def test_members_counted_are_those_in_the_branch_on_as_of(stats):
    # out: 9 转出, 12 arrives 2026, 13 出党, 14 取消资格, 15 停止党籍, 16 去世, 17 joins 2026
    assert stats.members == (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 18, 19)
    assert stats.total == 12


def test_every_breakdown_adds_up_to_the_total(stats):
    for name, tally in stats.breakdowns().items():
        if name not in ("minorities", "grades"):
            assert tally.total == stats.total, name


def test_formal_and_probationary_on_as_of(stats):
    assert stats.category.counts() == {"formal": 9, "probationary": 3}
    assert stats.category.ids("probationary") == (6, 7, 11)


def test_sex_and_ethnicity(stats):
    assert stats.sex.counts() == {"female": 4, "male": 7, UNKNOWN: 1}
    assert stats.ethnicity.counts() == {"han": 7, "minority": 4, UNKNOWN: 1}
    assert stats.minorities.counts() == {"回族": 2, "壮族": 1, "满族": 1}


def test_education_grouped_as_the_annual_table_4(stats):
    assert stats.education.counts() == {
        "postgraduate": 2,  # 研究生, 硕士
        "bachelor": 3,  # 大学本科 ×2, 本科
        "college": 2,  # 大学专科, 大专
        "secondary": 2,  # 中等专科 (not 大学专科), 高中
        "junior_or_below": 1,
        "other": 1,  # 党校大学: not guessed
        UNKNOWN: 1,
    }
    assert stats.college_or_above == 7  # 大专及以上


def test_age_bands_at_as_of_with_birthday_boundaries(stats):
    assert stats.age.counts() == {
        "30_and_under": 3,  # 王强 turns 31 the day after as_of; 陈静 25; 郑丽 27
        "31_35": 3,  # 张伟 turns 31 on as_of; 李娜 the day before; 孙磊 35
        "36_40": 1,
        "41_45": 1,
        "46_50": 0,
        "51_55": 1,
        "56_60": 1,  # 周杰 turns 61 the day after as_of
        "61_and_over": 1,  # 赵敏 turns 61 on as_of
        UNKNOWN: 1,
    }
    assert stats.age.ids("30_and_under") == (3, 6, 10)
    assert stats.age.ids("31_35") == (1, 2, 7)


def test_join_periods_at_the_congress_dates(stats):
    assert stats.join_period.counts() == {
        "before_1949_10": 0,
        "1949_10_to_1978_12": 1,  # 1978-12-17, the day before the 三中全会 opened
        "1978_12_to_2002_11": 2,  # 1978-12-18 opening day; 2002-11-07 the day before 十六大
        "2002_11_to_2012_11": 2,  # 2002-11-08 opening day of 十六大
        "since_2012_11": 7,  # 2012-11-08 opening day of 十八大
        UNKNOWN: 0,
    }


def test_occupation_in_the_bulletin_order(stats):
    counts = stats.occupation.counts()
    assert {k: v for k, v in counts.items() if v} == {
        WORKER: 4,
        TECH: 3,
        MANAGER: 2,
        "其他职业人员": 1,
        "离退休人员": 1,
        UNKNOWN: 1,
    }
    assert stats.occupation.keys[:3] == (WORKER, "农牧渔民", TECH)


def test_appraisal_grades_of_the_members_counted(stats):
    # 吴刚 (9) was graded before he left: not on the roster on as_of, not counted
    assert stats.grades.counts() == {"优秀": 2, "合格": 6, "基本合格": 1, "不合格": 1, UNKNOWN: 2}


def test_year_counts_where_each_event_happened(stats):
    counts = stats.year_counts.counts()
    assert counts == {
        "developed": 2,  # 陈静, 罗兰; not 钱坤 (joined at the sending branch)
        "developed_female": 2,
        "developed_college": 1,
        "developed_35_and_under": 1,
        "full_membership": 2,  # 周杰, and 郑丽 who arrived as 预备党员
        "extended": 1,  # 孙磊: the first year ended 2025-04-01
        "probation_cancelled": 1,  # 罗兰
        "left_party": 2,  # 何军, 罗兰
        "suspended": 1,
        "deceased": 1,
        "transferred_in": 2,  # 郑丽, 钱坤; not 冯雪 (2026)
        "transferred_out": 1,  # 吴刚; not the sending branch's 转出 of 钱坤
        "temporary_in": 1,
        "temporary_out": 0,
    }
    yc = stats.year_counts
    assert yc.developed == (6, 14) and yc.full_membership == (8, 10)
    assert yc.transferred_in == (10, 11) and yc.transferred_out == (9,)


def test_another_year_counts_its_own_events():
    other = roster_statistics(MEMBERS, STATUSES, TRANSFERS, date(2026, 12, 31), 2026)
    assert other.year_counts.developed == (17,)
    assert other.year_counts.transferred_in == (12,)
    assert 12 in other.members and 17 in other.members


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1995, 12, 31), date(2025, 12, 31), 30),  # the birthday itself: 30 from today
        (date(1995, 12, 30), date(2025, 12, 31), 30),
        (date(1996, 1, 1), date(2025, 12, 31), 29),  # tomorrow
        (date(2000, 2, 29), date(2025, 2, 28), 24),  # no 29 Feb in 2025: full on 1 March
        (date(2000, 2, 29), date(2025, 3, 1), 25),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
    ],
)
def test_age_in_full_years(birth, day, age):
    assert age_on(birth, day) == age


def test_category_on_a_date_follows_the_full_date():
    member = Member(name="甲", join_date=d("2024-09-01"), full_date=d("2025-09-01"))
    assert category_on(member, d("2025-08-31")) is PROB
    assert category_on(member, d("2025-09-01")) is FORMAL
    assert category_on(Member(name="乙", category=PROB), AS_OF) is PROB
    assert category_on(Member(name="丙"), AS_OF) is FORMAL  # an old roster without the date


@pytest.mark.parametrize(
    ("text", "group"),
    [("中等专科", "secondary"), ("大学专科", "college"), (" 本科 ", "bachelor"),
     ("博士", "postgraduate"), ("", UNKNOWN), ("党校研究生", "other")],
)  # fmt: skip
def test_education_groups_by_exact_value(text, group):
    assert education_group(text) == group


def test_bands_are_data():
    assert [(b.low, b.high) for b in AGE_BANDS] == [
        (None, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, None)
    ]  # fmt: skip
    assert JOIN_PERIODS[-1].start == date(2012, 11, 8)
    two = (AgeBand("young", None, 35), AgeBand("older", 36, None))
    stats = roster_statistics(MEMBERS, STATUSES, TRANSFERS, AS_OF, YEAR, age_bands=two)
    assert stats.age.counts() == {"young": 6, "older": 5, UNKNOWN: 1}


def test_a_member_without_history_is_not_counted():
    member = replace(MEMBERS[0], id=99)
    assert roster_statistics([member], {}, {}, AS_OF, YEAR).total == 0
