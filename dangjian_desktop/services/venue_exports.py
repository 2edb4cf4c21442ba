"""The 阵地 exports of ws.exports (a mixin of ExportService, kept apart so the tabs'
exports merge without touching each other): the inspection report .pdf of one inspection,
and the year summary across venues and inspections (.xlsx or .pdf).

Each is built in ONE read snapshot (`_snapshot`), photos included (their files are
content-addressed and never change, so reading them in the snapshot reads the state it
names), then written atomically by the export/ writers after the transaction, and audited
by record_export.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from dangjian_desktop.domain.errors import NotFoundError
from dangjian_desktop.domain.rectification_rules import open_from_last, rectification_status
from dangjian_desktop.domain.venue_rules import group_scores, tally
from dangjian_desktop.export import labels, writer_for
from dangjian_desktop.export.inspection_report import (
    InspectionReport,
    ReportPhoto,
    ReportRectification,
)
from dangjian_desktop.export.venue_summary_report import SummaryRow, VenueYear, venue_summary_table
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.storage import attachment_repo, branch_repo, venue_repo
from dangjian_desktop.storage.attachment_store import AttachmentReadError
from dangjian_desktop.storage.tables import MemberRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine

    from dangjian_desktop.services.attachment_service import AttachmentService
    from dangjian_desktop.services.export_service import ExportResult


def _unit(session: Session) -> str:
    return branch_repo.load_profile(session).full_name.strip() or labels.UNNAMED_UNIT


def _member_names(session: Session, ids) -> dict[int, str]:
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    stmt = select(MemberRow.id, MemberRow.name).where(MemberRow.id.in_(ids))
    return dict(session.execute(stmt).all())


def _inspectors(inspection, names: dict[int, str]) -> str:
    shown = [names.get(p.member_id, "") if p.member_id is not None else p.name
             for p in inspection.inspectors]  # fmt: skip
    return "、".join(n for n in shown if n)


class VenueExportsMixin:
    """Mixed into ExportService; `attachments` is set by the workspace (photo bytes)."""

    attachments: AttachmentService | None = None
    _engine: Callable[[], Engine]

    if TYPE_CHECKING:

        def _snapshot(self, build): ...

        def _today(self): ...

    # --- 阵地检查报告 ------------------------------------------------------------------
    def inspection_report(self, inspection_id: int, *, prepared_by: str = "") -> InspectionReport:
        """The report of one inspection, from one snapshot. NotFoundError when there is no
        such inspection. A photo whose file is missing or damaged prints as a note."""
        return self._snapshot(lambda s: self._inspection_report_in(s, inspection_id, prepared_by))

    def _inspection_report_in(
        self, s: Session, inspection_id: int, prepared_by: str = ""
    ) -> InspectionReport:
        """The same, read with the caller's session (the 上报 package's snapshot)."""
        store = self.attachments.store if self.attachments is not None else None
        today = self._today()
        insp = venue_repo.load_inspection(s, inspection_id)
        if insp is None:
            raise NotFoundError("inspection", inspection_id)
        venue = venue_repo.get_venue(s, insp.venue_id)
        found = venue_repo.of_inspection(s, inspection_id)
        order = {item.key: n for n, (_, item) in enumerate(insp.template.items())}
        found.sort(key=lambda r: order.get(r.item_key, len(order)))
        earlier = open_from_last(
            venue_repo.inspections_of_venue(s, insp.venue_id),
            venue_repo.of_venue(s, insp.venue_id),
            insp.venue_id,
            as_of=insp.inspected_on,
            exclude_inspection_id=inspection_id,
        )
        owners = [r.owner_id for r in (*found, *earlier)]
        inspector_ids = [p.member_id for p in insp.inspectors]
        names = _member_names(s, [*owners, *inspector_ids])
        attachments = {a.id: a for a in attachment_repo.of_owner(s, "inspection", insp.id)}
        photos = []
        for result in sorted(insp.results, key=lambda r: order.get(r.item_key, 0)):
            for photo_id in result.photo_ids:
                a = attachments.get(photo_id)
                if a is None:
                    continue
                data = None
                if store is not None:
                    try:
                        data = store.read(a.sha256)
                    except AttachmentReadError:
                        data = None
                photos.append(ReportPhoto(data, a.mime, result.item_key, a.caption))

        def shown(rect, day):
            return ReportRectification(
                rect, names.get(rect.owner_id, ""), rectification_status(rect, day)
            )

        return InspectionReport(
            unit_name=_unit(s),
            issued_on=today,
            venue_name=venue.name if venue else "",
            venue_address=venue.address if venue else "",
            venue_retired=venue is not None and venue.retired_at is not None,
            inspection=insp,
            inspector_names=_inspectors(insp, names),
            tally=tally(insp),
            groups=group_scores(insp),
            photos=tuple(photos),
            found=tuple(shown(r, today) for r in found),
            still_open=tuple(shown(r, insp.inspected_on) for r in earlier),
            prepared_by=prepared_by.strip(),
        )

    def inspection(
        self,
        path: str | Path,
        inspection_id: int,
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the 阵地检查报告 of one inspection as .pdf to `path`, atomically; progress
        may cancel (Cancelled), leaving any earlier file at `path` as it was."""
        from dangjian_desktop.export.inspection_pdf import write_inspection_pdf
        from dangjian_desktop.services.export_service import ExportResult

        report = self.inspection_report(inspection_id, prepared_by=prepared_by)
        write_inspection_pdf(report, path, progress)
        rows = len(report.inspection.results)
        record_export(self._engine(), "inspection", fmt="pdf", rows=rows, photos=len(report.photos))
        return ExportResult(Path(path), rows)

    # --- 阵地建设年度汇总 ---------------------------------------------------------------
    def venue_year(self, year: int, *, prepared_by: str = "") -> VenueYear:
        return self._snapshot(lambda s: self._venue_year_in(s, year, prepared_by))

    def _venue_year_in(self, s: Session, year: int, prepared_by: str = "") -> VenueYear:
        """The same, read with the caller's session (the 上报 package's snapshot)."""
        today = self._today()
        inspections = venue_repo.inspections_in_year(s, year)
        ids = {i.id for i in inspections}
        rects = [r for r in venue_repo.rectifications_where(s) if r.inspection_id in ids]
        venues = venue_repo.all_venues(s)
        venue_names = {v.id: v.name for v in venues}
        names = _member_names(s, [p.member_id for i in inspections for p in i.inspectors])
        rows = []
        for insp in inspections:
            mine = [r for r in rects if r.inspection_id == insp.id]
            closed = sum(1 for r in mine if r.closed_on is not None)
            rows.append(
                SummaryRow(
                    venue_names.get(insp.venue_id, ""),
                    insp,
                    _inspectors(insp, names),
                    len(mine),
                    closed,
                    len(mine) - closed,
                )
            )
        return VenueYear(
            unit_name=_unit(s),
            issued_on=today,
            year=year,
            venues=tuple((v.id, v.name) for v in venues),
            rows=tuple(rows),
            rectifications=tuple(rects),
            prepared_by=prepared_by.strip(),
        )

    def venues(
        self,
        path: str | Path,
        fmt: str,
        year: int,
        *,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the year summary of every venue's inspections as `fmt` ("xlsx" or "pdf")
        to `path`, atomically."""
        from dangjian_desktop.services.export_service import ExportResult

        write = writer_for(fmt)  # refuse an unknown format before reading anything
        table = venue_summary_table(self.venue_year(year, prepared_by=prepared_by))
        write(table, path, progress)
        record_export(self._engine(), "venues", fmt=fmt, rows=len(table.rows), year=year)
        return ExportResult(Path(path), len(table.rows))
