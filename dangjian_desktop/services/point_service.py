"""积分 (`ws.points`): the yearly scheme and its catalogue, entries (typed, bulk, derived from
meeting attendance), 三评 scores, 民主评议 grades, period totals and statements.

The one write door of the 积分 tables. Every write is one transaction (write_session) with
one structured audit row (kind "points") and returns Changes(scores=True); every read is one
read transaction. Input that breaks a rule raises PointValidationError (a ValidationError
whose fields messages.py names in 积分 words: "date" is 日期, "entries.2.member_id" is
积分记录第 3 条的党员) and nothing is written.

Rules the service keeps (issue 9):
- A scheme per year. A year without its own scheme reads the shipped template (`scheme`
  returns it with id None) and gets its own copy at its first write, so editing the template
  or another year never changes it. Editing a scheme never rewrites an entry: each keeps the
  points it was given; a rule with entries cannot be removed (retire it instead).
- Derived entries (出席 +, 无故缺席 −, as the catalogue says) are written by the meeting's
  own save/hold/delete/restore in the same transaction (point_sync.py); `regenerate(year)`
  rebuilds a year. They cannot be typed, edited or deleted here.
- Totals: base + entries (each capped rule's sum held at its cap, the cut shown) + the 三评
  part, then floor/ceiling; star bands; exempt members (retired, 流动 by default) are
  listed with their totals but not ranked. Ranking is a separate call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.attachments import NewAttachment
from dangjian_desktop.domain.audit import POINTS, AuditRecord, changed_fields
from dangjian_desktop.domain.errors import AppError, FieldError, NotFoundError
from dangjian_desktop.domain.people import MemberCategory
from dangjian_desktop.domain.point_aggregates import EvaluationWeights, tenths_totals
from dangjian_desktop.domain.point_rules import (
    AppraisalMember,
    PointValidationError,
    appraisal_check,
    is_counted,
    validate_entry,
    validate_evaluation,
    validate_override,
    validate_scheme,
)
from dangjian_desktop.domain.point_totals import (
    MemberTotal,
    Ranked,
    Statement,
    period_total,
    ranking,
)
from dangjian_desktop.domain.points import (
    AppraisalGrade,
    CountingOverride,
    Entry,
    EntryFilter,
    EntryRow,
    Evaluation,
    EvaluationKind,
    MemberKind,
    PeriodKey,
    Scheme,
    ScoringPeriod,
)
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.attachment_service import AttachmentService
from dangjian_desktop.services.bulk_read import collector_paused
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.id_window import IdWindow
from dangjian_desktop.services.member_matches import MemberMatches, Named
from dangjian_desktop.services.point_sync import SyncResult, scheme_for_write, sync_year
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import current_actor, read_session, write_session
from dangjian_desktop.storage import (
    attachment_repo,
    member_history_repo,
    point_counting_repo,
    point_repo,
    point_totals_repo,
)

CHANGED = Changes(scores=True)
OWNER = "point_entry"  # attachment owner kind of an entry's 证明材料


class PointServiceError(AppError):
    area = "points"
    field_scope = "points"  # its warnings (grades_warning) name 积分 fields
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "no_scheme": "no scheme for the year and no template (param year)",
        "entry_not_found": "the entry is gone",
        "entry_is_derived": "a derived entry is changed through its meeting",
        "no_entries": "a bulk entry for nobody",
        "rule_in_use": "a rule with entries cannot be removed (params rule, count)",
        "grades_warning": "the grades have warnings; save with confirm=True",
        "no_member": "no member with this id in the file (param member_id)",
        "no_members": "nobody to export",
        "wrong_period": "a period the year's scheme does not score by (params year, scoring)",
    }


@dataclass(frozen=True)
class TotalsReport:
    """One period's totals: every member on the roster at the period's end (or today, when
    that is earlier), counted ones ranked by `PointService.ranking` only."""

    scheme: Scheme
    period: PeriodKey
    totals: tuple[MemberTotal, ...]  # roster order
    counted: frozenset[int]  # member ids whose totals count (not exempt)
    names: dict[int, str]


@dataclass(frozen=True)
class AppraisalSheet:
    """The year's 民主评议: who is on the list (as of the year's end, or today), their grade,
    and the warnings (FieldError codes excellent_over_third, probationary_graded …)."""

    year: int
    members: tuple[AppraisalMember, ...]  # roster order; 预备党员 listed, not graded
    grades: dict[int, AppraisalGrade]
    warnings: tuple[FieldError, ...]

    def check(self, grades: Sequence[AppraisalGrade]) -> list[FieldError]:
        """The warnings these grades would give on this sheet (as check_grades, without a
        read: the form checks after every edit)."""
        return appraisal_check(grades, self.members)


def _refuse(errors: list[FieldError]) -> None:
    if errors:
        raise PointValidationError(errors)


class PointService(Service):
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
        attachments: AttachmentService,
    ) -> None:
        super().__init__(engine, today, on_write)
        self._attachments = attachments
        self._matches = MemberMatches()  # the list search's members, per text

    # --- the scheme ------------------------------------------------------------------------
    def scheme(self, year: int) -> Scheme:
        """The scheme of `year`: its own (id set), else the template as that year (id None:
        the year gets its own copy at its first write)."""
        with read_session(self._engine()) as s:
            return scheme_in(s, year)

    def scheme_years(self) -> list[int]:
        """The years with their own scheme."""
        with read_session(self._engine()) as s:
            return point_repo.scheme_years(s)

    def template(self) -> Scheme:
        """The scheme a new year starts from (year 0)."""
        with read_session(self._engine()) as s:
            found = point_repo.load_scheme(s, None)
        if found is None:
            raise PointServiceError("no_scheme", {"year": 0})
        return found

    def save_scheme(self, scheme: Scheme) -> Changes:
        """Save the scheme of `scheme.year` (categories, rules, weights, bands, base, floor,
        ceiling, period, exemptions) as a whole. Refused with field errors when it breaks a
        rule (floor above ceiling → "ceiling"/floor_above_ceiling, weights not summing to 1
        → "evaluation_weights"/weights_not_one, "rules.3.cap" …), and with rule_in_use when
        it drops a rule that has entries that year. Entries keep their points; derived
        entries of the year are regenerated (a new attendance rule credits past meetings,
        at its points now; entries already there keep theirs)."""
        _refuse(validate_scheme(scheme))
        audit = AuditRecord(POINTS, details={"year": scheme.year, "what": "scheme"})
        with write_session(self._engine(), "points.scheme", audit=audit) as s:
            before = scheme_in(s, scheme.year)
            used = point_repo.entry_counts_by_rule(s, scheme.year)
            codes = {r.code for r in scheme.rules}
            for code, count in sorted(used.items()):
                if code not in codes:
                    raise PointServiceError("rule_in_use", {"rule": code, "count": count})
            audit.fields = changed_fields(before, replace(scheme, id=before.id), ignore=("id",))
            scheme_id = point_repo.save_scheme(s, replace(scheme, id=None), scheme.year)
            audit.ids.append(scheme_id)
            sync_year(s, scheme.year)
        return self._report(CHANGED)

    def save_template(self, scheme: Scheme) -> Changes:
        """The scheme new years start from (years with their own scheme are unchanged)."""
        _refuse(validate_scheme(replace(scheme, year=self._today().year)))
        audit = AuditRecord(POINTS, details={"what": "template"})
        with write_session(self._engine(), "points.template", audit=audit) as s:
            point_repo.save_scheme(s, scheme, None)
        return self._report(CHANGED)

    # --- entries ---------------------------------------------------------------------------
    def new_entry(self, member_id: int, day: date, rule_code: str) -> Entry:
        """A form's start: the rule's points now, recorded by this computer's user."""
        rule = self.scheme(day.year).rule(rule_code)
        points = rule.signed_points if rule is not None else 0
        return Entry(member_id, day, rule_code, points, recorded_by=current_actor())

    def add_entry(
        self, entry: Entry, evidence: NewAttachment | None = None, *, year: int | None = None
    ) -> tuple[int, Changes]:
        """Add one typed entry (id None). Refused: member not in the branch on the date
        ("member_id"/not_in_branch), date outside the scheme's year, a derived or retired
        rule, points of the wrong sign, points other than the rule's without a reason
        ("override_reason"/override_needs_reason), a rule that asks for evidence without it
        (give `evidence`, a picked file, or entry.evidence_id). `year`: the year the form
        works in (the tab's); a date outside it is refused ("date"/outside_scheme_year)."""
        ids, changes = self._add([entry], evidence, year, single=True)
        return ids[0], changes

    def add_entries(
        self,
        entries: Sequence[Entry],
        evidence: NewAttachment | None = None,
        *,
        year: int | None = None,
    ) -> tuple[list[int], Changes]:
        """Bulk entry (a whole 党小组's volunteer day) in one transaction: all or none.
        Errors name the entry: "entries.2.member_id". `evidence`: one file kept with every
        entry (stored once: attachments are content-addressed)."""
        return self._add(entries, evidence, year, single=False)

    def _add(
        self,
        entries: Sequence[Entry],
        evidence: NewAttachment | None,
        year: int | None,
        *,
        single: bool,
    ) -> tuple[list[int], Changes]:
        if not entries:
            raise PointServiceError("no_entries")
        entries = [replace(e, id=None, derived=False, meeting_id=None) for e in entries]
        stored = []
        if evidence is not None:
            stored = self._attachments.store_all(self._attachments.prepare_all([evidence]))
        audit = AuditRecord(POINTS, details={"what": "entry", "count": len(entries)})
        action = "points.entry.add" if single else "points.entry.bulk_add"
        with write_session(self._engine(), action, audit=audit) as s:
            if year is not None:
                scheme = scheme_for_write(s, year)
                schemes = dict.fromkeys({e.date.year for e in entries}, scheme)
            else:
                schemes = {y: scheme_for_write(s, y) for y in {e.date.year for e in entries}}
            checked = [
                replace(e, evidence_id=-1) if stored and e.evidence_id is None else e
                for e in entries
            ]
            errors = _entry_errors(s, checked, schemes, single=single)
            _refuse(errors)
            by_year: dict[int, list[int]] = {}
            ids: list[int] = []
            for e in entries:
                [entry_id] = point_repo.insert_entries(s, [e], schemes[e.date.year])
                ids.append(entry_id)
                by_year.setdefault(e.date.year, []).append(entry_id)
                if stored:
                    [evidence_id] = attachment_repo.add(s, OWNER, entry_id, stored)
                    point_repo.update_entry(
                        s, replace(e, id=entry_id, evidence_id=evidence_id), schemes[e.date.year]
                    )
            audit.ids.extend(ids)
        return ids, self._report(CHANGED)

    def update_entry(self, entry: Entry) -> Changes:
        """Change a typed entry (same checks as add; a retired rule's entry may stay)."""
        if entry.id is None:
            raise ValueError("update_entry needs an entry id")
        audit = AuditRecord(POINTS, ids=[entry.id], details={"what": "entry"})
        with write_session(self._engine(), "points.entry.update", audit=audit) as s:
            stored = _typed(s, entry.id)
            entry = replace(entry, derived=False, meeting_id=None)
            scheme = scheme_for_write(s, entry.date.year)
            _refuse(_entry_errors(s, [entry], {entry.date.year: scheme}, single=True))
            audit.fields = changed_fields(stored, entry)
            point_repo.update_entry(s, entry, scheme)
        return self._report(CHANGED)

    def delete_entries(self, entry_ids: Sequence[int]) -> Changes:
        """Delete typed entries (a derived one: entry_is_derived; change its meeting), with
        their 证明材料: the attachment rows go in the same transaction, as a meeting's or an
        inspection's do, and the files are left to the store's garbage collection (a backup
        may still name them)."""
        audit = AuditRecord(POINTS, ids=list(entry_ids), details={"what": "entry"})
        with write_session(self._engine(), "points.entry.delete", audit=audit) as s:
            for entry_id in entry_ids:
                _typed(s, entry_id)
            point_repo.delete_entries(s, entry_ids)
            released = attachment_repo.remove_owned(s, OWNER, entry_ids)
            if released:
                audit.details["attachments"] = released
        return self._report(CHANGED)

    def entry(self, entry_id: int) -> Entry:
        with read_session(self._engine()) as s:
            found = point_repo.get_entry(s, entry_id)
        if found is None:
            raise NotFoundError(f"point entry {entry_id}")
        return found

    # --- the entries list (gui/models/id_list_model.py row source) -----------------------
    def ids(self, flt: EntryFilter, sort: Sort | None = None) -> list[int]:
        """Entry ids the filter shows, in order (default: newest first). Sort columns:
        points.ENTRY_SORT_COLUMNS ("date", "member", "rule", "points")."""
        with read_session(self._engine()) as s:
            return point_repo.entry_ids(s, flt, sort or Sort("date", True))

    def window(self, flt: EntryFilter, sort: Sort | None = None) -> IdWindow:
        """The same list as `ids`, left in SQL: counted, and read a page at a time (the 积分
        tab's table: a filter change on 200,000 entries reads one page, not every id)."""
        sort = sort or Sort("date", True)
        span = None
        if flt.member_text.strip():
            engine = self._engine()
            with read_session(engine) as s:
                flt, span = _named(flt, self._matches.of(s, engine, flt.member_text))
        return IdWindow(
            self._engine,
            count=lambda s, limit: point_repo.entry_count(s, flt, limit),
            page=lambda s, **kw: point_repo.entry_page(s, flt, sort, span=span, **kw),
            key=lambda s, entry_id: point_repo.entry_key(s, flt, sort, entry_id),
            position=lambda s, key: point_repo.entry_position(s, flt, sort, key),
        )

    def rows(self, ids: Sequence[int]) -> dict[int, EntryRow]:
        """List rows by id (missing ids left out), with member, rule, category and meeting
        names (the rule's name in the scheme of the entry's year)."""
        with read_session(self._engine()) as s:
            return point_repo.entry_rows(s, ids)

    def count(self, flt: EntryFilter) -> int:
        with read_session(self._engine()) as s:
            return point_repo.entry_count(s, flt)

    # --- derived entries -------------------------------------------------------------------
    def regenerate(self, year: int, progress: Progress | None = None) -> tuple[SyncResult, Changes]:
        """Rebuild the year's derived entries from its meetings (idempotent: a second run
        adds and removes nothing, and writes nothing). Meeting saves keep them in step
        already; this is for a repair or after importing meetings. One transaction:
        `progress` returning False cancels (Cancelled) and nothing is written. A run that
        changes nothing reports no change (the views need not read again)."""
        audit = AuditRecord(POINTS, details={"what": "derived", "year": year})
        with write_session(self._engine(), "points.regenerate", audit=audit) as s:
            result = sync_year(s, year, progress)
            audit.details.update(added=result.added, removed=result.removed, moved=result.moved)
        return result, self._report(CHANGED if result else Changes())

    # --- 三评 and 民主评议 ------------------------------------------------------------------
    def evaluations(self, period: PeriodKey) -> list[Evaluation]:
        with read_session(self._engine()) as s:
            return point_repo.evaluations(s, period)

    def set_evaluations(
        self, period: PeriodKey, kind: EvaluationKind, scores: Sequence[Evaluation]
    ) -> Changes:
        """The period's `kind` scores of the members in `scores` become exactly these (several
        per member: a 互评 by several members, averaged). 0–100, a period of the scheme, a
        member in the branch at the period's end; errors "scores.N.score" …"""
        scores = [replace(e, period=period, kind=kind) for e in scores]
        audit = AuditRecord(
            POINTS,
            ids=sorted({e.member_id for e in scores}),
            details={"what": "evaluation", "evaluation": kind.value, "year": period.year},
        )
        with write_session(self._engine(), "points.evaluation", audit=audit) as s:
            scheme = scheme_for_write(s, period.year)
            listed = member_history_repo.in_branch_ids(s, period.end, [e.member_id for e in scores])
            errors = [
                replace(err, field=f"scores.{i}.{err.field}")
                for i, e in enumerate(scores)
                for err in validate_evaluation(e, scheme, listed)
            ]
            _refuse(errors)
            point_repo.replace_evaluations(s, period, kind, scores)
        return self._report(CHANGED)

    def appraisal(self, year: int) -> AppraisalSheet:
        """The year's 民主评议 sheet: members on the roster at the year's end (or today),
        their grades and the warnings (优秀 over a third of those graded; 预备党员 graded;
        正式党员 not graded)."""
        with read_session(self._engine()) as s:
            members = appraisal_members_in(s, year, self._today())
            found = {g.member_id: g for g in point_repo.grades(s, year)}
        warnings = appraisal_check(found.values(), members)
        return AppraisalSheet(year, tuple(members), found, tuple(warnings))

    def check_grades(self, year: int, grades: Sequence[AppraisalGrade]) -> list[FieldError]:
        """The warnings `set_grades` would give, before saving (the form shows them)."""
        with read_session(self._engine()) as s:
            members = appraisal_members_in(s, year, self._today())
        return appraisal_check(grades, members)

    def set_grades(
        self, year: int, grades: Sequence[AppraisalGrade], *, confirm: bool = False
    ) -> tuple[list[FieldError], Changes]:
        """Replace the year's grades. A grade for a 预备党员 or someone not on the list is
        refused (PointValidationError, "grades.<member id>"). 优秀 over a third, or 正式党员
        not graded, are warnings: without `confirm` they refuse (grades_warning, the warnings
        in `errors`); with it the grades are saved and the warnings returned."""
        grades = [replace(g, year=year, id=None) for g in grades]
        audit = AuditRecord(
            POINTS,
            ids=sorted(g.member_id for g in grades),
            details={"what": "appraisal", "year": year},
        )
        with write_session(self._engine(), "points.appraisal", audit=audit) as s:
            members = appraisal_members_in(s, year, self._today())
            warnings = appraisal_check(grades, members)
            blocking = [
                w for w in warnings if w.code in ("probationary_graded", "grade_not_member")
            ]
            _refuse(blocking)
            if warnings and not confirm:
                raise PointServiceError("grades_warning", errors=warnings)
            point_repo.replace_grades(s, year, grades)
        return warnings, self._report(CHANGED)

    # --- totals ----------------------------------------------------------------------------
    def totals(self, period: PeriodKey) -> TotalsReport:
        """Every member's total for `period` (a period of the year's scheme: a quarter in a
        quarterly one, the year in a yearly one), in roster order: three GROUP BY queries of
        integer rows, the rest in point_aggregates.tenths_totals."""
        with read_session(self._engine()) as s:
            return totals_in(s, period, self._today())

    def counting(self, year: int) -> dict[int, CountingOverride]:
        """The branch's counting decisions of `year` by member id (count an exempt member,
        or leave one out): the totals, ranking and statements honour them."""
        with read_session(self._engine()) as s:
            return point_counting_repo.of_year(s, year)

    def set_counting(self, override: CountingOverride) -> Changes:
        """Store the branch's decision for one member and year (replacing an earlier one).
        Refused without a reason ("reason"/required) or for someone not in the file
        (no_member)."""
        _refuse(validate_override(override))
        audit = AuditRecord(
            POINTS,
            ids=[override.member_id],
            details={"what": "counting", "year": override.year, "counted": override.counted},
        )
        with write_session(self._engine(), "points.counting", audit=audit) as s:
            if not point_repo.member_names(s, [override.member_id]):
                raise PointServiceError("no_member", {"member_id": override.member_id})
            point_counting_repo.put(s, replace(override, id=None))
        return self._report(CHANGED)

    def clear_counting(self, member_id: int, year: int) -> Changes:
        """Back to the scheme's rule for this member and year."""
        audit = AuditRecord(POINTS, ids=[member_id], details={"what": "counting", "year": year})
        with write_session(self._engine(), "points.counting", audit=audit) as s:
            point_counting_repo.clear(s, member_id, year)
        return self._report(CHANGED)

    def ranking(self, report: TotalsReport) -> list[Ranked]:
        """The counted members, highest first, ties sharing a rank. For the secretary's view;
        exported only when asked (ExportService.export_points(ranking=True))."""
        with collector_paused():
            return ranking(t for t in report.totals if t.member_id in report.counted)

    def statement(self, member_id: int, period: PeriodKey) -> Statement:
        """Everything behind one member's total: each entry with what it counted after its
        rule's cap (and what the cap cut), subtotals by rule and category, the 三评 part,
        floor/ceiling and star band. Equal to the totals' line for the member."""
        with read_session(self._engine()) as s:
            return statements_in(s, period, [member_id], self._today())[0]

    def statements(
        self, period: PeriodKey, member_ids: Sequence[int] | None = None
    ) -> list[Statement]:
        """Statements of these members (None: everyone on the roster then), roster order."""
        with read_session(self._engine()) as s:
            return statements_in(s, period, member_ids, self._today())


