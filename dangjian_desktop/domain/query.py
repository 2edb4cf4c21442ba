"""How a list is ordered, for every id-list table (roster, meetings, point entries).

The GUI's table model turns a click on a column header into a Sort; the repository turns it
into ORDER BY (storage/query.py). No Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sort:
    column: str  # a column key the repository knows how to order by
    descending: bool = False
