"""Rows of an import preview: what each roster line becomes, and what is wrong with it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.masking import mask_id
from dangjian_desktop.gui.labels import CATEGORY
from dangjian_desktop.messages import field_error_text, field_name

ERROR_BRUSH = QBrush(QColor("#fde2e2"))
WARNING_BRUSH = QBrush(QColor("#fff4d6"))
_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("行号", "姓名", "身份证号", "入党日期", "党员类别", "问题")


def problems_text(row) -> str:
    parts = [f"{field_name(e.field)}：{field_error_text(e)}" for e in row.errors]
    parts += [f"{field_name(w.field)}：{field_error_text(w)}" for w in row.warnings]
    return "；".join(parts)


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list = []
        self._rows: list = []
        self._only_problems = False

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        self._all = list(preview.rows) if preview else []
        self._apply()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self._only_problems = only
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        self._rows = (
            [r for r in self._all if r.errors or r.warnings] if self._only_problems else self._all
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            m = row.member
            return (
                str(row.row_number),
                m.name,
                mask_id(m.id_number) if m.id_number else "",
                m.join_date.isoformat() if m.join_date else "",
                CATEGORY.get(m.category, ""),
                problems_text(row),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.errors:
                return ERROR_BRUSH
            if row.warnings:
                return WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(HEADERS) - 1:
            return problems_text(row) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)
