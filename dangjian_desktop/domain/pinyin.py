"""Pinyin keys of a Chinese name: the roster's sort order and its search.

Chinese users expect names in the order of a dictionary: by the full pinyin of each
character (tones ignored), so 王建国 and 王五 stay together and 张 comes before 赵; `sort_key`
gives "wang jian guo", syllables separated by a space, which sorts before every letter (李娜
"li na" before 连军 "lian jun": all 李 before 连, as in a dictionary).

Search accepts initials ("zsf" finds 张三丰) and full pinyin ("zhangsan", "zhangs").
Surnames are often read differently from the same character elsewhere: 单 is shan as a
surname (dan elsewhere), 曾 zeng (ceng), 解 xie (jie), 仇 qiu (chou), 朴 piao (pu), 区 ou (qu),
查 zha (cha), 盖 ge (gai), 乐 yue (le). pypinyin (0.55) has no surname mode (its issue #120),
so the first character takes the reading of SURNAME_READINGS; `search_keys` also lists the
other plausible readings, the surname reading first, so a search matches whichever reading
the user types.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import combinations, product
from typing import NamedTuple

MAX_VARIANTS = 8  # per family: initials, full pinyin
# Combinations tried for them: a long name of heteronyms must not enumerate millions.
MAX_CHOICES = 64
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


class _Position(NamedTuple):  # a tuple: built 3 times per name, 10,000 names an import
    """One Chinese character (its readings, best first) or a run of letters and digits."""

    readings: tuple[str, ...]
    syllable: bool  # a character's pinyin (its initial is the first letter) or a latin run


def name_keys(name: str) -> tuple[str, str]:
    """(sort key, search keys) of a name from one reading of it; see the two functions."""
    positions = _positions(name.strip())
    best = " ".join(p.readings[0] for p in positions)
    initials_keys: list[str] = []
    spelled_keys: list[str] = []
    for tried, choice in enumerate(_choices(positions)):
        if tried == MAX_CHOICES:
            break
        _add(initials_keys, "".join(_initial(p, r) for p, r in zip(positions, choice, strict=True)))
        _add(spelled_keys, "".join(choice))
        if len(initials_keys) == len(spelled_keys) == MAX_VARIANTS:
            break
    keys = [*initials_keys, *(k for k in spelled_keys if k not in initials_keys)]
    return best, SEPARATOR.join(keys)


def sort_key(name: str) -> str:
    """The name's full pinyin without tones, syllables separated by a space, lower case:
    "王建国" → "wang jian guo", "单田芳" → "shan tian fang", "John Smith" → "john smith".
    Not Chinese: letters and digits kept (lower case), anything else separates words."""
    return name_keys(name)[0]


def search_keys(name: str) -> str:
    """Plausible readings of a person's name joined by "|": first the initials strings,
    then the full-pinyin strings, each family best reading first and at most MAX_VARIANTS:
    "单田芳" → "stf|dtf|shantianfang|dantianfang". A search matches a prefix of any of them.

    Surname readings × the common readings of the other characters, fewest departures from
    the best reading first. Characters that are not Chinese are kept if letters or digits
    (lower case); spaces and "·" are dropped.
    """
    return name_keys(name)[1]


def _initial(position: _Position, reading: str) -> str:
    return reading[0] if position.syllable else reading


def _add(keys: list[str], key: str) -> None:
    if len(keys) < MAX_VARIANTS and key not in keys:
        keys.append(key)


def _positions(name: str) -> list[_Position]:
    """The name's syllables and latin runs, each with its possible readings (best first)."""
    if not name:
        return []
    defaults = [reading for word in _segmenter().seg(name) for reading in _word_readings(word)]
    if len(defaults) != len(name):  # not aligned char by char: fall back to one reading
        words = _pypinyin().lazy_pinyin(name, errors=_keep_chars, strict=False)
        return [_Position((w.lower(),), True) for w in words if w.isalnum()]
    positions: list[_Position] = []
    start = 0
    compound = COMPOUND_SURNAMES.get(name[:2]) if len(name) > 2 else None
    if compound:
        positions.extend(_Position((syllable,), True) for syllable in compound.split())
        start = 2
    run = ""  # letters and digits that are not Chinese, kept together as one word
    for index in range(start, len(name)):
        char, default = name[index], defaults[index]
        if default == char and char.isalnum():  # not Chinese
            run += char.lower()
            continue
        if run:
            positions.append(_Position((run,), False))
            run = ""
        if default == char:
            continue
        readings = _readings(char, default, index == 0)
        if readings:
            positions.append(_Position(readings, True))
    if run:
        positions.append(_Position((run,), False))
    return positions


@lru_cache(maxsize=CACHE_SIZE)
def _readings(char: str, default: str, surname: bool) -> tuple[str, ...]:
    """A character's readings, best first: a surname's listed readings, else its ordinary
    one only; another character's reading in context and its common heteronyms."""
    if surname:
        readings = [*SURNAME_READINGS.get(char, ()), default]
    else:
        readings = [default, *_char_readings(char)]
    return tuple(_unique(r.lower() for r in readings if r))


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


def _choices(positions: list[_Position]) -> Iterator[tuple[str, ...]]:
    """Every combination of readings, ordered by how many positions depart from their
    first reading."""
    open_positions = [i for i, p in enumerate(positions) if len(p.readings) > 1]
    base = [p.readings[0] for p in positions]
    for count in range(len(open_positions) + 1):
        for chosen in combinations(open_positions, count):
            for picks in product(*(positions[i].readings[1:] for i in chosen)):
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
