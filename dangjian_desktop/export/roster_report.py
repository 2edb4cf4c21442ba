"""The input of the roster exports: plain values, no database (the services build it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from dangjian_desktop.domain.people import Member


@dataclass(frozen=True)
class RosterReport:
    """One 党员花名册 as it is handed to the exporters.

    `members` are exported in the given order (the caller filters and sorts); `group_names`
    maps a member's `party_group_id` to the 党小组's name. ID numbers are masked unless
    `full_ids` is set — the user has to ask for full numbers (DESIGN.md §2).
    """

    unit_name: str
    issued_on: date
    members: Sequence[Member]
    group_names: Mapping[int, str] = field(default_factory=dict)
    prepared_by: str = ""
    full_ids: bool = False
    mask_phones: bool = False
