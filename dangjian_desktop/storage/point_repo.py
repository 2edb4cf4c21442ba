"""积分 rows ↔ domain values (domain/points.py). Points are integer tenths in the tables
(tables.PointEntryRow …) and Decimal outside; every SUM is done on the integers.

The totals' GROUP BY queries are point_totals_repo's; the entries list reads ids in SQL and
rows by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlmodel import Session
from sqlmodel import select as orm_select

from dangjian_desktop.domain.meetings import (
    Attendance,
    LeaveReason,
    MeetingStatus,
    MeetingType,
    Presence,
)
from dangjian_desktop.domain.points import (
    ENTRY_SORT_COLUMNS,
    AppraisalGrade,
    Category,
    DerivedFrom,
    Entry,
    EntryFilter,
    EntryRow,
    Evaluation,
    EvaluationKind,
    Grade,
    MemberKind,
    PeriodKey,
    Rule,
    Scheme,
    ScoringPeriod,
    Sign,
    StarBand,
)
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.storage import member_repo, query
from dangjian_desktop.storage.query import chunked
from dangjian_desktop.storage.tables import (
    MeetingAttendanceRow,
    MeetingRecordRow,
    MemberRow,
    PointCategoryRow,
    PointEntryRow,
    PointEvaluationRow,
    PointGradeRow,
    PointRuleRow,
    PointSchemeRow,
)

TEN = Decimal(10)
_E = PointEntryRow.__table__  # type: ignore[attr-defined]
_V = PointEvaluationRow.__table__  # type: ignore[attr-defined]
_G = PointGradeRow.__table__  # type: ignore[attr-defined]
_M = MemberRow.__table__  # type: ignore[attr-defined]
_MEETING = MeetingRecordRow.__table__  # type: ignore[attr-defined]
_ATT = MeetingAttendanceRow.__table__  # type: ignore[attr-defined]


def to_tenths(value: Decimal) -> int:
    return int(value * TEN)


def _opt_tenths(value: Decimal | None) -> int | None:
    return None if value is None else to_tenths(value)


def from_tenths(value: int) -> Decimal:
    return Decimal(value) / TEN


def _opt_points(value: int | None) -> Decimal | None:
    return None if value is None else from_tenths(value)


# --- schemes --------------------------------------------------------------------------------
def scheme_years(session: Session) -> list[int]:
    stmt = select(PointSchemeRow.year).where(PointSchemeRow.year.is_not(None))  # type: ignore[union-attr]
    return sorted(y for y in session.connection().execute(stmt).scalars())


def load_scheme(session: Session, year: int | None) -> Scheme | None:
    """The scheme stored for `year` (None: the template), or None."""
    cond = PointSchemeRow.year.is_(None) if year is None else PointSchemeRow.year == year  # type: ignore[union-attr]
    row = session.exec(orm_select(PointSchemeRow).where(cond)).first()
    if row is None:
        return None
    categories = session.exec(
        orm_select(PointCategoryRow)
        .where(PointCategoryRow.scheme_id == row.id)
        .order_by(PointCategoryRow.position)  # type: ignore[arg-type]
    ).all()
    rules = session.exec(
        orm_select(PointRuleRow)
        .where(PointRuleRow.scheme_id == row.id)
        .order_by(PointRuleRow.position)  # type: ignore[arg-type]
    ).all()
    return Scheme(
        year=row.year if row.year is not None else 0,
        categories=tuple(Category(c.code, c.name, c.note) for c in categories),
        rules=tuple(_rule(r) for r in rules),
        base=from_tenths(row.base),
        floor=_opt_points(row.floor),
        ceiling=_opt_points(row.ceiling),
        period=ScoringPeriod(row.period),
        exempt_kinds=frozenset(MemberKind(k) for k in row.exempt_kinds),
        evaluation_weights=tuple(
            (EvaluationKind(k), Decimal(w)) for k, w in row.evaluation_weights
        ),
        evaluation_points=from_tenths(row.evaluation_points),
        star_bands=tuple(
            StarBand(stars, from_tenths(low), _opt_points(high))
            for stars, low, high in row.star_bands
        ),
        name=row.name,
        note=row.note,
        id=row.id,
    )


def _rule(r: PointRuleRow) -> Rule:
    derived = None
    if r.derived_types:
        derived = DerivedFrom(
            frozenset(MeetingType(t) for t in r.derived_types),
            Presence(r.derived_presence),
            r.only_without_reason,
        )
    return Rule(
        r.code,
        r.category,
        r.name,
        from_tenths(r.points),
        Sign(r.sign),
        _opt_points(r.cap),
        r.evidence_required,
        derived,
        r.retired,
        r.note,
        r.id,
    )


def save_scheme(session: Session, scheme: Scheme, year: int | None) -> int:
    """Write `scheme` as the scheme of `year` (None: the template), replacing its catalogue
    rows. Entries are never touched: they keep their points and name their rule by code."""
    cond = PointSchemeRow.year.is_(None) if year is None else PointSchemeRow.year == year  # type: ignore[union-attr]
    conn = session.connection()
    found = conn.execute(select(PointSchemeRow.id).where(cond)).scalar()
    values = {
        "year": year,
        "name": scheme.name,
        "note": scheme.note,
        "base": to_tenths(scheme.base),
        "floor": _opt_tenths(scheme.floor),
        "ceiling": _opt_tenths(scheme.ceiling),
        "period": scheme.period.value,
        "exempt_kinds": sorted(k.value for k in scheme.exempt_kinds),
        "evaluation_weights": [[k.value, str(w)] for k, w in scheme.evaluation_weights],
        "evaluation_points": to_tenths(scheme.evaluation_points),
        "star_bands": [[b.stars, to_tenths(b.low), _opt_tenths(b.high)] for b in scheme.star_bands],
    }
    table = PointSchemeRow.__table__  # type: ignore[attr-defined]
    if found is None:
        scheme_id = conn.execute(insert(table).values(**values)).inserted_primary_key[0]
    else:
        scheme_id = found
        conn.execute(update(table).where(table.c.id == found).values(**values))
    cat_t = PointCategoryRow.__table__  # type: ignore[attr-defined]
    rule_t = PointRuleRow.__table__  # type: ignore[attr-defined]
    conn.execute(delete(cat_t).where(cat_t.c.scheme_id == scheme_id))
    conn.execute(delete(rule_t).where(rule_t.c.scheme_id == scheme_id))
    if scheme.categories:
        conn.execute(
            insert(cat_t),
            [
                {
                    "scheme_id": scheme_id,
                    "position": i,
                    "code": c.code,
                    "name": c.name,
                    "note": c.note,
                }
                for i, c in enumerate(scheme.categories)
            ],
        )
    if scheme.rules:
        conn.execute(
            insert(rule_t),
            [
                {
                    "scheme_id": scheme_id,
                    "position": i,
                    "code": r.code,
                    "category": r.category,
                    "name": r.name,
                    "points": to_tenths(r.points),
                    "sign": r.sign.value,
                    "cap": _opt_tenths(r.cap),
                    "evidence_required": r.evidence_required,
                    "derived_types": sorted(t.value for t in r.derived_from.meeting_types)
                    if r.derived_from
                    else [],
                    "derived_presence": r.derived_from.presence.value if r.derived_from else "",
                    "only_without_reason": bool(
                        r.derived_from and r.derived_from.only_without_reason
                    ),
                    "retired": r.retired,
                    "note": r.note,
                }
                for i, r in enumerate(scheme.rules)
            ],
        )
    return int(scheme_id)


def entry_counts_by_rule(session: Session, year: int) -> dict[str, int]:
    stmt = (
        select(_E.c.rule_code, func.count())
        .where(_E.c.date.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(_E.c.rule_code)
    )
    return {code: n for code, n in session.connection().execute(stmt).all()}


# --- entries --------------------------------------------------------------------------------
def _entry_values(e: Entry, category: str, now: datetime) -> dict[str, object]:
    return {
        "member_id": e.member_id,
        "date": e.date,
        "rule_code": e.rule_code,
        "category": category,
        "points": to_tenths(e.points),
        "override_reason": e.override_reason,
        "note": e.note,
        "evidence_id": e.evidence_id,
        "recorded_by": e.recorded_by,
        "derived": e.derived,
        "meeting_id": e.meeting_id,
        "created_at": now,
    }


def insert_entries(session: Session, entries: Sequence[Entry], scheme: Scheme) -> list[int]:
    """Insert and return the new ids, in order (one statement per entry: ids are needed)."""
    now = datetime.now(UTC)
    conn = session.connection()
    ids = []
    for e in entries:
        rule = scheme.rule(e.rule_code)
        values = _entry_values(e, rule.category if rule else "", now)
        ids.append(int(conn.execute(insert(_E).values(**values)).inserted_primary_key[0]))
    return ids


def insert_many(session: Session, entries: Sequence[Entry], scheme: Scheme) -> None:
    """Many entries in one executemany (a year's regeneration, a bulk load); no ids back."""
    if not entries:
        return
    now = datetime.now(UTC)
    categories = {r.code: r.category for r in scheme.rules}
    session.connection().execute(
        insert(_E), [_entry_values(e, categories.get(e.rule_code, ""), now) for e in entries]
    )


def update_entry(session: Session, entry: Entry, scheme: Scheme) -> None:
    rule = scheme.rule(entry.rule_code)
    values = _entry_values(entry, rule.category if rule else "", datetime.now(UTC))
    del values["created_at"]
    session.connection().execute(update(_E).where(_E.c.id == entry.id).values(**values))


def update_points(session: Session, changes: Sequence[tuple[int, Decimal]]) -> None:
    for entry_id, points in changes:
        session.connection().execute(
            update(_E).where(_E.c.id == entry_id).values(points=to_tenths(points))
        )


def delete_entries(session: Session, entry_ids: Iterable[int]) -> None:
    for chunk in chunked(entry_ids):
        session.connection().execute(delete(_E).where(_E.c.id.in_(chunk)))


def _entry(r) -> Entry:
    return Entry(
        r.member_id,
        r.date,
        r.rule_code,
        from_tenths(r.points),
        r.override_reason,
        r.note,
        r.recorded_by,
        bool(r.derived),
        r.meeting_id,
        r.evidence_id,
        r.id,
    )


def get_entry(session: Session, entry_id: int) -> Entry | None:
    row = session.connection().execute(select(_E).where(_E.c.id == entry_id)).first()
    return None if row is None else _entry(row)


def entries_between(
    session: Session, start: date, end: date, member_ids: Sequence[int] | None = None
) -> list[Entry]:
    """Entries dated start..end (of these members), by date then id."""
    stmt = select(_E).where(_E.c.date.between(start, end)).order_by(_E.c.date, _E.c.id)
    if member_ids is None:
        return [_entry(r) for r in session.connection().execute(stmt)]
    found: list[Entry] = []
    for chunk in chunked(member_ids):
        found += [
            _entry(r) for r in session.connection().execute(stmt.where(_E.c.member_id.in_(chunk)))
        ]
    found.sort(key=lambda e: (e.date, e.id or 0))
    return found


def derived_of_meetings(session: Session, meeting_ids: Iterable[int]) -> list[Entry]:
    found: list[Entry] = []
    for chunk in chunked(meeting_ids):
        stmt = select(_E).where(_E.c.meeting_id.in_(chunk), _E.c.derived.is_(True))
        found += [_entry(r) for r in session.connection().execute(stmt)]
    return found


def derived_of_year(session: Session, year: int) -> list[Entry]:
    stmt = select(_E).where(
        _E.c.derived.is_(True), _E.c.date.between(date(year, 1, 1), date(year, 12, 31))
    )
    return [_entry(r) for r in session.connection().execute(stmt)]


def derived_keys_of_year(session: Session, year: int) -> list[tuple[int, int, int, str, date]]:
    """(id, meeting id, member id, rule code, date) of the year's derived entries: the five
    columns a regeneration compares (point_derivation.reconcile_keys), as plain tuples."""
    stmt = select(_E.c.id, _E.c.meeting_id, _E.c.member_id, _E.c.rule_code, _E.c.date).where(
        _E.c.derived.is_(True), _E.c.date.between(date(year, 1, 1), date(year, 12, 31))
    )
    return session.connection().execute(stmt).all()  # type: ignore[return-value]


def move_entries(session: Session, moves: Sequence[tuple[int, date]]) -> None:
    """New dates for these entries (a derived entry follows its meeting's date)."""
    if moves:
        stmt = update(_E).where(_E.c.id == bindparam("entry_id")).values(date=bindparam("day"))
        session.connection().execute(stmt, [{"entry_id": i, "day": d} for i, d in moves])


def _conditions(
    session: Session, flt: EntryFilter, member: ColumnElement = _E.c.member_id
) -> list[ColumnElement[bool]]:
    """The filter's WHERE; its member ids said of `member` (the member table's id when the
    query walks the members)."""
    where: list[ColumnElement[bool]] = []
    if flt.period is not None:
        where.append(_E.c.date.between(flt.period.start, flt.period.end))
    if flt.member_ids is not None:
        where.append(query.in_ids(session, member, flt.member_ids))
    named = member_repo.name_condition(flt.member_text)
    if named is not None:
        where.append(_E.c.member_id.in_(select(_M.c.id).where(named)))
    if flt.category is not None:
        where.append(_E.c.category == flt.category)
    if flt.rule_code is not None:
        where.append(_E.c.rule_code == flt.rule_code)
    if flt.derived is not None:
        where.append(_E.c.derived.is_(flt.derived))
    if flt.meeting_id is not None:
        where.append(_E.c.meeting_id == flt.meeting_id)
    return where


# --- the entries list: ids in pages (services/id_window.py) ---------------------------------
# Each sort's order as (column, descending) keys ending in the entry id, so that every entry
# has one place: "member" is roster order (pinyin, name, member id), each member's entries
# newest first; the other sorts break ties by date, then id, in the sort's direction.
Key = tuple


def _order(sort: Sort) -> list[tuple[ColumnElement, bool]]:
    if sort.column not in ENTRY_SORT_COLUMNS:
        raise ValueError(f"cannot sort entries by {sort.column!r}")
    down = sort.descending
    if sort.column == "member":
        by_member = [(_M.c.name_sort, down), (_M.c.name, down), (_M.c.id, down)]
        return [*by_member, (_E.c.date, not down), (_E.c.id, not down)]
    first = {"rule": [_E.c.rule_code], "points": [_E.c.points], "date": []}[sort.column]
    return [*((c, down) for c in first), (_E.c.date, down), (_E.c.id, down)]


# The index a dense page query walks, in the list's order, a category filter seeking its
# part (engine.py: SQLite's planner, without statistics, would rather sort every hit). A
# sparse filter is left to the planner: it seeks the few hits and sorts them.
def _walk_hint(flt: EntryFilter, sort: Sort) -> tuple[object, str]:
    if sort.column == "member":
        return _M, "INDEXED BY ix_member_name_order"
    by_category = flt.category is not None
    if sort.column == "rule":
        name = "ix_point_entry_cat_rule" if by_category else "ix_point_entry_by_rule"
    elif sort.column == "points":
        name = "ix_point_entry_cat_points" if by_category else "ix_point_entry_points"
    elif by_category:
        name = "ix_point_entry_category"
    elif flt.derived is not None:
        name = "ix_point_entry_derived"
    else:
        name = "ix_point_entry_date"
    return _E, f"INDEXED BY {name}"


def _after(order: list[tuple[ColumnElement, bool]], key: Key) -> ColumnElement[bool]:
    """Rows after `key` in `order`: (k0 > v0) OR (k0 = v0 AND k1 > v1) OR … (< for a
    descending key), with k0 ≥ v0 said once more so that an index on k0 is seeked."""
    ties: list[ColumnElement[bool]] = []
    options = []
    for (column, down), value in zip(order, key, strict=True):
        beyond = column < value if down else column > value
        options.append(and_(*ties, beyond) if ties else beyond)
        ties.append(column == value)
    first, down = order[0]
    lead = first <= key[0] if down else first >= key[0]
    return and_(lead, or_(*options))


# A span is the lowest and highest name_sort of the filter's members (the search's matches,
# services/member_matches.py). A page sorted by member walks ix_member_name_order between
# them, not from the roster's first name: "z" matches 824 members, all after 9,000 others.
Span = tuple[str, str]


def _page_stmt(
    session: Session,
    flt: EntryFilter,
    sort: Sort,
    *,
    walk: bool,
    reverse: bool = False,
    after: Key | None = None,
    span: Span | None = None,
):
    order = _order(sort)
    if reverse:
        order = [(c, not down) for c, down in order]
    if sort.column == "member":
        # The member ids said of the member only: the walk skips the others, and each hit
        # member's entries are read by ix_point_entry_member without a second check.
        stmt = select(*(c for c, _ in order)).where(*_conditions(session, flt, _M.c.id))
        stmt = stmt.select_from(_M).join(_E, _E.c.member_id == _M.c.id)
        if walk and span is not None and flt.member_ids is not None:
            stmt = stmt.where(*_within_span(span, order[0][1], after))
    else:
        stmt = select(*(c for c, _ in order)).where(*_conditions(session, flt))
        stmt = stmt.select_from(_E)
    if after is not None:
        stmt = stmt.where(_after(order, tuple(after)))
    if walk and flt.meeting_id is None and flt.rule_code is None:
        table, hint = _walk_hint(flt, sort)
        stmt = stmt.with_hint(table, hint, dialect_name="sqlite")
    return stmt.order_by(*(c.desc() if down else c.asc() for c, down in order)), order


def _within_span(span: Span, down: bool, after: Key | None) -> list[ColumnElement[bool]]:
    """name_sort within the span; of the bound on the side `after` starts from, only the
    nearer one: two bounds on one side and SQLite may seek by the farther."""
    low, high = _M.c.name_sort >= span[0], _M.c.name_sort <= span[1]
    if after is None:
        return [low, high]
    return [low] if down else [high]


def entry_page(
    session: Session,
    flt: EntryFilter,
    sort: Sort,
    *,
    limit: int,
    offset: int = 0,
    after: Key | None = None,
    reverse: bool = False,
    walk: bool = False,
    span: Span | None = None,
) -> list[Key]:
    """`limit` rows of the list from `offset` (after the row whose key is `after`, when
    given), as key tuples ending in the entry id. `reverse`: counted from the list's end,
    rows returned in that reversed order. `walk`: the filter has many hits (entry_count
    said so), so the page walks the sort's own index instead of sorting every hit. `span`:
    the name_sort span of flt.member_ids, where a walk by member starts and ends."""
    stmt, _ = _page_stmt(session, flt, sort, walk=walk, reverse=reverse, after=after, span=span)
    found = session.connection().execute(stmt.offset(offset).limit(limit)).all()
    return [tuple(r) for r in found]


def entry_key(session: Session, flt: EntryFilter, sort: Sort, entry_id: int) -> Key | None:
    """The list key of this entry, or None when the filter does not show it."""
    stmt, _ = _page_stmt(session, flt, sort, walk=False)
    found = session.connection().execute(stmt.where(_E.c.id == entry_id).limit(1)).first()
    return None if found is None else tuple(found)


def entry_position(session: Session, flt: EntryFilter, sort: Sort, key: Key) -> int:
    """How many entries of the list come before the row with this key."""
    stmt, _ = _page_stmt(session, flt, sort, walk=False, reverse=True, after=key)
    before = stmt.order_by(None).with_only_columns(_E.c.id)
    return _count(session, before)


def _count(session: Session, stmt, limit: int | None = None) -> int:
    if limit is not None:
        stmt = stmt.limit(limit)
    counted = select(func.count()).select_from(stmt.subquery())
    return int(session.connection().execute(counted).scalar_one())


def entry_ids(session: Session, flt: EntryFilter, sort: Sort) -> list[int]:
    """Every id the list shows, in its order (entry_page gives them a page at a time)."""
    stmt, _ = _page_stmt(session, flt, sort, walk=False)
    return [r[-1] for r in session.connection().execute(stmt)]


def entry_count(session: Session, flt: EntryFilter, limit: int | None = None) -> int:
    """The entries the filter shows; with `limit`, counted up to it only (min(n, limit)):
    a cheap answer to "more than a page or two?" on 200,000 entries."""
    if limit is None:
        stmt = select(func.count(_E.c.id)).where(*_conditions(session, flt))
        return int(session.connection().execute(stmt).scalar_one())
    return _count(session, select(_E.c.id).where(*_conditions(session, flt)), limit)


_SCH = PointSchemeRow.__table__  # type: ignore[attr-defined]
_RULE = PointRuleRow.__table__  # type: ignore[attr-defined]
_CAT = PointCategoryRow.__table__  # type: ignore[attr-defined]
# Built once: the list reads them on every page it shows.
_RULE_NAMES = (
    select(_SCH.c.year, _RULE.c.code, _RULE.c.name, _CAT.c.name)
    .join(_RULE, _RULE.c.scheme_id == _SCH.c.id)
    .outerjoin(_CAT, and_(_CAT.c.scheme_id == _SCH.c.id, _CAT.c.code == _RULE.c.category))
)
_LIST_ROWS = (
    select(
        _E.c.id,
        _E.c.member_id,
        _M.c.name,
        _E.c.date,
        _E.c.rule_code,
        _E.c.category,
        _E.c.points,
        _E.c.override_reason,
        _E.c.note,
        _E.c.recorded_by,
        _E.c.derived,
        _E.c.meeting_id,
        _MEETING.c.topic,
        _E.c.evidence_id,
    )
    .join(_M, _M.c.id == _E.c.member_id)
    .outerjoin(_MEETING, _MEETING.c.id == _E.c.meeting_id)
    .where(_E.c.id.in_(bindparam("ids", expanding=True)))
)


def rule_names(session: Session, years: Iterable[int]) -> dict[tuple[int, str], tuple[str, str]]:
    """(year, rule code) → (rule name, category name) in the scheme of each year (the
    template's for a year without its own)."""
    by_scheme: dict[int | None, dict[str, tuple[str, str]]] = {}
    for year, code, name, category in session.connection().execute(_RULE_NAMES).all():
        by_scheme.setdefault(year, {})[code] = (name, category or "")
    found: dict[tuple[int, str], tuple[str, str]] = {}
    for year in years:
        for code, names in by_scheme.get(year, by_scheme.get(None, {})).items():
            found[year, code] = names
    return found


def entry_rows(session: Session, wanted: Iterable[int]) -> dict[int, EntryRow]:
    """The list rows of these entries (missing ids left out), with the member's name, the
    rule's and category's names in the scheme of the entry's year, the meeting's topic."""
    fetched = []
    for chunk in chunked(wanted):
        fetched += session.connection().execute(_LIST_ROWS, {"ids": chunk}).all()
    names = rule_names(session, {r[3].year for r in fetched})
    found: dict[int, EntryRow] = {}
    nameless = ("", "")
    for (
        entry_id,
        member_id,
        member_name,
        day,
        rule_code,
        category,
        points,
        override_reason,
        note,
        recorded_by,
        derived,
        meeting_id,
        meeting_topic,
        evidence_id,
    ) in fetched:
        rule_name, category_name = names.get((day.year, rule_code), nameless)
        found[entry_id] = EntryRow(
            entry_id,
            member_id,
            member_name,
            day,
            rule_code,
            rule_name,
            category,
            category_name,
            from_tenths(points),
            override_reason,
            note,
            recorded_by,
            bool(derived),
            meeting_id,
            meeting_topic or "",
            evidence_id,
        )
    return found


def years_of(session: Session, entry_ids_: Iterable[int]) -> set[int]:
    years: set[int] = set()
    for chunk in chunked(entry_ids_):
        stmt = select(_E.c.date).where(_E.c.id.in_(chunk)).distinct()
        years |= {d.year for d in session.connection().execute(stmt).scalars()}
    return years


# --- 三评 scores and 民主评议 grades ----------------------------------------------------------
def _evaluation(r) -> Evaluation:
    return Evaluation(
        r.member_id,
        PeriodKey(r.year, r.quarter),
        EvaluationKind(r.kind),
        from_tenths(r.score),
        r.note,
        r.recorded_by,
        r.id,
    )


def evaluations(
    session: Session, period: PeriodKey, member_ids: Sequence[int] | None = None
) -> list[Evaluation]:
    quarter = _V.c.quarter.is_(None) if period.quarter is None else _V.c.quarter == period.quarter
    stmt = select(_V).where(_V.c.year == period.year, quarter).order_by(_V.c.member_id, _V.c.id)
    if member_ids is not None:
        stmt = stmt.where(_V.c.member_id.in_(list(member_ids)))
    return [_evaluation(r) for r in session.connection().execute(stmt)]


def replace_evaluations(
    session: Session, period: PeriodKey, kind: EvaluationKind, scores: Sequence[Evaluation]
) -> None:
    """The period's scores of `kind` for the members in `scores` become exactly these."""
    quarter = _V.c.quarter.is_(None) if period.quarter is None else _V.c.quarter == period.quarter
    conn = session.connection()
    members = sorted({e.member_id for e in scores})
    for chunk in chunked(members):
        conn.execute(
            delete(_V).where(
                _V.c.year == period.year,
                quarter,
                _V.c.kind == kind.value,
                _V.c.member_id.in_(chunk),
            )
        )
    if scores:
        conn.execute(
            insert(_V),
            [
                {
                    "member_id": e.member_id,
                    "year": period.year,
                    "quarter": period.quarter,
                    "kind": kind.value,
                    "score": to_tenths(e.score),
                    "note": e.note,
                    "recorded_by": e.recorded_by,
                }
                for e in scores
            ],
        )


def grades(session: Session, year: int) -> list[AppraisalGrade]:
    stmt = select(_G).where(_G.c.year == year).order_by(_G.c.member_id)
    return [
        AppraisalGrade(r.member_id, r.year, Grade(r.grade), r.note, r.id)
        for r in session.connection().execute(stmt)
    ]


def replace_grades(session: Session, year: int, found: Sequence[AppraisalGrade]) -> None:
    conn = session.connection()
    conn.execute(delete(_G).where(_G.c.year == year))
    if found:
        conn.execute(
            insert(_G),
            [
                {"member_id": g.member_id, "year": year, "grade": g.grade.value, "note": g.note}
                for g in found
            ],
        )


# --- what the totals count, and the meetings derivation reads -------------------------------
def member_kinds_of(
    session: Session, member_ids: Iterable[int]
) -> dict[int, frozenset[MemberKind]]:
    """The kinds a scheme may exempt (point_rules.member_kinds, in SQL): 人员类别 with 退休,
    and 流动党员."""
    found: dict[int, frozenset[MemberKind]] = {}
    retired = _M.c.person_category.like("%退休%")
    for chunk in chunked(member_ids):
        stmt = select(_M.c.id, retired, _M.c.is_mobile).where(_M.c.id.in_(chunk))
        for member_id, is_retired, mobile in session.connection().execute(stmt):
            kinds = set()
            if is_retired:
                kinds.add(MemberKind.RETIRED)
            if mobile:
                kinds.add(MemberKind.MOBILE)
            found[member_id] = frozenset(kinds)
    return found


def member_names(session: Session, member_ids: Iterable[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in chunked(member_ids):
        stmt = select(_M.c.id, _M.c.name).where(_M.c.id.in_(chunk))
        found.update(dict(session.connection().execute(stmt).all()))  # type: ignore[arg-type]
    return found


@dataclass(frozen=True, slots=True)
class AttendedRow:
    """What derivation reads of a meeting (point_derivation.AttendedMeeting), without its
    minutes: one query for the meetings, one for their sign-in lines."""

    id: int
    type: MeetingType
    date: date
    status: MeetingStatus
    also_counts_as: MeetingType | None
    attendance: tuple[Attendance, ...]


def attended(
    session: Session, *, year: int | None = None, meeting_ids: Sequence[int] | None = None
) -> list[AttendedRow]:
    """Live (not deleted) meetings of `year` or of these ids, with their sign-in lines."""
    m = _MEETING
    stmt = select(m.c.id, m.c.type, m.c.date, m.c.status, m.c.also_counts_as).where(
        m.c.deleted_at.is_(None)
    )
    if year is not None:
        stmt = stmt.where(m.c.date.between(date(year, 1, 1), date(year, 12, 31)))
    if meeting_ids is not None:
        stmt = stmt.where(m.c.id.in_(list(meeting_ids)))
    heads = session.connection().execute(stmt).all()
    if not heads:
        return []
    lines: dict[int, list[Attendance]] = {h.id: [] for h in heads}
    a = _ATT
    line_stmt = select(
        a.c.meeting_id, a.c.member_id, a.c.presence, a.c.reason, a.c.note, a.c.excluded
    )
    if meeting_ids is not None:
        line_stmt = line_stmt.where(a.c.meeting_id.in_(list(lines)))
    else:
        line_stmt = line_stmt.join(m, m.c.id == a.c.meeting_id).where(
            and_(
                m.c.deleted_at.is_(None),
                m.c.date.between(date(year or 1, 1, 1), date(year or 9999, 12, 31)),
            )
        )
    presences = {p.value: p for p in Presence}
    reasons = {r.value: r for r in LeaveReason}
    for meeting_id, member_id, presence, reason, note, excluded in session.connection().execute(
        line_stmt
    ):
        found = lines.get(meeting_id)
        if found is not None:
            found.append(
                Attendance(
                    member_id,
                    presences[presence],
                    reasons.get(reason, LeaveReason.NONE),
                    note,
                    bool(excluded),
                )
            )
    return [
        AttendedRow(
            h.id,
            MeetingType(h.type),
            h.date,
            MeetingStatus(h.status),
            MeetingType(h.also_counts_as) if h.also_counts_as else None,
            tuple(lines[h.id]),
        )
        for h in heads
    ]
