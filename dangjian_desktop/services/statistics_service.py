"""党员队伍统计 (`ws.statistics`): the branch on a date by the 党统 dimensions and the year's
发展/转正/延长预备期/转入/转出/出党 counts (domain/statistics.py does the counting).

`build(session, year, as_of)` reads inside a session the caller holds, so the 上报材料
package and the export take the statistics from the same snapshot as their other parts.

民主评议 grades come from the 积分 module when it lands: `grade_source(session, year)` →
member id → grade ("优秀" …). Until one is set, every member counts as 未评议. The points
service plugs in with one line in Workspace.__init__:
`self.statistics.grade_source = self.points.grades_in`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from sqlmodel import Session

from dangjian_desktop.domain.statistics import RosterStatistics, roster_statistics
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import member_history_repo, member_repo, report_repo

# (session, year) → member id → that year's 民主评议 grade.
GradeSource = Callable[[Session, int], Mapping[int, str]]


def year_end(year: int) -> date:
    return date(year, 12, 31)


class StatisticsService(Service):
    grade_source: GradeSource | None = None

    def statistics(self, year: int, as_of: date | None = None) -> RosterStatistics:
        """The branch on `as_of` (default 12-31 of `year`) and the events of `year`."""
        with read_session(self._engine()) as s:
            return self.build(s, year, as_of)

    def build(self, s: Session, year: int, as_of: date | None = None) -> RosterStatistics:
        as_of = as_of or year_end(year)
        ids = report_repo.live_member_ids(s)
        members = member_repo.rows(s, ids, skip_damaged=True).values()
        # The history recorded here: rows a transfer file brought are the sending branch's.
        statuses = member_history_repo.statuses_here(s)
        transfers = report_repo.transfers_by_member(s)
        grades = self.grade_source(s, year) if self.grade_source is not None else None
        return roster_statistics(members, statuses, transfers, as_of, year, grades)
