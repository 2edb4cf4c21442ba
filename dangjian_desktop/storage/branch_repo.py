"""Reading and writing the branch profile rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, delete, select

from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    OrgType,
    PartyGroup,
    Venue,
)
from dangjian_desktop.storage.tables import (
    BranchRow,
    CommitteeMemberRow,
    CommitteeTermRow,
    PartyGroupRow,
    VenueRow,
)


def _current_term(session: Session) -> CommitteeTermRow | None:
    stmt = select(CommitteeTermRow).order_by(CommitteeTermRow.id.desc()).limit(1)
    return session.exec(stmt).first()


def load_profile(session: Session) -> BranchProfile:
    row = session.get(BranchRow, 1)
    if row is None:
        return BranchProfile()
    term_row = _current_term(session)
    term, committee = CommitteeTerm(), ()
    if term_row is not None:
        term = CommitteeTerm(term_row.ordinal, term_row.election_date, term_row.term_years)
        members = session.exec(
            select(CommitteeMemberRow)
            .where(CommitteeMemberRow.term_id == term_row.id)
            .order_by(CommitteeMemberRow.position)
        ).all()
        committee = tuple(
            CommitteeMember(m.name, CommitteePost(m.post), m.started_on, m.id) for m in members
        )
    groups = session.exec(select(PartyGroupRow).order_by(PartyGroupRow.position)).all()
    venues = session.exec(select(VenueRow).order_by(VenueRow.position)).all()
    return BranchProfile(
        full_name=row.full_name,
        code=row.code,
        org_type=OrgType(row.org_type),
        parent_committee=row.parent_committee,
        founded_on=row.founded_on,
        term=term,
        committee=committee,
        groups=tuple(PartyGroup(g.name, g.leader, g.note, g.id) for g in groups),
        venues=tuple(Venue(v.name, v.address, v.area_m2, v.note, v.id) for v in venues),
    )


def save_profile(session: Session, profile: BranchProfile) -> None:
    """Replace the stored profile with `profile` (the current committee term is edited in place)."""
    row = session.get(BranchRow, 1) or BranchRow(id=1)
    row.full_name = profile.full_name.strip()
    row.code = profile.code.strip()
    row.org_type = profile.org_type.value
    row.parent_committee = profile.parent_committee.strip()
    row.founded_on = profile.founded_on
    row.updated_at = datetime.now(UTC)
    session.add(row)

    term_row = _current_term(session) or CommitteeTermRow()
    term_row.ordinal = profile.term.ordinal
    term_row.election_date = profile.term.election_date
    term_row.term_years = profile.term.term_years
    session.add(term_row)
    session.flush()
    session.exec(delete(CommitteeMemberRow).where(CommitteeMemberRow.term_id == term_row.id))
    for pos, m in enumerate(profile.committee):
        session.add(
            CommitteeMemberRow(
                term_id=term_row.id,
                position=pos,
                name=m.name.strip(),
                post=m.post.value,
                started_on=m.started_on,
            )
        )
    _replace_named(
        session,
        PartyGroupRow,
        [
            {"name": g.name.strip(), "leader": g.leader.strip(), "note": g.note}
            for g in profile.groups
        ],
        [g.id for g in profile.groups],
    )
    _replace_named(
        session,
        VenueRow,
        [
            {
                "name": v.name.strip(),
                "address": v.address.strip(),
                "area_m2": v.area_m2,
                "note": v.note,
            }
            for v in profile.venues
        ],
        [v.id for v in profile.venues],
    )


def _replace_named(session: Session, table, values: list[dict], ids: list[int | None]) -> None:
    """Update rows that keep their id (later tables will point at them), add new ones and
    delete the ones the user removed."""
    existing = {r.id: r for r in session.exec(select(table)).all()}
    kept = {i for i in ids if i in existing}
    for rid, row in existing.items():
        if rid not in kept:
            session.delete(row)
    session.flush()  # deletes first, so a removed name can be reused in the same save
    # Names are unique: park kept rows on temporary names first so a swap cannot collide.
    for rid in kept:
        existing[rid].name = f"\x00{rid}"
        session.add(existing[rid])
    session.flush()
    for pos, (rid, vals) in enumerate(zip(ids, values, strict=True)):
        row = existing[rid] if rid in kept else table()
        for key, value in vals.items():
            setattr(row, key, value)
        row.position = pos
        session.add(row)
