"""A small editable table (committee, 党小组, venues) with add/remove buttons and row errors."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.models.rows_table_model import Column, Kind, RowsTableModel
from dangjian_desktop.gui.widgets.date_field import DateField, text_error_message

__all__ = ["Column", "Kind", "RowsTable"]


class ColumnDelegate(QStyledItemDelegate):
    """A combo box for CHOICE columns and a date field for DATE columns; text otherwise."""

    def __init__(
        self, columns: list[Column], parent: QWidget | None = None, on_date_committed=None
    ):
        """on_date_committed(index, message): a date cell was committed; message says why its
        text is not a date, "" when it is one (or empty)."""
        super().__init__(parent)
        self._columns = columns
        self._on_date_committed = on_date_committed

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        column = self._columns[index.column()]
        if column.kind is Kind.CHOICE:
            combo = QComboBox(parent)
            for value, label in column.choices:
                combo.addItem(label, value)
            return combo
        if column.kind is Kind.DATE:
            editor = DateField(parent)
            editor.setFrame(False)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, DateField):
            if isinstance(value, str):  # text left in the cell that is not a date
                editor.setText(value)
            else:
                editor.set_value(value)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, DateField):
            message = text_error_message(editor.text())
            # Text that is not a date stays what was typed, in the cell and in the model,
            # with the reason beside it; the view refuses to save such a cell.
            model.setData(index, editor.text().strip() if message else editor.value())
            if self._on_date_committed is not None:
                self._on_date_committed(index, message)
        else:
            super().setModelData(editor, model, index)


class RowsTable(QWidget):
    edited = Signal()

    def __init__(self, columns: list[Column], add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowsTableModel(columns, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ColumnDelegate(columns, self.view, self._date_committed))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.view.verticalHeader().setDefaultSectionSize(28)
        for i, column in enumerate(columns):
            self.view.setColumnWidth(i, column.width)
        self.view.horizontalHeader().setSectionResizeMode(
            len(columns) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.model.dataChanged.connect(self._on_data_changed)

        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(self.tr("删除所选行"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("errorText")
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()
        self._shown_errors: list[tuple[int, str, str]] = []

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.errors_label)

    def _on_data_changed(self, _top, _bottom, roles=()) -> None:
        if not roles or Qt.ItemDataRole.EditRole in roles or Qt.ItemDataRole.DisplayRole in roles:
            self.edited.emit()

    def set_rows(self, rows: list[tuple[int | None, dict]]) -> None:
        self.model.set_rows(rows)
        self.show_errors([])

    def rows(self) -> list[tuple[int | None, dict]]:
        return self.model.rows()

    def add_row(self) -> None:
        row = self.model.append_row()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)
        self.edited.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in rows:
            self.model.removeRows(row, 1)
        if rows:
            self.edited.emit()

    def _date_committed(self, index: QModelIndex, message: str) -> None:
        key = self.model.columns[index.column()].key
        others = [e for e in self._shown_errors if (e[0], e[1]) != (index.row(), key)]
        if message or len(others) != len(self._shown_errors):
            self.show_errors([*others, (index.row(), key, message)] if message else others)

    def show_errors(self, errors: list[tuple[int, str, str]]) -> None:
        """errors: (row, column key, message); an empty list clears them."""
        self._shown_errors = list(errors)
        keys = [c.key for c in self.model.columns]
        cells, lines = {}, []
        for row, key, message in errors:
            col = keys.index(key) if key in keys else 0
            cells[(row, col)] = message
            lines.append(
                self.tr("第 {row} 行 {field}：{msg}").format(
                    row=row + 1, field=self.model.columns[col].header, msg=message
                )
            )
        self.model.set_errors(cells)
        self.errors_label.setText("\n".join(lines))
        self.errors_label.setVisible(bool(lines))
