"""The roster query in SQL: text search (name, pinyin initials or full pinyin, ID tail,
phone), filters, name order by full pinyin, sorting with id as tie-breaker, batched row
fetches past SQLite's variable limit, and a 10,000-member file searched correctly. On a
file opened through the real open path."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    MemberFilter,
    MemberSort,
    PartyStatus,
    Sex,
    StatusChange,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.domain.pinyin import name_keys
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import member_history_repo, member_repo
from dangjian_desktop.storage.tables import MemberRow


def id_number(seq: int, birth: date = date(1980, 1, 1)) -> str:
    body = f"110105{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def make_groups(ws) -> dict[str, int]:
    ws.branch.save_profile(
        BranchProfile(full_name="测试党支部", groups=(PartyGroup("甲板组"), PartyGroup("轮机组")))
    )
    return {name: gid for gid, name in ws.members.group_names().items()}


@pytest.fixture
def roster(workspace):
    """Six members covering each filter; returns (workspace, name → id)."""
    groups = make_groups(workspace)
    people = [
        Member("张三丰", id_number=id_number(111), phone="13812345678", join_date=date(1990, 1, 1)),
        Member(
            "张伟", id_number=id_number(222), phone="13900001234", party_group_id=groups["甲板组"]
        ),
        Member("李四", id_number=id_number(333), phone="0571-87654321", join_date=date(2001, 7, 1)),
        Member(
            "王芳",
            id_number=id_number(444),
            category=MemberCategory.PROBATIONARY,
            party_group_id=groups["轮机组"],
        ),
        Member("曾国藩", id_number=id_number(555), status=PartyStatus.TRANSFERRED_OUT),
        Member("赵敏", id_number=id_number(666), sex=Sex.FEMALE, party_group_id=groups["甲板组"]),
    ]
    with write_session(workspace.database.engine, "test.seed") as s:
        ids = {m.name: member_repo.insert_member(s, m) for m in people}
        member_repo.set_deleted(s, ids["赵敏"], datetime.now(UTC))
    return workspace, ids, groups


def names(ws, flt: MemberFilter, sort: MemberSort | None = None) -> list[str]:
    with read_session(ws.database.engine) as s:
        found = member_repo.ids(s, flt, sort or MemberSort())
        rows = member_repo.rows(s, found)
    return [rows[i].name for i in found]


def test_default_filter_is_the_active_roster_in_pinyin_order(roster):
    ws, _, _ = roster
    # li si < wang fang < zhang san feng < zhang wei; 曾国藩 transferred out, 赵敏 deleted.
    assert names(ws, MemberFilter()) == ["李四", "王芳", "张三丰", "张伟"]


# Real names, and the order a Chinese user expects of them: full pinyin (tones ignored),
# the surname reading for the first character, then the characters, then the id. By
# initials (the old order) 吴涛 (wt) fell between 王建国 (wjg) and 王五 (ww), and 赵六 (zl)
# came before 张三丰 (zsf).
REAL_NAMES = [
    "赵六",
    "王五",
    "曾国藩",
    "张三丰",
    "汪五",
    "吴涛",
    "单田芳",
    "王建国",
    "连军",
    "李娜",
]


@pytest.fixture
def real_names(workspace):
    """The names above written in a shuffled order (ids do not follow the names)."""
    shuffled = list(REAL_NAMES)
    random.Random(3).shuffle(shuffled)
    with write_session(workspace.database.engine, "test.seed") as s:
        ids = {name: member_repo.insert_member(s, Member(name)) for name in shuffled}
    return workspace, ids


def test_real_names_sort_by_full_pinyin_then_characters(real_names):
    ws, _ = real_names
    assert names(ws, MemberFilter()) == [
        "李娜",  # li na
        "连军",  # lian jun: every 李 before 连, as in a dictionary
        "单田芳",  # shan tian fang: 单 as a surname, not dan
        "王建国",  # wang jian guo
        "汪五",  # wang wu; the same pinyin goes by the characters: 汪 U+6C6A before 王 U+738B
        "王五",
        "吴涛",  # wu tao
        "曾国藩",  # zeng guo fan, not ceng
        "张三丰",  # zhang: 张 before 赵
        "赵六",  # zhao liu
    ]
    descending = names(ws, MemberFilter(), MemberSort("name", descending=True))
    assert descending == list(reversed(names(ws, MemberFilter())))


def test_same_name_keeps_id_order(workspace):
    with write_session(workspace.database.engine, "test.seed") as s:
        first = member_repo.insert_member(s, Member("王五", note="一"))
        second = member_repo.insert_member(s, Member("王五", note="二"))
    with read_session(workspace.database.engine) as s:
        assert member_repo.ids(s, MemberFilter(), MemberSort()) == [first, second]
        descending = member_repo.ids(s, MemberFilter(), MemberSort("name", descending=True))
    assert descending == [second, first]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wangwu", ["汪五", "王五"]),  # full pinyin
        ("WangWu", ["汪五", "王五"]),
        ("wang", ["王建国", "汪五", "王五"]),  # a prefix of the full pinyin
        ("wangj", ["王建国"]),
        ("zhangsan", ["张三丰"]),
        ("zhangs", ["张三丰"]),
        ("zhang san", ["张三丰"]),  # spaces between syllables are ignored
        ("zsf", ["张三丰"]),  # initials still work
        ("zs", ["张三丰"]),
        ("zh", ["张三丰", "赵六"]),  # initials of nobody, the start of zhang and zhao
        ("shantian", ["单田芳"]),  # the surname reading …
        ("dantian", ["单田芳"]),  # … and the ordinary one
        ("zengguofan", ["曾国藩"]),
        ("cengguofan", ["曾国藩"]),
        ("lian", ["连军"]),
        ("li", ["李娜", "连军"]),
        ("sanfeng", []),  # a prefix of the whole name only, not of its middle
        ("angwu", []),
    ],
)
def test_search_by_full_pinyin_and_its_prefixes(real_names, text, expected):
    ws, _ = real_names
    assert names(ws, MemberFilter(text=text)) == expected


def test_keys_follow_every_update_of_the_name(workspace):
    with write_session(workspace.database.engine, "test") as s:
        mid = member_repo.insert_member(s, Member("王五"))
    with write_session(workspace.database.engine, "test") as s:
        member_repo.update_member(s, mid, Member("赵六"))
    assert names(workspace, MemberFilter(text="zhaoliu")) == ["赵六"]
    assert names(workspace, MemberFilter(text="wangwu")) == []
    with workspace.database.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT name_sort, name_search FROM member").one()
    assert tuple(stored) == ("zhao liu", "|zl|zhaoliu|zhaolu")
    assert name_keys("赵六") == ("zhao liu", "zl|zhaoliu|zhaolu")


@pytest.mark.parametrize("text", ["张" * 50_000, "a" * 50_000, "1" * 50_000, "%" * 50_000])
def test_a_huge_search_text_is_cut_before_it_reaches_sql(real_names, text):
    """SQLite refuses LIKE patterns over 50,000 bytes ("LIKE or GLOB pattern too complex")."""
    ws, _ = real_names
    assert names(ws, MemberFilter(text=text)) == []
    with read_session(ws.database.engine) as s:
        assert member_repo.count(s, MemberFilter(text=text)) == 0


def test_search_text_is_cut_at_the_limit_not_refused(real_names):
    ws, _ = real_names
    padded = "zhangsan" + " " * (member_repo.MAX_SEARCH_TEXT - len("zhangsan")) + "x" * 1000
    assert names(ws, MemberFilter(text=padded)) == ["张三丰"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", ["张三丰", "张伟"]),  # name contains
        ("三丰", ["张三丰"]),
        ("zsf", ["张三丰"]),  # pinyin initials
        ("ZS", ["张三丰"]),  # case-insensitive, a prefix of the initials
        ("z", ["张三丰", "张伟"]),
        ("sf", []),  # initials match from the start of the name
        ("1238", []),  # no ID ends with it
        (id_number(111)[-4:], ["张三丰"]),  # ID tail
        (id_number(444)[-6:].lower(), ["王芳"]),
        ("12345678", ["张三丰"]),  # phone contains
        ("8765", ["李四"]),
        ("%", []),  # LIKE wildcards are literal text
        ("_", []),
        ("  ", ["李四", "王芳", "张三丰", "张伟"]),  # blank does not filter
    ],
)
def test_text_search(roster, text, expected):
    ws, _, _ = roster
    assert names(ws, MemberFilter(text=text)) == expected


def test_id_tail_matches_the_end_only(roster):
    ws, _, _ = roster
    middle = id_number(111)[6:12]  # the birth date part, shared by everybody
    assert names(ws, MemberFilter(text=middle)) == []


def test_filters_by_group_status_category_and_deletion(roster):
    ws, _, groups = roster
    assert names(ws, MemberFilter(party_group_id=groups["甲板组"])) == ["张伟"]
    # 张伟 (zhang wei) before 赵敏 (zhao min)
    assert names(ws, MemberFilter(party_group_id=groups["甲板组"], include_deleted=True)) == [
        "张伟",
        "赵敏",
    ]
    assert names(ws, MemberFilter(only_deleted=True)) == ["赵敏"]
    assert names(ws, MemberFilter(statuses=(PartyStatus.TRANSFERRED_OUT,))) == ["曾国藩"]
    assert set(names(ws, MemberFilter(statuses=()))) == {"李四", "王芳", "曾国藩", "张三丰", "张伟"}
    assert names(ws, MemberFilter(category=MemberCategory.PROBATIONARY)) == ["王芳"]
    assert names(ws, MemberFilter(text="国", statuses=())) == ["曾国藩"]


def test_polyphonic_surname_is_found_by_its_initials(roster):
    ws, _, _ = roster
    assert names(ws, MemberFilter(text="zgf", statuses=())) == ["曾国藩"]


@pytest.mark.parametrize(
    "text", ["z", "Z", "zh", "张", " 张三 ", "zsf", "国", "%", "  ", "x" * 200]
)
def test_named_members_are_those_name_condition_finds_within_or_not(roster, text):
    """Every member, deleted and transferred out ones too (the 积分 list keeps their
    entries), with their name order key; within a set, only those of the set."""
    ws, ids, _ = roster
    with read_session(ws.database.engine) as s:
        condition = member_repo.name_condition(text)
        rows = s.connection().exec_driver_sql("SELECT id, name_sort FROM member").all()
        expected = (
            []
            if condition is None
            else sorted(
                (i, n)
                for i, n in s.connection().execute(
                    select(MemberRow.id, MemberRow.name_sort).where(condition)
                )
            )
        )
        assert member_repo.named(s, text) == expected
        assert set(expected) <= set(map(tuple, rows))
        some = [ids["张三丰"], ids["曾国藩"], ids["赵敏"], 10_000]
        within = [m for m in expected if m[0] in some]
        assert member_repo.named(s, text, some) == within
    assert member_repo.search_key(text) == text.strip()[: member_repo.MAX_SEARCH_TEXT].strip()


def test_named_members_include_deleted_and_transferred_ones(roster):
    ws, ids, _ = roster
    with read_session(ws.database.engine) as s:
        assert [i for i, _ in member_repo.named(s, "z")] == sorted(
            [ids["张三丰"], ids["张伟"], ids["曾国藩"], ids["赵敏"]]
        )


def test_count_matches_ids(roster):
    ws, _, _ = roster
    with read_session(ws.database.engine) as s:
        for flt in (MemberFilter(), MemberFilter(text="z"), MemberFilter(only_deleted=True)):
            assert member_repo.count(s, flt) == len(member_repo.ids(s, flt, MemberSort()))


def test_sort_by_fields_with_empty_values_last_and_id_tie_breaker(roster):
    ws, ids, _ = roster
    by_join = names(ws, MemberFilter(), MemberSort("join_date"))
    assert by_join[:2] == ["张三丰", "李四"]  # 1990, 2001; the rest have no date …
    assert by_join[2:] == sorted(by_join[2:], key=lambda n: ids[n])  # … and keep id order
    by_join_desc = names(ws, MemberFilter(), MemberSort("join_date", descending=True))
    assert by_join_desc[:2] == ["李四", "张三丰"]
    assert names(ws, MemberFilter(), MemberSort("name", descending=True)) == [
        "张伟",
        "张三丰",
        "王芳",
        "李四",
    ]
    # 党小组 sort by the group's place in the profile: 甲板组 before 轮机组, no group last.
    assert names(ws, MemberFilter(), MemberSort("party_group_id"))[:2] == ["张伟", "王芳"]
    assert names(ws, MemberFilter(), MemberSort("id")) == sorted(
        ["李四", "王芳", "张三丰", "张伟"], key=ids.get
    )
    with pytest.raises(ValueError):
        names(ws, MemberFilter(), MemberSort("name; DROP TABLE member"))


def test_ids_select_only_the_id_column(roster):
    ws, _, _ = roster
    statements = []
    engine = ws.database.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        names_ = None
        with read_session(engine) as s:
            names_ = member_repo.ids(s, MemberFilter(text="z"), MemberSort())
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert names_
    select = next(sql for sql in statements if "FROM member" in sql)
    assert select.split("FROM")[0].strip() == "SELECT member.id"


def test_rows_fetch_more_ids_than_sqlite_variables_in_one_call(workspace):
    members = [Member(f"党员{n}", uid=f"uid-{n}") for n in range(2500)]
    with write_session(workspace.database.engine, "test.bulk") as s:
        assert member_repo.insert_many(s, members) == 2500
    with read_session(workspace.database.engine) as s:
        all_ids = member_repo.ids(s, MemberFilter(), MemberSort("id"))
        assert len(all_ids) == 2500
        wanted = [*reversed(all_ids), 999_999]  # order does not matter, unknown ids are skipped
        rows = member_repo.rows(s, wanted)
        by_uid = member_repo.ids_by_uid(s, [m.uid for m in members])
    assert len(rows) == 2500
    assert rows[all_ids[1234]].name == "党员1234"
    assert by_uid["uid-2499"] == all_ids[-1]


def test_row_mapping_round_trips_every_field(workspace):
    groups = make_groups(workspace)
    member = Member(
        "欧阳娜娜",
        sex=Sex.FEMALE,
        birth_date=date(1990, 5, 6),
        id_number=id_number(124, date(1990, 5, 6)),
        join_date=date(2012, 7, 1),
        category=MemberCategory.PROBATIONARY,
        probation_extension_months=6,
        party_group_id=groups["轮机组"],
        is_mobile=True,
        lost_since=date(2024, 1, 1),
        is_lost=True,
        note="备注",
        uid="fixed-uid",
    )
    with write_session(workspace.database.engine, "test") as s:
        mid = member_repo.insert_member(s, member)
    with read_session(workspace.database.engine) as s:
        assert member_repo.get(s, mid) == replace(member, id=mid)


def test_insert_many_stores_what_insert_member_stores(workspace):
    groups = make_groups(workspace)
    member = Member(
        "单田芳",
        sex=Sex.MALE,
        birth_date=date(1990, 5, 6),
        id_number=id_number(125, date(1990, 5, 6)),
        join_date=date(2012, 7, 1),
        full_date=date(2013, 7, 1),
        party_group_id=groups["甲板组"],
        note="备注",
    )
    engine = workspace.database.engine
    with write_session(engine, "test") as s:
        one = member_repo.insert_member(s, replace(member, uid="one"))
        assert member_repo.insert_many(s, [replace(member, uid="many")]) == 1
        many = member_repo.ids_by_uid(s, ["many"])["many"]
        member_history_repo.add_statuses(
            s, [(many, StatusChange(PartyStatus.NORMAL, date(2012, 7, 1)))]
        )
    with engine.connect() as conn:
        table = {
            row.uid: row._asdict()
            for row in conn.exec_driver_sql("SELECT * FROM member WHERE id IN (?, ?)", (one, many))
        }
    skip = {"id", "uid", "created_at", "updated_at"}
    assert {k: v for k, v in table["many"].items() if k not in skip} == {
        k: v for k, v in table["one"].items() if k not in skip
    }
    assert table["many"]["name_sort"] == "shan tian fang"
    assert table["many"]["name_search"] == "|stf|dtf|shantianfang|dantianfang"
    assert table["many"]["created_at"] == table["many"]["updated_at"] is not None
    with read_session(engine) as s:
        assert member_history_repo.statuses(s, many)[0].reason == ""


def test_id_numbers_include_deleted_members_and_skip_empty_ones(roster):
    workspace, _, _ = roster
    with write_session(workspace.database.engine, "test") as s:
        member_repo.insert_member(s, Member("无证号"))
    with read_session(workspace.database.engine) as s:
        found = member_repo.id_numbers(s)
    assert found == {id_number(seq) for seq in (111, 222, 333, 444, 555, 666)}  # 赵敏 deleted


def test_status_history_transfers_and_photo(workspace):
    with write_session(workspace.database.engine, "test") as s:
        mid = member_repo.insert_member(s, Member("张三丰"))
        member_history_repo.add_status(
            s, mid, StatusChange(PartyStatus.SUSPENDED, date(2024, 5, 1))
        )
        member_history_repo.add_status(
            s, mid, StatusChange(PartyStatus.NORMAL, date(2020, 1, 1), "入党")
        )
        out = Transfer(TransferDirection.OUT, date(2024, 6, 1), to_org="二号船支部")
        member_history_repo.add_transfer(s, mid, out)
        member_history_repo.set_photo(s, mid, "image/png", b"\x89PNG")
    with read_session(workspace.database.engine) as s:
        history = member_history_repo.statuses(s, mid)
        assert [c.status for c in history] == [PartyStatus.NORMAL, PartyStatus.SUSPENDED]
        assert member_history_repo.last_status_date(s, mid) == date(2024, 5, 1)
        assert [replace(t, id=None) for t in member_history_repo.transfers(s, mid)] == [out]
        assert member_history_repo.photo(s, mid) == ("image/png", b"\x89PNG")
    with write_session(workspace.database.engine, "test") as s:
        member_history_repo.set_photo(s, mid, "", None)
    with read_session(workspace.database.engine) as s:
        assert member_history_repo.photo(s, mid) is None
        assert not member_history_repo.has_photo(s, mid)


def test_ten_thousand_members_searched_by_text(workspace):
    rng = random.Random(7)
    surnames, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超"
    members = []
    for n in range(10_000):
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2))))
        members.append(
            Member(
                name, id_number=id_number(n % 1000, date(1960 + n % 40, 1, 1)), phone=f"138{n:08d}"
            )
        )
    members[4321] = replace(members[4321], name="张三丰")
    with write_session(workspace.database.engine, "test.bulk") as s:
        member_repo.insert_many(s, members)
    ids_by_name: dict[str, list[int]] = {}
    with read_session(workspace.database.engine) as s:
        everyone = member_repo.rows(s, member_repo.ids(s, MemberFilter(), MemberSort("id")))
        for mid, m in everyone.items():
            ids_by_name.setdefault(m.name, []).append(mid)

        def search(text: str) -> set[int]:
            return set(member_repo.ids(s, MemberFilter(text=text), MemberSort()))

        assert search("zsf") == set(ids_by_name["张三丰"])
        assert search("张") == {i for i, m in everyone.items() if "张" in m.name}
        assert search("00004321") == {i for i, m in everyone.items() if "00004321" in m.phone}
        tail = members[77].id_number[-4:]
        assert search(tail) == {
            i for i, m in everyone.items() if m.id_number.endswith(tail) or tail in m.phone
        }
        assert len(everyone) == 10_000
