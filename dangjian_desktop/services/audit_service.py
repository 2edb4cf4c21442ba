"""ws.audit: the audit log (who changed what, DESIGN.md §3; issue 7 item 13).

Writes of data record their row themselves, in their own transaction (write_session with an
AuditRecord). Actions that write no data — an export, a transfer file, a backup, a restore —
record theirs here, after they succeeded:

    record_action(engine, "backup.take", AuditRecord(BACKUP, details={...}))   # services
    ws.audit.record("…", AuditRecord(...))                                    # the same
    record_export(engine, "roster", fmt="xlsx", rows=30, full_ids=False)     # every export

Such a row is not a data change: nothing reports it to the workspace, so it never makes a
backup due (a backup's own row would otherwise make the next backup due, forever).

The 操作记录 view reads through `entries` (filtered and paged in SQL) and `member_names`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.engine import Engine

from dangjian_desktop.domain.audit import AuditEntry, AuditFilter, AuditRecord, parse_entry
from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import audit_repo, member_repo

# A search names at most this many members (by name, pinyin, ID tail or phone): each adds
# a few LIKE terms over every row. A surname typed alone finds more; the view says so.
MAX_NAMED_MEMBERS = 20
_EVERYONE = ()  # MemberFilter statuses: every status, transferred out and 回收站 included


def record_action(engine: Engine, action: str, record: AuditRecord) -> None:
    """One audit row for an action that changed no data, in its own short transaction."""
    with write_session(engine, action, audit=record):
        pass


def record_export(
    engine: Engine,
    report: str,
    *,
    fmt: str,
    rows: int,
    full_ids: bool = False,
    full_phones: bool = False,
    **details: object,
) -> None:
    """The audit row of a written export (action "export.<report>"): which report, its
    format and size, and whether full ID numbers or phones left the program. `details`
    may add facts about the export (a period, "filtered": True) — never a person's value,
    and no file name (users name files after people)."""
    facts = {"format": fmt, "rows": rows, "full_ids": full_ids, "full_phones": full_phones}
    record_action(engine, f"export.{report}", AuditRecord(report, details={**facts, **details}))


def utc_bounds(flt: AuditFilter) -> tuple[datetime | None, datetime | None]:
    """The filter's calendar days on this PC's clock as instants: since the first day's
    local midnight, before the local midnight after the last day."""

    def utc(day: date) -> datetime:
        return datetime.combine(day, time()).astimezone(UTC)

    since = utc(flt.since) if flt.since else None
    before = utc(flt.until + timedelta(days=1)) if flt.until else None
    return since, before


class AuditService(Service):
    def record(self, action: str, record: AuditRecord) -> None:
        """See record_action."""
        record_action(self._engine(), action, record)

    def entries(self, flt: AuditFilter, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
        """Rows matching `flt`, newest first (by id, not by the clock)."""
        since, before = utc_bounds(flt)
        with read_session(self._engine()) as s:
            rows = audit_repo.entries(s, flt, since, before, limit, offset)
        return [parse_entry(*row) for row in rows]

    def count(self, flt: AuditFilter) -> int:
        since, before = utc_bounds(flt)
        with read_session(self._engine()) as s:
            return audit_repo.count(s, flt, since, before)

    def newest_id(self) -> int | None:
        with read_session(self._engine()) as s:
            return audit_repo.newest_id(s)

    def members_matching(self, text: str) -> tuple[int, ...]:
        """Ids of the members (any status, 回收站 too) a search text finds as the roster's
        search box does, at most MAX_NAMED_MEMBERS + 1 (more than the cap: too many)."""
        if not text.strip():
            return ()
        flt = MemberFilter(text=text, statuses=_EVERYONE, include_deleted=True)
        with read_session(self._engine()) as s:
            found = member_repo.ids(s, flt, MemberSort())
        return tuple(found[: MAX_NAMED_MEMBERS + 1])

    def member_names(self, ids: Iterable[int]) -> dict[int, str]:
        """The current names of members an audit row names (for the view only: the log
        itself holds ids). A damaged or missing record is left out."""
        with read_session(self._engine()) as s:
            return {i: m.name for i, m in member_repo.rows(s, ids, skip_damaged=True).items()}
