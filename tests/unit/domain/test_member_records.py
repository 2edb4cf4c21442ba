"""Rules for a member's dated records and photo (domain brief §2.3: transfer record
fields, 介绍信 valid ≤ 3 months), shared by the forms' services and the transfer file."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.domain.member_records import (
    TRANSFER_TEXT_LIMITS,
    normalize_status,
    normalize_transfer,
    validate_photo,
    validate_status,
    validate_transfer,
)
from dangjian_desktop.domain.people import PartyStatus, StatusChange, Transfer, TransferDirection

TODAY = date(2025, 6, 15)


def test_normalize_status_and_transfer_clean_every_text_field():
    change = normalize_status(StatusChange(PartyStatus.SUSPENDED, TODAY, "失联\x0b超过\x07半年"))
    assert change.reason == "失联 超过半年"
    transfer = normalize_transfer(
        Transfer(
            TransferDirection.OUT,
            TODAY,
            from_org="一号\x00轮",
            to_org="二号\u2028轮",
            letter_number="组转\x1f字",
            reason="轮换\r\n",
            handler="张\x7f三",
        )
    )
    assert (
        transfer.from_org,
        transfer.to_org,
        transfer.letter_number,
        transfer.reason,
        transfer.handler,
    ) == ("一号轮", "二号 轮", "组转字", "轮换 ", "张三")


# --- status and transfer records (the rules of their service methods) ---------------------
def status_codes(change: StatusChange) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_status(change, TODAY)}


def test_status_record_rules():
    assert status_codes(StatusChange(PartyStatus.SUSPENDED, TODAY, "决议")) == set()
    assert status_codes(StatusChange(PartyStatus.SUSPENDED, None)) == {("changed_on", "required")}
    assert status_codes(StatusChange(PartyStatus.SUSPENDED, date(2999, 1, 1))) == {
        ("changed_on", "in_future")
    }
    assert status_codes(StatusChange(PartyStatus.SUSPENDED, TODAY, "因" * 201)) == {
        ("reason", "too_long")
    }


def letter(**changes) -> Transfer:
    values = {
        "direction": TransferDirection.OUT,
        "transfer_date": date(2025, 6, 1),
        "to_org": "远洋二号船舶党支部",
        "valid_until": date(2025, 9, 1),
    }
    values.update(changes)
    return Transfer(**values)


def transfer_codes(transfer: Transfer, **kwargs) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_transfer(transfer, TODAY, **kwargs)}


@pytest.mark.parametrize(
    ("transfer", "expected"),
    [
        (letter(), set()),
        (letter(to_org=" "), {("to_org", "required")}),
        (letter(direction=TransferDirection.IN, to_org=""), {("from_org", "required")}),
        (letter(transfer_date=None, valid_until=None), {("transfer_date", "required")}),
        (
            letter(transfer_date=date(2999, 1, 1), valid_until=None),
            {("transfer_date", "in_future")},
        ),
        (letter(valid_until=date(2025, 5, 31)), {("valid_until", "before_transfer_date")}),
        (letter(valid_until=date(2025, 9, 2)), {("valid_until", "letter_validity_too_long")}),
        (letter(receipt_date=date(2025, 5, 31)), {("receipt_date", "before_transfer_date")}),
        (letter(receipt_date=date(2025, 6, 16)), {("receipt_date", "in_future")}),
        # a letter typed as 9999 is a field error, not an overflow of the 3-month window
        (
            letter(transfer_date=date(9999, 11, 1), valid_until=date(9999, 12, 1)),
            {("transfer_date", "in_future")},
        ),
    ],
)
def test_transfer_record_rules(transfer, expected):
    assert transfer_codes(transfer) == expected


def test_transfer_window_at_the_end_of_the_calendar_does_not_overflow():
    late = date(9999, 12, 31)
    transfer = letter(transfer_date=date(9999, 11, 1), valid_until=date(9999, 12, 1))
    assert validate_transfer(transfer, late) == []


@pytest.mark.parametrize(("field", "limit"), sorted(TRANSFER_TEXT_LIMITS.items()))
def test_transfer_text_length_limits(field, limit):
    assert transfer_codes(letter(**{field: "字" * limit})) == set()
    assert transfer_codes(letter(**{field: "字" * (limit + 1)})) == {(field, "too_long")}


def test_history_rows_from_a_file_keep_a_letter_received_after_it_expired():
    """import_transfer_file records the 转入 on the day of receipt with the sender's letter,
    so a letter that reached a ship late has a validity before its 转入 date."""
    late_in = letter(
        direction=TransferDirection.IN,
        transfer_date=date(2025, 6, 10),
        to_org="",
        from_org="",
        valid_until=date(2025, 6, 5),
    )
    assert transfer_codes(late_in, history=True) == set()
    assert ("valid_until", "before_transfer_date") in transfer_codes(late_in)
    assert transfer_codes(letter(to_org=""), history=True) == {("to_org", "required")}


# --- the photo (the service checks bytes; the form scales with Qt) ------------------------
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100


def photo_codes(mime: str, data: bytes) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_photo(mime, data)}


def test_photo_rules():
    assert photo_codes("image/jpeg", JPEG) == set()
    assert photo_codes("image/png", PNG) == set()
    assert photo_codes("text/html", JPEG) == {("photo", "photo_type")}
    assert photo_codes("image/jpeg", b"<html><script>") == {("photo", "not_an_image")}
    assert photo_codes("image/jpeg", PNG) == {("photo", "not_an_image")}  # type must match
    assert photo_codes("image/jpeg", b"") == {("photo", "not_an_image")}
    big = JPEG + b"\x00" * (5 * 1024 * 1024)
    assert photo_codes("image/jpeg", big) == {("photo", "photo_too_large")}
