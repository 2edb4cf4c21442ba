"""A window onto a long id list that stays in SQL (gui/models/id_list_model.py): the list's
length is counted, ids are read a page at a time, and a record's row is found by counting
the rows before it — a keystroke on 200,000 point entries costs a count up to a bound and
the page the screen shows, never the 200,000 ids.

A page right after (or before) one already read continues from its last (first) row's sort
key — keyset paging: an index seek, whatever the depth — and a page reached by a jump (the
scroll bar dragged) is read by OFFSET from the nearer end of the list.

The repository gives four reads, each called in its own read transaction:
    count(session, limit) -> int               min(hits, limit); limit None: all of them
    page(session, *, limit, offset, after, reverse, walk) -> list[key tuple ending in id]
    key(session, record_id) -> key | None      None: the filter does not show it
    position(session, key) -> int              rows before that key
`walk` is True when the filter has at least DENSE hits: the page may then walk an index in
the list's order rather than sort every hit (point_repo.entry_page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from dangjian_desktop.services.unit_of_work import read_session

DENSE = 5000  # hits from which a page walks the list's index (below: sorts the hits)
MAX_KEYS = 4000  # page boundaries remembered for keyset paging

Key = tuple


class IdWindow:
    def __init__(
        self,
        engine: Callable[[], Engine],
        *,
        count: Callable[..., int],
        page: Callable[..., list[Key]],
        key: Callable[[Any, int], Key | None],
        position: Callable[[Any, Key], int],
    ) -> None:
        self._engine = engine
        self._count, self._page, self._key, self._position = count, page, key, position
        self.total: int | None = None  # the exact count, once known
        self._walk: bool | None = None
        self._keys: dict[int, Key] = {}  # row → key of rows at page boundaries

    def count(self, limit: int | None = None) -> int:
        """The number of ids, counted up to `limit` only (min(n, limit)) when given: the
        exact total is kept once a count has seen the end of the list."""
        if self.total is not None:
            return self.total if limit is None else min(self.total, limit)
        with read_session(self._engine()) as s:
            found = self._count(s, limit)
        if limit is None or found < limit:
            self.total = found
        if self._walk is None or found >= DENSE:
            self._walk = found >= DENSE
        return found

    def adopt(self, other: IdWindow) -> None:
        """Take what `other` (the same filter, another order) knows of the count."""
        self.total, self._walk = other.total, other._walk

    def ids(self, start: int, stop: int) -> list[int]:
        """The ids of rows start..stop-1 (fewer at the end of the list)."""
        if stop <= start:
            return []
        if self._walk is None:
            self.count(DENSE)
        if self.total is not None:
            stop = min(stop, self.total)
            if stop <= start:
                return []
        with read_session(self._engine()) as s:
            read = _Reader(s, self._page, stop - start, self._walk or False)
            if start == 0:
                keys = read(offset=0)
            elif start - 1 in self._keys:
                keys = read(after=self._keys[start - 1])
            elif stop in self._keys:
                keys = read(after=self._keys[stop], reverse=True)[::-1]
            elif self.total is not None and start > self.total - stop:
                keys = read(offset=self.total - stop, reverse=True)[::-1]
            else:
                keys = read(offset=start)
        if keys:
            if len(self._keys) >= MAX_KEYS:
                self._keys.clear()
            self._keys[start] = keys[0]
            self._keys[start + len(keys) - 1] = keys[-1]
        return [k[-1] for k in keys]

    def position(self, record_id: int) -> int | None:
        """The row of this record in the list; None when the list does not show it."""
        with read_session(self._engine()) as s:
            key = self._key(s, record_id)
            return None if key is None else self._position(s, key)


class _Reader:
    def __init__(self, session, page, limit: int, walk: bool) -> None:
        self._s, self._page, self._limit, self._walk = session, page, limit, walk

    def __call__(self, *, offset: int = 0, after: Key | None = None, reverse: bool = False):
        return self._page(
            self._s, limit=self._limit, offset=offset, after=after, reverse=reverse, walk=self._walk
        )
