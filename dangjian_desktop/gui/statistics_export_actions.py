"""导出 → 党员队伍统计…: the year, the as-of date (default 12-31 of that year), Excel or PDF,
制表人; then the save dialog and `ws.exports.statistics` (the same call as `dangjian export
statistics`) off the GUI thread behind the delayed progress dialog with a working Cancel.
打印… writes the same report as PDF to a temporary file and opens the print preview
(gui/printing.print_report; issue 11 item 7).

Modeled on meeting_export_actions.py; the main window adds the entry with
`add_statistics_export(menu, ws, window)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dates import REPORT_MAX_YEAR as MAX_YEAR
from dangjian_desktop.domain.dates import REPORT_MIN_YEAR as MIN_YEAR
from dangjian_desktop.gui.dialogs.export_dialog import PRINT
from dangjian_desktop.gui.export_flow import ask_save_path, export_in_background
from dangjian_desktop.gui.printing import print_report
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.services import Workspace


@dataclass(frozen=True)
class StatisticsRequest:
    year: int
    as_of: date
    fmt: str
    prepared_by: str = ""


class StatisticsExportDialog(QDialog):
    """What to export: the year, the day the branch is counted on, the format, 制表人."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = ws.exports.today()
        self.setWindowTitle(self.tr("导出党员队伍统计"))
        form = QFormLayout()

        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr(" 年"))
        form.addRow(self.tr("年份"), self.year)

        self.as_of = DateField(self)
        self.as_of.setObjectName("as_of")
        self.as_of.set_value(date(today.year, 12, 31))
        self.year.valueChanged.connect(self._year_changed)
        self.as_of.textChanged.connect(lambda _text: self._update_ok())
        form.addRow(self.tr("统计截止日期"), self.as_of)

        self.hint = QLabel(self)
        self.hint.setObjectName("errorText")
        self.hint.setWordWrap(True)
        self.hint.hide()

        self.xlsx = QRadioButton(self.tr("Excel（.xlsx）"), self)
        self.pdf = QRadioButton(self.tr("PDF（A4，可直接打印）"), self)
        self._formats = QButtonGroup(self)
        self._formats.addButton(self.xlsx)
        self._formats.addButton(self.pdf)
        self.xlsx.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.xlsx)
        row.addWidget(self.pdf)
        row.addStretch(1)
        form.addRow(self.tr("格式"), row)

        self.prepared_by = QLineEdit(self)
        self.prepared_by.setObjectName("prepared_by")
        self.prepared_by.setPlaceholderText(self.tr("可不填，打印后手写"))
        form.addRow(self.tr("制表人"), self.prepared_by)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("选择保存位置…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.print_button = buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(lambda: self.done(PRINT))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._update_ok()

    def _year_changed(self, year: int) -> None:
        day = self.as_of.date_or_none()
        if day is None or day.year != year:  # the year's end, as the report defaults
            self.as_of.set_value(date(year, 12, 31))
        self._update_ok()

    def _update_ok(self) -> None:
        day = self.as_of.date_or_none()
        if day is None:
            words = self.tr("请填写统计截止日期。")
        elif day.year != self.year.value():
            words = self.tr("统计截止日期须在所选年份内。")
        else:
            words = ""
        self.hint.setText(words)
        self.hint.setVisible(bool(words))
        self.ok.setEnabled(not words)
        self.print_button.setEnabled(not words)

    def request(self) -> StatisticsRequest:
        return StatisticsRequest(
            year=self.year.value(),
            as_of=self.as_of.date_or_none() or date(self.year.value(), 12, 31),
            fmt="pdf" if self.pdf.isChecked() else "xlsx",
            prepared_by=self.prepared_by.text().strip(),
        )


class StatisticsExportActions(QObject):
    """The 党员队伍统计 entry: dialog → save dialog (or print preview) → background export."""

    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._ws, self._parent = ws, parent
        self.last_task = None  # the running export's BackgroundTask (tests wait on it)

    def export(self) -> None:
        parent = self._parent
        dialog = StatisticsExportDialog(self._ws, parent)
        result = dialog.exec()
        if result not in (QDialog.DialogCode.Accepted, PRINT):
            return
        request = dialog.request()
        name = parent.tr("党员队伍统计")

        def write(progress, path: Path, fmt: str):
            return self._ws.exports.statistics(
                path,
                fmt,
                year=request.year,
                as_of=request.as_of,
                prepared_by=request.prepared_by,
                progress=progress,
            )

        if result == PRINT:
            self.last_task = print_report(
                parent,
                lambda pdf, progress: write(progress, pdf, "pdf"),
                label=parent.tr("正在准备打印{name}…").format(name=name),
                error_title=parent.tr("打印失败"),
            )
            return
        suggested = f"{name}-{request.year}年.{request.fmt}"
        path = ask_save_path(parent, name, suggested, request.fmt)
        if path is None:
            return
        self.last_task = export_in_background(
            parent, name, path, lambda progress: write(progress, path, request.fmt)
        )


def add_statistics_export(menu: QMenu, ws: Workspace, parent: QWidget) -> StatisticsExportActions:
    """The 党员队伍统计… entry of the 导出 menu (object name export_statistics)."""
    actions = StatisticsExportActions(ws, parent)
    menu.addSeparator()
    action = menu.addAction(parent.tr("党员队伍统计…"))
    action.setObjectName("export_statistics")
    action.triggered.connect(lambda _checked=False: actions.export())
    return actions
