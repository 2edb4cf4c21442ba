"""Masking of personal numbers in exports (DESIGN.md §2, §3: ID numbers masked by default).

A masked value never shows more than the shape of a valid number allows: for an ID number
the 6-digit area code and the last 4 characters (110105********1234). A report that also
prints the birth date keeps only the last 4 (**************1234): area code, birth date and
the check digit together leave on average about 3 candidates for the full number (issue 7,
item 14), so with the birth date on the same line the area code must go too. Anything that
does not look like an ID or phone number is masked whole, because a typo or a number typed
into the wrong field must not leak through the "masked" export. No Qt, no SQL.
"""

from __future__ import annotations

import re

MASK = "*"
_ID_KEEP_HEAD = 6
_ID_KEEP_TAIL = 4
# 18-character GB 11643 numbers, and the 15-digit first-generation cards still on file.
_ID_SHAPE = re.compile(r"\d{17}[\dX]|\d{15}")
_MOBILE = re.compile(r"1\d{10}")
_PHONE_KEEP_HEAD = 3
_PHONE_KEEP_TAIL = 4
# Landlines and other numbers: show only the last 4 digits, and only if there are enough
# digits that 4 of them do not identify the number.
_MIN_DIGITS_FOR_TAIL = 7
_FULLWIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)} | {"Ｘ": "X", "ｘ": "X", "x": "X", "　": " "}
)


def _normalise(text: str) -> str:
    return "".join(text.translate(_FULLWIDTH).split())


def mask_id(number: str | None, *, tail_only: bool = False) -> str:
    """110105199001011234 → 110105********1234; anything not shaped like an ID → all '*'.

    `tail_only` (for reports that print the birth date as well) keeps only the last 4:
    110105199001011234 → **************1234. Whitespace and full-width digits are
    normalised first, so "１１０１…" or a number with spaces is masked like the plain one
    instead of being shown raw.
    """
    if not number:
        return ""
    text = _normalise(str(number)).upper()
    if not text:
        return ""
    if _ID_SHAPE.fullmatch(text):
        head = 0 if tail_only else _ID_KEEP_HEAD
        return text[:head] + MASK * (len(text) - head - _ID_KEEP_TAIL) + text[-_ID_KEEP_TAIL:]
    return MASK * len(text)


def mask_phone(number: str | None) -> str:
    """13812345678 → 138****5678; other numbers keep only their last 4 digits.

    Separators (-, spaces, parentheses) stay where they are so a landline still reads as
    one ("****-****6666"); numbers too short to hide anything are masked whole.
    """
    if not number:
        return ""
    text = str(number).strip().translate(_FULLWIDTH)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    compact = "".join(text[i] for i in digits)
    if _MOBILE.fullmatch(compact) and len(compact) == len(text):
        return text[:_PHONE_KEEP_HEAD] + MASK * 4 + text[-_PHONE_KEEP_TAIL:]
    if len(digits) < _MIN_DIGITS_FOR_TAIL:
        return "".join(MASK if not ch.isspace() else ch for ch in text)
    keep = set(digits[-_PHONE_KEEP_TAIL:])
    return "".join(ch if i in keep or not ch.isalnum() else MASK for i, ch in enumerate(text))