# --- module helpers (in the caller's session) -------------------------------------------------
def _named(flt: EntryFilter, found: Named | None) -> tuple[EntryFilter, point_repo.Span | None]:
    """The filter with its search text turned into the member ids it names (of its own
    member ids only, when it has them), and those members' name_sort span."""
    if found is None:
        return replace(flt, member_text=""), None
    if flt.member_ids is not None:
        found = found.within(flt.member_ids)
    return replace(flt, member_text="", member_ids=found.ids), found.span


def scheme_in(s: Session, year: int) -> Scheme:
    found = point_repo.load_scheme(s, year)
    if found is not None:
        return found
    template = point_repo.load_scheme(s, None)
    if template is None:
        from dangjian_desktop.domain.point_defaults import default_scheme

        return default_scheme(year)
    return replace(template, year=year, id=None)


def check_period(s: Session, period: PeriodKey) -> None:
    """A period the year's scheme scores by: a quarter in a quarterly one, the year in a
    yearly one (PointServiceError wrong_period otherwise)."""
    _check_period_of(scheme_in(s, period.year), period)


def _check_period_of(scheme: Scheme, period: PeriodKey) -> None:
    if period not in scheme.periods():
        scoring = "季度" if scheme.period is ScoringPeriod.QUARTER else "年度"
        raise PointServiceError("wrong_period", {"year": period.year, "scoring": scoring})


