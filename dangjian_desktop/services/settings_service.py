"""ws.settings: the one door to the settings declared in settings.py (code review C11).

Every value read is held to its declaration (a stored value out of bounds reads as the
default), every value written is checked against it first: a refused value raises
ValidationError with a FieldError per setting (field: the key) and writes nothing. A save
of several settings is one transaction with one audit row naming the changed keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dangjian_desktop.domain.audit import SETTINGS, AuditRecord
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session, write_session
from dangjian_desktop.settings import DECLARED, Kind, Setting
from dangjian_desktop.storage import settings_repo

ACTION = "settings.set"
CHANGED = Changes(settings=True)


def stored_value(session: Session, setting: Setting) -> object:
    """The value in effect, inside a caller's transaction (other services read this way
    when the setting belongs with data they read in the same snapshot)."""
    return setting.read(settings_repo.get_value(session, setting))


class SettingsService(Service):
    def __init__(
        self,
        engine: Callable[[], Engine],
        today: Callable[[], date],
        on_write: Callable[[Changes], None],
        declared: tuple[Setting, ...] = DECLARED,
    ) -> None:
        super().__init__(engine, today, on_write)
        self._declared = {s.key: s for s in declared}

    def declared(self) -> tuple[Setting, ...]:
        """The settings this service holds, in the dialog's order."""
        return tuple(self._declared.values())

    def declaration(self, setting: Setting | str) -> Setting:
        """The declaration of a setting given by itself or by its key; KeyError for one
        nobody declared (a bug, not the user's)."""
        return self._declared[setting if isinstance(setting, str) else setting.key]

    def get(self, setting: Setting | str) -> object:
        setting = self.declaration(setting)
        with read_session(self._engine()) as s:
            return stored_value(s, setting)

    def all(self) -> dict[str, object]:
        """Every declared setting's value in effect, by key, from one snapshot."""
        with read_session(self._engine()) as s:
            return {key: stored_value(s, setting) for key, setting in self._declared.items()}

    def set(self, setting: Setting | str, value: object) -> Changes:
        """Store one setting (see set_many)."""
        return self.set_many({self.declaration(setting).key: value})

    def set_many(self, values: Mapping[Setting | str, object]) -> Changes:
        """Store several settings in one transaction. Changes() (and no write, no audit
        row) when every value is the one in effect already."""
        given = {self.declaration(k).key: v for k, v in values.items()}
        # In declaration order, so the audit row lists them as the dialog shows them.
        wanted = {s: s.normalized(given[k]) for k, s in self._declared.items() if k in given}
        errors: list[FieldError] = [e for s, v in wanted.items() for e in s.errors(v)]
        if errors:
            raise ValidationError(errors)
        audit = AuditRecord(SETTINGS)
        try:
            with write_session(self._engine(), ACTION, audit=audit) as s:
                for setting, value in wanted.items():
                    old = stored_value(s, setting)
                    if old == value and type(old) is type(value):
                        continue
                    settings_repo.set_value(s, setting, value)
                    audit.fields.append(setting.key)
                    if setting.kind is not Kind.TEXT:  # a text may say anything: no values
                        audit.details.setdefault("values", {})[setting.key] = [old, value]
                if not audit.fields:
                    raise _Unchanged  # rolls back: not even an audit row
        except _Unchanged:
            return Changes()
        return self._report(CHANGED)


class _Unchanged(Exception):
    """Every value was the one in effect already."""
