"""The branch profile (支部信息): organisation, committee term, 党小组, venues.

Sources: domain brief §6 (条例 Art.21: enterprise branches 一般每届3年; 党章 Art.31: 3–5 years;
换届提醒 about 6 months before the term ends).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from dangjian_desktop.domain.dates import DateOutOfRange, add_months, add_years
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.text import clean_text

NAME_MAX = 100
TEXT_MAX = 2000
# 党章 Art.31: a grassroots committee serves 3 to 5 years.
TERM_YEARS_MIN = 3
TERM_YEARS_MAX = 5
# 条例 Art.21: branches other than village/community ones 一般每届3年. A setting overrides it.
DEFAULT_TERM_YEARS = 3
# Higher organisations remind about 6 months before the term ends (domain brief §6).
DEFAULT_TERM_REMINDER_MONTHS = 6

# The codes validate_profile raises (messages.py words them).
ERROR_CODES: dict[str, str] = {
    "required": "required field is empty",
    "too_long": "text longer than the limit (param max)",
    "in_future": "date lies after today",
    "out_of_range": "a number outside its range (params min, max)",
    "before_founding": "the election lies before the branch was founded",
    "second_secretary": "one committee has one 书记",
    "duplicate": "two 党小组 or venues have the same name",
}


class OrgType(StrEnum):
    BRANCH = "branch"  # 党支部
    JOINT_BRANCH = "joint_branch"  # 联合党支部
    GENERAL_BRANCH = "general_branch"  # 党总支


class CommitteePost(StrEnum):
    SECRETARY = "secretary"  # 书记
    DEPUTY_SECRETARY = "deputy_secretary"  # 副书记
    ORGANIZATION = "organization"  # 组织委员
    PROPAGANDA = "propaganda"  # 宣传委员
    DISCIPLINE = "discipline"  # 纪检委员
    MEMBER = "member"  # 委员 (other posts)


@dataclass(frozen=True)
class CommitteeMember:
    """A seat on the committee. `id` is the row's, rewritten on every save: never refer to
    it. `member_id` is the member holding the seat: given by the caller, or found by the
    save as the one member on the roster with this name (None when there is none or
    several), so a 支委会 knows who its members are."""

    name: str
    post: CommitteePost
    started_on: date | None = None
    id: int | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class PartyGroup:
    name: str
    leader: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Venue:
    name: str
    address: str = ""
    area_m2: float | None = None
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CommitteeTerm:
    ordinal: int | None = None  # 第几届
    election_date: date | None = None
    term_years: int = DEFAULT_TERM_YEARS

    @property
    def ends_on(self) -> date | None:
        if self.election_date is None:
            return None
        try:
            return add_years(self.election_date, self.term_years)
        except DateOutOfRange:  # an election date typed as 9999: validation refuses it
            return None


@dataclass(frozen=True)
class BranchProfile:
    full_name: str = ""
    code: str = ""
    org_type: OrgType = OrgType.BRANCH
    parent_committee: str = ""
    founded_on: date | None = None
    term: CommitteeTerm = field(default_factory=CommitteeTerm)
    committee: tuple[CommitteeMember, ...] = ()
    groups: tuple[PartyGroup, ...] = ()
    venues: tuple[Venue, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.full_name


def normalize_profile(profile: BranchProfile) -> BranchProfile:
    """The profile as stored: every text field without control characters (domain.text),
    line breaks kept only in the notes of 党小组 and venues."""
    return replace(
        profile,
        full_name=clean_text(profile.full_name),
        code=clean_text(profile.code),
        parent_committee=clean_text(profile.parent_committee),
        committee=tuple(replace(m, name=clean_text(m.name)) for m in profile.committee),
        groups=tuple(
            replace(
                g,
                name=clean_text(g.name),
                leader=clean_text(g.leader),
                note=clean_text(g.note, multiline=True),
            )
            for g in profile.groups
        ),
        venues=tuple(
            replace(
                v,
                name=clean_text(v.name),
                address=clean_text(v.address),
                note=clean_text(v.note, multiline=True),
            )
            for v in profile.venues
        ),
    )


def _check_text(errors: list[FieldError], name: str, value: str, *, required: bool, limit: int):
    if required and not value.strip():
        errors.append(FieldError(name, "required"))
    elif len(value) > limit:
        errors.append(FieldError(name, "too_long", (("max", limit),)))


def validate_profile(profile: BranchProfile, today: date) -> list[FieldError]:
    """Every problem with the profile; an empty list means it may be saved."""
    errors: list[FieldError] = []
    _check_text(errors, "full_name", profile.full_name, required=True, limit=NAME_MAX)
    _check_text(errors, "code", profile.code, required=False, limit=50)
    _check_text(
        errors, "parent_committee", profile.parent_committee, required=False, limit=NAME_MAX
    )
    if profile.founded_on and profile.founded_on > today:
        errors.append(FieldError("founded_on", "in_future"))

    term = profile.term
    if not TERM_YEARS_MIN <= term.term_years <= TERM_YEARS_MAX:
        errors.append(
            FieldError(
                "term.term_years",
                "out_of_range",
                (("min", TERM_YEARS_MIN), ("max", TERM_YEARS_MAX)),
            )
        )
    if term.ordinal is not None and term.ordinal < 1:
        errors.append(FieldError("term.ordinal", "out_of_range", (("min", 1), ("max", 999))))
    if term.election_date:
        if term.election_date > today:
            errors.append(FieldError("term.election_date", "in_future"))
        elif profile.founded_on and term.election_date < profile.founded_on:
            errors.append(FieldError("term.election_date", "before_founding"))

    secretaries = 0
    for i, member in enumerate(profile.committee):
        _check_text(errors, f"committee.{i}.name", member.name, required=True, limit=NAME_MAX)
        if member.post is CommitteePost.SECRETARY:
            secretaries += 1
            if secretaries > 1:
                errors.append(FieldError(f"committee.{i}.post", "second_secretary"))
        if member.started_on and member.started_on > today:
            errors.append(FieldError(f"committee.{i}.started_on", "in_future"))

    _check_unique_names(errors, "groups", [g.name for g in profile.groups])
    for i, group in enumerate(profile.groups):
        _check_text(errors, f"groups.{i}.leader", group.leader, required=False, limit=NAME_MAX)
        _check_text(errors, f"groups.{i}.note", group.note, required=False, limit=TEXT_MAX)
    _check_unique_names(errors, "venues", [v.name for v in profile.venues])
    for i, venue in enumerate(profile.venues):
        _check_text(
            errors, f"venues.{i}.address", venue.address, required=False, limit=NAME_MAX * 2
        )
        _check_text(errors, f"venues.{i}.note", venue.note, required=False, limit=TEXT_MAX)
        if venue.area_m2 is not None and not 0 < venue.area_m2 < 1_000_000:
            errors.append(
                FieldError(f"venues.{i}.area_m2", "out_of_range", (("min", 0), ("max", 1_000_000)))
            )
    return errors


def _check_unique_names(errors: list[FieldError], prefix: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        _check_text(errors, f"{prefix}.{i}.name", name, required=True, limit=NAME_MAX)
        key = name.strip()
        if key and key in seen:
            errors.append(FieldError(f"{prefix}.{i}.name", "duplicate"))
        seen.add(key)


class TermStatus(StrEnum):
    UNKNOWN = "unknown"  # no election date recorded
    ACTIVE = "active"
    DUE_SOON = "due_soon"  # within the reminder window: prepare 换届
    OVERDUE = "overdue"


@dataclass(frozen=True)
class TermReminder:
    status: TermStatus
    ends_on: date | None = None
    days_left: int | None = None


def term_reminder(
    term: CommitteeTerm, today: date, lead_months: int = DEFAULT_TERM_REMINDER_MONTHS
) -> TermReminder:
    """换届提醒: due `lead_months` before the term ends, overdue after it (domain brief §6)."""
    ends = term.ends_on
    if ends is None:
        return TermReminder(TermStatus.UNKNOWN)
    days_left = (ends - today).days
    if days_left < 0:
        status = TermStatus.OVERDUE
    elif today >= add_months(ends, -lead_months):
        status = TermStatus.DUE_SOON
    else:
        status = TermStatus.ACTIVE
    return TermReminder(status, ends, days_left)
