"""Pinyin initials of a Chinese name, for search ("zsf" finds 张三丰).

Surnames are often read differently from the same character elsewhere: 单 is shan as a
surname (dan elsewhere), 曾 zeng (ceng), 解 xie (jie), 仇 qiu (chou), 朴 piao (pu), 区 ou (qu),
查 zha (cha), 盖 ge (gai), 乐 yue (le). `search_keys` therefore lists several initials strings,
the surname reading first, so a search matches whichever reading the user types.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, product

from pypinyin import Style, lazy_pinyin, pinyin

MAX_VARIANTS = 8
# Readings per given-name character: pypinyin lists common readings first; rarer ones add noise.
READINGS_PER_CHAR = 2
SEPARATOR = "|"

# Compound surnames (复姓) whose reading is fixed; only used when a given name follows.
COMPOUND_SURNAMES: dict[str, str] = {
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

# Single-character surnames read differently as a surname, that reading first. The character's
# ordinary reading (pypinyin's) is added after these.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
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


def initials(text: str) -> str:
    """Lower-case first letters of each syllable; other characters kept as typed (lower)."""
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default", strict=False)
    return "".join(letters).lower().replace(" ", "")


def search_keys(name: str) -> str:
    """Plausible initials strings of a person's name joined by "|", best reading first.

    Surname readings × the common readings of the other characters, at most MAX_VARIANTS,
    fewest departures from the best reading first: "单田芳" → "stf|dtf". Characters that are not
    Chinese are kept if letters or digits (lower case); spaces and "·" are dropped.
    """
    positions = _positions(name.strip())
    keys: list[str] = []
    for choice in _choices(positions):
        key = "".join(choice)
        if key not in keys:
            keys.append(key)
            if len(keys) == MAX_VARIANTS:
                break
    return SEPARATOR.join(keys)


def _positions(name: str) -> list[list[str]]:
    """For each character, its possible initials (best first); empty lists are dropped."""
    if not name:
        return []
    defaults = lazy_pinyin(name, errors=lambda chunk: list(chunk), strict=False)
    if len(defaults) != len(name):  # not aligned char by char: fall back to one reading
        return [[letter] for letter in initials(name)]
    positions: list[list[str]] = []
    start = 0
    compound = COMPOUND_SURNAMES.get(name[:2]) if len(name) > 2 else None
    if compound:
        positions.extend([syllable[0]] for syllable in compound.split())
        start = 2
    for index in range(start, len(name)):
        char, default = name[index], defaults[index]
        if default == char:  # not Chinese
            if char.isalnum():
                positions.append([char.lower()])
            continue
        if index == 0:  # the surname: its listed readings, else the ordinary one only
            readings = [*SURNAME_READINGS.get(char, ()), default]
        else:
            alternatives = pinyin(char, heteronym=True, style=Style.NORMAL)[0]
            readings = [default, *alternatives[:READINGS_PER_CHAR]]
        positions.append(_unique(reading[0].lower() for reading in readings))
    return [p for p in positions if p]


def _choices(positions: list[list[str]]) -> Iterator[tuple[str, ...]]:
    """Every combination, ordered by how many positions depart from their first reading."""
    open_positions = [i for i, options in enumerate(positions) if len(options) > 1]
    base = [options[0] for options in positions]
    for count in range(len(open_positions) + 1):
        for chosen in combinations(open_positions, count):
            for picks in product(*(positions[i][1:] for i in chosen)):
                choice = list(base)
                for i, letter in zip(chosen, picks, strict=True):
                    choice[i] = letter
                yield tuple(choice)


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
