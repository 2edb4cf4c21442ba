"""Rules for one member record (党员信息): what may be saved.

Sources: 党章 Art.1 (年满十八岁), Art.7 (预备期为一年, 可以延长但不能超过一年; 预备党员没有
表决权、选举权和被选举权), domain brief §3.2 (延长预备期 ≥ 6 months and ≤ 1 year), GB 11643-1999
(公民身份号码, see id_number.py). Duplicate ID numbers and 党小组 ids are checked by the
service against the file. The member's dated records and photo: member_records.py.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import fields, replace
from datetime import date
from operator import attrgetter

from dangjian_desktop.domain.dates import try_add_months
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.id_number import (
    ID_ERROR_CODES,
    OLD_15_DIGIT,
    IdInfo,
    IdNumberError,
    normalize_id,
    parse_id,
    upgrade_15,
)
from dangjian_desktop.domain.people import Member, MemberCategory, PartyPost
from dangjian_desktop.domain.text import clean_text

# 党章 Art.1: 年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子 may apply.
MIN_JOIN_AGE = 18
# 党章 Art.7: 预备期为一年.
PROBATION_MONTHS = 12
# 党章 Art.7 allows one extension of at most a year; the brief (§3.2) says ≥ 6 months.
EXTENSION_MIN_MONTHS = 6
EXTENSION_MAX_MONTHS = 12
# 党章 Art.7: 预备党员 have no right to elect or be elected, so no elected committee post.
ELECTED_POSTS = frozenset(
    {
        PartyPost.SECRETARY,
        PartyPost.DEPUTY_SECRETARY,
        PartyPost.ORGANIZATION,
        PartyPost.PROPAGANDA,
        PartyPost.DISCIPLINE,
    }
)

NAME_MAX = 50
PHONE_MAX = 50
NOTE_MAX = 2000
# Optional free-text fields and their length limits.
TEXT_LIMITS: dict[str, int] = {
    "ethnicity": 20,
    "native_place": 100,
    "education": 50,
    "degree": 50,
    "school": 100,
    "major": 100,
    "work_unit": 100,
    "job_post": 100,
    "person_category": 50,
    "tech_title": 50,
    "address": 200,
    "introducers": 100,
    "home_branch": 100,
    "life_branch": 100,
    "mobile_destination": 100,
    "note": NOTE_MAX,
}
# Text fields that keep their line breaks (备注); every other text field is one line.
MULTILINE_FIELDS = frozenset({"note"})
_MEMBER_TEXT = tuple(f.name for f in fields(Member) if f.type == "str")
_member_texts = attrgetter(*_MEMBER_TEXT)  # one call for all of them (a roster has 10,000)

REQUIRED = "required"
TOO_LONG = "too_long"
HAS_DIGITS = "has_digits"
IN_FUTURE = "in_future"
BEFORE_BIRTH = "before_birth"
TOO_YOUNG = "too_young"
BIRTH_MISMATCH = "birth_mismatch"
SEX_MISMATCH = "sex_mismatch"
FULL_DATE_MISMATCH = "full_date_mismatch"
FULL_DATE_WHILE_PROBATIONARY = "full_date_while_probationary"
EXTENSION_OUT_OF_RANGE = "extension_out_of_range"
BAD_PHONE = "bad_phone"
PROBATIONARY_POST = "probationary_post"
DUPLICATE = "duplicate_id"  # checked by the member service against the file
DATE_OUT_OF_RANGE = "date_out_of_range"
NO_SUCH_GROUP = "no_such_group"  # checked by the member service against the file
BAD_UID = "bad_uid"
ERROR_CODES: dict[str, str] = {
    REQUIRED: "required field is empty",
    TOO_LONG: "text longer than the limit (param max)",
    HAS_DIGITS: "a name contains no digits",
    IN_FUTURE: "date lies after today",
    BEFORE_BIRTH: "date lies before the birth date",
    TOO_YOUNG: "younger than 18 on the join date (param min_age)",
    BIRTH_MISMATCH: "birth date differs from the one in the ID number (param expected)",
    SEX_MISMATCH: "sex differs from the one in the ID number (param expected)",
    FULL_DATE_MISMATCH: "full-membership date is not join date + 1 year + extension "
    "(param expected)",
    FULL_DATE_WHILE_PROBATIONARY: "a probationary member has no full-membership date yet",
    EXTENSION_OUT_OF_RANGE: "probation extension must be 0 or 6-12 months (params min, max)",
    BAD_PHONE: "not a mainland mobile, landline or +international number",
    PROBATIONARY_POST: "a probationary member cannot hold an elected committee post",
    DUPLICATE: "another member in this file has the same ID number",
    DATE_OUT_OF_RANGE: "a date computed from this one would lie after 9999-12-31",
    NO_SUCH_GROUP: "the 党小组 is not in this file's branch profile",
    BAD_UID: "the record's uid is not a UUID",
    **ID_ERROR_CODES,
}

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code 0 + 2–3 digits, local number 7–8 digits not starting with 0/1, optional extension.
_LANDLINE = re.compile(r"(?:(?:0\d{2,3})-?)?[2-9]\d{6,7}(?:(?:-|转|ext\.?|x)\d{1,6})?")
_INTERNATIONAL = re.compile(r"\+(?!86)[1-9]\d{6,14}")  # E.164, e.g. satellite phones on ships
_PHONE_SEPARATORS = re.compile(r"[/,，、;；]")
_PHONE_SPACES = re.compile(r"\s+")
_BRACKETED_AREA = re.compile(r"^\((0\d{2,3})\)")
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086|86)")


def expected_full_date(join_date: date, extension_months: int = 0) -> date | None:
    """转正日期: the 预备期 (one year, 党章 Art.7) plus any extension, from the 支部大会 date.

    Counted in whole months from the join date, so 29 Feb + 18 months is 29 Aug. None when
    that day would lie beyond the calendar (a join date typed as 9999).
    """
    return try_add_months(join_date, PROBATION_MONTHS + extension_months)


def probation_end(member: Member) -> date | None:
    """When the member's 预备期 ends (with the recorded extension); None without a join date."""
    if member.join_date is None:
        return None
    return expected_full_date(member.join_date, member.probation_extension_months)


