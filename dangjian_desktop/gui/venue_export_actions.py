"""导出 menu entries and tab actions for the 阵地 reports: 阵地检查报告 (.pdf, one
inspection) and 阵地年度汇总 (.xlsx or .pdf, a year across venues), and 打印… for both.

Each runs the same `ws.exports` method as `dangjian export inspection/venues`, off the GUI
thread behind the delayed progress dialog with a working Cancel (gui/tasks.py); printing
writes the same PDF to a temporary folder first (gui/printing.print_report).

The main window adds the entries with `add_venue_exports(menu, ws, window)`; the 阵地 tab
calls `actions.export_inspection(id)` for its selected inspection.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dates import REPORT_MAX_YEAR, REPORT_MIN_YEAR
from dangjian_desktop.domain.query import Sort
from dangjian_desktop.domain.venue_lists import InspectionFilter
from dangjian_desktop.gui.export_flow import ask_save_path, export_in_background, safe_stem
from dangjian_desktop.gui.printing import print_report
from dangjian_desktop.services import Workspace

INSPECTION_NAME = "阵地检查报告"
SUMMARY_NAME = "阵地建设年度汇总"


class VenueExportDialog(QDialog):
    """What to export: an inspection (检查报告) or a year and format (年度汇总)."""

    def __init__(
        self,
        ws: Workspace,
        kind: str,
        parent: QWidget | None = None,
        *,
        inspection_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        name = INSPECTION_NAME if kind == "inspection" else SUMMARY_NAME
        self.setWindowTitle(self.tr("导出{name}").format(name=self.tr(name)))
        form = QFormLayout()
        self.inspection = QComboBox(self)
        self.inspection.setObjectName("inspection")
        self.inspection.setMinimumContentsLength(30)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(REPORT_MIN_YEAR, REPORT_MAX_YEAR)
        self.year.setValue(ws.exports.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.xlsx = QRadioButton(self.tr("Excel（.xlsx）"), self)
        self.pdf = QRadioButton(self.tr("PDF（A4，可直接打印）"), self)
        group = QButtonGroup(self)
        group.addButton(self.xlsx)
        group.addButton(self.pdf)
        self.xlsx.setChecked(True)
        if kind == "inspection":
            rows = ws.venues.inspection_list
            ids = rows.ids(InspectionFilter(), Sort("inspected_on", descending=True))
            found = rows.rows(ids)
            for i in ids:
                r = found[i]
                self.inspection.addItem(f"{r.inspected_on.isoformat()} {r.venue_name}", i)
            if inspection_id is not None:
                self.inspection.setCurrentIndex(max(self.inspection.findData(inspection_id), 0))
            form.addRow(self.tr("检查记录"), self.inspection)
            self.year.hide()
            self.xlsx.hide()
            self.pdf.hide()
        else:
            self.inspection.hide()
            form.addRow(self.tr("年份"), self.year)
            formats = QHBoxLayout()
            formats.addWidget(self.xlsx)
            formats.addWidget(self.pdf)
            formats.addStretch(1)
            form.addRow(self.tr("格式"), formats)
        self.prepared_by = QLineEdit(self)
        self.prepared_by.setObjectName("prepared_by")
        self.prepared_by.setPlaceholderText(self.tr("可不填，打印后手写"))
        form.addRow(self.tr("制表人"), self.prepared_by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("选择保存位置…"))
        self.ok.setEnabled(kind != "inspection" or self.inspection.count() > 0)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    @property
    def fmt(self) -> str:
        return "pdf" if self.kind == "inspection" or self.pdf.isChecked() else "xlsx"


class VenueExportActions(QObject):
    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._ws, self._parent = ws, parent
        self.last_task = None

    def _write(self, kind: str, ident: int, fmt: str, prepared_by: str):
        """The export call shared by 导出 and 打印: (path, progress) -> result."""
        exports = self._ws.exports
        if kind == "inspection":
            return lambda path, progress: exports.inspection(
                path, ident, prepared_by=prepared_by, progress=progress
            )
        return lambda path, progress: exports.venues(
            path, fmt, ident, prepared_by=prepared_by, progress=progress
        )

    def export_inspection(self, inspection_id: int | None = None) -> None:
        self._export("inspection", inspection_id)

    def export_summary(self) -> None:
        self._export("venues", None)

    def _export(self, kind: str, inspection_id: int | None) -> None:
        parent = self._parent
        dialog = VenueExportDialog(self._ws, kind, parent, inspection_id=inspection_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if kind == "inspection":
            ident = dialog.inspection.currentData()
            stem = f"{INSPECTION_NAME}-{dialog.inspection.currentText().replace(' ', '-')}"
            name = parent.tr(INSPECTION_NAME)
        else:
            ident = dialog.year.value()
            stem = f"{SUMMARY_NAME}-{ident}年"
            name = parent.tr(SUMMARY_NAME)
        fmt = dialog.fmt
        path = ask_save_path(parent, name, f"{safe_stem(stem)}.{fmt}", fmt)
        if path is None:
            return
        write = self._write(kind, ident, fmt, dialog.prepared_by.text().strip())
        self.last_task = export_in_background(
            parent, name, path, lambda progress: write(path, progress)
        )

    def print_inspection(self, inspection_id: int) -> None:
        self.last_task = print_report(
            self._parent,
            self._write("inspection", inspection_id, "pdf", ""),
            label=self._parent.tr("正在准备打印检查报告…"),
        )

    def print_summary(self, year: int) -> None:
        self.last_task = print_report(
            self._parent,
            self._write("venues", year, "pdf", ""),
            label=self._parent.tr("正在准备打印年度汇总…"),
        )


def add_venue_exports(menu: QMenu, ws: Workspace, parent: QWidget) -> VenueExportActions:
    """The 阵地 reports' entries at the end of the 导出 menu (export_inspection,
    export_venues)."""
    actions = VenueExportActions(ws, parent)
    menu.addSeparator()
    entry = menu.addAction(parent.tr("{name}…").format(name=parent.tr(INSPECTION_NAME)))
    entry.setObjectName("export_inspection")
    entry.triggered.connect(lambda _checked=False: actions.export_inspection())
    entry = menu.addAction(parent.tr("{name}…").format(name=parent.tr(SUMMARY_NAME)))
    entry.setObjectName("export_venues")
    entry.triggered.connect(lambda _checked=False: actions.export_summary())
    return actions
