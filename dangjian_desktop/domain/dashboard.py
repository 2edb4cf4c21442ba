"""工作台: what is due or overdue today, as typed items the GUI renders, each one click from
the record it concerns (DESIGN.md §2 工作台, issue 11 item 1).

The rules live in their modules; this one only assembles their answers:
- meetings required this month/quarter and not held: meeting_calendar.due_meetings;
- 预备党员 whose 转正 falls due within 60 days or is overdue: member_reminders.probation_due;
- the committee term ending within 6 months or expired: branch.term_reminder;
- members flagged 失联: member_reminders.lost_contact;
- members with no organisational life for more than 6 months: meeting_calendar.no_life_since;
- open and overdue 整改 of venue inspections: RectificationDue, from the 阵地 module;
- the newest backup's age and the data file's health.

Sorted overdue first, then due, then notices; within each, the earliest date first.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import itemgetter

from dangjian_desktop.domain.branch import TermReminder, TermStatus
from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.meeting_calendar import NO_LIFE_MONTHS, DueMeeting, no_life_since
from dangjian_desktop.domain.meetings import FrequencyRule
from dangjian_desktop.domain.member_reminders import (
    DEFAULT_LOST_CONTACT_MONTHS,
    LostContact,
    LostReason,
    ProbationDue,
)

# A backup older than this is worth a line on the 工作台 (backups are taken on every change
# and on exit, so a week without one means the program has not been used or cannot write).
DEFAULT_BACKUP_MAX_AGE_DAYS = 7
# An open 整改 whose deadline is this close is listed as due, not only as open.
DEFAULT_RECTIFICATION_WITHIN_DAYS = 14


class DueKind(StrEnum):
    MEETING = "meeting"  # a required meeting not held
    PROBATION = "probation"  # 预备党员 转正
    TERM = "term"  # 换届提醒
    TERM_UNKNOWN = "term_unknown"  # no election date recorded: the reminder cannot work
    LOST_CONTACT = "lost_contact"  # flagged 失联
    NO_LIFE = "no_life"  # no organisational life for more than 6 months
    RECTIFICATION = "rectification"  # 整改
    BACKUP = "backup"  # no backup, or an old one
    DATA_FILE = "data_file"  # the integrity check found a problem


class Severity(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    NOTICE = "notice"


_SEVERITY_ORDER = {Severity.OVERDUE: 0, Severity.DUE: 1, Severity.NOTICE: 2}


class RecordKind(StrEnum):
    """Where a click on the item goes."""

    MEMBER = "member"
    MEETING_RULE = "meeting_rule"  # the compliance calendar cell (rule, group, period)
    BRANCH_TERM = "branch_term"  # 支部信息, the committee term
    VENUE = "venue"  # the inspection and its 整改 item
    BACKUPS = "backups"  # 从备份恢复 / 立即备份
    DATA_FILE = "data_file"  # the integrity report


@dataclass(frozen=True)
class RecordRef:
    kind: RecordKind
    member_id: int | None = None
    rule: FrequencyRule | None = None
    party_group_id: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    venue_id: int | None = None
    inspection_id: int | None = None
    rectification_id: int | None = None


@dataclass(frozen=True)
class DueItem:
    """One line of the 工作台. `days_left` counts from today to `due_date` (negative when
    overdue); `subject` is the name the line shows (member, 党小组, venue, item)."""

    kind: DueKind
    severity: Severity
    due_date: date | None
    ref: RecordRef
    subject: str = ""
    days_left: int | None = None
    since: date | None = None  # 失联 since, last organisational life, newest backup
    place: str = ""  # where: the venue of a 整改


@dataclass(frozen=True)
class RectificationDue:
    """What the 工作台 needs of one 整改 item of a venue inspection."""

    id: int
    venue_id: int
    inspection_id: int
    item: str  # the checklist item that failed
    venue_name: str = ""
    due_on: date | None = None  # 整改期限
    closed: bool = False


@dataclass(frozen=True)
class FileHealth:
    """The newest backup's date and the last integrity check (None: not run yet)."""

    newest_backup: date | None
    integrity_ok: bool | None = None


def _days(due: date | None, today: date) -> int | None:
    return None if due is None else (due - today).days


def meeting_items(due: Iterable[DueMeeting], today: date) -> list[DueItem]:
    return [
        DueItem(
            DueKind.MEETING,
            Severity.OVERDUE if d.overdue else Severity.DUE,
            d.end,
            RecordRef(
                RecordKind.MEETING_RULE,
                rule=d.rule,
                party_group_id=d.party_group_id,
                period_start=d.start,
                period_end=d.end,
            ),
            d.group_name,
            _days(d.end, today),
        )
        for d in due
    ]


