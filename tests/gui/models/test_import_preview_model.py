"""The import dialog's two models on their own, without the dialog: qtmodeltester and the
colours and texts each row gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.member_rules import NO_SUCH_GROUP, REQUIRED
from dangjian_desktop.domain.people import Member
from dangjian_desktop.gui.models.base import ERROR_BRUSH, WARNING_BRUSH
from dangjian_desktop.gui.models.import_preview_model import ImportMappingModel, ImportPreviewModel
from dangjian_desktop.services.roster_import import ImportPreview, MappingProposal, PreviewRow

pytestmark = pytest.mark.gui


def _preview() -> ImportPreview:
    rows = (
        PreviewRow(2, Member(name="王伟", id_number="110105198504120071")),
        PreviewRow(3, Member(name=""), errors=(FieldError("name", REQUIRED),)),
        PreviewRow(4, Member(name="李娜"), warnings=(FieldError("party_group", NO_SUCH_GROUP),)),
    )
    return ImportPreview(Path("花名册.xlsx"), "Sheet1", rows, 0, date(2026, 1, 5), {"name": 0})


def _proposal() -> MappingProposal:
    return MappingProposal(
        "Sheet1",
        1,
        ("姓名", "身份证", "", "备注"),
        {0: "name", 1: "id_number", 2: "phone", 3: None},
        frozenset({2}),
        {0: "王伟", 1: "110105********0071", 2: "13800000000"},
    )


def test_preview_model_passes_qtmodeltester(qtmodeltester):
    model = ImportPreviewModel()
    model.set_preview(_preview())
    qtmodeltester.check(model)
    model.set_only_problems(True)
    qtmodeltester.check(model)


def test_preview_rows_are_coloured_by_what_is_wrong_and_ids_masked():
    model = ImportPreviewModel()
    model.set_preview(_preview())
    assert model.index(0, 2).data() == "110105********0071"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) == WARNING_BRUSH
    assert "必填" in model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(5, Qt.Orientation.Horizontal) == "问题"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    model.set_only_problems(True)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["3", "4"]


def test_mapping_model_passes_qtmodeltester_and_has_no_row_numbers(qtmodeltester):
    model = ImportMappingModel()
    model.set_proposal(_proposal())
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["A", "B", "C", "D"]
    assert model.index(2, 3).data(Qt.ItemDataRole.BackgroundRole) is not None  # by values
