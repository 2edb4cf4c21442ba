"""Domain settings, declared once with their defaults. Stored in the data file (table
`setting`), so they travel with it and its backups. Pure UI state lives in QSettings."""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.domain.branch import DEFAULT_TERM_REMINDER_MONTHS, DEFAULT_TERM_YEARS


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    minimum: int | None = None
    maximum: int | None = None


COMMITTEE_TERM_YEARS = Setting("committee_term_years", DEFAULT_TERM_YEARS, 3, 5)
TERM_REMINDER_MONTHS = Setting("term_reminder_months", DEFAULT_TERM_REMINDER_MONTHS, 1, 24)
BACKUP_INTERVAL_MINUTES = Setting("backup_interval_minutes", 30, 5, 24 * 60)

ALL = {s.key: s for s in (COMMITTEE_TERM_YEARS, TERM_REMINDER_MONTHS, BACKUP_INTERVAL_MINUTES)}
