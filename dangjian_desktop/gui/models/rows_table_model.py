"""A table model for short editable lists (committee, 党小组, venues).

A model rather than QTableWidget items: PySide6 6.12 loses a reference to None on every
QTableWidget.setItem()/item() call and aborts the process after a few thousand of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QModelIndex, Qt

from dangjian_desktop.gui.models.base import ERROR_BRUSH, ColumnsTableModel
from dangjian_desktop.gui.models.base import Index as _Index


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"  # typed as text; the view parses it and reports a bad number
    DATE = "date"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for CHOICE
    width: int = 120
    empty_text: str = ""  # shown for an empty DATE

    def display(self, value: object) -> str:
        if self.kind is Kind.CHOICE:
            return dict(self.choices).get(value, "")
        if self.kind is Kind.DATE:  # a str is typed text that is not a date (the view says so)
            if isinstance(value, str):
                return value
            return value.isoformat() if isinstance(value, date) else self.empty_text
        return "" if value is None else str(value)

    def blank(self) -> object:
        if self.kind is Kind.CHOICE:
            return self.choices[0][0] if self.choices else None
        if self.kind is Kind.DATE:
            return None
        return ""


class RowsTableModel(ColumnsTableModel):
    """Rows of values; each row may carry the id of the record it came from."""

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__([c.header for c in columns], parent)
        self.columns = columns
        self._values: list[list[object]] = []
        self._ids: list[int | None] = []
        self._errors: dict[tuple[int, int], str] = {}

    # --- Qt overrides --------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._values)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        value = self._values[row][col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[col].display(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole and (row, col) in self._errors:
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._errors.get((row, col))
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        if self._values[row][col] == value:
            return False
        self._values[row][col] = value
        self._errors.pop((row, col), None)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._values):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._values[row : row + count]
        del self._ids[row : row + count]
        self._errors.clear()
        self.endRemoveRows()
        return True

    # --- rows ----------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple[int | None, dict]]) -> None:
        self.beginResetModel()
        self._ids = [row_id for row_id, _ in rows]
        self._values = [[values.get(c.key, c.blank()) for c in self.columns] for _, values in rows]
        self._errors.clear()
        self.endResetModel()

    def rows(self) -> list[tuple[int | None, dict]]:
        return [
            (row_id, {c.key: v for c, v in zip(self.columns, values, strict=True)})
            for row_id, values in zip(self._ids, self._values, strict=True)
        ]

    def append_row(self) -> int:
        row = len(self._values)
        self.beginInsertRows(QModelIndex(), row, row)
        self._values.append([c.blank() for c in self.columns])
        self._ids.append(None)
        self.endInsertRows()
        return row

    # --- errors --------------------------------------------------------------------------
    def set_errors(self, errors: dict[tuple[int, int], str]) -> None:
        self._errors = dict(errors)
        if self._values:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._values) - 1, len(self.columns) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )
