"""A date field that may be left empty (QDateEdit cannot be empty by itself)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """Shows “未填写” at the minimum date, the usual Qt idiom for an empty date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(self.tr("未填写"))
        self.set_value(None)

    def value(self) -> date | None:
        qdate = self.date()
        return None if qdate == _EMPTY else date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))
