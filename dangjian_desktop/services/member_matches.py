"""The members a search text names (member_repo.name_condition), kept per text between
keystrokes: the 积分 entries list searches 200,000 entries by member name or pinyin, and
matching the 10,000 names in SQL costs some 4 ms of a keystroke's 16.

What is kept is only what the member rows say — each text's matches as (id, name_sort)
pairs — and it is kept only as long as the audit log says no member row changed: every
write goes through one door (unit_of_work.write_session) that adds an audit row in the
write's own transaction, so each look-up first reads the rows written since the last one
(dashboard_cache.touched_by). A member or branch row, a restore, a row of unknown kind or
more rows than are worth reading drop everything; 积分, meeting and other rows keep it. A
restore also replaces the engine, which drops everything too.

A text the cache has not seen that starts with one it has ("zh" after "z") matches some of
that one's members only (member_repo.search_key), so only those are looked up by id, when
they are few.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.audit import parse_entry
from dangjian_desktop.services.dashboard_cache import MAX_ROWS, touched_by
from dangjian_desktop.storage import audit_repo, member_repo

MAX_TEXTS = 32  # texts kept (a few searches typed letter by letter)
# A shorter text's matches are looked up by id when fewer than this: each look-up reads a
# whole member row (2 µs on the reference file), a scan of every name costs 3 ms.
WITHIN_AT_MOST = 1000


@dataclass(frozen=True, slots=True)
class Named:
    """The members a text names, by id, with their name_sort; `span` is the lowest and
    highest name_sort among them (None: nobody), where a walk by member starts and ends."""

    ids: tuple[int, ...]
    sorts: tuple[str, ...]
    span: tuple[str, str] | None

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, str]]) -> Named:
        found = sorted(pairs)
        sorts = tuple(n for _, n in found)
        return cls(tuple(i for i, _ in found), sorts, (min(sorts), max(sorts)) if sorts else None)

    def within(self, member_ids: Iterable[int]) -> Named:
        """Those of these members only."""
        wanted = set(member_ids)
        return Named.of((i, n) for i, n in zip(self.ids, self.sorts, strict=True) if i in wanted)


class MemberMatches:
    """Text → Named, up to date with the file each look-up reads (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # list reads run off the GUI thread
        self._forget()

    def clear(self) -> None:
        """Forget every text (the next look-up of each reads the names)."""
        with self._lock:
            self._forget()

    def _forget(self) -> None:
        self._engine: Engine | None = None
        self._seen: int | None = None  # the newest audit row the matches are up to date with
        self._found: OrderedDict[str, Named] = OrderedDict()

    def of(self, s: Session, engine: Engine, text: str) -> Named | None:
        """The members `text` names, as the file is in this read transaction; None for
        blank text (no search)."""
        key = member_repo.search_key(text)
        if not key:
            return None
        with self._lock:
            self._catch_up(s, engine)
            found = self._found.get(key)
            if found is None:
                wider = self._wider(key)
                found = Named.of(member_repo.named(s, key, None if wider is None else wider.ids))
                self._found[key] = found
                while len(self._found) > MAX_TEXTS:
                    self._found.popitem(last=False)
            self._found.move_to_end(key)
            return found

    def _wider(self, key: str) -> Named | None:
        """The matches of the longest text kept that `key` starts with, when they are few
        enough to look up one by one."""
        best = None
        for kept in self._found:
            if key.startswith(kept) and (best is None or len(kept) > len(best)):
                best = kept
        if best is None or len(self._found[best].ids) >= WITHIN_AT_MOST:
            return None
        return self._found[best]

    def _catch_up(self, s: Session, engine: Engine) -> None:
        newest = audit_repo.newest_id(s) or 0
        if engine is not self._engine or self._seen is None or newest < self._seen:
            stale = True  # another file, or not the log that was read
        elif newest == self._seen:
            stale = False
        else:
            rows = audit_repo.rows_after(s, self._seen, MAX_ROWS + 1)
            touched = touched_by(parse_entry(*row) for row in rows)
            stale = len(rows) > MAX_ROWS or touched.everything or touched.roster or touched.members
        if stale:
            self._forget()
        self._engine, self._seen = engine, newest
