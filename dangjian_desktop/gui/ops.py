"""Run a service call, publish what it changed, word its error: the one way a view or dialog
writes (Anki's CollectionOp; code-review §7 rec. 1).

    ok = run_op(self, events, lambda: ws.meetings.save(meeting),
                on_success=lambda meeting_id: self.select(meeting_id),
                field_errors=self.field_errors, title=self.tr("保存失败"))

`op` is a service call returning `Changes`, or `(value, Changes)`; on_success gets the value
(None for a bare Changes). What changed is published *after* on_success has run, as Anki
fires its change hooks after the caller's success handler: a form clears its "unsaved"
state first, so its own refresh from the published change does not take its saved edits
for unsaved ones. A change is published even when on_success raises; an empty Changes() is
not published (nothing to refresh). `then(value)` runs after the publish, for what needs the
refreshed views (selecting the record just added).

A ValidationError goes to `field_errors` (anything with show(errors), normally a
gui.widgets.field_errors.FieldErrorLabels) so the messages sit next to the fields; without
one, and for every other error, errors.show_error words it (environment errors in Chinese,
bugs logged with the short apology), unless `on_error` takes it over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QWidget

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.gui import errors
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.tasks import BackgroundTask, run_with_progress
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import Changes

NOTHING = Changes()


class ShowsFieldErrors(Protocol):
    def show(self, errors: Sequence[FieldError]) -> object: ...


def split_result(result: object) -> tuple[object, Changes]:
    """(value, Changes) of what a service call returned: Changes or (value, Changes)."""
    if isinstance(result, Changes):
        return None, result
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Changes):
        return result[0], result[1]
    raise TypeError(f"a service write returns Changes or (value, Changes), not {result!r}")


def deliver(
    events: AppEvents,
    result: object,
    on_success: Callable[[object], None] | None = None,
    then: Callable[[object], None] | None = None,
) -> None:
    """The success half of an op, also for work that ran in the background: the caller's
    handler first, then the change is published, then `then` (for what needs the views
    refreshed, such as selecting the new row)."""
    value, changes = split_result(result)
    try:
        if on_success is not None:
            on_success(value)
    finally:
        if changes != NOTHING:
            events.publish(changes)
    if then is not None:
        then(value)


def run_op(
    parent: QWidget | None,
    events: AppEvents,
    op: Callable[[], object],
    *,
    on_success: Callable[[object], None] | None = None,
    field_errors: ShowsFieldErrors | None = None,
    title: str = "",
    on_error: Callable[[BaseException], None] | None = None,
    then: Callable[[object], None] | None = None,
) -> bool:
    """Run op() on the GUI thread; True when it succeeded (and its change was published).
    title: the message box title for a worded error ("" lets a storage error name its own,
    as 磁盘已满 does)."""
    try:
        result = op()
    except ValidationError as exc:
        if field_errors is not None:
            field_errors.show(exc.errors)
        elif on_error is not None:
            on_error(exc)
        else:
            errors.show_error(parent, title, exc)
        return False
    except Exception as exc:
        if on_error is not None:
            on_error(exc)
        else:
            errors.show_error(parent, title, exc)
        return False
    deliver(events, result, on_success, then)
    return True


def run_op_in_background(
    parent: QWidget,
    events: AppEvents,
    label: str,
    work: Callable[[Progress], object],
    *,
    on_success: Callable[[object], None] | None = None,
    then: Callable[[object], None] | None = None,
    title: str,
    writes: bool = True,
) -> BackgroundTask:
    """run_op for long work: work(progress) runs off the GUI thread behind the delayed
    progress dialog (tasks.run_with_progress); its result is delivered as run_op delivers
    it, on the GUI thread. A cancelled run changes nothing and says nothing."""
    return run_with_progress(
        parent,
        label,
        work,
        lambda result: deliver(events, result, on_success, then),
        error_title=title,
        writes=writes,
    )
