"""Pinyin initials of a Chinese name, for search ("zsf" finds 张三丰)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def initials(text: str) -> str:
    """Lower-case first letters of each syllable; other characters kept as typed (lower)."""
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default", strict=False)
    return "".join(letters).lower().replace(" ", "")