def probation_items(due: Iterable[ProbationDue]) -> list[DueItem]:
    """Overdue from the day after the 预备期 ends; on the last day it is still due."""
    return [
        DueItem(
            DueKind.PROBATION,
            Severity.OVERDUE if p.days_left < 0 else Severity.DUE,
            p.due_date,
            RecordRef(RecordKind.MEMBER, member_id=p.member.id),
            p.member.name,
            p.days_left,
        )
        for p in due
    ]


def term_items(reminder: TermReminder | None) -> list[DueItem]:
    if reminder is None or reminder.status is TermStatus.ACTIVE:
        return []
    ref = RecordRef(RecordKind.BRANCH_TERM)
    if reminder.status is TermStatus.UNKNOWN:
        return [DueItem(DueKind.TERM_UNKNOWN, Severity.NOTICE, None, ref)]
    severity = Severity.OVERDUE if reminder.status is TermStatus.OVERDUE else Severity.DUE
    return [DueItem(DueKind.TERM, severity, reminder.ends_on, ref, "", reminder.days_left)]


def lost_items(lost: Iterable[LostContact], today: date, months: int) -> list[DueItem]:
    """Members flagged 失联. Past the window the branch should consider 停止党籍 (brief
    §2.3): due from then; before it, a notice."""
    items = []
    for entry in lost:
        if entry.reason is not LostReason.FLAGGED:
            continue  # no recorded activity: no_life_items says it with the meeting data
        review = add_months(entry.since, months) if entry.since else None
        items.append(
            DueItem(
                DueKind.LOST_CONTACT,
                Severity.DUE if entry.review_due else Severity.NOTICE,
                review,
                RecordRef(RecordKind.MEMBER, member_id=entry.member.id),
                entry.member.name,
                _days(review, today),
                entry.since,
            )
        )
    return items


# An item with its place in the 工作台's order: (_sort_key, then a tie-break that keeps
# equal keys in the order they were made: no_life_since's for no-life items).
Keyed = tuple[tuple, DueItem]


def no_life_items(
    flagged: Iterable[tuple[int, date | None]],
    names: Mapping[int, str],
    today: date,
    months: int = NO_LIFE_MONTHS,
) -> list[DueItem]:
    """no_life_since's answer: overdue by definition (more than `months` have passed)."""
    items = []
    for member_id, last in flagged:
        limit = add_months(last, months) if last else None
        items.append(
            DueItem(
                DueKind.NO_LIFE,
                Severity.OVERDUE,
                limit,
                RecordRef(RecordKind.MEMBER, member_id=member_id),
                names.get(member_id, ""),
                _days(limit, today),
                last,
            )
        )
    return items


class NoLifeLines:
    """The no-life items in the 工作台's order, kept between refreshes: a refresh after a
    change remakes the lines of the members it names only (a 10,000-member file whose
    members all went quiet would otherwise make and sort 10,000 lines every time).

    `lines(..., changed)` takes the members whose stay, last meeting or name may have
    changed since the previous call, or None for any; a new day, first meeting on record or
    period length remakes every line. Ordered as dashboard_items orders them: by _sort_key,
    ties in no_life_since's order (last meeting, then member)."""

    def __init__(self) -> None:
        self._basis: tuple | None = None
        self._entries: dict[int, Keyed] = {}
        self._ordered: list[Keyed] = []

    def lines(
        self,
        starts: Mapping[int, date | None],
        last: Mapping[int, date],
        names: Mapping[int, str],
        first: date,
        today: date,
        changed: Iterable[int] | None,
        months: int = NO_LIFE_MONTHS,
    ) -> list[Keyed]:
        basis = (first, today, months)
        if changed is None or basis != self._basis:
            self._basis = basis
            flagged = self._flagged(starts, last, names, starts.keys())
            self._entries = {m: self._entry(m, day, names) for m, day in flagged}
            self._ordered = sorted(self._entries.values())
        else:
            changed = set(changed)
            for member_id in changed:
                old = self._entries.pop(member_id, None)
                if old is not None:
                    del self._ordered[bisect_left(self._ordered, old)]
            for member_id, day in self._flagged(starts, last, names, changed & starts.keys()):
                entry = self._entries[member_id] = self._entry(member_id, day, names)
                insort(self._ordered, entry)
        return list(self._ordered)

    def _flagged(self, starts, last, names, members) -> list[tuple[int, date | None]]:
        first, today, months = self._basis
        since = {m: max(first, starts[m] or first) for m in members if m in names}
        return no_life_since({m: last.get(m) for m in since}, since, today, months)

    def _entry(self, member_id: int, day: date | None, names: Mapping[int, str]) -> Keyed:
        _first, today, months = self._basis
        (item,) = no_life_items([(member_id, day)], names, today, months)
        return ((_sort_key(item), day or date.min, member_id), item)


