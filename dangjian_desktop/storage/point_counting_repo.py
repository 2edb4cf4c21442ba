"""The branch's counting decisions (point_counting: CountingOverride per member and year)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from dangjian_desktop.domain.points import CountingOverride
from dangjian_desktop.storage.tables import PointCountingRow

_C = PointCountingRow.__table__  # type: ignore[attr-defined]


def of_year(session: Session, year: int) -> dict[int, CountingOverride]:
    stmt = select(_C).where(_C.c.year == year)
    return {
        r.member_id: CountingOverride(r.member_id, r.year, bool(r.counted), r.reason, r.id)
        for r in session.connection().execute(stmt)
    }


def put(session: Session, override: CountingOverride) -> None:
    """Store the decision for (member, year), replacing an earlier one."""
    clear(session, override.member_id, override.year)
    session.connection().execute(
        insert(_C).values(
            member_id=override.member_id,
            year=override.year,
            counted=override.counted,
            reason=override.reason,
        )
    )


def clear(session: Session, member_id: int, year: int) -> None:
    session.connection().execute(delete(_C).where(_C.c.member_id == member_id, _C.c.year == year))
