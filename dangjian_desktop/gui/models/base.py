"""What every table model of the app shares: rows × columns with a header per column, row
numbers down the side, and the few colours that mean the same in every table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex

# A cell (or a whole row) that is wrong and must be corrected before saving or importing.
ERROR_COLOR = "#fde2e2"
ERROR_BRUSH = QBrush(QColor(ERROR_COLOR))
# A row that will be taken, but with a remark worth reading.
WARNING_BRUSH = QBrush(QColor("#fff4d6"))
# Text of a record the data file cannot give back (foreground, as errorText in the style).
DAMAGED_BRUSH = QBrush(QColor("#b00020"))


class ColumnsTableModel(QAbstractTableModel):
    """A flat table whose columns are named by `headers`. Subclasses give `row_count()`
    and `data()`; rowCount, columnCount and headerData are here once.

    `row_numbers`: the vertical header counts rows from 1 (False: no vertical header text,
    for lists where a number would be read as data)."""

    row_numbers = True

    def __init__(self, headers: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1) if self.row_numbers else None
