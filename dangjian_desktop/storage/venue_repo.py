"""Reading and writing the 阵地 rows: templates, inspections with their results, and
rectifications (storage/venue_tables.py). The service holds the rules; this module maps
domain values to rows and runs the list queries in SQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import and_, case, delete, func, insert, or_, select
from sqlmodel import Session

from dangjian_desktop.domain.branch import Venue
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.venue_lists import (
    InspectionFilter,
    InspectionListRow,
    OverdueRectification,
    RectificationFilter,
    RectificationListRow,
    RectificationShow,
    VenueSummary,
)
from dangjian_desktop.domain.venue_rules import Tally
from dangjian_desktop.domain.venues import (
    Group,
    Inspection,
    Inspector,
    Item,
    ItemResult,
    Outcome,
    Rectification,
    RectificationStatus,
    Reopening,
    Template,
    template_from_data,
    template_to_data,
)
from dangjian_desktop.storage.errors import DamagedRecordError
from dangjian_desktop.storage.query import chunked, order_by
from dangjian_desktop.storage.tables import AttachmentRow, MemberRow, VenueRow
from dangjian_desktop.storage.venue_tables import (
    InspectionResultRow,
    InspectionRow,
    RectificationRow,
    VenueTemplateGroupRow,
    VenueTemplateItemRow,
    VenueTemplateRow,
)

INSPECTION = "inspection"  # attachment owner kinds
RECTIFICATION = "rectification"

_I = InspectionRow.__table__
_R = RectificationRow.__table__


def _now() -> datetime:
    return datetime.now(UTC)


# --- templates ---------------------------------------------------------------------------
def template_ids(session: Session) -> list[int]:
    return list(session.exec(select(VenueTemplateRow.id).order_by(VenueTemplateRow.id)).scalars())


def load_template(session: Session, template_id: int) -> Template | None:
    row = session.get(VenueTemplateRow, template_id)
    if row is None:
        return None
    groups = session.exec(
        select(VenueTemplateGroupRow)
        .where(VenueTemplateGroupRow.template_id == template_id)
        .order_by(VenueTemplateGroupRow.position)
    ).scalars()
    items: dict[int, list[Item]] = {}
    for item in session.exec(
        select(VenueTemplateItemRow)
        .where(VenueTemplateItemRow.template_id == template_id)
        .order_by(VenueTemplateItemRow.group_position, VenueTemplateItemRow.position)
    ).scalars():
        items.setdefault(item.group_position, []).append(
            Item(item.key, item.text, item.weight, item.note)
        )
    return Template(
        name=row.name,
        version=row.version,
        groups=tuple(
            Group(g.key, g.name, tuple(items.get(g.position, ())), g.source) for g in groups
        ),
        note=row.note,
        id=row.id,
    )


def save_template(session: Session, template: Template) -> int:
    """Store `template` as its id's current version (a new row when id is None): the
    groups and items rewritten."""
    row = session.get(VenueTemplateRow, template.id) if template.id is not None else None
    row = row or VenueTemplateRow()
    row.name, row.version, row.note, row.updated_at = (
        template.name,
        template.version,
        template.note,
        _now(),
    )
    session.add(row)
    session.flush()
    session.execute(
        delete(VenueTemplateGroupRow).where(VenueTemplateGroupRow.template_id == row.id)
    )
    session.execute(delete(VenueTemplateItemRow).where(VenueTemplateItemRow.template_id == row.id))
    for g, group in enumerate(template.groups):
        session.add(
            VenueTemplateGroupRow(
                template_id=row.id, position=g, key=group.key, name=group.name, source=group.source
            )
        )
        for i, item in enumerate(group.items):
            session.add(
                VenueTemplateItemRow(
                    template_id=row.id,
                    group_position=g,
                    position=i,
                    key=item.key,
                    text=item.text,
                    weight=item.weight,
                    note=item.note,
                )
            )
    session.flush()
    return row.id


def template_name_taken(session: Session, name: str, template_id: int | None) -> bool:
    stmt = select(VenueTemplateRow.id).where(VenueTemplateRow.name == name)
    return any(rid != template_id for rid in session.exec(stmt).scalars())


# --- venues ------------------------------------------------------------------------------
def _venue(row: VenueRow) -> Venue:
    return Venue(row.name, row.address, row.area_m2, row.note, row.id, row.retired_at)


def all_venues(session: Session) -> list[Venue]:
    """Every venue, retired ones too (with retired_at), active ones first in profile order."""
    rows = session.exec(select(VenueRow)).scalars().all()
    rows = sorted(rows, key=lambda r: (r.retired_at is not None, r.position, r.id))
    return [_venue(r) for r in rows]


def get_venue(session: Session, venue_id: int) -> Venue | None:
    row = session.get(VenueRow, venue_id)
    return _venue(row) if row is not None else None


def venue_has_inspections(session: Session, venue_id: int) -> bool:
    stmt = select(func.count()).select_from(_I).where(_I.c.venue_id == venue_id)
    return session.execute(stmt).scalar_one() > 0


# --- inspections -------------------------------------------------------------------------
def _inspectors_data(inspection: Inspection) -> list[dict]:
    return [{"member_id": p.member_id, "name": p.name} for p in inspection.inspectors]


def _write_results(session: Session, inspection_id: int, results: Sequence[ItemResult]) -> None:
    session.execute(
        delete(InspectionResultRow).where(InspectionResultRow.inspection_id == inspection_id)
    )
    for pos, r in enumerate(results):
        session.add(
            InspectionResultRow(
                inspection_id=inspection_id,
                position=pos,
                item_key=r.item_key,
                outcome=r.outcome.value,
                note=r.note,
                photo_ids=list(r.photo_ids),
            )
        )


def _figures(tally: Tally) -> dict[str, int]:
    return {
        "earned": tally.earned,
        "possible": tally.possible,
        "passed": tally.passed,
        "failed": tally.failed,
        "not_applicable": tally.not_applicable,
    }


def insert_inspection(session: Session, inspection: Inspection, tally: Tally) -> int:
    now = _now()
    values = {
        "uid": inspection.uid or str(uuid.uuid4()),
        "venue_id": inspection.venue_id,
        "inspected_on": inspection.inspected_on,
        "template_id": inspection.template.id,
        "template_version": inspection.template.version,
        "template_data": template_to_data(inspection.template),
        "inspectors": _inspectors_data(inspection),
        "note": inspection.note,
        "created_at": now,
        "updated_at": now,
        **_figures(tally),
    }
    inspection_id = session.execute(insert(_I).values(**values)).inserted_primary_key[0]
    _write_results(session, inspection_id, inspection.results)
    return inspection_id


def update_inspection(session: Session, inspection: Inspection, tally: Tally) -> None:
    row = session.get(InspectionRow, inspection.id)
    row.venue_id = inspection.venue_id
    row.inspected_on = inspection.inspected_on
    row.inspectors = _inspectors_data(inspection)
    row.note = inspection.note
    row.updated_at = _now()
    for key, value in _figures(tally).items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    _write_results(session, inspection.id, inspection.results)


def delete_inspection(session: Session, inspection_id: int) -> None:
    """The inspection, its results and its rectifications (their attachment rows are the
    caller's)."""
    session.execute(
        delete(InspectionResultRow).where(InspectionResultRow.inspection_id == inspection_id)
    )
    session.execute(delete(RectificationRow).where(RectificationRow.inspection_id == inspection_id))
    session.execute(delete(InspectionRow).where(InspectionRow.id == inspection_id))


def _inspection(session: Session, row: InspectionRow) -> Inspection:
    try:
        template = template_from_data(row.template_data, row.template_id)
    except (ValueError, TypeError):
        raise DamagedRecordError("inspection", row.id, "template_data") from None
    try:
        inspectors = tuple(
            Inspector(p["member_id"], str(p["name"])) for p in (row.inspectors or [])
        )
    except (KeyError, TypeError):
        raise DamagedRecordError("inspection", row.id, "inspectors") from None
    results = []
    for r in session.exec(
        select(InspectionResultRow)
        .where(InspectionResultRow.inspection_id == row.id)
        .order_by(InspectionResultRow.position)
    ).scalars():
        try:
            outcome = Outcome(r.outcome)
            photos = tuple(int(i) for i in (r.photo_ids or []))
        except (ValueError, TypeError):
            raise DamagedRecordError("inspection", row.id, "results") from None
        results.append(ItemResult(r.item_key, outcome, r.note, photos))
    return Inspection(
        venue_id=row.venue_id,
        inspected_on=row.inspected_on,
        template=template,
        inspectors=inspectors,
        results=tuple(results),
        note=row.note,
        id=row.id,
        uid=row.uid,
    )


def load_inspection(session: Session, inspection_id: int) -> Inspection | None:
    row = session.get(InspectionRow, inspection_id)
    return _inspection(session, row) if row is not None else None


def inspections_of_venue(session: Session, venue_id: int) -> list[Inspection]:
    """In date order."""
    rows = session.exec(
        select(InspectionRow)
        .where(InspectionRow.venue_id == venue_id)
        .order_by(InspectionRow.inspected_on, InspectionRow.id)
    ).scalars()
    return [_inspection(session, r) for r in rows]


def _inspection_conditions(flt: InspectionFilter) -> list:
    found = []
    if flt.venue_id is not None:
        found.append(_I.c.venue_id == flt.venue_id)
    if flt.year is not None:
        found.append(_I.c.inspected_on >= date(flt.year, 1, 1))
        found.append(_I.c.inspected_on <= date(flt.year, 12, 31))
    return found


def _score_key():
    return case((_I.c.possible == 0, None), else_=_I.c.earned * 1.0 / _I.c.possible)


def inspection_ids(session: Session, flt: InspectionFilter, sort: Sort) -> list[int]:
    keys = {
        "inspected_on": [_I.c.inspected_on],
        "venue": [VenueRow.name, _I.c.inspected_on],
        "score": [_score_key(), _I.c.inspected_on],
    }
    stmt = (
        select(_I.c.id)
        .select_from(_I.join(VenueRow, VenueRow.id == _I.c.venue_id))
        .where(*_inspection_conditions(flt))
        .order_by(*order_by(sort, keys, _I.c.id))
    )
    return list(session.execute(stmt).scalars())


def inspection_count(session: Session, flt: InspectionFilter) -> int:
    stmt = select(func.count(_I.c.id)).where(*_inspection_conditions(flt))
    return session.execute(stmt).scalar_one()


def _inspector_names(session: Session, data: list) -> str:
    ids = [p.get("member_id") for p in data or [] if isinstance(p, dict) and p.get("member_id")]
    names: dict[int, str] = {}
    if ids:
        stmt = select(MemberRow.id, MemberRow.name).where(MemberRow.id.in_(ids))
        names = dict(session.execute(stmt).all())
    shown = []
    for p in data or []:
        if not isinstance(p, dict):
            continue
        member_id = p.get("member_id")
        shown.append(names.get(member_id, "") if member_id else str(p.get("name", "")))
    return "、".join(n for n in shown if n)


def inspection_rows(session: Session, ids: Iterable[int]) -> dict[int, InspectionListRow]:
    found: dict[int, InspectionListRow] = {}
    for chunk in chunked(ids):
        open_counts = dict(
            session.execute(
                select(_R.c.inspection_id, func.count())
                .where(_R.c.inspection_id.in_(chunk), _R.c.closed_on.is_(None))
                .group_by(_R.c.inspection_id)
            ).all()
        )
        photos = dict(
            session.execute(
                select(AttachmentRow.owner_id, func.count())
                .where(AttachmentRow.owner_kind == INSPECTION, AttachmentRow.owner_id.in_(chunk))
                .group_by(AttachmentRow.owner_id)
            ).all()
        )
        stmt = (
            select(
                _I.c.id,
                _I.c.venue_id,
                VenueRow.name,
                _I.c.inspected_on,
                _I.c.inspectors,
                _I.c.earned,
                _I.c.possible,
                _I.c.passed,
                _I.c.failed,
                _I.c.not_applicable,
            )
            .select_from(_I.join(VenueRow, VenueRow.id == _I.c.venue_id))
            .where(_I.c.id.in_(chunk))
        )
        for (
            iid,
            vid,
            vname,
            day,
            inspectors,
            earned,
            possible,
            passed,
            failed,
            na,
        ) in session.execute(stmt):
            found[iid] = InspectionListRow(
                iid,
                vid,
                vname,
                day,
                _inspector_names(session, inspectors),
                earned,
                possible,
                passed,
                failed,
                na,
                open_counts.get(iid, 0),
                photos.get(iid, 0),
            )
    return found


# --- rectifications ----------------------------------------------------------------------
def _rect_values(rect: Rectification) -> dict[str, object]:
    return {
        "inspection_id": rect.inspection_id,
        "venue_id": rect.venue_id,
        "item_key": rect.item_key,
        "group_name": rect.group_name,
        "item_text": rect.item_text,
        "finding": rect.finding,
        "opened_on": rect.opened_on,
        "due_on": rect.due_on,
        "owner_id": rect.owner_id,
        "action": rect.action,
        "closed_on": rect.closed_on,
        "closing_note": rect.closing_note,
        "evidence_ids": list(rect.evidence_ids),
        "reopenings": [
            {
                "closed_on": r.closed_on.isoformat(),
                "closing_note": r.closing_note,
                "evidence_ids": list(r.evidence_ids),
                "reopened_on": r.reopened_on.isoformat(),
                "reason": r.reason,
            }
            for r in rect.reopenings
        ],
    }


def insert_rectification(session: Session, rect: Rectification) -> int:
    now = _now()
    values = {
        **_rect_values(rect),
        "uid": rect.uid or str(uuid.uuid4()),
        "created_at": now,
        "updated_at": now,
    }
    return session.execute(insert(_R).values(**values)).inserted_primary_key[0]


def update_rectification(session: Session, rect: Rectification) -> None:
    row = session.get(RectificationRow, rect.id)
    for key, value in _rect_values(rect).items():
        setattr(row, key, value)
    row.updated_at = _now()
    session.add(row)


def delete_rectifications(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(delete(RectificationRow).where(RectificationRow.id.in_(list(ids))))


def _rectification(row: RectificationRow) -> Rectification:
    try:
        reopenings = tuple(
            Reopening(
                date.fromisoformat(r["closed_on"]),
                str(r["closing_note"]),
                tuple(int(i) for i in r["evidence_ids"]),
                date.fromisoformat(r["reopened_on"]),
                str(r["reason"]),
            )
            for r in row.reopenings or []
        )
        evidence = tuple(int(i) for i in row.evidence_ids or [])
    except (KeyError, TypeError, ValueError):
        raise DamagedRecordError("rectification", row.id, "reopenings") from None
    return Rectification(
        venue_id=row.venue_id,
        item_key=row.item_key,
        item_text=row.item_text,
        opened_on=row.opened_on,
        due_on=row.due_on,
        group_name=row.group_name,
        inspection_id=row.inspection_id,
        finding=row.finding,
        owner_id=row.owner_id,
        action=row.action,
        closed_on=row.closed_on,
        closing_note=row.closing_note,
        evidence_ids=evidence,
        reopenings=reopenings,
        id=row.id,
        uid=row.uid,
    )


def load_rectification(session: Session, rect_id: int) -> Rectification | None:
    row = session.get(RectificationRow, rect_id)
    return _rectification(row) if row is not None else None


def rectifications_where(session: Session, *conditions) -> list[Rectification]:
    rows = session.exec(
        select(RectificationRow)
        .where(*conditions)
        .order_by(RectificationRow.opened_on, RectificationRow.inspection_id, RectificationRow.id)
    ).scalars()
    return [_rectification(r) for r in rows]


def of_inspection(session: Session, inspection_id: int) -> list[Rectification]:
    return rectifications_where(session, RectificationRow.inspection_id == inspection_id)


def of_venue(session: Session, venue_id: int) -> list[Rectification]:
    return rectifications_where(session, RectificationRow.venue_id == venue_id)


def _rect_conditions(flt: RectificationFilter, today: date) -> list:
    found = []
    if flt.venue_id is not None:
        found.append(_R.c.venue_id == flt.venue_id)
    if flt.inspection_id is not None:
        found.append(_R.c.inspection_id == flt.inspection_id)
    if flt.show is RectificationShow.OPEN:
        found.append(_R.c.closed_on.is_(None))
    elif flt.show is RectificationShow.OVERDUE:
        found += [_R.c.closed_on.is_(None), _R.c.due_on < today]
    elif flt.show is RectificationShow.CLOSED:
        found.append(_R.c.closed_on.is_not(None))
    return found


def rectification_ids(
    session: Session, flt: RectificationFilter, sort: Sort, today: date
) -> list[int]:
    keys = {
        "due_on": [_R.c.due_on],
        "opened_on": [_R.c.opened_on],
        "venue": [VenueRow.name, _R.c.due_on],
        "item": [_R.c.item_text],
        "owner": [MemberRow.name_sort, _R.c.due_on],
        "closed_on": [_R.c.closed_on, _R.c.due_on],
    }
    stmt = (
        select(_R.c.id)
        .select_from(
            _R.join(VenueRow, VenueRow.id == _R.c.venue_id).outerjoin(
                MemberRow, MemberRow.id == _R.c.owner_id
            )
        )
        .where(*_rect_conditions(flt, today))
        .order_by(*order_by(sort, keys, _R.c.id))
    )
    return list(session.execute(stmt).scalars())


def rectification_count(session: Session, flt: RectificationFilter, today: date) -> int:
    stmt = select(func.count(_R.c.id)).where(*_rect_conditions(flt, today))
    return session.execute(stmt).scalar_one()


def rectification_rows(
    session: Session, ids: Iterable[int], today: date
) -> dict[int, RectificationListRow]:
    found: dict[int, RectificationListRow] = {}
    for chunk in chunked(ids):
        stmt = (
            select(
                _R.c.id,
                _R.c.venue_id,
                VenueRow.name,
                _R.c.inspection_id,
                _R.c.group_name,
                _R.c.item_text,
                _R.c.finding,
                _R.c.opened_on,
                _R.c.due_on,
                _R.c.owner_id,
                func.coalesce(MemberRow.name, ""),
                _R.c.action,
                _R.c.closed_on,
            )
            .select_from(
                _R.join(VenueRow, VenueRow.id == _R.c.venue_id).outerjoin(
                    MemberRow, MemberRow.id == _R.c.owner_id
                )
            )
            .where(_R.c.id.in_(chunk))
        )
        for values in session.execute(stmt):
            due, closed = values[8], values[12]
            if closed is not None:
                status, late = RectificationStatus.CLOSED, 0
            elif today > due:
                status, late = RectificationStatus.OVERDUE, (today - due).days
            else:
                status, late = RectificationStatus.OPEN, 0
            found[values[0]] = RectificationListRow(*values, status, late)
    return found


def overdue(session: Session, today: date) -> list[OverdueRectification]:
    """Open rectifications past their due day (due today is not overdue yet), the longest
    overdue first."""
    stmt = (
        select(
            _R.c.id, VenueRow.name, _R.c.item_text, _R.c.due_on, func.coalesce(MemberRow.name, "")
        )
        .select_from(
            _R.join(VenueRow, VenueRow.id == _R.c.venue_id).outerjoin(
                MemberRow, MemberRow.id == _R.c.owner_id
            )
        )
        .where(_R.c.closed_on.is_(None), _R.c.due_on < today)
        .order_by(_R.c.due_on, _R.c.id)
    )
    return [
        OverdueRectification(rid, vname, text, due, (today - due).days, owner)
        for rid, vname, text, due, owner in session.execute(stmt)
    ]


def venue_summaries(session: Session, today: date) -> list[VenueSummary]:
    """Every venue (retired ones after the active ones) with its last inspection's score
    and its open and overdue rectifications."""
    venues = session.exec(select(VenueRow)).scalars().all()
    venues = sorted(venues, key=lambda r: (r.retired_at is not None, r.position, r.id))
    counts = dict(
        session.execute(select(_I.c.venue_id, func.count()).group_by(_I.c.venue_id)).all()
    )
    latest = (
        select(
            _I.c.venue_id,
            _I.c.id,
            _I.c.inspected_on,
            _I.c.earned,
            _I.c.possible,
            func.row_number()
            .over(partition_by=_I.c.venue_id, order_by=(_I.c.inspected_on.desc(), _I.c.id.desc()))
            .label("n"),
        )
    ).subquery()
    last = {
        vid: (iid, day, earned, possible)
        for vid, iid, day, earned, possible, _ in session.execute(
            select(latest).where(latest.c.n == 1)
        )
    }
    open_stmt = (
        select(
            _R.c.venue_id,
            func.count(),
            func.sum(case((_R.c.due_on < today, 1), else_=0)),
        )
        .where(_R.c.closed_on.is_(None))
        .group_by(_R.c.venue_id)
    )
    open_counts = {vid: (n, late or 0) for vid, n, late in session.execute(open_stmt)}
    found = []
    for v in venues:
        iid, day, earned, possible = last.get(v.id, (None, None, 0, 0))
        n_open, n_late = open_counts.get(v.id, (0, 0))
        found.append(
            VenueSummary(
                v.id,
                v.name,
                v.address,
                v.note,
                v.retired_at,
                counts.get(v.id, 0),
                iid,
                day,
                earned,
                possible,
                n_open,
                n_late,
            )
        )
    return found


def inspections_in_year(session: Session, year: int) -> list[Inspection]:
    rows = session.exec(
        select(InspectionRow)
        .where(
            and_(
                InspectionRow.inspected_on >= date(year, 1, 1),
                InspectionRow.inspected_on <= date(year, 12, 31),
            )
        )
        .order_by(InspectionRow.inspected_on, InspectionRow.id)
    ).scalars()
    return [_inspection(session, r) for r in rows]


def open_or_closed_in_year(session: Session, year: int) -> list[Rectification]:
    """Rectifications opened in the year, or opened before it and still open in it."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return rectifications_where(
        session,
        RectificationRow.opened_on <= end,
        or_(
            RectificationRow.opened_on >= start,
            RectificationRow.closed_on.is_(None),
            RectificationRow.closed_on >= start,
        ),
    )