def normalize_member(member: Member) -> Member:
    """The form the service stores: every text field without control characters (line breaks
    kept only in 备注, see domain.text), trimmed name and phone, normalised ID number."""
    texts = _member_texts(member)
    if _clean_already(texts):  # the usual record: one search, not one per field
        name, phone = member.name.strip(), member.phone.strip()
        id_number = normalize_id(member.id_number)
        if (name, phone, id_number) == (member.name, member.phone, member.id_number):
            return member
        return replace(member, name=name, phone=phone, id_number=id_number)
    changed = {}
    for name, value in zip(_MEMBER_TEXT, texts, strict=True):
        if isinstance(value, str):
            cleaned = clean_text(value, multiline=name in MULTILINE_FIELDS)
            if name in ("name", "phone"):
                cleaned = cleaned.strip()
            elif name == "id_number":
                cleaned = normalize_id(cleaned)
            if cleaned != value:
                changed[name] = cleaned
    return replace(member, **changed) if changed else member


def _clean_already(texts: tuple) -> bool:
    try:
        joined = "".join(texts)
    except TypeError:  # a None where text belongs: field by field
        return False
    return clean_text(joined) is joined


def is_uid(text: str) -> bool:
    """A record uid as this program writes it: a UUID in its canonical 36-character form."""
    if len(text) != 36:
        return False
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def is_valid_phone(text: str) -> bool:
    """One or more numbers separated by / , 、 ; each a mobile, landline or +international."""
    return all(_is_one_phone(part) for part in _PHONE_SEPARATORS.split(text))


def _is_one_phone(text: str) -> bool:
    compact = _PHONE_SPACES.sub("", text).replace("（", "(").replace("）", ")")
    if compact.startswith("("):  # (0571)87654321 → 0571-87654321
        compact = _BRACKETED_AREA.sub(r"\1-", compact)
    bare = compact.replace("-", "")
    mobile = _COUNTRY_PREFIX.sub("", bare)
    return bool(
        _MOBILE.fullmatch(mobile) or _LANDLINE.fullmatch(compact) or _INTERNATIONAL.fullmatch(bare)
    )


def validate_member(member: Member, today: date) -> list[FieldError]:
    """Every problem with the record; an empty list means it may be saved. Fields = attributes."""
    errors: list[FieldError] = []
    _check_name(errors, member.name)
    for name, limit in TEXT_LIMITS.items():
        value = getattr(member, name)
        if len(value) > limit:
            errors.append(FieldError(name, TOO_LONG, (("max", limit),)))

    info = _check_id(errors, member.id_number, today)
    birth = member.birth_date or (info.birth_date if info else None)
    _check_identity(errors, member, info, today)
    _check_dates(errors, member, birth, today)
    _check_probation(errors, member, today)

    phone = member.phone.strip()
    if len(phone) > PHONE_MAX:
        errors.append(FieldError("phone", TOO_LONG, (("max", PHONE_MAX),)))
    elif phone and not is_valid_phone(phone):
        errors.append(FieldError("phone", BAD_PHONE))

    if member.is_lost and member.lost_since is None:
        errors.append(FieldError("lost_since", REQUIRED))
    if member.lost_since and member.lost_since > today:
        errors.append(FieldError("lost_since", IN_FUTURE))
    return errors


