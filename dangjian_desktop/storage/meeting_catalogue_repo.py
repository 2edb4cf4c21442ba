"""The meeting catalogues: the frequency table of the compliance calendar and the branch's
主题党日 day types. Seeded by migration 0004; rewritten whole when the user edits them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from dangjian_desktop.domain.meetings import FrequencyRule, MeetingType, Period
from dangjian_desktop.storage.tables import MeetingFrequencyRow, ThemeDayTagRow

_FREQ = MeetingFrequencyRow.__table__
_TAGS = ThemeDayTagRow.__table__


def frequencies(session: Session) -> list[FrequencyRule]:
    stmt = select(_FREQ.c.type, _FREQ.c.period, _FREQ.c.count, _FREQ.c.per_group, _FREQ.c.note)
    stmt = stmt.order_by(_FREQ.c.position, _FREQ.c.id)
    return [
        FrequencyRule(MeetingType(t), Period(p), count, bool(per_group), note)
        for t, p, count, per_group, note in session.execute(stmt)
    ]


def set_frequencies(session: Session, rules: Sequence[FrequencyRule]) -> None:
    session.execute(delete(_FREQ))
    batch = [
        {
            "position": pos,
            "type": r.type.value,
            "period": r.period.value,
            "count": r.count,
            "per_group": r.per_group,
            "note": r.note,
        }
        for pos, r in enumerate(rules)
    ]
    if batch:
        session.connection().execute(insert(_FREQ), batch)


def theme_tags(session: Session) -> list[str]:
    stmt = select(_TAGS.c.name).order_by(_TAGS.c.position, _TAGS.c.id)
    return list(session.execute(stmt).scalars())


def set_theme_tags(session: Session, names: Sequence[str]) -> None:
    session.execute(delete(_TAGS))
    if names:
        batch = [{"position": pos, "name": name} for pos, name in enumerate(names)]
        session.connection().execute(insert(_TAGS), batch)
