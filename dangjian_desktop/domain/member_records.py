"""Rules for a member's dated records — a 党籍状态 row, a 组织关系转接 record — and photo.

The services hold a form and a transfer file from another ship to the same rules: these,
and member_rules for the record itself. Sources: domain brief §2.3 (介绍信 "generally valid
≤ 3 months"; transfer record fields).
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from dangjian_desktop.domain.dates import try_add_months
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.member_rules import IN_FUTURE, NAME_MAX, REQUIRED, TOO_LONG
from dangjian_desktop.domain.people import StatusChange, Transfer, TransferDirection
from dangjian_desktop.domain.text import clean_text

# 介绍信 validity "generally ≤ 3 months" (domain brief §2.3).
LETTER_VALIDITY_MONTHS = 3
REASON_MAX = 200
TRANSFER_TEXT_LIMITS: dict[str, int] = {
    "from_org": 100,
    "to_org": 100,
    "letter_number": 50,
    "reason": REASON_MAX,
    "handler": NAME_MAX,
}
_TRANSFER_TEXT = tuple(f.name for f in fields(Transfer) if f.type == "str")
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# What the form stores (JPEG, scaled by Qt) and what an older version may have stored (PNG),
# each with the bytes its files start with: the service cannot decode images without Qt.
PHOTO_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}

BEFORE_TRANSFER_DATE = "before_transfer_date"
LETTER_VALIDITY_TOO_LONG = "letter_validity_too_long"
PHOTO_TYPE = "photo_type"
PHOTO_TOO_LARGE = "photo_too_large"
NOT_AN_IMAGE = "not_an_image"

ERROR_CODES: dict[str, str] = {
    BEFORE_TRANSFER_DATE: "a letter date lies before the transfer date",
    LETTER_VALIDITY_TOO_LONG: "letter valid longer than the transfer date + limit (param months)",
    PHOTO_TYPE: "the photo is neither JPEG nor PNG",
    PHOTO_TOO_LARGE: "the photo is larger than the limit (param max_mb)",
    NOT_AN_IMAGE: "the photo's bytes are not an image of its type",
}


def normalize_status(change: StatusChange) -> StatusChange:
    """A 党籍状态 row as stored: its reason is one line without control characters."""
    reason = clean_text(change.reason) if isinstance(change.reason, str) else change.reason
    return change if reason == change.reason else replace(change, reason=reason)


def normalize_transfer(transfer: Transfer) -> Transfer:
    """A 组织关系转接 record as stored: each text field one line without control characters."""
    changed = {
        name: clean_text(value)
        for name in _TRANSFER_TEXT
        if isinstance(value := getattr(transfer, name), str) and clean_text(value) != value
    }
    return replace(transfer, **changed) if changed else transfer


def validate_status(change: StatusChange, today: date) -> list[FieldError]:
    """A 党籍状态 row on its own: dated, not in the future, a reason of sensible length.
    (Whether it follows the member's current status is the service's question.)"""
    errors: list[FieldError] = []
    if change.changed_on is None:
        errors.append(FieldError("changed_on", REQUIRED))
    elif change.changed_on > today:
        errors.append(FieldError("changed_on", IN_FUTURE))
    if len(change.reason) > REASON_MAX:
        errors.append(FieldError("reason", TOO_LONG, (("max", REASON_MAX),)))
    return errors


def validate_transfer(
    transfer: Transfer, today: date, *, history: bool = False
) -> list[FieldError]:
    """A 组织关系转接 record: the other organisation, dates in order, the letter's validity
    within LETTER_VALIDITY_MONTHS. `history` is for rows already in a member's history (a
    transfer file): there a 转入 records the day the file arrived with the sender's letter,
    so its letter may have expired before it, and its 转出 organisation may be unknown."""
    errors: list[FieldError] = []
    outgoing = transfer.direction is TransferDirection.OUT
    org_field = "to_org" if outgoing else "from_org"
    if (outgoing or not history) and not getattr(transfer, org_field).strip():
        errors.append(FieldError(org_field, REQUIRED))
    for name, limit in TRANSFER_TEXT_LIMITS.items():
        if len(getattr(transfer, name)) > limit:
            errors.append(FieldError(name, TOO_LONG, (("max", limit),)))
    start = transfer.transfer_date
    if start is None:
        errors.append(FieldError("transfer_date", REQUIRED))
        return errors
    if start > today:  # the letter's dates are measured from it: nothing more to say
        errors.append(FieldError("transfer_date", IN_FUTURE))
        return errors
    valid_until, receipt = transfer.valid_until, transfer.receipt_date
    if valid_until is not None:
        deadline = try_add_months(start, LETTER_VALIDITY_MONTHS) or date.max
        if valid_until < start:
            if outgoing or not history:
                errors.append(FieldError("valid_until", BEFORE_TRANSFER_DATE))
        elif valid_until > deadline:
            months = (("months", LETTER_VALIDITY_MONTHS),)
            errors.append(FieldError("valid_until", LETTER_VALIDITY_TOO_LONG, months))
    if receipt is not None:
        if receipt < start:
            errors.append(FieldError("receipt_date", BEFORE_TRANSFER_DATE))
        elif receipt > today:
            errors.append(FieldError("receipt_date", IN_FUTURE))
    return errors


def validate_photo(mime: str, data: bytes) -> list[FieldError]:
    """A photo as the service may store it: JPEG or PNG, at most MAX_PHOTO_BYTES, and bytes
    that start like an image of that type (a renamed web page is not a photo)."""
    magic = PHOTO_MAGIC.get(mime)
    if magic is None:
        return [FieldError("photo", PHOTO_TYPE)]
    if len(data) > MAX_PHOTO_BYTES:
        return [FieldError("photo", PHOTO_TOO_LARGE, (("max_mb", MAX_PHOTO_BYTES >> 20),))]
    if not data.startswith(magic):
        return [FieldError("photo", NOT_AN_IMAGE)]
    return []