def rectification_items(
    open_items: Iterable[RectificationDue],
    today: date,
    within_days: int = DEFAULT_RECTIFICATION_WITHIN_DAYS,
) -> list[DueItem]:
    """Open 整改: overdue after its deadline, due from `within_days` before it (and the last
    day itself), a notice before that or without a deadline."""
    items = []
    for r in open_items:
        if r.closed:
            continue
        left = _days(r.due_on, today)
        if left is not None and left < 0:
            severity = Severity.OVERDUE
        elif left is not None and left <= within_days:
            severity = Severity.DUE
        else:
            severity = Severity.NOTICE
        ref = RecordRef(
            RecordKind.VENUE,
            venue_id=r.venue_id,
            inspection_id=r.inspection_id,
            rectification_id=r.id,
        )
        items.append(
            DueItem(
                DueKind.RECTIFICATION, severity, r.due_on, ref, r.item, left, place=r.venue_name
            )
        )
    return items


def health_items(
    health: FileHealth | None, today: date, max_age_days: int = DEFAULT_BACKUP_MAX_AGE_DAYS
) -> list[DueItem]:
    if health is None:
        return []
    items = []
    if health.integrity_ok is False:
        items.append(
            DueItem(DueKind.DATA_FILE, Severity.OVERDUE, None, RecordRef(RecordKind.DATA_FILE))
        )
    ref = RecordRef(RecordKind.BACKUPS)
    if health.newest_backup is None:
        items.append(DueItem(DueKind.BACKUP, Severity.DUE, None, ref))
    else:
        # The clock on a ship may be wrong: a backup "from the future" is not old.
        age = (today - health.newest_backup).days
        if age > max_age_days:
            due = date.fromordinal(health.newest_backup.toordinal() + max_age_days)
            left = max_age_days - age
            items.append(
                DueItem(DueKind.BACKUP, Severity.NOTICE, due, ref, "", left, health.newest_backup)
            )
    return items


def _sort_key(item: DueItem) -> tuple:
    return (
        _SEVERITY_ORDER[item.severity],
        item.due_date is None,
        item.due_date or date.max,
        item.kind.value,
        item.subject,
    )


def sorted_items(items: Iterable[DueItem]) -> list[DueItem]:
    """Items in the 工作台's order: overdue first, then due, then notices, by date."""
    return sorted(items, key=_sort_key)


def dashboard_items(
    today: date,
    *,
    meetings: Iterable[DueMeeting] = (),
    probation: Iterable[ProbationDue] = (),
    term: TermReminder | None = None,
    lost: Iterable[LostContact] = (),
    lost_months: int = DEFAULT_LOST_CONTACT_MONTHS,
    no_life: Iterable[tuple[int, date | None]] = (),
    no_life_months: int = NO_LIFE_MONTHS,
    member_names: Mapping[int, str] | None = None,
    rectifications: Iterable[RectificationDue] = (),
    health: FileHealth | None = None,
    no_life_lines: Sequence[Keyed] | None = None,
) -> list[DueItem]:
    """Every due and overdue item of the 工作台, overdue first, then by date.

    A member both flagged 失联 and without organisational life is listed once, as 失联
    (the flag is the record's own word). `no_life_lines`: the no-life items made already,
    in order with their keys (NoLifeLines), instead of `no_life` and `member_names`."""
    lost_list = lost_items(lost, today, lost_months)
    flagged = {i.ref.member_id for i in lost_list}
    if no_life_lines is None:
        quiet = [(m, last) for m, last in no_life if m not in flagged]
        no_life_lines = keyed_no_life_items(quiet, member_names or {}, today, no_life_months)
    elif flagged:
        no_life_lines = [k for k in no_life_lines if k[1].ref.member_id not in flagged]
    others = [
        *meeting_items(meetings, today),
        *probation_items(probation),
        *term_items(term),
        *lost_list,
        *rectification_items(rectifications, today),
        *health_items(health, today),
    ]
    keyed = [((_sort_key(item), date.min, i), item) for i, item in enumerate(others)]
    keyed += no_life_lines
    keyed.sort(key=itemgetter(0))  # nearly two sorted runs: little more than a merge
    return [item for _key, item in keyed]


def keyed_no_life_items(
    flagged: Iterable[tuple[int, date | None]],
    names: Mapping[int, str],
    today: date,
    months: int = NO_LIFE_MONTHS,
) -> list[Keyed]:
    """no_life_items with their keys, `flagged` in no_life_since's order."""
    items = no_life_items(flagged, names, today, months)
    return [((_sort_key(item), date.min, i), item) for i, item in enumerate(items)]
