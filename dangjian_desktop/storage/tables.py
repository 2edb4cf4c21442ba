"""SQLModel table classes. Only storage/ and the migrations see these."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


class BranchRow(SQLModel, table=True):
    __tablename__ = "branch"

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(default="", max_length=100)
    code: str = Field(default="", max_length=50)
    org_type: str = Field(default="branch", max_length=30)
    parent_committee: str = Field(default="", max_length=100)
    founded_on: date | None = None
    updated_at: datetime | None = None


class CommitteeTermRow(SQLModel, table=True):
    __tablename__ = "committee_term"

    id: int | None = Field(default=None, primary_key=True)
    ordinal: int | None = None
    election_date: date | None = None
    term_years: int = 3


class CommitteeMemberRow(SQLModel, table=True):
    __tablename__ = "committee_member"

    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(foreign_key="committee_term.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str = Field(max_length=100)
    post: str = Field(max_length=30)
    started_on: date | None = None


class PartyGroupRow(SQLModel, table=True):
    __tablename__ = "party_group"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(max_length=100, unique=True)
    leader: str = Field(default="", max_length=100)
    note: str = Field(default="")


class VenueRow(SQLModel, table=True):
    __tablename__ = "venue"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    name: str = Field(max_length=100, unique=True)
    address: str = Field(default="", max_length=200)
    area_m2: float | None = None
    note: str = Field(default="")


class SettingRow(SQLModel, table=True):
    """Domain settings live in the data file, so they travel with it and its backups."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")  # JSON


class AuditRow(SQLModel, table=True):
    """Who changed what: one row per user action that wrote data."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(default="", max_length=100)
    action: str = Field(max_length=100)
    detail: str = Field(default="")