def _typed(s: Session, entry_id: int) -> Entry:
    stored = point_repo.get_entry(s, entry_id)
    if stored is None:
        raise PointServiceError("entry_not_found")
    if stored.derived:
        raise PointServiceError("entry_is_derived")
    return stored


def _entry_errors(
    s: Session, entries: Sequence[Entry], schemes: dict[int, Scheme], *, single: bool
) -> list[FieldError]:
    errors: list[FieldError] = []
    by_day: dict[date, set[int]] = {}
    for e in entries:
        by_day.setdefault(e.date, set()).add(e.member_id)
    listed = {
        day: member_history_repo.in_branch_ids(s, day, sorted(ids)) for day, ids in by_day.items()
    }
    for i, e in enumerate(entries):
        found = validate_entry(e, schemes[e.date.year], listed[e.date])
        if not single:
            found = [replace(err, field=f"entries.{i}.{err.field}") for err in found]
        errors += found
    return errors


def _roster_day(period_end: date, today: date) -> date:
    return min(period_end, today) if today.year >= period_end.year - 1 else period_end


def _roster(s: Session, day: date) -> list[int]:
    """Member ids on the roster on `day`, in roster order (not in the 回收站)."""
    present = member_history_repo.in_branch_ids(s, day)
    return point_totals_repo.roster(s, present).ids


