"""阵地 (`ws.venues`): the 六有 checklist template, inspections of the branch's venues with
their photos, and the rectifications (整改) their failed items open. One write door for all
of it; every write is one transaction with one structured audit row (kind "venues",
details["record"] = "template" / "inspection" / "rectification").

Venues themselves are the branch profile's (ws.branch.save_profile): a venue removed there
while inspections refer to it is retired, not deleted (storage/branch_repo.py), and keeps
its history here; `venues()` lists retired ones too.

Photos (inspection items, closing evidence) arrive as bytes (`NewPhoto`, read by the caller
off the GUI thread), are prepared by domain/images.py (checked, upright, no EXIF, at most
2048 px) before anything is written, then stored in the attachment store (ws.attachments)
and named by attachment id. A refused photo refuses the whole save, nothing stored: a
ValidationError with one "photos.N" field error per bad photo, worded with its file name.

For the GUI's id-list models: `inspection_list` and `rectification_list` are row sources
(`ids(flt, sort)`, `rows(ids)`, `count(flt)`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from dangjian_desktop.domain import images
from dangjian_desktop.domain.attachments import Attachment, clean_file_name
from dangjian_desktop.domain.audit import VENUES, AuditRecord, changed_fields
from dangjian_desktop.domain.branch import Venue
from dangjian_desktop.domain.dashboard import RectificationDue
from dangjian_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.rectification_rules import (
    close_rectification,
    open_from_last,
    rectifications_for,
    reopen_rectification,
    validate_rectification,
)
from dangjian_desktop.domain.venue_lists import (
    InspectionFilter,
    InspectionListRow,
    OverdueRectification,
    RectificationFilter,
    RectificationListRow,
    VenueSummary,
)
from dangjian_desktop.domain.venue_rules import (
    PHOTOS_MAX,
    TOO_MANY,
    tally,
    validate_inspection,
    validate_template,
)
from dangjian_desktop.domain.venues import (
    DEFAULT_DUE_DAYS,
    Inspection,
    Outcome,
    Rectification,
    Template,
    normalize_inspection,
    normalize_rectification,
    normalize_template,
    revised,
)
from dangjian_desktop.services.attachment_files import PreparedFile
from dangjian_desktop.services.attachment_service import AttachmentService, StoredFile
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.storage import attachment_repo, member_history_repo, venue_repo
from dangjian_desktop.storage.venue_repo import INSPECTION, RECTIFICATION
from dangjian_desktop.storage.venue_tables import RectificationRow

CHANGED = Changes(venues=True)
NO_SUCH_VENUE = "no_such_venue"
PHOTO_NOT_FOUND = "photo_not_found"
DUPLICATE = "duplicate"
# FieldError codes raised here (messages_venues.VENUE_ERRORS words them): the photo ones
# are images.PhotoError's codes with "venue_photo_" before them, and the file name as a param.
ERROR_CODES: dict[str, str] = {
    NO_SUCH_VENUE: "the inspected venue is not in this data file",
    PHOTO_NOT_FOUND: "a photo id that is not one of this record's attachments",
    DUPLICATE: "another template has this name",
    **{
        f"venue_photo_{code}": f"{text} (param file_name)"
        for code, text in images.PhotoError.ERROR_CODES.items()
    },
}


@dataclass(frozen=True)
class NewPhoto:
    """A photo the user picked, as bytes. `item_key`: the checklist item it shows (for an
    inspection; ignored for closing evidence)."""

    file_name: str
    data: bytes
    item_key: str = ""
    caption: str = ""


class _Rows:
    """A row source over one of the service's lists, for IdListTableModel."""

    def __init__(self, ids, rows, count) -> None:
        self.ids, self.rows, self.count = ids, rows, count


