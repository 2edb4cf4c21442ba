"""FieldErrorLabels: each error under its field, table paths in their rows, the rest in the
summary; a date field's own message in the same line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.gui.widgets.rows_table import Column, RowsTable
from tests.gui.keyboard import offscreen_window_warnings, type_date

pytestmark = [pytest.mark.gui, offscreen_window_warnings]

REQUIRED_NAME = FieldError("name", "required")


class Form(QWidget):
    """A form as the tabs build them: one row added by the helper, one added before, a
    date, a small table, and a summary line."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel(self)
        self.shown: list = []
        self.field_errors = FieldErrorLabels(
            self, summary=self.summary, on_shown=lambda e, lines: self.shown.append((e, lines))
        )
        self.form = QFormLayout()
        self.name = QLineEdit(self)
        self.field_errors.add(self.form, "name", self.name, "姓名")
        self.phone = QLineEdit(self)
        self.form.addRow("联系电话", self.phone)
        self.field_errors.add(self.form, "phone", self.phone)
        self.held_on = DateField(self)
        self.form.addRow("会议日期", self.held_on)
        self.field_errors.add(self.form, "held_on", self.held_on)
        self.groups = RowsTable([Column("name", "名称"), Column("leader", "组长")], "添加", self)
        self.groups.set_rows([(1, {"name": "一组"}), (2, {"name": "一组"})])
        self.field_errors.add_table("groups", self.groups)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.groups)


@pytest.fixture
def form(qtbot):
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_each_error_is_shown_under_its_field_and_only_there(form):
    errors = form.field_errors
    lines = errors.show([REQUIRED_NAME, FieldError("phone", "bad_phone")])
    assert lines == []
    assert errors.label("name").isVisible() and errors.label("name").text() == "必填"
    assert errors.label("phone").isVisible() and errors.label("phone").text()
    assert not errors.label("held_on").isVisible() and not form.summary.isVisible()
    assert errors.shown_keys == ["name", "phone"]

    errors.show([FieldError("phone", "bad_phone")])  # the name was corrected
    assert not errors.label("name").isVisible() and errors.label("phone").isVisible()
    errors.clear()
    assert not any(errors.label(k).isVisible() for k in ("name", "phone", "held_on"))


def test_a_row_added_before_gets_its_error_line_right_under_it(form):
    row, _ = form.form.getWidgetPosition(form.phone)
    assert form.form.getWidgetPosition(form.field_errors.label("phone"))[0] == row + 1
    assert form.form.getWidgetPosition(form.field_errors.label("name"))[0] == -1  # in the box
    assert form.field_errors.widget("phone") is form.phone and "phone" in form.field_errors
    with pytest.raises(ValueError):
        form.field_errors.add(form.form, "other", QLineEdit(form))


def test_errors_no_field_shows_go_to_the_summary_and_are_returned(form):
    lines = form.field_errors.show([REQUIRED_NAME, FieldError("status", "unchanged")])
    assert lines == ["党籍状态：与当前状态相同"]
    assert form.summary.isVisible() and form.summary.text() == "党籍状态：与当前状态相同"
    assert form.shown[-1] == ([REQUIRED_NAME, FieldError("status", "unchanged")], lines)
    form.field_errors.show([])
    assert not form.summary.isVisible() and form.shown[-1] == ([], [])


def test_a_table_path_marks_its_row_and_cell(form):
    from PySide6.QtCore import Qt

    form.field_errors.show([FieldError("groups.1.name", "duplicate")])
    assert "第 2 行 名称：" in form.groups.errors_label.text()
    cell = form.groups.model.index(1, 0)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    form.field_errors.show([])
    assert not form.groups.errors_label.isVisible()


def test_a_date_field_explains_bad_text_in_the_same_line(qtbot, form):
    label = form.field_errors.label("held_on")
    type_date(qtbot, form.held_on, "2026-02-30")  # the field says it on leaving
    assert label.isVisible() and "2026年2月没有30日" in label.text()
    [bad] = form.field_errors.bad_dates()
    assert (bad.field, bad.code) == ("held_on", "bad_date")
    form.field_errors.show([bad])  # and the form's save refuses it in the same words
    assert label.isVisible() and "2026年2月没有30日" in label.text()
    type_date(qtbot, form.held_on, "2026-02-28")
    assert not label.isVisible() and form.field_errors.bad_dates() == []


def test_a_designer_form_is_added_by_object_names(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    form = QFormLayout(widget)
    for name in ("name", "phone"):
        edit = QLineEdit(widget)
        edit.setObjectName(name)
        form.addRow(name, edit)
    errors = FieldErrorLabels(widget)
    errors.add_form(form)
    assert form.rowCount() == 4
    assert errors.show([REQUIRED_NAME]) == [] and errors.label("name").text() == "必填"
    assert form.getWidgetPosition(errors.label("phone"))[0] == 3