def _counted(s: Session, scheme: Scheme, member_ids: Sequence[int]) -> frozenset[int]:
    kinds = point_repo.member_kinds_of(s, member_ids)
    decided = point_counting_repo.of_year(s, scheme.year)
    return frozenset(
        m for m in member_ids if is_counted(kinds.get(m, frozenset()), scheme, decided.get(m))
    )


def totals_in(s: Session, period: PeriodKey, today: date) -> TotalsReport:
    """PointService.totals inside the caller's read snapshot (the exports' builders): the
    roster, three GROUP BY queries of integer rows (point_totals_repo), the rest in
    point_aggregates.tenths_totals."""
    with collector_paused():
        return _totals_in(s, period, today)


def _totals_in(s: Session, period: PeriodKey, today: date) -> TotalsReport:
    scheme = scheme_in(s, period.year)
    _check_period_of(scheme, period)
    present = member_history_repo.in_branch_ids(s, _roster_day(period.end, today))
    roster = point_totals_repo.roster(s, present)
    weigh_kinds = EvaluationWeights(scheme).kinds
    found = tenths_totals(
        scheme,
        period,
        roster.ids,
        point_totals_repo.entry_sums(s, period),
        point_totals_repo.capped_sums(s, period, scheme),
        point_totals_repo.evaluation_rows(s, period, weigh_kinds),
    )
    decided = point_counting_repo.of_year(s, period.year)  # the branch's own decisions
    none: frozenset[MemberKind] = frozenset()
    counted = frozenset(
        m for m in roster.ids if is_counted(roster.kinds.get(m, none), scheme, decided.get(m))
    )
    return TotalsReport(scheme, period, tuple(found), counted, roster.names)


