"""The one date field of every form and table: typed, cleared, or picked from a calendar.

A QLineEdit, not a QDateEdit. A QDateEdit always holds a date, so "empty" had to be a fake
minimum date (1900-01-01): typing into it was refused, Delete did nothing, ↑ invented
1901-01-01, and its calendar opened in January 1900. A line edit is empty when its text is
empty, takes every form people type (domain.dates.parse_date_text), and keeps a text that is
not a date on screen, marked and explained, instead of silently dropping it.

    value()         date | None; raises InvalidDateText when the text is not a date, so a
                    form cannot save it by accident (check is_invalid() or date_errors() first)
    set_value(d)    show a date (None = empty); never counts as a user edit
    dateChanged     (date | None) whenever the shown date changes; None also for bad text
    dateEdited      (date | None) only when the user changed it: typing (on Return or leaving
                    the field), the calendar, the clear button, ↑/↓
    is_invalid()    the text is not a date; error_text() / errorChanged say why, and so does
                    the label given to set_error_label() (shown under the field in forms)
    set_related_date(f)  where an empty field's calendar opens (else today)

Keys: type any accepted form; Ctrl+A then Delete/Backspace empties; ↑/↓ a day later/earlier
(nothing on an empty field); Alt+↓ or F4 opens the calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dates import MAX_YEAR, MIN_YEAR, DateTextError, parse_date_text
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.gui.models.base import ERROR_COLOR
from dangjian_desktop.messages import field_error_text

# What may be typed at all: digits (also full-width), the separators of every accepted form,
# spaces. Letters are refused as typed; whether the text is a date is decided on leaving.
_TYPABLE = r"[0-9０-９\s\x{3000}\-－–—./．／。、年月日号]*"
_MAX_LENGTH = 24
INVALID_BACKGROUND = QColor(ERROR_COLOR)  # the error brush of table cells


class InvalidDateText(ValueError):
    """value() of a field whose text is not a date. The field already shows why."""

    def __init__(self, field: DateField, error: DateTextError) -> None:
        super().__init__(f"{field.objectName() or 'date field'}: {error.code}")
        self.field = field
        self.error = error


def _tr(text: str) -> str:
    return QCoreApplication.translate("DateField", text)


def date_text_message(error: DateTextError) -> str:
    """The Chinese sentence shown at the field."""
    if error.code == "no_such_day":
        return _tr("日期不存在：{y}年{m}月没有{d}日（这个月只有{last}天）").format(
            y=error.year, m=error.month, d=error.day, last=error.last_day
        )
    if error.code == "no_such_month":
        return _tr("日期不存在：没有{m}月").format(m=error.month)
    if error.code == "year_out_of_range":
        return _tr("年份应在 {min} 到 {max} 之间").format(min=MIN_YEAR, max=MAX_YEAR)
    if error.code == "missing_day":
        return _tr("请写到日，如 {y}-{m:02d}-01").format(y=error.year, m=error.month or 1)
    return _tr("不是日期，请按 2023-12-05 的样子填写")


def text_error_message(text: str) -> str:
    """The message for a text that is not a date; "" when it is one (or empty)."""
    try:
        parse_date_text(text)
    except DateTextError as exc:
        return date_text_message(exc)
    return ""


def bad_date_error(field: str, text: str) -> FieldError:
    """A form's FieldError for a typed text that is not a date (worded by error_message)."""
    return FieldError(field, "bad_date", (("text", text),))


def error_message(error: FieldError) -> str:
    """field_error_text, but a bad typed date says exactly what is wrong with it."""
    text = error.param("text")
    if error.code == "bad_date" and isinstance(text, str):
        return text_error_message(text) or field_error_text(error)
    return field_error_text(error)


def date_errors(fields: Mapping[str, DateField]) -> list[FieldError]:
    """One bad_date FieldError per field whose text is not a date: check before value()."""
    return [bad_date_error(key, f.text()) for key, f in fields.items() if f.is_invalid()]


