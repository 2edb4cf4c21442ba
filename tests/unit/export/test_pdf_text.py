"""Breaking long user text into lines for the PDF: nothing lost, lines within the width, no
line starting with closing punctuation, Latin words and names kept whole, page splits
between lines."""

from __future__ import annotations

import pytest

from dangjian_desktop.export.errors import ExportTextError
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.pdf_text import CLOSING, LineBreaker, TextBlock, plain_text

SIZE = 10.0


@pytest.fixture(scope="module")
def breaker() -> LineBreaker:
    return LineBreaker(register_cjk_font(), SIZE)


TEXT = (
    "　　会议指出，要把学习贯彻党的二十届三中全会精神同做好船舶安全生产结合起来。"
    "（一）严格执行ISM规则和SMS体系文件；（二）做好MARPOL公约检查准备。"
    "各党小组要认真组织学习，确保“学深悟透、融会贯通”，不走过场。"
)


@pytest.mark.parametrize("chars", [7, 10, 13, 21])
def test_every_character_is_kept_and_no_line_is_too_wide(breaker, chars):
    room = chars * SIZE
    lines = breaker.lines(TEXT, room)
    assert "".join(lines) == TEXT  # no spaces in the text: nothing to drop at a break
    for line in lines:
        # A closing mark may hang one character into the margin, nothing more.
        overflow = breaker.text_width(line) - room
        assert overflow <= 0 or (line[-1] in CLOSING and overflow <= SIZE * 2), line


@pytest.mark.parametrize("chars", [7, 10, 13, 21])
def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one(breaker, chars):
    lines = breaker.lines(TEXT, chars * SIZE)
    assert len(lines) > 3
    assert not [line for line in lines[1:] if line[0] in CLOSING]
    assert not [line for line in lines if line[-1] in "（《「“"]


def test_latin_words_and_numbers_stay_whole(breaker):
    text = "按照 MARPOL 73/78 公约和 International Safety Management Code 的要求执行"
    lines = breaker.lines(text, 12 * SIZE)
    words = {"MARPOL", "73/78", "International", "Safety", "Management", "Code"}
    drawn = {w for line in lines for w in line.split()}
    assert words <= drawn
    assert not [line for line in lines if line != line.strip(" ")]  # spaces end no line


def test_a_word_wider_than_the_line_is_broken(breaker):
    lines = breaker.lines("x" * 200, 10 * SIZE)
    assert len(lines) > 5 and "".join(lines) == "x" * 200


def test_names_break_after_a_separator(breaker):
    names = "、".join(["王建华", "陈国栋", "单晓峰", "曾海涛", "林思远", "宋佳琪", "黄德胜"] * 3)
    for chars in (9, 11, 14, 17):
        lines = breaker.lines(names, chars * SIZE, names=True)
        assert "".join(lines) == names
        assert all(len(part) == 3 for line in lines for part in line.strip("、").split("、"))


def test_line_breaks_blank_lines_and_leading_spaces_are_kept(breaker):
    assert breaker.lines("甲\n\n  乙\n", 100) == ["甲", "", "  乙", ""]


def test_plain_text_turns_word_breaks_into_newlines_and_names_a_bad_character():
    assert plain_text("甲\x0b乙\r\n丙\t丁", field="会议记录", record="x") == "甲\n乙\n丙    丁"
    with pytest.raises(ExportTextError) as caught:
        plain_text("一\n二\n三\x07", field="遗留问题", record="2026.03.12 支委会")
    assert (caught.value.row_number, caught.value.column, caught.value.code_point) == (
        3,
        "遗留问题",
        7,
    )


def test_a_text_block_splits_between_lines_without_losing_any():
    block = TextBlock([f"第{i}行" for i in range(100)], register_cjk_font(), SIZE, 15.0)
    assert block.wrap(400, 10_000) == (400, 1500.0)
    first, rest = block.split(400, 15.0 * 40 + 3)
    assert (first.start, first.stop, rest.start, rest.stop) == (0, 40, 40, 100)
    assert block.split(400, 10) == []  # not one line fits: next page
    assert block.split(400, 5000) == [block]


def test_a_closing_mark_that_does_not_fit_hangs_in_the_margin(breaker):
    """Chinese typesetting: the line stays full instead of carrying a character over."""
    assert breaker.lines("一二三四五六七八九十。下一句", 10 * SIZE) == [
        "一二三四五六七八九十。",
        "下一句",
    ]


def test_in_a_table_cell_nothing_hangs_over_the_grid(breaker):
    lines = breaker.lines("一二三四五六七八九十。下一句", 10 * SIZE, hang=False)
    assert lines == ["一二三四五六七八九", "十。下一句"]
    assert all(breaker.text_width(line) <= 10 * SIZE for line in lines)


# --- the line breaker against the character walk it replaced ------------------------------
def _walk(breaker: LineBreaker, para: str, room: float, names: bool, hang: bool) -> list[str]:
    """The rules as a plain walk over the characters, one at a time (the breaker before it
    summed widths in C): the reference the fast breaker must agree with, line for line."""
    from dangjian_desktop.export.pdf_text import NAME_LOOKBACK, NAME_SEPARATORS
    from dangjian_desktop.export.pdf_text import _may_break_before as may_break

    out: list[str] = []
    if not para:
        return [""]
    cw = breaker.width
    start, used, cut, i, n = 0, 0.0, -1, 0, len(para)
    while i < n:
        ch = para[i]
        w = cw(ch)
        if i > start and may_break(para[i - 1], ch):
            cut = i
        if used + w > room and i > start:
            if hang and ch in CLOSING:
                used += w
                i += 1
                continue
            end = cut if cut > start else i
            if names:
                for k in range(i, max(start, i - NAME_LOOKBACK), -1):
                    if para[k - 1] in NAME_SEPARATORS:
                        end = k
                        break
            out.append(para[start:end].rstrip(" "))
            start, cut = end, -1
            while start < n and para[start] == " " and start < i:
                start += 1
            used = sum(cw(c) for c in para[start:i])
            continue
        used += w
        i += 1
    out.append(para[start:])
    return out


def test_the_breaker_agrees_with_the_character_walk_on_random_text(breaker):
    import random

    rng = random.Random(20261202)
    alphabet = "党员会议学习王李张陈、，。；：）》”（《“ 　abcXYZ0123-/…·" + "x" * 3 + " " * 4
    for _ in range(3000):
        para = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        room = rng.choice([0.5, SIZE, 3.3 * SIZE, 7 * SIZE, 12.25 * SIZE, 40 * SIZE])
        names, hang = rng.random() < 0.5, rng.random() < 0.5
        got = breaker.lines(para, room, names=names, hang=hang)
        assert got == _walk(breaker, para, room, names, hang), (para, room, names, hang)
