"""What the meeting services share: the typed errors, who was on the roster on a date, and
the last organisational life of each member (for the 工作台)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import ClassVar

from sqlalchemy import literal_column, select
from sqlmodel import Session

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.meeting_rules import ListedMember
from dangjian_desktop.domain.meetings import MeetingType
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.storage import (
    branch_repo,
    meeting_figures_repo,
    meeting_roster_repo,
    member_history_repo,
    member_repo,
)
from dangjian_desktop.storage.tables import MemberRow

CHANGED = Changes(meetings=True)

# Codes the meeting services raise besides the domain's (meeting_rules.ERROR_CODES,
# meeting_calendar.ERROR_CODES, attachments.ERROR_CODES).
ERROR_CODES: dict[str, str] = {
    "use_archive": "a record becomes 已归档 through archive(), not save()",
    "no_such_venue": "the venue is not in this data file",
    "venue_retired": "the venue was removed from 支部信息 (a record already using it keeps it)",
    "no_such_group": "the 党小组 is not in this data file",
    "reason_required": "reopening an archived record needs a reason",
    "not_archived": "only an archived record can be reopened",
}


class MeetingArchivedError(AppError):
    """The record is 已归档 and read-only: reopen it (with a reason) to change it."""

    area = "meetings"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "meeting_archived": "the meeting (`meeting_id`) is 已归档 and read-only",
        "meeting_deleted": "the meeting (`meeting_id`) is in the 回收站",
    }

    def __init__(self, meeting_id: int) -> None:
        super().__init__(
            "meeting_archived",
            {"meeting_id": meeting_id},
            message=f"meeting {meeting_id} is archived",
        )
        self.meeting_id = meeting_id


class MeetingDeletedError(AppError):
    """The record is in the 回收站: restore it before changing it."""

    area = "meetings"
    ERROR_CODES = MeetingArchivedError.ERROR_CODES

    def __init__(self, meeting_id: int) -> None:
        super().__init__(
            "meeting_deleted",
            {"meeting_id": meeting_id},
            message=f"meeting {meeting_id} is deleted",
        )
        self.meeting_id = meeting_id


def listed_on(
    s: Session, day: date, member_ids: Iterable[int] | None = None
) -> dict[int, ListedMember]:
    """Members on this branch's roster on `day`, by id, in roster order (pinyin); all of
    them, or those of `member_ids`: meeting_roster_repo.listed_roster (in_branch_on by the
    history recorded here; 正式 then when their 转正日期 is on or before it; members in the
    回收站 left out), one ListedMember each."""
    return meeting_roster_repo.listed_roster(s, day, member_ids).by_id()


def people_on(s: Session, day: date) -> list[tuple[int, str]]:
    """(id, name) of everyone listed_on(day) gives, in the same roster order: two columns
    and no 正式/committee lookups, for the meeting form's people pickers (issue 8: opening
    a record ≤ 100 ms on a 10,000-member roster)."""
    present = member_history_repo.in_branch_ids(s, day)
    row = MemberRow
    # "+member.deleted_at": not by ix_member_deleted_at and the table (10,000 lookups)
    # but one scan of the covering ix_member_roster (id, name, name_sort, deleted_at).
    live = literal_column("+member.deleted_at").is_(None)
    # Ordered by SQLite (binary collation: the code-point order listed_on's sort gives).
    stmt = select(row.id, row.name).where(live).order_by(row.name_sort, row.name, row.id)
    return [(i, name) for i, name in s.connection().execute(stmt).all() if i in present]


def voters_on(
    s: Session, day: date, meeting_type: MeetingType, party_group_id: int | None
) -> tuple[list[int], list[int]]:
    """(the 正式党员 expected at such a meeting on `day`, the committee members on the roster
    then): what quorum() needs, found as ids only — the same members listed_on and
    expected_members give, without names or order (a 10,000-member roster answers fast)."""
    group = meeting_type is MeetingType.GROUP and party_group_id is not None
    pool = group_member_ids(s, party_group_id) if group else None
    present = member_history_repo.in_branch_ids(s, day, pool)
    committee = [
        mid
        for mid, since in branch_repo.committee_member_ids(s).items()
        if mid in present and (since is None or since <= day)
    ]
    row = MemberRow
    stmt = select(row.id).where(
        row.deleted_at.is_(None), row.full_date.is_not(None), row.full_date <= day
    )
    if group:
        stmt = stmt.where(row.party_group_id == party_group_id)
    live_committee = (
        set(
            s.connection()
            .execute(select(row.id).where(row.id.in_(committee), row.deleted_at.is_(None)))
            .scalars()
        )
        if committee
        else set()
    )
    formal = [mid for mid in s.connection().execute(stmt).scalars() if mid in present]
    return formal, [mid for mid in committee if mid in live_committee]


def group_member_ids(s: Session, party_group_id: int) -> list[int]:
    stmt = select(MemberRow.id).where(MemberRow.party_group_id == party_group_id)
    return list(s.connection().execute(stmt).scalars())


def stay_starts(s: Session, only: Sequence[int] | None = None) -> dict[int, date | None]:
    """Members on the roster now (正常, not in the 回收站; of `only`, if given) → when their
    present stay here began: the first 正常 row after their last other status, by the
    history recorded here (None when there is no such row)."""
    stmt = select(MemberRow.id).where(*member_repo.on_roster_now(only))
    return member_history_repo.stay_starts_here(s, s.connection().execute(stmt).scalars())


def last_activity(s: Session) -> dict[int, date] | None:
    """For the "no organisational life for 6 months" reminder (domain brief §2.3): for each
    member on the roster now, the latest of the last held meeting they attended, the start
    of their present stay here (a newcomer is not flagged for meetings before arriving) and
    the first held meeting on record (nothing is known before the ledger began). None while
    no meeting has been held: then nothing is known at all."""
    first = meeting_figures_repo.first_held(s)
    if first is None:
        return None
    last = meeting_figures_repo.last_present(s)
    activity = {}
    for member_id, start in stay_starts(s).items():
        known = [first, start, last.get(member_id)]
        activity[member_id] = max(d for d in known if d is not None)
    return activity
