"""The table view of an id-list model, set up the way every big list needs it: rows of one
fixed height (nothing measures 200,000 rows), each column the width its TableColumn says
(no ResizeToContents, which reads every row), sorting by header click done in SQL, whole
rows selected, nothing edited in place.

    self.table = id_list_table(self.model, self)   # before the model's first refresh()
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from dangjian_desktop.gui.models.id_list_model import IdListTableModel

ROW_HEIGHT = 26  # fits the shipped 10 pt font with its CJK line height


def id_list_table(
    model: IdListTableModel,
    parent: QWidget | None = None,
    *,
    row_height: int = ROW_HEIGHT,
    multi_select: bool = True,
) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    rows = table.verticalHeader()
    rows.setDefaultSectionSize(row_height)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
    for i, column in enumerate(model.columns):
        table.setColumnWidth(i, column.width)
    # The header shows the model's order; a model not refreshed yet runs no query for it.
    keys = [c.sort_key for c in model.columns]
    sort = model.sort_order
    column = keys.index(sort.column) if sort.column in keys else 0
    order = Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder
    table.horizontalHeader().setSortIndicator(column, order)
    table.setSortingEnabled(True)
    return table
