"""Typed validation errors. The GUI words them in Chinese next to the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. `field` is a dotted path such as "groups.2.name"."""

    field: str
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


class ValidationError(Exception):
    """Raised by services when input breaks a rule; nothing has been written."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in errors))
        self.errors = tuple(errors)


class NotFoundError(Exception):
    """The record asked for does not exist (any more)."""
