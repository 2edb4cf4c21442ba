"""阵地 tables (migration 0006): the checklist template, inspections with their results,
and rectifications. Kept apart from tables.py so the areas merge without touching each
other; tables.py imports this module, so `tables.metadata` holds these tables too.

Versioning (domain/venues.py): the template tables hold the current version of each
template; saving a changed template rewrites its groups and items and counts `version` up.
An inspection keeps the whole template it was done with as JSON (`template_data`,
domain.venues.template_to_data), so no template edit ever changes a past inspection's
wording, weights or score. Its score figures are stored with it (the lists read them
without the snapshot).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel


class VenueTemplateRow(SQLModel, table=True):
    __tablename__ = "venue_template"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    version: int = 1
    note: str = Field(default="")
    updated_at: datetime | None = None


class VenueTemplateGroupRow(SQLModel, table=True):
    """One of the "有" of the template's current version."""

    __tablename__ = "venue_template_group"

    template_id: int = Field(foreign_key="venue_template.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    key: str = Field(max_length=40)
    name: str = Field(max_length=100)
    source: str = Field(default="")


class VenueTemplateItemRow(SQLModel, table=True):
    """One checkpoint of a group: its weight (share of the score) and what counts."""

    __tablename__ = "venue_template_item"

    template_id: int = Field(foreign_key="venue_template.id", primary_key=True, ondelete="CASCADE")
    group_position: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    key: str = Field(max_length=40)
    text: str = Field(max_length=100)
    weight: int = 1
    note: str = Field(default="")


class InspectionRow(SQLModel, table=True):
    """One inspection of one venue (domain.venues.Inspection). `inspectors` is a list of
    {"member_id", "name"}; `template_data` the snapshot it was done with. earned/possible
    and the counts are venue_rules.tally of it, written by every save."""

    __tablename__ = "inspection"
    __table_args__ = (Index("ix_inspection_venue_date", "venue_id", "inspected_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    venue_id: int = Field(foreign_key="venue.id", ondelete="RESTRICT")
    inspected_on: date = Field(index=True)
    template_id: int | None = Field(
        default=None, foreign_key="venue_template.id", ondelete="SET NULL"
    )
    template_version: int = 1
    template_data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    inspectors: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="")
    earned: int = 0
    possible: int = 0
    passed: int = 0
    failed: int = 0
    not_applicable: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None


class InspectionResultRow(SQLModel, table=True):
    """One item's result. `photo_ids` are attachment ids (owner_kind "inspection", the
    inspection's id), in the order shown."""

    __tablename__ = "inspection_result"

    inspection_id: int = Field(foreign_key="inspection.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    item_key: str = Field(max_length=40)
    outcome: str = Field(max_length=20)
    note: str = Field(default="")
    photo_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class RectificationRow(SQLModel, table=True):
    """整改 of one failed item (domain.venues.Rectification). `evidence_ids` are attachment
    ids (owner_kind "rectification"); `reopenings` the undone closures, as JSON. Its status
    is not stored: it depends on the day (venue_rules.rectification_status)."""

    __tablename__ = "rectification"
    __table_args__ = (
        Index("ix_rectification_open", "closed_on", "due_on", "id"),
        Index("ix_rectification_venue", "venue_id", "opened_on", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
    venue_id: int = Field(foreign_key="venue.id", ondelete="RESTRICT")
    item_key: str = Field(max_length=40)
    group_name: str = Field(default="", max_length=100)
    item_text: str = Field(max_length=100)
    finding: str = Field(default="")
    opened_on: date
    due_on: date
    owner_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    action: str = Field(default="")
    closed_on: date | None = None
    closing_note: str = Field(default="")
    evidence_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reopenings: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime | None = None
    updated_at: datetime | None = None