def _check_name(errors: list[FieldError], name: str) -> None:
    stripped = name.strip()
    if not stripped:
        errors.append(FieldError("name", REQUIRED))
    elif len(stripped) > NAME_MAX:
        errors.append(FieldError("name", TOO_LONG, (("max", NAME_MAX),)))
    elif any(char.isdigit() for char in stripped):
        errors.append(FieldError("name", HAS_DIGITS))


def _check_id(errors: list[FieldError], id_number: str, today: date) -> IdInfo | None:
    # Required because the 党员基本信息采集表 asks for it; old transferred-in records may lack
    # it, and the service may relax this later.
    if not normalize_id(id_number):
        errors.append(FieldError("id_number", REQUIRED))
        return None
    try:
        return parse_id(id_number, today)
    except IdNumberError as error:
        params: tuple[tuple[str, object], ...] = ()
        if error.code == OLD_15_DIGIT:
            params = (("suggestion", upgrade_15(error.number)),)
        errors.append(FieldError("id_number", error.code, params))
        return None


def _check_identity(
    errors: list[FieldError], member: Member, info: IdInfo | None, today: date
) -> None:
    if member.birth_date and member.birth_date > today:
        errors.append(FieldError("birth_date", IN_FUTURE))
    elif info and member.birth_date and member.birth_date != info.birth_date:
        errors.append(FieldError("birth_date", BIRTH_MISMATCH, (("expected", info.birth_date),)))
    if info and member.sex and member.sex != info.sex:
        errors.append(FieldError("sex", SEX_MISMATCH, (("expected", info.sex),)))


def _check_dates(errors: list[FieldError], member: Member, birth: date | None, today: date):
    if member.work_start_date:
        _check_past(errors, "work_start_date", member.work_start_date, birth, today)
    join = member.join_date
    if join is None:
        errors.append(FieldError("join_date", REQUIRED))
        return
    ok = _check_past(errors, "join_date", join, birth, today)
    if ok and birth:
        of_age = try_add_months(birth, 12 * MIN_JOIN_AGE)  # None: 18 only after the year 9999
        if of_age is None or join < of_age:
            errors.append(FieldError("join_date", TOO_YOUNG, (("min_age", MIN_JOIN_AGE),)))


def _check_past(
    errors: list[FieldError], name: str, day: date, birth: date | None, today: date
) -> bool:
    if day > today:
        errors.append(FieldError(name, IN_FUTURE))
        return False
    if birth and day < birth:
        errors.append(FieldError(name, BEFORE_BIRTH))
        return False
    return True


def _check_probation(errors: list[FieldError], member: Member, today: date) -> None:
    extension = member.probation_extension_months
    extension_ok = extension == 0 or EXTENSION_MIN_MONTHS <= extension <= EXTENSION_MAX_MONTHS
    if not extension_ok:
        errors.append(
            FieldError(
                "probation_extension_months",
                EXTENSION_OUT_OF_RANGE,
                (("min", EXTENSION_MIN_MONTHS), ("max", EXTENSION_MAX_MONTHS)),
            )
        )

    if member.category is MemberCategory.PROBATIONARY:
        # The planned date is computed (probation_end), not stored: a stored 转正日期 means the
        # 支部大会 has decided, and then the member is formal.
        if member.full_date is not None:
            errors.append(FieldError("full_date", FULL_DATE_WHILE_PROBATIONARY))
        if member.party_post in ELECTED_POSTS:
            errors.append(FieldError("party_post", PROBATIONARY_POST))
        return

    if member.full_date is None:
        errors.append(FieldError("full_date", REQUIRED))
    elif member.full_date > today:
        errors.append(FieldError("full_date", IN_FUTURE))
    elif member.join_date and extension_ok:
        expected = expected_full_date(member.join_date, extension)
        if expected is None:
            if not any(e.field == "join_date" for e in errors):
                errors.append(FieldError("join_date", DATE_OUT_OF_RANGE))
        elif member.full_date != expected:
            errors.append(FieldError("full_date", FULL_DATE_MISMATCH, (("expected", expected),)))
