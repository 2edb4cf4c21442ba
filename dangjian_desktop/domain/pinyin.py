"""Pinyin initials of a Chinese name, for search ("zsf" finds 张三丰).

Surnames are often read differently from the same character elsewhere: 单 is shan as a
surname (dan elsewhere), 曾 zeng (ceng), 解 xie (jie), 仇 qiu (chou), 朴 piao (pu), 区 ou (qu),
查 zha (cha), 盖 ge (gai), 乐 yue (le). `search_keys` therefore lists several initials strings,
the surname reading first, so a search matches whichever reading the user types.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import combinations, product

MAX_VARIANTS = 8
# Readings per given-name character: pypinyin lists common readings first; rarer ones add noise.
READINGS_PER_CHAR = 2
SEPARATOR = "|"
# pypinyin reads a name word by word (its phrase dictionary decides the words), each word
# on its own: caching the reading per word and per character gives the same result as a
# whole-name lookup at a fraction of the cost (10,000 names in a roster import).
CACHE_SIZE = 8192

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


@cache
def _pypinyin():
    """pypinyin loads its dictionaries on import (~0.1 s): only when a name is first
    converted, not at every start-up (DESIGN.md §5)."""
    import pypinyin

    return pypinyin


@cache
def _segmenter():
    from pypinyin.core import Pinyin

    return Pinyin()


def initials(text: str) -> str:
    """Lower-case first letters of each syllable; other characters kept as typed (lower)."""
    pypinyin = _pypinyin()
    letters = pypinyin.lazy_pinyin(
        text, style=pypinyin.Style.FIRST_LETTER, errors="default", strict=False
    )
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
    defaults = [reading for word in _segmenter().seg(name) for reading in _word_readings(word)]
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
            readings = [default, *_char_readings(char)]
        positions.append(_unique(reading[0].lower() for reading in readings))
    return [p for p in positions if p]


def _keep_chars(chunk: str) -> list[str]:
    return list(chunk)


@lru_cache(maxsize=CACHE_SIZE)
def _word_readings(word: str) -> tuple[str, ...]:
    """The default reading of each character of one of pypinyin's words, as
    `lazy_pinyin(name)` gives them (a one-word list is converted without re-segmenting);
    characters without pinyin are kept as they are."""
    return tuple(_pypinyin().lazy_pinyin([word], errors=_keep_chars, strict=False))


@lru_cache(maxsize=CACHE_SIZE)
def _char_readings(char: str) -> tuple[str, ...]:
    """The most common readings of one character (heteronyms), best first."""
    pypinyin = _pypinyin()
    readings = pypinyin.pinyin(char, heteronym=True, style=pypinyin.Style.NORMAL)
    return tuple(readings[0][:READINGS_PER_CHAR])


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
