"""Member reminders for the 工作台 feed: 转正 falling due, members out of contact.

Sources: DESIGN.md §2 (预备党员 whose 转正 falls due within 60 days); 党章 Art.7 (预备期一年,
the branch discusses 转正 promptly when it ends); domain brief §2.3 ("失去联系" = no
organisational life and no dues for more than 6 months; 失联 > 6 months → consider 停止党籍).
The windows are parameters with defaults: rules are data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.member_rules import probation_end
from dangjian_desktop.domain.people import Member, MemberCategory, PartyStatus

DEFAULT_PROBATION_WITHIN_DAYS = 60
DEFAULT_LOST_CONTACT_MONTHS = 6


class ProbationDue(NamedTuple):
    member: Member
    due_date: date  # end of the 预备期 (with any extension)
    days_left: int  # negative when overdue


class LostReason(StrEnum):
    FLAGGED = "flagged"  # the record says 失联
    NO_ACTIVITY = "no_activity"  # no 组织生活/党费 recorded for more than the window


class LostContact(NamedTuple):
    member: Member
    reason: LostReason
    since: date | None  # lost_since, or the last activity
    # 失联 longer than the window: the branch should consider 停止党籍 (brief §2.3)
    review_due: bool


def probation_due(
    members: Iterable[Member], today: date, within_days: int = DEFAULT_PROBATION_WITHIN_DAYS
) -> list[ProbationDue]:
    """Active 预备党员 whose 预备期 ends within `within_days`, or has ended; soonest first."""
    due: list[ProbationDue] = []
    for member in members:
        if member.category is not MemberCategory.PROBATIONARY:
            continue
        if member.status is not PartyStatus.NORMAL:
            continue
        end = probation_end(member)
        if end is None:
            continue
        days_left = (end - today).days
        if days_left <= within_days:
            due.append(ProbationDue(member, end, days_left))
    due.sort(key=lambda item: (item.due_date, item.member.name))
    return due


def lost_contact(
    members: Iterable[Member],
    last_activity: Mapping[int, date | None] | None,
    today: date,
    months: int = DEFAULT_LOST_CONTACT_MONTHS,
) -> list[LostContact]:
    """Active members flagged 失联, or with no activity for more than `months`; longest first.

    `last_activity` maps member id → the latest of their last 组织生活 attendance, last dues
    payment, and the day they joined this branch (so a member who just transferred in is not
    flagged). A missing or None entry means nothing is known and does not flag; with no
    mapping at all (no meeting data yet) only the 失联 flag counts.
    """
    cutoff = add_months(today, -months)
    found: list[LostContact] = []
    for member in members:
        if member.status is not PartyStatus.NORMAL:
            continue
        if member.is_lost:
            since = member.lost_since
            review = since is not None and since < cutoff
            found.append(LostContact(member, LostReason.FLAGGED, since, review))
            continue
        if last_activity is None or member.id is None:
            continue
        last = last_activity.get(member.id)
        if last is not None and last < cutoff:
            found.append(LostContact(member, LostReason.NO_ACTIVITY, last, False))
    found.sort(key=lambda item: (item.since is None, item.since or today, item.member.name))
    return found
