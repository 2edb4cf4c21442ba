"""Options for exporting the roster: where, full or masked ID numbers, who prepared it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

FILTERS = {"xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)"}


@dataclass(frozen=True)
class ExportOptions:
    path: Path
    full_ids: bool
    prepared_by: str


class ExportOptionsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出党员花名册"))
        self.full_ids = QCheckBox(self.tr("导出完整身份证号"), self)
        hint = QLabel(
            self.tr(
                "默认隐去身份证号中间 8 位（如 110105********1234）。"
                "只有上级明确要求时才导出完整号码，并妥善保管文件。"
            ),
            self,
        )
        hint.setWordWrap(True)
        self.prepared_by = QLineEdit(self)
        self.prepared_by.setPlaceholderText(self.tr("可不填，打印后手写"))
        form = QFormLayout()
        form.addRow(self.tr("制表人"), self.prepared_by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选择保存位置…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.full_ids)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)


def ask_export_options(parent: QWidget, fmt: str) -> ExportOptions | None:
    dialog = ExportOptionsDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    suggested = str(Path.home() / f"党员花名册-{date.today():%Y%m%d}.{fmt}")
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("保存花名册"), suggested, parent.tr(FILTERS[fmt])
    )
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    return ExportOptions(path, dialog.full_ids.isChecked(), dialog.prepared_by.text().strip())