class VenueService(Service):
    def __init__(
        self,
        engine: Callable,
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
        attachments: AttachmentService,
    ) -> None:
        super().__init__(engine, today, on_write)
        self._attachments = attachments
        self.inspection_list = _Rows(
            self.inspection_ids, self.inspection_rows, self.inspection_count
        )
        self.rectification_list = _Rows(
            self.rectification_ids, self.rectification_rows, self.rectification_count
        )

    # --- templates ------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """Every template in its current version (migration 0006 seeds the 六有 default)."""
        with read_session(self._engine()) as s:
            return [venue_repo.load_template(s, i) for i in venue_repo.template_ids(s)]

    def template(self, template_id: int | None = None) -> Template:
        """The template's current version; None: the first (the shipped 六有 one)."""
        with read_session(self._engine()) as s:
            if template_id is None:
                ids = venue_repo.template_ids(s)
                if not ids:
                    raise NotFoundError("venue_template")
                template_id = ids[0]
            found = venue_repo.load_template(s, template_id)
        if found is None:
            raise NotFoundError("venue_template", template_id)
        return found

    def save_template(self, template: Template) -> tuple[Template, Changes]:
        """Save an edited (or, id None, a new) template. A change of anything makes a new
        version (version + 1 over the stored one); inspections already done keep the
        snapshot they were done with. Unchanged: nothing written, the stored value back."""
        template = normalize_template(template)
        errors = validate_template(template)
        if errors:
            raise ValidationError(errors)
        if template.id is not None:
            with read_session(self._engine()) as s:
                stored = venue_repo.load_template(s, template.id)
            if stored is not None and replace(template, version=stored.version) == stored:
                return stored, Changes()  # nothing changed: no new version, no audit row
        audit = AuditRecord(VENUES, details={"record": "template"})
        with write_session(self._engine(), "venues.save_template", audit=audit) as s:
            if venue_repo.template_name_taken(s, template.name, template.id):
                raise ValidationError([FieldError("name", DUPLICATE)])
            before = None
            if template.id is not None:
                before = venue_repo.load_template(s, template.id)
                if before is None:
                    raise NotFoundError("venue_template", template.id)
                template = revised(replace(template, version=before.version))
                audit.fields = changed_fields(before, template, ignore=("id", "version"))
            else:
                template = replace(template, version=1)
            template_id = venue_repo.save_template(s, template)
            audit.ids.append(template_id)
            audit.details["version"] = template.version
        return replace(template, id=template_id), self._report(CHANGED)

    # --- venues ---------------------------------------------------------------------------
    def venues(self) -> list[Venue]:
        """Every venue of the profile, retired ones too (after the active ones, with
        `retired_at`): their inspections are still shown."""
        with read_session(self._engine()) as s:
            return venue_repo.all_venues(s)

    def venue_summaries(self, today: date | None = None) -> list[VenueSummary]:
        """The 阵地 tab's venue list: last score, open and overdue rectifications."""
        with read_session(self._engine()) as s:
            return venue_repo.venue_summaries(s, today or self._today())

    # --- inspections: reading -------------------------------------------------------------
    def inspection_ids(self, flt: InspectionFilter, sort: Sort) -> list[int]:
        """Sort columns: domain.venue_lists.INSPECTION_SORTS."""
        with read_session(self._engine()) as s:
            return venue_repo.inspection_ids(s, flt, sort)

    def inspection_rows(self, ids: Sequence[int]) -> dict[int, InspectionListRow]:
        with read_session(self._engine()) as s:
            return venue_repo.inspection_rows(s, ids)

    def inspection_count(self, flt: InspectionFilter) -> int:
        with read_session(self._engine()) as s:
            return venue_repo.inspection_count(s, flt)

    def inspection(self, inspection_id: int) -> Inspection:
        with read_session(self._engine()) as s:
            return _inspection(s, inspection_id)

    def photos(self, inspection_id: int) -> list[Attachment]:
        """The inspection's photo attachments (ItemResult.photo_ids name them); the bytes:
        ws.attachments.read(id)."""
        return self._attachments.of(INSPECTION, inspection_id)

    def evidence(self, rect_id: int) -> list[Attachment]:
        return self._attachments.of(RECTIFICATION, rect_id)

    def draft_inspection(
        self, venue_id: int, inspected_on: date | None = None, template_id: int | None = None
    ) -> Inspection:
        """A new inspection of the venue on the day (today), on the template's current
        version, every item still without a result (the walk-through form fills them)."""
        return Inspection(
            venue_id=venue_id,
            inspected_on=inspected_on or self._today(),
            template=self.template(template_id),
        )

    def still_open(
        self,
        venue_id: int,
        *,
        as_of: date | None = None,
        exclude_inspection_id: int | None = None,
    ) -> list[Rectification]:
        """What the next inspection of the venue shows as still open from the earlier ones
        (rectification_rules.open_from_last): now, or as it stood on `as_of`."""
        with read_session(self._engine()) as s:
            return list(
                open_from_last(
                    venue_repo.inspections_of_venue(s, venue_id),
                    venue_repo.of_venue(s, venue_id),
                    venue_id,
                    as_of=as_of,
                    exclude_inspection_id=exclude_inspection_id,
                )
            )

    # --- inspections: writing -------------------------------------------------------------
    def save_inspection(
        self,
        inspection: Inspection,
        photos_added: Sequence[NewPhoto] = (),
        photos_removed: Sequence[int] = (),
        *,
        owner_id: int | None = None,
        due_on: date | None = None,
    ) -> tuple[int, Changes]:
        """Add (id None) or update an inspection, in one transaction with its results, its
        photos and its rectifications. Refused (ValidationError, nothing written) when
        validate_inspection finds anything (dated after today, the venue retired before
        that day, an inspector not in the branch that day, an item without a result …),
        or when a photo is refused ("photos.N": not an image, cut short, too big, a bomb).

        A new inspection's snapshot is its `template` as given (draft_inspection's). An
        update keeps the stored snapshot whatever `template` says.

        Every 不合格 item opens one rectification (owner `owner_id`, due `due_on` or
        DEFAULT_DUE_DAYS after the inspection), unless the same item of this venue is still
        open from an earlier inspection (that one carries on). On update: an item that is
        no longer 不合格 drops its rectification while it is open (a closed one stays);
        the rectifications follow a changed inspection date."""
        inspection = normalize_inspection(inspection)
        if inspection.id is None and not inspection.uid:
            inspection = replace(inspection, uid=str(uuid.uuid4()))
        prepared = _prepared_photos(photos_added)
        with read_session(self._engine()) as s:
            inspection = self._checked(s, inspection, photos_added, photos_removed)
        stored = self._attachments.store_all(prepared)
        action = "venues.add_inspection" if inspection.id is None else "venues.update_inspection"
        audit = AuditRecord(VENUES, details={"record": "inspection"})
        with write_session(self._engine(), action, audit=audit) as s:
            inspection = self._checked(s, inspection, photos_added, photos_removed)
            if inspection.id is not None:
                before = venue_repo.load_inspection(s, inspection.id)
                audit.fields = changed_fields(before, inspection, ignore=("id", "uid", "template"))
            inspection_id, opened = self._write_inspection(
                s, inspection, photos_added, stored, photos_removed, owner_id, due_on
            )
            if stored or photos_removed:
                audit.fields = [*audit.fields, "photos"]
            audit.ids.append(inspection_id)
            audit.details.update(photos=len(stored), rectifications=opened)
        return inspection_id, self._report(CHANGED)

    def delete_inspection(self, inspection_id: int) -> Changes:
        """An inspection entered by mistake: gone with its results, photos (their rows; the
        files stay for the backups) and the rectifications it opened."""
        audit = AuditRecord(VENUES, ids=[inspection_id], details={"record": "inspection"})
        with write_session(self._engine(), "venues.delete_inspection", audit=audit) as s:
            _inspection(s, inspection_id)
            rects = venue_repo.of_inspection(s, inspection_id)
            for rect in rects:
                ids = [a.id for a in attachment_repo.of_owner(s, RECTIFICATION, rect.id)]
                attachment_repo.remove(s, RECTIFICATION, rect.id, ids)
            photos = [a.id for a in attachment_repo.of_owner(s, INSPECTION, inspection_id)]
            attachment_repo.remove(s, INSPECTION, inspection_id, photos)
            venue_repo.delete_inspection(s, inspection_id)
            audit.details.update(photos=len(photos), rectifications=len(rects))
        return self._report(CHANGED)

    def _checked(
        self,
        s: Session,
        inspection: Inspection,
        photos_added: Sequence[NewPhoto],
        photos_removed: Sequence[int],
    ) -> Inspection:
        """The inspection as it will be saved (an update keeps its stored snapshot), or
        ValidationError."""
        if inspection.id is not None:
            stored = _inspection(s, inspection.id)
            inspection = replace(inspection, template=stored.template, uid=stored.uid)
        venue = venue_repo.get_venue(s, inspection.venue_id)
        errors: list[FieldError] = []
        if venue is None:
            errors.append(FieldError("venue_id", NO_SUCH_VENUE))
        members = {p.member_id for p in inspection.inspectors if p.member_id is not None}
        in_branch = member_history_repo.in_branch_ids(s, inspection.inspected_on, members)
        errors += validate_inspection(inspection, self._today(), venue, in_branch)
        keys = {item.key for _, item in inspection.template.items()}
        for i, photo in enumerate(photos_added):
            if photo.item_key not in keys:
                errors.append(FieldError(f"photos.{i}.item_key", "not_in_template"))
        current = set()
        if inspection.id is not None:
            current = {a.id for a in attachment_repo.of_owner(s, INSPECTION, inspection.id)}
        for i, result in enumerate(inspection.results):
            for photo_id in result.photo_ids:
                if photo_id not in current:
                    errors.append(FieldError(f"results.{i}.photo_ids", PHOTO_NOT_FOUND))
                    break
            added = sum(1 for p in photos_added if p.item_key == result.item_key)
            kept = [p for p in result.photo_ids if p not in photos_removed]
            if len(kept) + added > PHOTOS_MAX:
                errors.append(
                    FieldError(f"results.{i}.photo_ids", TOO_MANY, (("max", PHOTOS_MAX),))
                )
        for i, photo_id in enumerate(photos_removed):
            if photo_id not in current:
                errors.append(FieldError(f"photos_removed.{i}", PHOTO_NOT_FOUND))
        if inspection.id is not None:
            for rect in venue_repo.of_inspection(s, inspection.id):
                if rect.closed_on is not None and rect.closed_on < inspection.inspected_on:
                    errors.append(
                        FieldError(
                            "inspected_on",
                            "closed_before_opened",
                            (("date", inspection.inspected_on),),
                        )
                    )
                    break
        if errors:
            raise ValidationError(errors)
        return inspection

    def _write_inspection(
        self,
        s: Session,
        inspection: Inspection,
        photos_added: Sequence[NewPhoto],
        stored: Sequence[StoredFile],
        photos_removed: Sequence[int],
        owner_id: int | None,
        due_on: date | None,
    ) -> tuple[int, int]:
        """Write the rows; (inspection id, rectifications opened)."""
        new = inspection.id is None
        if new:
            inspection_id = venue_repo.insert_inspection(s, inspection, tally(inspection))
        else:
            inspection_id = inspection.id
        removed = set(photos_removed)
        attachment_repo.remove(s, INSPECTION, inspection_id, list(removed))
        added_ids = attachment_repo.add(s, INSPECTION, inspection_id, stored)
        by_item: dict[str, list[int]] = {}
        for photo, attachment_id in zip(photos_added, added_ids, strict=True):
            by_item.setdefault(photo.item_key, []).append(attachment_id)
        results = tuple(
            replace(
                r,
                photo_ids=tuple(p for p in r.photo_ids if p not in removed)
                + tuple(by_item.get(r.item_key, ())),
            )
            for r in inspection.results
        )
        inspection = replace(inspection, id=inspection_id, results=results)
        tallied = tally(inspection)
        venue_repo.update_inspection(s, inspection, tallied)
        return inspection_id, self._sync_rectifications(s, inspection, owner_id, due_on)

    def _sync_rectifications(
        self, s: Session, inspection: Inspection, owner_id: int | None, due_on: date | None
    ) -> int:
        """This inspection's rectifications made to match its 不合格 items; how many were
        opened."""
        mine = {r.item_key: r for r in venue_repo.of_inspection(s, inspection.id)}
        failed = {r.item_key for r in inspection.results if r.outcome is Outcome.FAIL}
        stale = [r.id for key, r in mine.items() if key not in failed and r.closed_on is None]
        venue_repo.delete_rectifications(s, stale)
        for key, rect in mine.items():
            if key in failed and rect.opened_on != inspection.inspected_on:
                shift = inspection.inspected_on - rect.opened_on
                venue_repo.update_rectification(
                    s, replace(rect, opened_on=inspection.inspected_on, due_on=rect.due_on + shift)
                )
        earlier = [
            r
            for r in venue_repo.of_venue(s, inspection.venue_id)
            if r.inspection_id != inspection.id and r.opened_on <= inspection.inspected_on
        ]
        carried = [*earlier, *mine.values()]
        opened = rectifications_for(
            inspection,
            owner_id=owner_id,
            due_on=due_on,
            due_days=DEFAULT_DUE_DAYS,
            still_open=[r for r in carried if r.closed_on is None],
        )
        opened = [r for r in opened if r.item_key not in mine]
        for rect in opened:
            # One item of one inspection opens one rectification: its uid says which.
            uid = uuid.uuid5(uuid.UUID(inspection.uid), rect.item_key)
            venue_repo.insert_rectification(s, replace(rect, uid=str(uid)))
        return len(opened)

    # --- rectifications -------------------------------------------------------------------
    def rectification_ids(self, flt: RectificationFilter, sort: Sort) -> list[int]:
        """Sort columns: domain.venue_lists.RECTIFICATION_SORTS; "overdue" as of
        flt.today (None: today)."""
        with read_session(self._engine()) as s:
            return venue_repo.rectification_ids(s, flt, sort, flt.today or self._today())

    def rectification_rows(
        self, ids: Sequence[int], today: date | None = None
    ) -> dict[int, RectificationListRow]:
        with read_session(self._engine()) as s:
            return venue_repo.rectification_rows(s, ids, today or self._today())

    def rectification_count(self, flt: RectificationFilter) -> int:
        with read_session(self._engine()) as s:
            return venue_repo.rectification_count(s, flt, flt.today or self._today())

    def rectification(self, rect_id: int) -> Rectification:
        with read_session(self._engine()) as s:
            return _rectification(s, rect_id)

    def rectifications_of(self, inspection_id: int) -> list[Rectification]:
        """The rectifications this inspection opened, in checklist order."""
        with read_session(self._engine()) as s:
            inspection = _inspection(s, inspection_id)
            found = venue_repo.of_inspection(s, inspection_id)
        order = {item.key: n for n, (_, item) in enumerate(inspection.template.items())}
        return sorted(found, key=lambda r: order.get(r.item_key, len(order)))

    def open_rectifications(self, today: date | None = None) -> list[RectificationDue]:
        """For 工作台 (ws.dashboard.rectification_source): every rectification not yet
        销号, with its venue's name; the dashboard judges due / overdue against `today`."""
        with read_session(self._engine()) as s:
            names = {v.id: v.name for v in venue_repo.all_venues(s)}
            return [
                RectificationDue(
                    id=r.id,
                    venue_id=r.venue_id,
                    inspection_id=r.inspection_id or 0,
                    item=r.item_text,
                    venue_name=names.get(r.venue_id, ""),
                    due_on=r.due_on,
                )
                for r in venue_repo.rectifications_where(s, RectificationRow.closed_on.is_(None))
                if r.id is not None
            ]

    def overdue_rectifications(self, today: date | None = None) -> list[OverdueRectification]:
        """For 工作台: open rectifications past their due day on `today` (due today is not
        overdue yet), the longest overdue first."""
        with read_session(self._engine()) as s:
            return venue_repo.overdue(s, today or self._today())

    def save_rectification(
        self,
        rect: Rectification,
        evidence_added: Sequence[NewPhoto] = (),
        evidence_removed: Sequence[int] = (),
    ) -> Changes:
        """Change what the user edits of a rectification: owner, due date, action, the
        closing note and evidence photos. Opening, closing and reopening are their own
        methods (the item, finding and dates it was opened with are the inspection's)."""
        rect = normalize_rectification(rect)
        prepared = _prepared_photos(evidence_added, field="evidence")
        with read_session(self._engine()) as s:
            self._rect_checked(s, rect, len(prepared), evidence_removed)
        stored = self._attachments.store_all(prepared)
        audit = AuditRecord(VENUES, ids=[rect.id], details={"record": "rectification"})
        with write_session(self._engine(), "venues.update_rectification", audit=audit) as s:
            updated = self._rect_checked(s, rect, len(stored), evidence_removed)
            before = _rectification(s, rect.id)
            updated = self._with_evidence(s, updated, stored, evidence_removed)
            audit.fields = changed_fields(before, updated, ignore=("id", "uid"))
            venue_repo.update_rectification(s, updated)
        return self._report(CHANGED)

    def close(
        self,
        rect_id: int,
        closed_on: date,
        note: str = "",
        evidence_added: Sequence[NewPhoto] = (),
    ) -> Changes:
        """销号 on `closed_on` with a note of what was done and/or photos after the fix.
        Refused when closed already, dated before it was opened or after today, or with
        neither note nor photo (rectification_rules.close_rectification)."""
        prepared = _prepared_photos(evidence_added, field="evidence")
        with read_session(self._engine()) as s:
            self._close_checked(s, rect_id, closed_on, note, len(prepared))
        stored = self._attachments.store_all(prepared)
        audit = AuditRecord(VENUES, ids=[rect_id], details={"record": "rectification"})
        with write_session(self._engine(), "venues.close_rectification", audit=audit) as s:
            self._close_checked(s, rect_id, closed_on, note, len(stored))
            rect = _rectification(s, rect_id)
            with_photos = self._with_evidence(s, rect, stored, ())
            closed = close_rectification(
                rect,
                closed_on,
                self._today(),
                note=note.strip(),
                evidence_ids=with_photos.evidence_ids,
            )
            venue_repo.update_rectification(s, closed)
            audit.fields = ["closed_on", "closing_note", "evidence_ids"]
            audit.details["photos"] = len(stored)
        return self._report(CHANGED)

    def reopen(
        self, rect_id: int, reopened_on: date, reason: str, due_on: date | None = None
    ) -> Changes:
        """The re-check found it not fixed: open again (its closure and evidence kept)."""
        audit = AuditRecord(VENUES, ids=[rect_id], details={"record": "rectification"})
        with write_session(self._engine(), "venues.reopen_rectification", audit=audit) as s:
            rect = _rectification(s, rect_id)
            reopened = reopen_rectification(
                rect, reopened_on, self._today(), reason.strip(), due_on=due_on
            )
            venue_repo.update_rectification(s, reopened)
            audit.fields = ["closed_on", "due_on"]
        return self._report(CHANGED)

    def _rect_checked(
        self, s: Session, rect: Rectification, added: int, removed: Sequence[int]
    ) -> Rectification:
        if rect.id is None:
            raise NotFoundError("rectification")
        stored = _rectification(s, rect.id)
        # Only the editable fields come from the caller.
        rect = replace(
            stored,
            owner_id=rect.owner_id,
            due_on=rect.due_on,
            action=rect.action,
            closing_note=rect.closing_note if stored.closed else stored.closing_note,
            evidence_ids=rect.evidence_ids,
        )
        errors = []
        current = {a.id for a in attachment_repo.of_owner(s, RECTIFICATION, rect.id)}
        for i, photo_id in enumerate(rect.evidence_ids):
            if photo_id not in current:
                errors.append(FieldError(f"evidence_ids.{i}", PHOTO_NOT_FOUND))
        for i, photo_id in enumerate(removed):
            if photo_id not in current:
                errors.append(FieldError(f"evidence_removed.{i}", PHOTO_NOT_FOUND))
        kept = [p for p in rect.evidence_ids if p not in removed]
        if len(kept) + added > PHOTOS_MAX:
            errors.append(FieldError("evidence_ids", TOO_MANY, (("max", PHOTOS_MAX),)))
        members = None
        if rect.owner_id is not None:
            members = member_history_repo.in_branch_ids(s, rect.opened_on, [rect.owner_id])
        check = replace(rect, evidence_ids=(*kept, *range(-added, 0)))
        errors += validate_rectification(check, self._today(), members)
        if errors:
            raise ValidationError(errors)
        return rect

    def _close_checked(
        self, s: Session, rect_id: int, closed_on: date, note: str, photos: int
    ) -> None:
        rect = _rectification(s, rect_id)
        placeholder = tuple(range(-photos, 0))  # the photos' ids are not known yet
        close_rectification(
            replace(rect, evidence_ids=()),
            closed_on,
            self._today(),
            note=note.strip(),
            evidence_ids=(*rect.evidence_ids, *placeholder),
        )

    @staticmethod
    def _with_evidence(
        s: Session, rect: Rectification, stored: Sequence[StoredFile], removed: Sequence[int]
    ) -> Rectification:
        attachment_repo.remove(s, RECTIFICATION, rect.id, list(removed))
        added = attachment_repo.add(s, RECTIFICATION, rect.id, stored)
        kept = tuple(p for p in rect.evidence_ids if p not in set(removed))
        return replace(rect, evidence_ids=kept + tuple(added))