def statements_in(
    s: Session, period: PeriodKey, member_ids: Sequence[int] | None, today: date
) -> list[Statement]:
    """PointService.statements inside the caller's snapshot."""
    check_period(s, period)
    scheme = scheme_in(s, period.year)
    if member_ids is None:
        member_ids = _roster(s, _roster_day(period.end, today))
    member_ids = list(member_ids)
    counted = _counted(s, scheme, member_ids)
    entries = point_repo.entries_between(s, period.start, period.end, member_ids)
    scores = point_repo.evaluations(s, period, member_ids)
    by_member: dict[int, list[Entry]] = {}
    for e in entries:
        by_member.setdefault(e.member_id, []).append(e)
    by_scores: dict[int, list[Evaluation]] = {}
    for ev in scores:
        by_scores.setdefault(ev.member_id, []).append(ev)
    return [
        period_total(
            by_member.get(m, []),
            scheme,
            m,
            period,
            by_scores.get(m, []),
            counted=m in counted,
        )
        for m in member_ids
    ]


def appraisal_members_in(s: Session, year: int, today: date) -> list[AppraisalMember]:
    """Who is on the year's 民主评议 list, roster order, 正式/预备 as of the list's day (a
    member who became 正式 after it is still 预备 for this year): three columns each."""
    from dangjian_desktop.storage import member_repo

    day = _roster_day(date(year, 12, 31), today)
    ids = _roster(s, day)
    found = member_repo.categories(s, ids)
    members = []
    for m in ids:
        if (line := found.get(m)) is not None:
            name, category, full = line
            if category is MemberCategory.FORMAL and full is not None and full > day:
                category = MemberCategory.PROBATIONARY
            members.append(AppraisalMember(m, name, category))
    return members


__all__ = [
    "AppraisalSheet",
    "MemberKind",
    "PointService",
    "PointServiceError",
    "PointValidationError",
    "TotalsReport",
]


def grade_names_in(s: Session, year: int) -> dict[int, str]:
    """The year's 民主评议 grades in the words 党员队伍统计 counts them by (member id →
    优秀/合格/基本合格/不合格); ws.statistics.grade_source."""
    from dangjian_desktop.export.point_reports import GRADE_NAMES

    return {g.member_id: GRADE_NAMES[g.grade] for g in point_repo.grades(s, year)}
