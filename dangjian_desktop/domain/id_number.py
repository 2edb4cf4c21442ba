"""公民身份号码 (GB 11643-1999): normalise, check and read birth date and sex.

Structure: 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence code (odd =
male, even = female) and one check character from ISO 7064 MOD 11-2. The 1999 standard
replaced the 15-digit number (YYMMDD, no check character); such numbers are refused with their
own code so the GUI can offer `upgrade_15`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import mul

from dangjian_desktop.domain.people import Sex

LENGTH = 18
OLD_LENGTH = 15
# ISO 7064 MOD 11-2 as tabulated in GB 11643-1999: weight of each of the first 17 digits, and
# the check character for each remainder 0..10 of the weighted sum modulo 11.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# First two digits of the address code: provinces of GB/T 2260, plus 71/81/82 (Taiwan, Hong
# Kong, Macao) and 83, which residence permits for Taiwan residents use.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54"}
    | {"61", "62", "63", "64", "65", "71", "81", "82", "83"}
)
# The standard's own second example is born 1880; nothing earlier is plausible.
EARLIEST_BIRTH_YEAR = 1800

EMPTY = "empty"
OLD_15_DIGIT = "old_15_digit"
BAD_LENGTH = "bad_length"
BAD_CHARS = "bad_chars"
BAD_REGION = "bad_region"
BAD_BIRTH_DATE = "bad_birth_date"
BAD_CHECKSUM = "bad_checksum"

ID_ERROR_CODES: dict[str, str] = {
    EMPTY: "no ID number given",
    OLD_15_DIGIT: "old 15-digit ID number; convert it to the 18-digit number",
    BAD_LENGTH: "an ID number has 18 characters",
    BAD_CHARS: "only digits, and X as the last character, are allowed",
    BAD_REGION: "the first two digits are not a province code",
    BAD_BIRTH_DATE: "the birth date inside the ID number does not exist",
    BAD_CHECKSUM: "the check character does not match (a digit is wrong)",
}

_FULL_WIDTH = {ord("０") + i: str(i) for i in range(10)} | {
    ord("Ｘ"): "X",
    ord("ｘ"): "X",
    ord("x"): "X",
}
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\ufeff")


class IdNumberError(ValueError):
    """The text is not a valid 18-digit ID number; `code` is one of ID_ERROR_CODES."""

    def __init__(self, code: str, number: str) -> None:
        super().__init__(f"{code}: {number!r}")
        self.code = code
        self.number = number


@dataclass(frozen=True)
class IdInfo:
    number: str  # normalised, 18 characters
    region_code: str  # 6-digit address code where first registered
    birth_date: date
    sex: Sex


def normalize_id(text: str) -> str:
    """Drop all white space (also full-width and zero-width); full-width digits and x → ASCII X."""
    if text.isascii() and text.isalnum():  # the usual case: nothing to drop or widen
        return text.replace("x", "X")
    for char in _INVISIBLE:
        text = text.replace(char, "")
    return "".join(text.split()).translate(_FULL_WIDTH)


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != LENGTH - 1 or not (first17.isascii() and first17.isdigit()):
        raise ValueError(f"17 digits expected: {first17!r}")
    total = sum(map(mul, map(int, first17), WEIGHTS))  # both 17 long, checked above
    return CHECK_CHARS[total % 11]


def parse_id(text: str, today: date | None = None) -> IdInfo:
    """Normalise and check `text`; raise IdNumberError with the first problem found.

    With `today`, a birth date after it is refused as BAD_BIRTH_DATE too.
    """
    number = normalize_id(text)
    checked = _checked(number, today)
    if isinstance(checked, str):
        raise IdNumberError(checked, number)
    return checked


# The roster import checks each number twice (birth date and sex from it, then the record
# rules): remember the last few outcomes. IdInfo is immutable, so sharing it is safe.
@lru_cache(maxsize=256)
def _checked(number: str, today: date | None) -> IdInfo | str:
    """IdInfo for a valid normalised number, else the error code."""
    try:
        return _check(number, today)
    except IdNumberError as error:
        return error.code


def _check(number: str, today: date | None) -> IdInfo:
    if not number:
        raise IdNumberError(EMPTY, number)
    if len(number) == OLD_LENGTH and _is_digits(number):
        raise IdNumberError(OLD_15_DIGIT, number)
    if not _is_digits(number.replace("X", "")):
        raise IdNumberError(BAD_CHARS, number)
    if len(number) != LENGTH:
        raise IdNumberError(BAD_LENGTH, number)
    body, last = number[:-1], number[-1]
    if not _is_digits(body):  # X anywhere but last
        raise IdNumberError(BAD_CHARS, number)
    if number[:2] not in PROVINCE_CODES:
        raise IdNumberError(BAD_REGION, number)
    birth = _birth_date(number[6:14])
    if birth is None or (today is not None and birth > today):
        raise IdNumberError(BAD_BIRTH_DATE, number)
    if check_char(body) != last:
        raise IdNumberError(BAD_CHECKSUM, number)
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdInfo(number=number, region_code=number[:6], birth_date=birth, sex=sex)


def id_error(text: str, today: date | None = None) -> str | None:
    """The error code for `text`, or None when it is a valid ID number."""
    try:
        parse_id(text, today)
    except IdNumberError as error:
        return error.code
    return None


def upgrade_15(text: str) -> str:
    """The 18-digit form of an old 15-digit number: "19" before YYMMDD, then the check char.

    This is the official conversion, but the person's real number may differ where the address
    code was re-coded since, so the GUI should offer it as a suggestion, not apply it silently.
    """
    old = normalize_id(text)
    if len(old) != OLD_LENGTH or not _is_digits(old):
        raise IdNumberError(BAD_LENGTH, old)
    first17 = old[:6] + "19" + old[6:]
    return first17 + check_char(first17)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _birth_date(yyyymmdd: str) -> date | None:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < EARLIEST_BIRTH_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def compose_id(region_code: str, birth: date, sequence: int) -> str:
    """The valid 18-digit number for an address code, birth date and 3-digit sequence code
    (odd = male): what sample and benchmark data use, so every number they make passes."""
    first17 = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