def _inspection(s: Session, inspection_id: int) -> Inspection:
    found = venue_repo.load_inspection(s, inspection_id)
    if found is None:
        raise NotFoundError("inspection", inspection_id)
    return found


def _rectification(s: Session, rect_id: int) -> Rectification:
    found = venue_repo.load_rectification(s, rect_id)
    if found is None:
        raise NotFoundError("rectification", rect_id)
    return found


def _prepared_photos(photos: Sequence[NewPhoto], field: str = "photos") -> list[PreparedFile]:
    """Every photo through images.prepare_photo, before anything is written: ValidationError
    with one "<field>.N" error per refused photo (worded with its file name)."""
    prepared: list[PreparedFile] = []
    errors: list[FieldError] = []
    for i, photo in enumerate(photos):
        name = clean_file_name(photo.file_name)
        try:
            ready = images.prepare_photo(photo.data)
        except images.PhotoError as exc:
            params = tuple({**exc.params, "file_name": name}.items())
            errors.append(FieldError(f"{field}.{i}", f"venue_photo_{exc.code}", params))
            continue
        prepared.append(PreparedFile(name, ready.mime, ready.data, photo.caption.strip()))
    if errors:
        raise ValidationError(errors)
    return prepared


__all__ = ["NewPhoto", "VenueService"]
