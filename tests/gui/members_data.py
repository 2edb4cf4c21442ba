"""Members for GUI tests: valid ID numbers built with the real check character."""

from __future__ import annotations

from datetime import date

from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import Member, MemberCategory, Sex
from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage import member_repo

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def make_id(birth: date, serial: int, male: bool) -> str:
    seq = serial % 500 * 2 + (1 if male else 0)  # 17th digit odd = male
    first17 = f"110105{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def member(i: int, **overrides) -> Member:
    birth = date(1960 + i % 40, i % 12 + 1, i % 28 + 1)
    male = i % 3 != 0
    join = date(birth.year + 25, 7, 1)
    values = dict(
        name=SURNAMES[i % len(SURNAMES)]
        + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        + (GIVEN[i % 7] if i % 2 else ""),
        sex=Sex.MALE if male else Sex.FEMALE,
        ethnicity="汉族",
        birth_date=birth,
        id_number=make_id(birth, i, male),
        phone=f"138{i:08d}",
        join_date=join,
        full_date=date(join.year + 1, 7, 1),
        category=MemberCategory.FORMAL,
    )
    values.update(overrides)
    return Member(**values)


def bulk_insert(workspace, count: int) -> None:
    """Fast fill for big-table tests: one transaction through the repository."""
    with write_session(workspace.database.engine, "test.bulk_insert") as session:
        member_repo.insert_many(session, [member(i) for i in range(count)])
