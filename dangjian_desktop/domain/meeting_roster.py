"""The roster a sign-in list is drawn from, column by column, and the quorum of a list most
of whose lines are plain 出席.

A 主题党日 or 党员大会 of a company roster lists thousands: one ListedMember and one
Attendance per member cost the meeting form more than its whole budget (issue 8: opening
a record ≤ 100 ms; each frozen object ≈ 2 µs here). `ListedRoster` keeps the members as
five parallel tuples; `quorum_of_listed` counts the plain lines (Attendance(member_id):
出席, nothing else said) from their ids alone. Both equal the object-per-member rules in
meeting_rules (expected_members, quorum), which the tests hold them to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import compress

from dangjian_desktop.domain.meeting_rules import ListedMember, Quorum, quorum
from dangjian_desktop.domain.meetings import Attendance, MeetingType


@dataclass(frozen=True, eq=False)
class ListedRoster:
    """Members as they stood on a date, in roster order: row i is (ids[i], names[i],
    formal[i], party_group_ids[i], on_committee[i]) — a ListedMember's fields."""

    ids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    formal: tuple[bool, ...] = ()
    party_group_ids: tuple[int | None, ...] = ()
    on_committee: tuple[bool, ...] = ()

    @classmethod
    def of(cls, members: Iterable[ListedMember]) -> ListedRoster:
        rows = [(m.member_id, m.name, m.formal, m.party_group_id, m.on_committee) for m in members]
        if not rows:
            return cls()
        ids, names, formal, groups, committee = zip(*rows, strict=True)
        return cls(ids, names, formal, groups, committee)

    def __len__(self) -> int:
        return len(self.ids)

    def members(self) -> list[ListedMember]:
        columns = (self.ids, self.names, self.formal, self.party_group_ids, self.on_committee)
        return [ListedMember(*row) for row in zip(*columns, strict=True)]

    def by_id(self) -> dict[int, ListedMember]:
        return {m.member_id: m for m in self.members()}

    def people(self) -> list[tuple[int, str]]:
        """(id, name) of each, in order: what the form's people pickers list."""
        return list(zip(self.ids, self.names, strict=True))

    def expected(
        self, meeting_type: MeetingType, party_group_id: int | None = None
    ) -> ListedRoster:
        """meeting_rules.expected_members on the columns: the 党小组 for a 党小组会, the
        committee for a 支委会, else everyone (this roster itself)."""
        if meeting_type is MeetingType.GROUP and party_group_id is not None:
            return self._rows(i for i, g in enumerate(self.party_group_ids) if g == party_group_id)
        if meeting_type is MeetingType.COMMITTEE:
            return self._rows(i for i, seated in enumerate(self.on_committee) if seated)
        return self

    @cached_property
    def formal_ids(self) -> tuple[int, ...]:
        """The 正式党员 among them (quorum's formal_ids), found once."""
        return tuple(compress(self.ids, self.formal))

    @cached_property
    def committee_ids(self) -> tuple[int, ...]:
        return tuple(compress(self.ids, self.on_committee))

    def _rows(self, rows: Iterable[int]) -> ListedRoster:
        keep = list(rows)
        columns = (self.ids, self.names, self.formal, self.party_group_ids, self.on_committee)
        return ListedRoster(*(tuple(column[i] for i in keep) for column in columns))


def quorum_of_listed(
    meeting_type: MeetingType,
    plain: Iterable[int],
    lines: Sequence[Attendance],
    formal_ids: Iterable[int],
    committee_ids: Iterable[int] = (),
) -> Quorum:
    """quorum() of a sign-in list of `lines` and a plain 出席 line, Attendance(member_id),
    for each member of `plain` (no member twice on the list): the plain lines are counted
    without being built. Equals quorum(meeting_type, [*lines, *map(Attendance, plain)],
    formal_ids, committee_ids)."""
    # The ids whose presence counts, found once: quorum() takes them from either argument.
    pool = set(committee_ids if meeting_type is MeetingType.COMMITTEE else formal_ids)
    counted = quorum(meeting_type, lines, pool, pool)
    # A plain line is present and not excluded: it counts when its member is entitled.
    extra = len(pool.intersection(plain))
    return replace(counted, present=counted.present + extra, absent=counted.absent - extra)


__all__ = ["ListedRoster", "quorum_of_listed"]
