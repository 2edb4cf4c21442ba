"""member pinyin: roster order by full pinyin, search by full pinyin as well as initials

Replaces member.name_initials ("wjg") by name_sort ("wang jian guo", the roster's order) and
name_search ("|wjg|wangjianguo", initials and full pinyin of each plausible reading), fills
both for every existing member, and rebuilds the covering roster index on the new order.

The name keys are computed by a copy of domain/pinyin.py as it was at this revision, not by
importing it: a migration is a frozen step. If the domain function changes later (another
key format, another surname table), this step must still produce exactly what revision 0003
means, or a later migration that converts 0003's keys would get something else; a later
change to the keys comes with its own migration that recomputes them (the test
test_upgraded_members_get_the_keys_the_program_writes fails until it exists). Only
pypinyin's dictionary is not frozen: a newer pypinyin may read a rare character otherwise.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import combinations, product

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500  # members read and updated per statement pair
_ROSTER_BEFORE = [
    "status",
    "name_initials",
    "name",
    "id",
    "phone",
    "id_number",
    "deleted_at",
    "party_group_id",
    "category",
]
_ROSTER_AFTER = [
    "status",
    "name_sort",
    "name",
    "id",
    "name_search",
    "phone",
    "id_number",
    "deleted_at",
    "party_group_id",
    "category",
]


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_roster")
        batch_op.drop_index(batch_op.f("ix_member_name_initials"))
        batch_op.drop_column("name_initials")
        # The server default fills the rows already there; _fill then writes the keys.
        for name in ("name_sort", "name_search"):
            batch_op.add_column(
                sa.Column(
                    name,
                    sqlmodel.sql.sqltypes.AutoString(),
                    nullable=False,
                    server_default="",
                )
            )
    _fill(lambda name: _name_columns(name), ("name_sort", "name_search"))
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index("ix_member_roster", _ROSTER_AFTER, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_roster")
        batch_op.drop_column("name_search")
        batch_op.drop_column("name_sort")
        batch_op.add_column(
            sa.Column(
                "name_initials",
                sqlmodel.sql.sqltypes.AutoString(length=50),
                nullable=False,
                server_default="",
            )
        )
    _fill(lambda name: (_name_keys(name)[2],), ("name_initials",))
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_name_initials"), ["name_initials"], unique=False
        )
        batch_op.create_index("ix_member_roster", _ROSTER_BEFORE, unique=False)


def _fill(keys, columns: tuple[str, ...]) -> None:
    """Write `keys(name)` into `columns` for every member, BATCH rows at a time."""
    conn = op.get_bind()
    # A damaged name (bytes that are not UTF-8) must not stop the upgrade of the whole
    # file: read the bytes and decode what can be decoded.
    name = "CAST(name AS BLOB)" if conn.dialect.name == "sqlite" else "name"
    select = sa.text(f"SELECT id, {name} FROM member WHERE id > :last ORDER BY id LIMIT :n")
    sets = ", ".join(f"{c} = :{c}" for c in columns)
    update = sa.text(f"UPDATE member SET {sets} WHERE id = :member_id")
    last = 0
    while rows := conn.execute(select, {"last": last, "n": BATCH}).fetchall():
        batch = []
        for member_id, raw in rows:
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw or ""
            batch.append({"member_id": member_id, **dict(zip(columns, keys(text), strict=True))})
        conn.execute(update, batch)
        last = rows[-1][0]


# --- domain/pinyin.py at revision 0003, frozen (see the module docstring) -----------------
_MAX_VARIANTS = 8
_MAX_CHOICES = 64
_READINGS_PER_CHAR = 2
_SEPARATOR = "|"

_COMPOUND_SURNAMES: dict[str, str] = {
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "单于": "chan yu",
    "澹台": "tan tai",
    "长孙": "zhang sun",
    "令狐": "ling hu",
    "乐正": "yue zheng",
    "亓官": "qi guan",
    "欧阳": "ou yang",
    "司马": "si ma",
    "诸葛": "zhu ge",
    "上官": "shang guan",
    "皇甫": "huang fu",
    "东方": "dong fang",
    "慕容": "mu rong",
    "宇文": "yu wen",
    "公孙": "gong sun",
    "夏侯": "xia hou",
    "轩辕": "xuan yuan",
    "端木": "duan mu",
    "南宫": "nan gong",
    "西门": "xi men",
    "百里": "bai li",
    "呼延": "hu yan",
    "闻人": "wen ren",
    "赫连": "he lian",
    "钟离": "zhong li",
    "司徒": "si tu",
    "司空": "si kong",
    "独孤": "du gu",
    "申屠": "shen tu",
    "淳于": "chun yu",
    "濮阳": "pu yang",
    "宗政": "zong zheng",
    "第五": "di wu",
    "拓跋": "tuo ba",
}

_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "区": ("ou",),
    "查": ("zha",),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "覃": ("qin", "tan"),
    "翟": ("zhai",),
    "召": ("shao",),
    "缪": ("miao",),
    "秘": ("bi",),
    "繁": ("po",),
    "种": ("chong",),
    "重": ("chong",),
    "员": ("yun",),
    "黑": ("he",),
    "柏": ("bai",),
    "阚": ("kan",),
    "句": ("gou",),
    "尉": ("yu", "wei"),
    "瞿": ("qu",),
    "能": ("nai",),
    "折": ("she",),
    "隗": ("wei",),
    "宓": ("mi", "fu"),
    "费": ("fei",),
    "那": ("na",),
    "任": ("ren",),
    "华": ("hua",),
    "纪": ("ji",),
    "车": ("che",),
    "贾": ("jia",),
    "长": ("chang", "zhang"),
    "沈": ("shen",),
    "薄": ("bo",),
    "祭": ("zhai",),
    "厍": ("she",),
    "谌": ("chen",),
    "洗": ("xian",),
    "冼": ("xian",),
}


def _name_columns(name: str) -> tuple[str, str]:
    """(name_sort, name_search) as stored: each reading in name_search after a "|"."""
    sort, search, _initials = _name_keys(name)
    return sort, _SEPARATOR + search


def _name_keys(name: str) -> tuple[str, str, str]:
    """(sort key, search keys, initials keys) of a name: "单田芳" →
    ("shan tian fang", "stf|dtf|shantianfang|dantianfang", "stf|dtf")."""
    positions = _positions(name.strip())
    best = " ".join(readings[0] for readings, _syllable in positions)
    initials_keys: list[str] = []
    spelled_keys: list[str] = []
    for tried, choice in enumerate(_choices(positions)):
        if tried == _MAX_CHOICES:
            break
        initial = "".join(
            r[0] if syllable else r for (_, syllable), r in zip(positions, choice, strict=True)
        )
        _add(initials_keys, initial)
        _add(spelled_keys, "".join(choice))
        if len(initials_keys) == len(spelled_keys) == _MAX_VARIANTS:
            break
    keys = [*initials_keys, *(k for k in spelled_keys if k not in initials_keys)]
    return best, _SEPARATOR.join(keys), _SEPARATOR.join(initials_keys)


def _add(keys: list[str], key: str) -> None:
    if len(keys) < _MAX_VARIANTS and key not in keys:
        keys.append(key)


def _positions(name: str) -> list[tuple[tuple[str, ...], bool]]:
    """(readings best first, is a syllable) per character; latin runs are one position."""
    if not name:
        return []
    import pypinyin

    defaults = [reading for word in _segmenter().seg(name) for reading in _word_readings(word)]
    if len(defaults) != len(name):
        words = pypinyin.lazy_pinyin(name, errors=list, strict=False)
        return [((w.lower(),), True) for w in words if w.isalnum()]
    positions: list[tuple[tuple[str, ...], bool]] = []
    start = 0
    compound = _COMPOUND_SURNAMES.get(name[:2]) if len(name) > 2 else None
    if compound:
        positions.extend(((syllable,), True) for syllable in compound.split())
        start = 2
    run = ""
    for index in range(start, len(name)):
        char, default = name[index], defaults[index]
        if default == char and char.isalnum():
            run += char.lower()
            continue
        if run:
            positions.append(((run,), False))
            run = ""
        if default == char:
            continue
        if index == 0:
            readings = [*_SURNAME_READINGS.get(char, ()), default]
        else:
            readings = [default, *_char_readings(char)]
        readings = _unique(r.lower() for r in readings if r)
        if readings:
            positions.append((tuple(readings), True))
    if run:
        positions.append(((run,), False))
    return positions


@lru_cache(maxsize=1)
def _segmenter():
    from pypinyin.core import Pinyin

    return Pinyin()


@lru_cache(maxsize=8192)
def _word_readings(word: str) -> tuple[str, ...]:
    import pypinyin

    return tuple(pypinyin.lazy_pinyin([word], errors=list, strict=False))


@lru_cache(maxsize=8192)
def _char_readings(char: str) -> tuple[str, ...]:
    import pypinyin

    readings = pypinyin.pinyin(char, heteronym=True, style=pypinyin.Style.NORMAL)
    return tuple(readings[0][:_READINGS_PER_CHAR])


def _choices(positions: list[tuple[tuple[str, ...], bool]]) -> Iterator[tuple[str, ...]]:
    open_positions = [i for i, (readings, _) in enumerate(positions) if len(readings) > 1]
    base = [readings[0] for readings, _ in positions]
    for count in range(len(open_positions) + 1):
        for chosen in combinations(open_positions, count):
            for picks in product(*(positions[i][0][1:] for i in chosen)):
                choice = list(base)
                for i, reading in zip(chosen, picks, strict=True):
                    choice[i] = reading
                yield tuple(choice)


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
