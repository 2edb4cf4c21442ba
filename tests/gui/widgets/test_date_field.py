"""The date field as a secretary uses it: typed, cleared, stepped, picked from the calendar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.gui.widgets.date_field import (
    INVALID_BACKGROUND,
    DateField,
    InvalidDateText,
)
from tests.gui.keyboard import focus, type_date

pytestmark = pytest.mark.gui

# The offscreen platform cannot raise or grab for a popup; a real desktop can.
offscreen_popup = pytest.mark.qt_log_ignore("This plugin does not support")


class Form(QWidget):
    """A field with its error label under it and a second field to Tab to."""

    def __init__(self) -> None:
        super().__init__()
        self.field = DateField(self)
        self.error = QLabel(self)
        self.error.hide()
        self.field.set_error_label(self.error)
        self.next = QLineEdit(self)
        layout = QVBoxLayout(self)
        # No size constraint on the window: the offscreen platform warns on every change of
        # a window's size hints (here, the error label showing), and warnings fail tests.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for w in (self.field, self.error, self.next):
            layout.addWidget(w)
        self.edited: list[date | None] = []
        self.changed: list[date | None] = []
        self.field.dateEdited.connect(self.edited.append)
        self.field.dateChanged.connect(self.changed.append)


@pytest.fixture
def form(qtbot):
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


@pytest.mark.parametrize(
    "typed",
    [
        "2023-12-05",
        "20231205",
        "2023.12.5",
        "2023/12/5",
        "2023-12-5",
        "2023年12月5日",
        "  2023-12-05  ",
        "２０２３－１２－０５",
        "２０２３年１２月５日",
        "2023。12。5",
    ],
)
def test_typing_into_an_empty_field_gives_the_date(qtbot, form, typed):
    assert form.field.text() == "" and form.field.value() is None
    type_date(qtbot, form.field, typed)
    assert form.field.value() == date(2023, 12, 5)
    assert form.field.text() == "2023-12-05"  # tidied on leaving the field
    assert form.edited == [date(2023, 12, 5)] and form.changed == [date(2023, 12, 5)]
    assert form.error.isHidden() and not form.field.is_invalid()


def test_typing_over_a_filled_field_replaces_its_date(qtbot, form):
    form.field.set_value(date(2020, 1, 2))
    type_date(qtbot, form.field, "2021年3月4日")
    assert form.field.value() == date(2021, 3, 4)
    assert form.edited == [date(2021, 3, 4)]


def test_set_value_is_not_a_user_edit(qtbot, form):
    form.field.set_value(date(2020, 1, 2))
    form.field.set_value(None)
    assert form.changed == [date(2020, 1, 2), None]
    assert form.edited == []


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_a_filled_field_is_emptied_with_select_all_and_delete(qtbot, form, key):
    form.field.set_value(date(2023, 12, 5))
    focus(qtbot, form.field)
    qtbot.keyClick(form.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.field, key)
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.text() == "" and form.field.value() is None
    assert form.edited == [None] and form.changed[-1] is None


def test_the_clear_button_shows_on_a_filled_field_and_empties_it(qtbot, form):
    assert not form.field.clear_action.isVisible()
    type_date(qtbot, form.field, "20231205")
    assert form.field.clear_action.isVisible()
    [button] = [  # the button inside the field that shows the action
        w
        for w in form.field.clear_action.associatedObjects()
        if isinstance(w, QWidget) and w is not form.field
    ]
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert form.field.text() == "" and form.field.value() is None
    assert form.edited == [date(2023, 12, 5), None]
    assert not form.field.clear_action.isVisible()


def test_a_day_that_does_not_exist_is_kept_and_explained_at_the_field(qtbot, form):
    type_date(qtbot, form.field, "2023-02-30")
    assert form.field.text() == "2023-02-30"  # nothing the user typed disappears
    assert form.field.is_invalid()
    assert not form.error.isHidden()
    assert form.error.text() == "日期不存在：2023年2月没有30日（这个月只有28天）"
    assert form.field.toolTip() == form.error.text()
    assert form.field.palette().color(QPalette.ColorRole.Base) == INVALID_BACKGROUND
    with pytest.raises(InvalidDateText):
        form.field.value()  # a form cannot read it as "empty" by accident
    assert form.field.date_or_none() is None

    type_date(qtbot, form.field, "2023-02-28")
    assert form.field.value() == date(2023, 2, 28)
    assert form.error.isHidden() and form.field.error_text() == ""
    assert form.field.palette().color(QPalette.ColorRole.Base) != INVALID_BACKGROUND


def test_the_field_leaves_a_message_it_did_not_write_alone(qtbot, form):
    form.error.setText("不能早于出生日期")  # the service's word after a save
    form.error.show()
    type_date(qtbot, form.field, "2023-02-28")
    assert not form.error.isHidden() and form.error.text() == "不能早于出生日期"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023-13-01", "日期不存在：没有13月"),
        ("1899-12-31", "年份应在 1900 到 2100 之间"),
        ("2023-12", "请写到日，如 2023-12-01"),
        ("2023", "不是日期，请按 2023-12-05 的样子填写"),
    ],
)
def test_other_texts_that_are_not_dates_say_why(qtbot, form, typed, message):
    type_date(qtbot, form.field, typed)
    assert form.field.error_text() == message and not form.error.isHidden()


def test_letters_cannot_be_typed(qtbot, form):
    focus(qtbot, form.field)
    qtbot.keyClicks(form.field, "abc2023x")
    assert form.field.text() == "2023"


def test_up_and_down_on_an_empty_field_invent_no_date(qtbot, form):
    focus(qtbot, form.field)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down):
        qtbot.keyClick(form.field, key)
    assert form.field.text() == "" and form.field.value() is None
    assert form.edited == [] and form.changed == []


def test_up_and_down_on_a_date_step_one_day(qtbot, form):
    type_date(qtbot, form.field, "2024-02-28")
    focus(qtbot, form.field)
    qtbot.keyClick(form.field, Qt.Key.Key_Up)
    qtbot.keyClick(form.field, Qt.Key.Key_Up)
    assert form.field.value() == date(2024, 3, 1)
    qtbot.keyClick(form.field, Qt.Key.Key_Down)
    assert form.field.text() == "2024-02-29"
    assert form.edited[-1] == date(2024, 2, 29)


@offscreen_popup
def test_the_calendar_opens_on_the_date_in_the_field(qtbot, form):
    type_date(qtbot, form.field, "2019-07-01")
    focus(qtbot, form.field)
    qtbot.keyClick(form.field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = form.field.popup
    assert popup is not None and popup.isVisible()
    shown = popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (2019, 7, 1)
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2019, 7)


@offscreen_popup
def test_an_empty_field_opens_its_calendar_on_the_related_date_else_today(qtbot, form):
    form.field.set_today(lambda: date(2026, 5, 20))
    form.field.open_calendar()
    calendar = form.field.popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 5)
    assert calendar.selectedDate().day() == 20
    form.field.popup.close()

    form.field.set_related_date(lambda: date(2011, 7, 1))
    form.field.open_calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2011, 7)
    form.field.popup.close()

    form.field.set_related_date(lambda: None)  # e.g. 入党日期 not filled in yet
    form.field.open_calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 5)
    assert calendar.minimumDate().year() == 1900 and calendar.yearShown() != 1900


@offscreen_popup
def test_a_day_picked_in_the_calendar_with_the_keyboard_fills_the_field(qtbot, form):
    form.field.set_today(lambda: date(2026, 5, 20))
    focus(qtbot, form.field)
    qtbot.keyClick(form.field, Qt.Key.Key_F4)
    calendar = form.field.popup.calendar
    view = calendar.findChild(QWidget, "qt_calendar_calendarview")
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not form.field.popup.isVisible()
    assert form.field.value() == date(2026, 5, 21)
    assert form.edited == [date(2026, 5, 21)]


@offscreen_popup
def test_the_calendar_today_button_fills_today(qtbot, form):
    form.field.set_today(lambda: date(2026, 5, 20))
    form.field.open_calendar()
    qtbot.mouseClick(form.field.popup.today_button, Qt.MouseButton.LeftButton)
    assert form.field.value() == date(2026, 5, 20)
    assert not form.field.popup.isVisible()


def test_the_field_is_wide_enough_for_a_date_and_its_buttons(qtbot, form):
    field = form.field
    field.set_value(date(2023, 12, 25))
    text_width = field.fontMetrics().horizontalAdvance(field.text())
    assert field.width() >= text_width + 2 * 16
