"""Masking of ID and phone numbers: never shows more than head and tail of a valid number."""

from __future__ import annotations

import random
import string

import pytest

from dangjian_desktop.domain.masking import mask_id, mask_phone


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110105199003071234", "110105********1234"),
        ("11010519900307123X", "110105********123X"),
        ("11010519900307123x", "110105********123X"),  # lower-case x is normalised
        (" 110105 19900307 1234 ", "110105********1234"),  # stray spaces
        ("１１０１０５１９９００３０７１２３４", "110105********1234"),  # full-width digits
        ("110105900307123", "110105*****7123"),  # 15-digit first-generation card
    ],
)
def test_valid_ids_keep_area_code_and_last_four(number, masked):
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110105199003071234", "**************1234"),
        ("11010519900307123x", "**************123X"),
        ("110105900307123", "***********7123"),
    ],
)
def test_tail_only_keeps_just_the_last_four(number, masked):
    """Beside a printed birth date, the area code would narrow the number down to a few."""
    assert mask_id(number, tail_only=True) == masked


@pytest.mark.parametrize(
    "number",
    [
        "12345",  # too short
        "1101051990030712345",  # 19 digits
        "11010519900307123A",  # wrong check character
        "110105-1990-0307-1234",  # separators are not an ID
        "张三的身份证号",
        "1101051990030712",  # 16 digits
    ],
)
def test_anything_else_is_masked_whole(number):
    masked = mask_id(number)
    assert set(masked) == {"*"}


@pytest.mark.parametrize("empty", ["", None, "   "])
def test_empty_stays_empty(empty):
    assert mask_id(empty) == ""


@pytest.mark.parametrize(("tail_only", "most"), [(False, 10), (True, 4)])
def test_never_reveals_more_than_head_and_tail(tail_only, most):
    rng = random.Random(20261126)
    alphabet = string.digits * 4 + "Xx -"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 25)))
        masked = mask_id(text, tail_only=tail_only)
        shown = [ch for ch in masked if ch != "*"]
        assert len(shown) <= most, (text, masked)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0571-88886666", "****-****6666"),
        ("138 1234 5678", "*** **** 5678"),
        ("12345", "*****"),  # too short to hide anything by keeping a tail
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(number, masked):
    assert mask_phone(number) == masked
