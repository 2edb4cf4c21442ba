"""Derived 积分 entries kept in step with the meetings, inside the caller's transaction.

MeetingService.save / hold / delete / restore call `sync_meetings(s, [id])` in the same
write transaction as the meeting itself, so a meeting and the points its attendance earns
are saved (or refused) together. `sync_year` regenerates a whole year (after a scheme edit,
or to repair). Both are idempotent: derived entries are matched on (meeting, member, rule)
(point_derivation.reconcile_derived, and a unique index under it), so a re-save never
duplicates one and a kept entry keeps the points it was given.

A year's regeneration (tens of thousands of sign-in lines) compares keys and dates only
(point_derivation.reconcile_keys over five stored columns) and writes only the differences,
so a year already in step costs the two reads and nothing else. It reports progress and
may be cancelled (Cancelled, raised inside the caller's transaction: nothing is written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from dangjian_desktop.domain.point_derivation import (
    credit_entry,
    derive_credits,
    derive_entries,
    reconcile_derived,
    reconcile_keys,
)
from dangjian_desktop.domain.points import Entry, Scheme
from dangjian_desktop.progress import Progress, ProgressTicker
from dangjian_desktop.storage import point_repo

WRITE_CHUNK = 2000  # rows per insert between two progress reports (and cancel checks)


@dataclass(frozen=True)
class SyncResult:
    added: int = 0
    removed: int = 0
    moved: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved)


def scheme_for_write(s: Session, year: int) -> Scheme:
    """The scheme of `year`, frozen on first use: a year without its own scheme gets a copy
    of the template now, so a later edit of the template never changes this year."""
    scheme = point_repo.load_scheme(s, year)
    if scheme is not None:
        return scheme
    template = point_repo.load_scheme(s, None)
    if template is None:  # a file whose template was removed by hand: the shipped default
        from dangjian_desktop.domain.point_defaults import default_scheme

        template = default_scheme(year)
    point_repo.save_scheme(s, template, year)
    stored = point_repo.load_scheme(s, year)
    assert stored is not None
    return stored


def _apply(s: Session, existing: list[Entry], wanted: list[Entry], schemes: dict) -> SyncResult:
    changes = reconcile_derived(existing, wanted)
    point_repo.delete_entries(s, [e.id for e in changes.removed if e.id is not None])
    for entry in changes.updated:
        point_repo.update_entry(s, entry, schemes[entry.date.year])
    by_year: dict[int, list[Entry]] = {}
    for entry in changes.added:
        by_year.setdefault(entry.date.year, []).append(entry)
    for year, added in by_year.items():
        point_repo.insert_many(s, added, schemes[year])
    return SyncResult(len(changes.added), len(changes.removed), len(changes.updated))


def sync_meetings(s: Session, meeting_ids: Sequence[int]) -> SyncResult:
    """Bring the derived entries of these meetings to what their attendance earns now
    (a deleted meeting earns none)."""
    meetings = point_repo.attended(s, meeting_ids=list(meeting_ids))
    existing = point_repo.derived_of_meetings(s, meeting_ids)
    schemes: dict[int, Scheme] = {}
    wanted: list[Entry] = []
    for meeting in meetings:
        year = meeting.date.year
        if year not in schemes:
            schemes[year] = scheme_for_write(s, year)
        wanted += derive_entries([meeting], schemes[year])
    for entry in existing:  # an update of an entry whose meeting left its year
        if entry.date.year not in schemes:
            schemes[entry.date.year] = scheme_for_write(s, entry.date.year)
    return _apply(s, existing, wanted, schemes)


def sync_year(s: Session, year: int, progress: Progress | None = None) -> SyncResult:
    """Regenerate the derived entries of every meeting dated in `year`. `progress(done,
    total)`: the reads, then the writes; False cancels (Cancelled: the caller's transaction
    rolls back, nothing is written)."""
    ticker = ProgressTicker(progress, 0, every=1)
    scheme = scheme_for_write(s, year)
    ticker.force(0)  # before the reads: a cancel right away writes nothing
    meetings = point_repo.attended(s, year=year)
    wanted = derive_credits(meetings, scheme)
    # Entries of this year's meetings dated elsewhere cannot exist (the date is the meeting's).
    changes = reconcile_keys(point_repo.derived_keys_of_year(s, year), wanted)
    writes = len(changes.removed) + len(changes.moved) + len(changes.added)
    ticker.total = reads = max(1, writes // 4)  # the reads weigh about a quarter of a write
    ticker.total += writes
    ticker.force(reads)
    done = reads
    for start in range(0, len(changes.removed), WRITE_CHUNK):
        chunk = changes.removed[start : start + WRITE_CHUNK]
        point_repo.delete_entries(s, chunk)
        done += len(chunk)
        ticker.force(done)
    point_repo.move_entries(s, changes.moved)
    done += len(changes.moved)
    for start in range(0, len(changes.added), WRITE_CHUNK):
        chunk = changes.added[start : start + WRITE_CHUNK]
        point_repo.insert_many(s, [credit_entry(c) for c in chunk], scheme)
        done += len(chunk)
        ticker.force(done)
    ticker.force(ticker.total)
    return SyncResult(len(changes.added), len(changes.removed), len(changes.moved))
