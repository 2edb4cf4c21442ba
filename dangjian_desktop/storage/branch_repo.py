"""Reading and writing the branch profile rows.

Venues keep their ids across saves and are retired, not deleted, once a record uses them
(code review §3 decision 1): the profile lists active venues only, a meeting still names
a retired one, and a venue added again under a retired one's name is that venue again.
Committee rows are rewritten on every save (nothing may point at their ids); the member
holding each seat is kept in committee_member.member_id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func
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
from dangjian_desktop.domain.people import PartyStatus
from dangjian_desktop.storage.tables import (
    BranchRow,
    CommitteeMemberRow,
    CommitteeTermRow,
    MeetingRecordRow,
    MemberRow,
    PartyGroupRow,
    VenueRow,
)
from dangjian_desktop.storage.venue_tables import InspectionRow


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
            CommitteeMember(m.name, CommitteePost(m.post), m.started_on, m.id, m.member_id)
            for m in members
        )
    groups = session.exec(select(PartyGroupRow).order_by(PartyGroupRow.position)).all()
    venues = session.exec(
        select(VenueRow).where(VenueRow.retired_at.is_(None)).order_by(VenueRow.position)
    ).all()
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
                member_id=m.member_id,
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
    _save_venues(session, profile)


def committee_member_ids(session: Session) -> dict[int, date | None]:
    """The members holding a seat on the current committee: member id → since when (the
    seat's 任职日期, None when not recorded)."""
    term_row = _current_term(session)
    if term_row is None:
        return {}
    stmt = select(CommitteeMemberRow.member_id, CommitteeMemberRow.started_on).where(
        CommitteeMemberRow.term_id == term_row.id, CommitteeMemberRow.member_id.is_not(None)
    )
    return {member_id: started for member_id, started in session.exec(stmt)}


def members_by_name(session: Session, names: list[str]) -> dict[str, list[int]]:
    """Members on the roster (正常, not in the 回收站) with these names, by name."""
    found: dict[str, list[int]] = {name: [] for name in names}
    if not names:
        return found
    stmt = (
        select(MemberRow.name, MemberRow.id)
        .where(
            MemberRow.name.in_(names),
            MemberRow.status == PartyStatus.NORMAL.value,
            MemberRow.deleted_at.is_(None),
        )
        .order_by(MemberRow.id)
    )
    for name, member_id in session.exec(stmt):
        found[name].append(member_id)
    return found


def member_exists(session: Session, member_id: int) -> bool:
    return session.get(MemberRow, member_id) is not None


def venue_in_use(session: Session, venue_id: int) -> bool:
    """A record points at the venue (a meeting or an inspection), so removing it from the
    profile retires it instead of deleting it. Deleted meetings count: they can be
    restored."""
    stmt = (
        select(func.count())
        .select_from(MeetingRecordRow)
        .where(MeetingRecordRow.venue_id == venue_id)
    )
    if session.exec(stmt).one() > 0:
        return True
    inspections = (
        select(func.count()).select_from(InspectionRow).where(InspectionRow.venue_id == venue_id)
    )
    return session.exec(inspections).one() > 0


def venue_names(session: Session) -> dict[int, str]:
    """Every venue's name, retired ones too (records still show them)."""
    return {vid: name for vid, name in session.exec(select(VenueRow.id, VenueRow.name))}


def active_venues(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the active venues in the profile's order: load_profile's venues, two
    columns of them (the meeting form's 地点 list)."""
    stmt = (
        select(VenueRow.id, VenueRow.name)
        .where(VenueRow.retired_at.is_(None))
        .order_by(VenueRow.position)
    )
    return [(vid, name) for vid, name in session.exec(stmt)]


def active_venue_ids(session: Session) -> set[int]:
    return set(session.exec(select(VenueRow.id).where(VenueRow.retired_at.is_(None))))


def _save_venues(session: Session, profile: BranchProfile) -> None:
    """Active venues become the profile's: kept ids updated, the removed ones retired when
    in use (else deleted), new ones added — reviving a retired venue of the same name."""
    rows = {r.id: r for r in session.exec(select(VenueRow)).all()}
    retired = {r.name: r for r in rows.values() if r.retired_at is not None}
    ids: list[int | None] = []
    for venue in profile.venues:
        name = venue.name.strip()
        if venue.id in rows and rows[venue.id].retired_at is None:
            ids.append(venue.id)
        elif venue.id in rows:  # a stale id of a retired venue: it comes back
            ids.append(venue.id)
            retired.pop(rows[venue.id].name, None)
        elif name in retired:  # added again under its old name: the same venue
            ids.append(retired.pop(name).id)
        else:
            ids.append(None)
    now = datetime.now(UTC)
    wanted = {v.name.strip() for v in profile.venues}
    for rid, row in rows.items():
        if rid in ids or row.retired_at is not None:
            continue
        if venue_in_use(session, rid):
            row.retired_at = now
            session.add(row)
    # A retired venue keeps its name, unless an active one is now called that.
    for name, row in retired.items():
        if name in wanted:
            row.name = f"{name}（已停用·{row.id}）"
            session.add(row)
    session.flush()
    for rid in ids:
        if rid is not None:
            rows[rid].retired_at = None
    values = [
        {"name": v.name.strip(), "address": v.address.strip(), "area_m2": v.area_m2, "note": v.note}
        for v in profile.venues
    ]
    active = {rid for rid, row in rows.items() if row.retired_at is None or rid in ids}
    _replace_named(session, VenueRow, values, ids, among=active)


def _replace_named(
    session: Session,
    table,
    values: list[dict],
    ids: list[int | None],
    among: set[int] | None = None,
) -> None:
    """Update rows that keep their id (later tables will point at them), add new ones and
    delete the ones the user removed (of `among`, when given: the others are left alone)."""
    existing = {r.id: r for r in session.exec(select(table)).all()}
    if among is not None:
        existing = {rid: row for rid, row in existing.items() if rid in among}
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
