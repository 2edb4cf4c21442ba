"""What the 工作台 keeps between refreshes, and how it learns what changed since: from the
audit log (issue 11: a refresh after a change ≤ 100 ms on a 10,000-member file).

Every write goes through one door (unit_of_work.write_session), which adds one audit row in
the write's own transaction naming the kind of record it touched and its ids
(domain/audit.py). So the rows after the newest one seen say what changed since the parts
were read:
- a member or branch row: the roster part (names, stays, categories, 预备/失联 candidates)
  is read again;
- a meeting row: the last meeting each member attended is brought up to date for the
  records named (LastPresent.update), not read again for 10,000 members;
- rows that change no data (exports, backups) and kinds no cached part reads (积分, 阵地,
  settings) change nothing here;
- anything else — a plain-text row, a restore, a kind this module does not know, a meeting
  row without ids, more rows than are worth reading — drops everything.
A restore also replaces the engine, which drops everything too. What is cached is only
what the data says; what depends on today is worked out on every refresh.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.audit import (
    BACKUP,
    BRANCH,
    DATA_FILE,
    MEETING,
    MEMBER,
    POINTS,
    SETTINGS,
    VENUES,
    AuditEntry,
    parse_entry,
)
from dangjian_desktop.domain.people import Member
from dangjian_desktop.services.meeting_common import stay_starts
from dangjian_desktop.storage import audit_repo, meeting_figures_repo, member_repo, report_repo
from dangjian_desktop.storage.meeting_figures_repo import CHUNK

# More audit rows than this since the last refresh: read everything again instead.
MAX_ROWS = 500
# A change concerning more than 1/REREAD of the members asked: read them all again (one
# pass is cheaper than that many lookups through the member index).
REREAD = 3
# Actions that write only their audit row (audit_service.record_action): no data changed.
_NO_DATA = ("export.", "backup.")
# Kinds of record none of the cached parts reads.
_NOT_CACHED = frozenset({SETTINGS, BACKUP, VENUES, POINTS})


@dataclass(frozen=True)
class Touched:
    """What the audit rows since the last refresh changed, for the cached parts."""

    everything: bool = False
    roster: bool = False  # the whole roster part
    members: frozenset[int] = frozenset()
    meetings: frozenset[int] = frozenset()


EVERYTHING = Touched(everything=True)


def touched_by(entries: Iterable[AuditEntry]) -> Touched:
    roster, members, meetings = False, set[int](), set[int]()
    for entry in entries:
        if entry.action.startswith(_NO_DATA):
            continue
        if not entry.structured or entry.kind == DATA_FILE:
            return EVERYTHING
        if entry.kind == BRANCH:  # a branch save rewrites the 党小组 members are in
            roster = True
        elif entry.kind == MEMBER:
            if entry.ids:
                members.update(entry.ids)
            else:  # an import, a transfer in: which members is not said
                roster = True
        elif entry.kind == MEETING:
            if not entry.ids:
                return EVERYTHING
            meetings.update(entry.ids)
        elif entry.kind not in _NOT_CACHED:
            return EVERYTHING
    return Touched(roster=roster, members=frozenset(members), meetings=frozenset(meetings))


def _many(some: Collection[int], of: Collection[int]) -> bool:
    return len(some) * REREAD > max(len(of), 1)


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


@dataclass
class RosterPart:
    """The roster as the 工作台 reads it: members on the roster now (正常, not in the 回收站),
    by id, so that a change to a few members reads only them again."""

    names: dict[int, str]
    starts: dict[int, date | None]  # when the present stay here began (stay_starts)
    categories: dict[int, tuple[str, date | None, date | None]]  # report_repo.roster_categories
    candidates: dict[int, Member]  # 预备党员 and 失联 ones

    @classmethod
    def read(cls, s: Session) -> RosterPart:
        part = cls({}, {}, {}, {})
        part._read(s, None)
        return part

    def _read(self, s: Session, only: list[int] | None) -> None:
        self.names.update(member_repo.roster_names(s, only))
        self.starts.update(stay_starts(s, only))
        self.categories.update(report_repo.roster_categories(s, only))
        ids = member_repo.reminder_candidate_ids(s, only)
        self.candidates.update(member_repo.rows(s, ids, skip_damaged=True))

    def update(self, s: Session, member_ids: Iterable[int]) -> set[int] | None:
        """Read these members again (they may have joined or left the roster) and return
        them; None when they are so many that reading the whole roster is cheaper."""
        member_ids = set(member_ids)
        if _many(member_ids, self.names):
            return None
        for part in (self.names, self.starts, self.categories, self.candidates):
            for member_id in member_ids:
                part.pop(member_id, None)
        for chunk in _chunks(member_ids):
            self._read(s, chunk)
        return member_ids

    def candidates_by_id(self) -> list[Member]:
        return [self.candidates[i] for i in sorted(self.candidates)]


@dataclass
class LastPresent:
    """Member → the date of the last held meeting they attended, for the members asked
    (meeting_figures_repo.last_present_of), kept up to date meeting by meeting."""

    dates: dict[int, date] = field(default_factory=dict)
    asked: set[int] = field(default_factory=set)
    held: dict[int, date] = field(default_factory=dict)  # held record → its date, as read

    @classmethod
    def read(cls, s: Session, member_ids: Iterable[int]) -> LastPresent:
        asked = set(member_ids)
        return cls(
            meeting_figures_repo.last_present_of(s, asked),
            asked,
            meeting_figures_repo.held_dates(s),
        )

    def update(self, s: Session, meeting_ids: Iterable[int]) -> set[int] | None:
        """Bring the dates up to date after these records changed and return the members
        whose date may differ; None when so many members are concerned that reading
        everything again is cheaper.

        Every other record is as it was, so only two kinds of member can have a different
        answer. Those present at a changed record now that is held: their date is the later
        of the record's and the one kept — unless the one kept may have been this record's
        own, earlier or later than now. And those whose date is the date a changed record
        had before: they keep it when present at an unchanged held record of that date, and
        are asked again through the member index otherwise (few: those who lost it)."""
        changed = set(meeting_ids)
        held = meeting_figures_repo.held_dates(s)
        before = {self.held[m] for m in changed if m in self.held}
        after: dict[int, date] = {}  # member → the newest changed record they attend now
        for meeting_id in sorted(changed & held.keys()):
            for member_id in meeting_figures_repo.present_members(s, [meeting_id]):
                if member_id in self.asked:
                    day = held[meeting_id]
                    after[member_id] = max(day, after.get(member_id, day))
        unsure = {m for m, day in self.dates.items() if day in before}
        if unsure:
            same_day = [m for m, day in held.items() if day in before and m not in changed]
            kept = meeting_figures_repo.present_members(s, same_day)
            unsure = {m for m in unsure if m not in kept}
        if _many(unsure, self.asked):
            return None
        for member_id in unsure:
            self.dates.pop(member_id, None)
        self.dates.update(meeting_figures_repo.last_present_by_index(s, unsure))
        for member_id, day in after.items():
            if member_id not in unsure:  # asked again already, this record included
                kept_day = self.dates.get(member_id)
                self.dates[member_id] = day if kept_day is None else max(day, kept_day)
        self.held = held
        return unsure | after.keys()

    def ask(self, s: Session, member_ids: Iterable[int]) -> set[int] | None:
        """Add members not asked yet (newcomers on the roster) and return them; None when
        there are so many that reading everything again is cheaper."""
        new = set(member_ids) - self.asked
        if _many(new, self.asked):
            return None
        if new:
            self.dates.update(meeting_figures_repo.last_present_by_index(s, new))
            self.asked |= new
        return new


def _join(changed: set[int] | None, more: set[int] | None) -> set[int] | None:
    return None if changed is None or more is None else changed | more


@dataclass(frozen=True)
class Parts:
    """What `read` gives: the parts, and the members whose roster entry or last meeting
    changed since the previous read (None: any may have; everything was read again)."""

    roster: RosterPart
    last: dict[int, date]
    changed: set[int] | None


class DashboardCache:
    """The parts, the audit row they are up to date with, and the engine they were read
    from. `read` is called inside the refresh's read transaction, so the parts and the
    rest of the refresh come from one snapshot."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # two refreshes on two threads take turns
        self._clear(None)

    def _clear(self, engine: Engine | None) -> None:
        self._engine = engine
        self._seen: int | None = None
        self._roster: RosterPart | None = None
        self._last: LastPresent | None = None
        self.derived: dict[object, object] = {}  # worked out from the roster part

    def read(self, s: Session, engine: Engine) -> Parts:
        with self._lock:
            touched = self._catch_up(s, engine)
            if touched.everything:
                self._clear(engine)
            self._seen = audit_repo.newest_id(s) or 0
            changed: set[int] = set()
            everyone = False  # every member may have changed
            if touched.roster or touched.members or self._roster is None:
                self.derived = {}
                members = None
                if self._roster is not None and not touched.roster:
                    members = self._roster.update(s, touched.members)
                if members is None:
                    self._roster, everyone = RosterPart.read(s), True
                else:
                    changed |= members
            names = self._roster.names
            last = self._last
            updated = set[int]() if last is None or not touched.meetings else None
            if last is not None and touched.meetings:
                updated = last.update(s, touched.meetings)
            asked = last.ask(s, names) if last is not None and updated is not None else None
            if last is None or updated is None or asked is None:
                last = self._last = LastPresent.read(s, names)
                everyone = True
            else:
                changed |= updated | asked
            return Parts(self._roster, last.dates, None if everyone else changed)

    def _catch_up(self, s: Session, engine: Engine) -> Touched:
        if self._seen is None or engine is not self._engine:
            return EVERYTHING
        newest = audit_repo.newest_id(s) or 0
        if newest == self._seen:
            return Touched()
        if newest < self._seen:  # not the log that was read: nothing is known
            return EVERYTHING
        rows = audit_repo.rows_after(s, self._seen, MAX_ROWS + 1)
        if len(rows) > MAX_ROWS:
            return EVERYTHING
        return touched_by(parse_entry(*row) for row in rows)
