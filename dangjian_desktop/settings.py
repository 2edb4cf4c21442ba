"""Domain settings, declared once: key, default, kind, bounds, and the Chinese label, group
and help text from which the 设置 dialog is generated (Vorta's store/settings.py). Stored
in the data file (table `setting`), so they travel with it and its backups; pure UI state
(window geometry) lives in QSettings. Read and written only through ws.settings
(services/settings_service.py), which holds every value to its declaration.

A new setting is one more `Setting(...)` in DECLARED; the dialog shows it on its group's
page. Structured rules (meeting frequencies, scoring catalogues) are tables owned by their
tab's service, not settings; such a tab adds its own page to the dialog
(gui/dialogs/settings_dialog.register_page).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dangjian_desktop.domain.branch import (
    DEFAULT_TERM_REMINDER_MONTHS,
    DEFAULT_TERM_YEARS,
    TERM_YEARS_MAX,
    TERM_YEARS_MIN,
)
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.text import clean_text

# Codes of a refused value (messages.FIELD_ERRORS words them).
ERROR_CODES: dict[str, str] = {
    "bad_number": "not a whole number",
    "out_of_range": "a number outside its range (params min, max)",
    "below_min": "a number below the minimum (param min)",
    "above_max": "a number above the maximum (param max)",
    "bad_bool": "not yes or no",
    "not_a_choice": "not one of the declared choices",
    "not_text": "not text",
    "too_long": "text longer than the limit (param max)",
}


class Kind(StrEnum):
    INT = "int"
    BOOL = "bool"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    label: str = ""  # the field's name in the 设置 dialog
    group: str = ""  # the dialog's page
    kind: Kind = Kind.INT
    help: str = ""  # one or two sentences under the field: what it changes, and why the bounds
    minimum: int | None = None  # INT
    maximum: int | None = None  # INT
    unit: str = ""  # INT: shown after the number (年, 个月, 分钟)
    choices: tuple[tuple[object, str], ...] = ()  # CHOICE: (stored value, label)
    max_length: int = 200  # TEXT

    def errors(self, value: object) -> list[FieldError]:
        """Why `value` cannot be stored (field: the key); [] when it can."""
        if self.kind is Kind.INT:
            return self._int_errors(value)
        if self.kind is Kind.BOOL:
            return [] if isinstance(value, bool) else [FieldError(self.key, "bad_bool")]
        if self.kind is Kind.CHOICE:
            allowed = [v for v, _label in self.choices]
            if any(type(value) is type(v) and value == v for v in allowed):
                return []
            return [FieldError(self.key, "not_a_choice")]
        if not isinstance(value, str):
            return [FieldError(self.key, "not_text")]
        if len(value) > self.max_length:
            return [FieldError(self.key, "too_long", (("max", self.max_length),))]
        return []

    def _int_errors(self, value: object) -> list[FieldError]:
        if not isinstance(value, int) or isinstance(value, bool):
            return [FieldError(self.key, "bad_number")]
        low, high = self.minimum, self.maximum
        if low is not None and high is not None and not low <= value <= high:
            return [FieldError(self.key, "out_of_range", (("min", low), ("max", high)))]
        if low is not None and value < low:
            return [FieldError(self.key, "below_min", (("min", low),))]
        if high is not None and value > high:
            return [FieldError(self.key, "above_max", (("max", high),))]
        return []

    def normalized(self, value: object) -> object:
        """A value as stored: text without control characters, surrounding spaces."""
        if self.kind is Kind.TEXT and isinstance(value, str):
            return clean_text(value).strip()
        return value

    def read(self, stored: object) -> object:
        """A stored value, or the default when it does not meet the declaration (written by
        another version with other bounds, or edited outside the program)."""
        return stored if not self.errors(stored) else self.default


GROUP_COMMITTEE = "支部委员会"
GROUP_BACKUP = "备份"

COMMITTEE_TERM_YEARS = Setting(
    "committee_term_years",
    DEFAULT_TERM_YEARS,
    label="新一届支委会的任期",
    group=GROUP_COMMITTEE,
    help="填写新一届支部委员会时默认的任期。党章第三十一条：基层党组织每届任期三年至五年。",
    minimum=TERM_YEARS_MIN,
    maximum=TERM_YEARS_MAX,
    unit="年",
)
TERM_REMINDER_MONTHS = Setting(
    "term_reminder_months",
    DEFAULT_TERM_REMINDER_MONTHS,
    label="换届提醒提前",
    group=GROUP_COMMITTEE,
    help="本届任期届满前多少个月起，在工作台提醒准备换届选举。",
    minimum=1,
    maximum=24,
    unit="个月",
)
BACKUP_INTERVAL_MINUTES = Setting(
    "backup_interval_minutes",
    30,
    label="自动备份间隔",
    group=GROUP_BACKUP,
    help="数据有改动时，至少每隔这么久自动备份一次；退出程序时还会再备份一次。",
    minimum=5,
    maximum=24 * 60,
    unit="分钟",
)

# Every setting, in the order the dialog shows them (pages in the order of their groups).
DECLARED: tuple[Setting, ...] = (
    COMMITTEE_TERM_YEARS,
    TERM_REMINDER_MONTHS,
    BACKUP_INTERVAL_MINUTES,
)
ALL = {s.key: s for s in DECLARED}


def groups(declared: tuple[Setting, ...] = DECLARED) -> list[tuple[str, list[Setting]]]:
    """(group, its settings) in declaration order."""
    pages: dict[str, list[Setting]] = {}
    for setting in declared:
        pages.setdefault(setting.group, []).append(setting)
    return list(pages.items())
