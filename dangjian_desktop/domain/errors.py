"""Typed errors in one shape. The GUI and the command line word them in Chinese
(messages.py looks the text up by `area` and `code`; nothing here is shown as it is)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

# Parameters whose text may go into a log line (str(exc)). Any other text parameter can be
# a value the user typed or a cell of a roster — personal data (issue 7 item 6) — and is
# logged as "…". Numbers, dates and booleans are always logged.
LOGGABLE_TEXT_PARAMS = frozenset({"detail", "part", "sheet", "field", "kind", "path", "setting"})


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. `field` is a dotted path such as "groups.2.name"."""

    field: str
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


class AppError(Exception):
    """An error the user can act on, in one shape: the `area` of the program it comes from
    (which wording table), a `code` within it and the `params` its wording names. A
    subclass sets `area`; its codes are listed next to it (an ERROR_CODES dict) and every
    one of them has Chinese text (tests/unit/test_messages.py renders them all).

    `errors` holds the field errors behind the refusal, listed under the text (a form's
    ValidationError, a refused transfer file's member). str(exc) is for the log: the code
    and parameters that are safe to log, never the values a user typed."""

    area: ClassVar[str] = "common"
    ERROR_CODES: ClassVar[dict[str, str]] = {}

    def __init__(
        self,
        code: str,
        params: Mapping[str, object] | None = None,
        *,
        errors: tuple[FieldError, ...] | list[FieldError] = (),
        message: str | None = None,
    ) -> None:
        self.code = code
        self.params: Mapping[str, object] = dict(params or {})
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__(message if message is not None else self._log_text())

    def _log_text(self) -> str:
        if not self.params:
            return self.code
        shown = ", ".join(f"{k}={_loggable(k, v)}" for k, v in self.params.items())
        return f"{self.code} ({shown})"


def _loggable(key: str, value: object) -> str:
    if value is None or isinstance(value, bool | int | float | date):
        return str(value)
    if isinstance(value, str) and key in LOGGABLE_TEXT_PARAMS:
        return value
    return "…"


class ValidationError(AppError):
    """Raised by services when input breaks a rule; nothing has been written. The field
    errors are worded next to their fields (or listed, by messages.validation_summary)."""

    area = "validation"
    ERROR_CODES: ClassVar[dict[str, str]] = {"invalid": "input breaks a rule (`errors`)"}

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        super().__init__(
            "invalid",
            errors=tuple(errors),
            message=", ".join(f"{e.field}:{e.code}" for e in errors),
        )


class NotFoundError(AppError):
    """The record asked for does not exist (any more): deleted in another window, or the
    data was restored from a backup that predates it. `kind` names the table's record
    (messages.RECORD_KINDS), `record_id` its id when there is one."""

    area = "common"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        "not_found": "no such record (params kind, record_id)",
        "no_id": "a record to update that was never saved (param kind)",
    }

    def __init__(self, kind: str = "record", record_id: int | None = None) -> None:
        legacy = re.fullmatch(r"(\w+) (\d+)", kind)  # the old NotFoundError(f"member {id}")
        if legacy and record_id is None:
            kind, record_id = legacy.group(1), int(legacy.group(2))
        code = "not_found" if record_id is not None else "no_id"
        super().__init__(code, {"kind": kind, "record_id": record_id})
        self.kind = kind
        self.record_id = record_id
