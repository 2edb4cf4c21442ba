"""The small editable table model, checked with qtmodeltester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.gui.models.rows_table_model import Column, Kind, RowsTableModel

pytestmark = pytest.mark.gui

COLUMNS = [
    Column("name", "姓名"),
    Column("post", "职务", Kind.CHOICE, (("secretary", "书记"), ("member", "委员"))),
    Column("started_on", "任职日期", Kind.DATE, empty_text="未填写"),
]


def _model(rows=3):
    model = RowsTableModel(COLUMNS)
    model.set_rows(
        [
            (
                i + 1,
                {
                    "name": f"委员{i}",
                    "post": "member",
                    "started_on": date(2024, 1, i + 1) if i else None,
                },
            )
            for i in range(rows)
        ]
    )
    return model


def test_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(_model())


def test_display_uses_labels_and_edit_role_keeps_values():
    model = _model()
    assert model.index(0, 1).data() == "委员"
    assert model.index(0, 1).data(Qt.ItemDataRole.EditRole) == "member"
    assert model.index(0, 2).data() == "未填写"
    assert model.index(1, 2).data() == "2024-01-02"


def test_rows_round_trip_with_ids_after_edit_add_and_remove():
    model = _model()
    assert model.setData(model.index(1, 0), "王建国")
    model.removeRows(0, 1)
    row = model.append_row()
    assert row == 2
    assert model.rows() == [
        (2, {"name": "王建国", "post": "member", "started_on": date(2024, 1, 2)}),
        (3, {"name": "委员2", "post": "member", "started_on": date(2024, 1, 3)}),
        (None, {"name": "", "post": "secretary", "started_on": None}),
    ]


def test_errors_colour_the_cell_until_it_is_edited():
    model = _model()
    model.set_errors({(1, 0): "名称重复"})
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "名称重复"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(model.index(1, 0), "新名字")
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
