"""Errors shown where they belong: a red line under each field of a form, a mark in each
wrong cell of a small table, and a summary for what no field of the form shows.

    self.field_errors = FieldErrorLabels(self, summary=self.summary)
    form.addRow(self.tr("会议日期"), self.held_on)
    self.field_errors.add(form, "held_on", self.held_on)        # a label under that row
    self.field_errors.add(form, "topic", self.topic, self.tr("会议主题"))  # row and label
    self.field_errors.add_table("agenda", self.agenda)          # agenda.2.title → row 3
    ...
    if bad := self.field_errors.bad_dates():                    # typed text that is no date
        self.field_errors.show(bad)
    run_op(self, events, save, field_errors=self.field_errors)  # ValidationError → show()

Keys are FieldError.field paths: "name", "term.election_date"; "groups.2.name" (a table's
key, a row index, a column key) goes to that RowsTable.show_errors. show() returns the lines
("字段：原因") of errors no field shows; they go to the summary label, if there is one, and
to `on_shown(errors, lines)` for a form that says more (a count, the tab to switch to).

A DateField already explains bad text itself when the user leaves it: add() hands it its
label (DateField.set_error_label), so both messages use the same line under the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.gui.widgets.date_field import DateField, date_errors, error_message
from dangjian_desktop.gui.widgets.rows_table import RowsTable
from dangjian_desktop.messages import field_name


class FieldErrorLabels:
    def __init__(
        self,
        parent: QWidget,
        *,
        summary: QLabel | None = None,
        on_shown: Callable[[Sequence[FieldError], list[str]], None] | None = None,
    ) -> None:
        self._parent = parent
        self._summary = summary
        self._on_shown = on_shown
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._tables: dict[str, RowsTable] = {}
        self.shown_keys: list[str] = []  # fields that show an error now, in the errors' order

    # --- building the form ---------------------------------------------------------------
    def add(self, form: QFormLayout, key: str, widget: QWidget, label: str | None = None) -> QLabel:
        """The error line for `key`, under `widget`. With `label`, the row is added here
        (label text, then the widget with its error line right under it); without, the
        widget is a row of `form` already and the error line becomes the row below it."""
        error = QLabel(self._parent)
        error.setObjectName("errorText")
        error.hide()
        if label is not None:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
        else:
            row, _role = form.getWidgetPosition(widget)
            if row < 0:
                raise ValueError(f"{key}: the widget is not a row of this form")
            form.insertRow(row + 1, "", error)
        self._labels[key] = error
        self._widgets[key] = widget
        if isinstance(widget, DateField):
            widget.set_error_label(error)
        return error

    def add_form(self, form: QFormLayout) -> None:
        """Every field row of a Designer form, keyed by the widget's objectName (the form
        binding's field name)."""
        for row in range(form.rowCount() - 1, -1, -1):
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.objectName():
                self.add(form, widget.objectName(), widget)

    def add_table(self, key: str, table: RowsTable) -> None:
        self._tables[key] = table

    # --- looking up ----------------------------------------------------------------------
    def label(self, key: str) -> QLabel:
        return self._labels[key]

    def widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._labels

    def bad_dates(self) -> list[FieldError]:
        """A bad_date error for each date field whose text is not a date. Check before
        reading the form: DateField.value() refuses such text."""
        return date_errors({k: w for k, w in self._widgets.items() if isinstance(w, DateField)})

    # --- showing -------------------------------------------------------------------------
    def show(self, errors: Sequence[FieldError]) -> list[str]:
        """Show these errors (and no others: an empty list clears the form)."""
        for label in self._labels.values():
            label.hide()
        per_table: dict[str, list[tuple[int, str, str]]] = {key: [] for key in self._tables}
        lines: list[str] = []
        self.shown_keys = []
        for error in errors:
            message = error_message(error)
            table, row, column = _table_path(error.field)
            if table in per_table:
                per_table[table].append((row, column, message))
            elif error.field in self._labels:
                label = self._labels[error.field]
                label.setText(message)
                label.show()
                self.shown_keys.append(error.field)
            else:
                lines.append(f"{field_name(error.field)}：{message}")
        for key, table_widget in self._tables.items():
            table_widget.show_errors(per_table[key])
        if self._summary is not None:
            self._summary.setText("\n".join(lines))
            self._summary.setVisible(bool(lines))
        if self._on_shown is not None:
            self._on_shown(errors, lines)
        return lines

    def clear(self) -> None:
        self.show([])


def _table_path(field: str) -> tuple[str, int, str]:
    """("groups", 2, "name") for "groups.2.name"; ("", -1, "") for anything else."""
    parts = field.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1]), parts[2]
    return "", -1, ""
