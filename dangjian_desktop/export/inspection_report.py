"""The inspection report as the PDF writer takes it: plain values, no database, no
reportlab (building it must not load the writer). services/venue_exports.py builds it in
one read snapshot from the inspection, its template snapshot, photos and rectifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.domain.venue_rules import GroupScore, Tally
from dangjian_desktop.domain.venues import Inspection, Rectification, RectificationStatus


@dataclass(frozen=True)
class ReportPhoto:
    """One photo to print: the stored bytes (None when the file is missing or damaged),
    which item it shows, and the user's caption."""

    data: bytes | None
    mime: str
    item_key: str
    caption: str = ""


@dataclass(frozen=True)
class ReportRectification:
    rect: Rectification
    owner_name: str
    status: RectificationStatus  # on the report's day (the still-open list: that day)


@dataclass(frozen=True)
class InspectionReport:
    unit_name: str
    issued_on: date
    venue_name: str
    venue_address: str
    venue_retired: bool
    inspection: Inspection
    inspector_names: str
    tally: Tally
    groups: tuple[GroupScore, ...]
    photos: tuple[ReportPhoto, ...]  # in item order, then as attached
    found: tuple[ReportRectification, ...]  # opened by this inspection
    still_open: tuple[ReportRectification, ...]  # from earlier ones, open on its day
    prepared_by: str = ""