def _calendar_icon(color: QColor, size: int = 16) -> QIcon:
    """A small calendar drawn here: the app ships no icon theme and must not rely on one."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(color)
    p.drawRoundedRect(QRect(1, 2, size - 3, size - 4), 1.5, 1.5)
    p.fillRect(QRect(1, 2, size - 2, 4), color)
    for row in range(2):
        for col in range(3):
            p.fillRect(QRect(4 + col * 3, 8 + row * 3, 2, 2), color)
    p.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """The month grid under a field. A child of the field, so a table cell's editor stays
    open while the calendar has the focus (the delegate ignores focus moving inside it)."""

    picked = Signal(object)  # date

    def __init__(self, parent: DateField) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.today_button = QPushButton(self.tr("今天"), self)
        self.today_button.setAutoDefault(False)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        self.today_button.clicked.connect(lambda: self.picked.emit(parent.today()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.today_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def _pick(self, qdate: QDate) -> None:
        self.picked.emit(date(qdate.year(), qdate.month(), qdate.day()))

    def show_at(self, field: QWidget, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        below = field.mapToGlobal(QPoint(0, field.height()))
        screen = QGuiApplication.screenAt(below) or field.screen()
        area = screen.availableGeometry()
        x = max(area.left(), min(below.x(), area.right() - self.width()))
        y = below.y()
        if y + self.height() > area.bottom():  # no room below (a field low on a 768 screen)
            y = max(area.top(), field.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(x, y)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateField(QLineEdit):
    dateChanged = Signal(object)
    dateEdited = Signal(object)
    errorChanged = Signal(str)  # the message at the field; "" when the text is fine again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: date | None = None  # the date last reported by dateChanged
        self._user_typed = False  # text edited since the last commit
        self._error = ""
        self._error_label: QLabel | None = None
        self._related: Callable[[], date | None] | None = None
        self._today: Callable[[], date] = date.today
        self._popup: CalendarPopup | None = None
        self._label_text = ""  # what this field last wrote into its error label
        self.setPlaceholderText(self.tr("年-月-日"))
        self.setToolTip(self._hint())
        self.setMaxLength(_MAX_LENGTH)
        self.setValidator(QRegularExpressionValidator(_TYPABLE, self))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.calendar_action = QAction(
            _calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
            self.tr("选择日期（Alt+↓）"),
            self,
        )
        self.calendar_action.triggered.connect(self.open_calendar)
        self.clear_action = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
            self.tr("清除日期"),
            self,
        )
        self.clear_action.triggered.connect(self._clear_by_user)
        self.addAction(self.clear_action, QLineEdit.ActionPosition.TrailingPosition)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action.setVisible(False)

        self.textChanged.connect(lambda text: self.clear_action.setVisible(bool(text)))
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._commit)

    # --- public API ----------------------------------------------------------------------
    def value(self) -> date | None:
        """The date, None when empty. Raises InvalidDateText when the text is not a date."""
        try:
            return parse_date_text(self.text())
        except DateTextError as exc:
            raise InvalidDateText(self, exc) from None

    def set_value(self, value: date | None) -> None:
        self._user_typed = False
        self.setText(value.isoformat() if value else "")
        self._set_error("")
        self._report(value, edited=False)

    def is_empty(self) -> bool:
        return not self.text().strip()

    def is_invalid(self) -> bool:
        return bool(text_error_message(self.text()))

    def date_or_none(self) -> date | None:
        """The date for a live suggestion (a term end, a 转正日期): None when the text is not
        a date. Never for saving: value() is the one that refuses bad text."""
        try:
            return parse_date_text(self.text())
        except DateTextError:
            return None

    def error_text(self) -> str:
        return self._error

    def set_error_label(self, label: QLabel) -> None:
        """A label under the field that shows why the text is not a date, once typed."""
        self._error_label = label

    def set_related_date(self, related: Callable[[], date | None] | None) -> None:
        """Where the calendar opens when the field is empty (e.g. 入党日期 + 1 year for
        转正日期); today when it gives None."""
        self._related = related

    def set_today(self, today: Callable[[], date]) -> None:
        self._today = today

    def today(self) -> date:
        return self._today()

    def calendar_start(self) -> date:
        """The month the calendar opens on: the field's date, the related date, today."""
        own = self.date_or_none()
        if own is not None:
            return own
        related = self._related() if self._related is not None else None
        return related or self.today()

    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        self._popup.show_at(self, self.calendar_start())

    @property
    def popup(self) -> CalendarPopup | None:
        return self._popup

    # --- Qt overrides --------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        text = self.fontMetrics().horizontalAdvance("2023-12-05") + 12
        icons = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8)
        return QSize(max(hint.width(), text + icons), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:
            # A day later or earlier, as a date edit does; on an empty field nothing: no
            # 1901-01-01 out of thin air.
            day = self.date_or_none()
            if day is not None:
                step = timedelta(days=1 if key == Qt.Key.Key_Up else -1)
                self._set_by_user(
                    min(max(day + step, date(MIN_YEAR, 1, 1)), date(MAX_YEAR, 12, 31))
                )
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._error:
            color = self.palette().color(QPalette.ColorRole.Text)
            self.calendar_action.setIcon(_calendar_icon(color))

    # --- internals -----------------------------------------------------------------------
    def _hint(self) -> str:
        return self.tr("可直接输入，如 2023-12-05、20231205、2023年12月5日；Alt+↓ 打开日历")

    def _on_text_edited(self, _text: str) -> None:
        self._user_typed = True

    def _commit(self) -> None:
        """Return or leaving the field: tidy the text, explain it or report the date."""
        edited, self._user_typed = self._user_typed, False
        try:
            day = parse_date_text(self.text())
        except DateTextError as exc:
            self._set_error(date_text_message(exc))
            self._report(None, edited=edited)
            return
        self._set_error("")
        tidy = day.isoformat() if day else ""
        if self.text() != tidy:
            self.setText(tidy)
        self._report(day, edited=edited)

    def _set_by_user(self, day: date | None) -> None:
        self.setText(day.isoformat() if day else "")
        self._user_typed = False
        self._set_error("")
        self._report(day, edited=True)

    def _clear_by_user(self) -> None:
        self._set_by_user(None)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _picked(self, day: date) -> None:
        if self._popup is not None:
            self._popup.close()
        self._set_by_user(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def _report(self, day: date | None, edited: bool) -> None:
        changed = day != self._shown
        self._shown = day
        if changed:
            self.dateChanged.emit(day)
        if edited:
            self.dateEdited.emit(day)

    def _set_error(self, message: str) -> None:
        if message == self._error:
            return
        had_error, self._error = bool(self._error), message
        palette = self.palette()
        if message:
            palette.setColor(QPalette.ColorRole.Base, INVALID_BACKGROUND)
            self.setPalette(palette)
        elif had_error:
            self.setPalette(QPalette())  # back to the inherited palette
        self.setToolTip(message or self._hint())
        label = self._error_label
        if label is not None:
            if message:
                label.setText(message)
                label.show()
            elif label.text() == self._label_text:  # not a message the form put there
                label.hide()
            self._label_text = message
        self.errorChanged.emit(message)
