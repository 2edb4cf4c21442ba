"""导出 menu entries for the 会议 reports: 三会一课台账, 会议记录, 计划报备表, 年度落实情况.

Each entry opens `MeetingExportDialog` (year; quarter where the report has one; Excel or
PDF — the 会议记录 is PDF only; for the 会议记录 a chooser of the year's meetings; 制表人),
then the save dialog, then runs the same `ws.exports` method as `dangjian export …` off the
GUI thread behind the delayed progress dialog with a working Cancel (gui/tasks.py). Its
打印… button writes the same report as PDF to a temporary file and opens the print preview
(gui/printing.print_report: A4, the PDF's own layout; issue 11 item 7).

The main window adds the entries with `add_meeting_exports(menu, ws, window)`; the 会议 tab
can open the 会议记录 of its selected meeting with `actions.export("minutes", meeting_id)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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
from dangjian_desktop.gui.export_flow import ask_save_path, export_in_background, safe_stem
from dangjian_desktop.gui.printing import print_report
from dangjian_desktop.services import Workspace

KINDS = ("ledger", "minutes", "plan", "calendar")


def _names(widget: QWidget) -> dict[str, str]:
    tr = widget.tr
    return {
        "ledger": tr("三会一课台账"),
        "minutes": tr("会议记录"),
        "plan": tr("三会一课计划报备表"),
        "calendar": tr("年度三会一课落实情况"),
    }


@dataclass(frozen=True)
class MeetingExportRequest:
    kind: str
    year: int
    quarter: int | None
    fmt: str
    meeting_id: int | None = None
    prepared_by: str = ""
    meeting_words: str = ""


class MeetingExportDialog(QDialog):
    """What to export: the period (and meeting), the format, who prepared it."""

    def __init__(
        self,
        ws: Workspace,
        kind: str,
        parent: QWidget | None = None,
        *,
        meeting_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws, self.kind = ws, kind
        today = ws.exports.today()
        self.setWindowTitle(self.tr("导出{name}").format(name=_names(self)[kind]))
        form = QFormLayout()
        self.hint = QLabel(self)
        self.hint.setObjectName("errorText")
        self.hint.setWordWrap(True)
        self.hint.hide()

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.print_button = self._buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(lambda: self.done(PRINT))

        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr(" 年"))
        form.addRow(self.tr("年份"), self.year)

        self.quarter = QComboBox(self)
        self.quarter.setObjectName("quarter")
        if kind == "ledger":
            self.quarter.addItem(self.tr("全年"), None)
        for q, words in enumerate(("第一季度", "第二季度", "第三季度", "第四季度"), 1):
            self.quarter.addItem(self.tr(words), q)
        if kind == "plan":
            self.quarter.setCurrentIndex((today.month - 1) // 3)
        if kind in ("ledger", "plan"):
            form.addRow(self.tr("期间"), self.quarter)
        else:
            self.quarter.hide()

        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meeting")
        self.meeting.setMinimumContentsLength(36)
        if kind == "minutes":
            form.addRow(self.tr("会议"), self.meeting)
            self.year.valueChanged.connect(lambda _y: self._fill_meetings(None))
            if meeting_id is not None:
                self._select_year_of(meeting_id)
            self._fill_meetings(meeting_id)
        else:
            self.meeting.hide()

        self.xlsx = QRadioButton(self.tr("Excel（.xlsx）"), self)
        self.pdf = QRadioButton(self.tr("PDF（A4，可直接打印）"), self)
        self._formats = QButtonGroup(self)
        self._formats.addButton(self.xlsx)
        self._formats.addButton(self.pdf)
        self.xlsx.setChecked(kind != "minutes")
        self.pdf.setChecked(kind == "minutes")
        row = QHBoxLayout()
        row.addWidget(self.xlsx)
        row.addWidget(self.pdf)
        row.addStretch(1)
        if kind == "minutes":  # a record with signature lines: PDF only
            self.xlsx.setEnabled(False)
            self.xlsx.setToolTip(self.tr("会议记录只能导出为 PDF，打印后签字存档"))
        form.addRow(self.tr("格式"), row)

        self.prepared_by = QLineEdit(self)
        self.prepared_by.setObjectName("prepared_by")
        self.prepared_by.setPlaceholderText(self.tr("可不填，打印后手写"))
        form.addRow(self.tr("制表人") if kind != "plan" else self.tr("填报人"), self.prepared_by)

        buttons = self._buttons
        self.ok.setText(self.tr("选择保存位置…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._update_ok()

    def _select_year_of(self, meeting_id: int) -> None:
        try:
            day = self._ws.meetings.get(meeting_id).date
        except Exception:  # gone meanwhile: the chooser shows this year's meetings
            return
        self.year.blockSignals(True)
        self.year.setValue(day.year)
        self.year.blockSignals(False)

    def _fill_meetings(self, selected: int | None) -> None:
        self.meeting.clear()
        for meeting_id, words in self._ws.exports.meeting_choices(self.year.value()):
            self.meeting.addItem(words, meeting_id)
        if selected is not None and (index := self.meeting.findData(selected)) >= 0:
            self.meeting.setCurrentIndex(index)
        elif self.meeting.count():
            self.meeting.setCurrentIndex(self.meeting.count() - 1)  # the latest
        self._update_ok()

    def _update_ok(self) -> None:
        empty = self.kind == "minutes" and self.meeting.count() == 0
        self.hint.setText(self.tr("这一年没有会议记录。") if empty else "")
        self.hint.setVisible(empty)
        self.ok.setEnabled(not empty)
        self.print_button.setEnabled(not empty)

    def request(self) -> MeetingExportRequest:
        quarter = self.quarter.currentData() if self.kind in ("ledger", "plan") else None
        minutes = self.kind == "minutes"
        return MeetingExportRequest(
            kind=self.kind,
            year=self.year.value(),
            quarter=quarter,
            fmt="pdf" if self.pdf.isChecked() or minutes else "xlsx",
            meeting_id=self.meeting.currentData() if minutes else None,
            prepared_by=self.prepared_by.text().strip(),
            meeting_words=self.meeting.currentText() if minutes else "",
        )


def suggested_name(request: MeetingExportRequest, name: str) -> str:
    if request.kind == "minutes":
        words = request.meeting_words.split(" ")
        stem = f"{name}-{'-'.join(words[:2])}" if words[0] else name
    elif request.quarter is not None:
        stem = f"{name}-{request.year}年第{request.quarter}季度"
    else:
        stem = f"{name}-{request.year}年"
    return f"{safe_stem(stem)}.{request.fmt}"


class MeetingExportActions(QObject):
    """The four exports, each: dialog → save dialog → background export → "导出完成"."""

    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._ws, self._parent = ws, parent
        self.last_task = None  # the running export's BackgroundTask (tests wait on it)

    def export(self, kind: str, meeting_id: int | None = None) -> None:
        parent = self._parent
        dialog = MeetingExportDialog(self._ws, kind, parent, meeting_id=meeting_id)
        result = dialog.exec()
        if result not in (QDialog.DialogCode.Accepted, PRINT):
            return
        request = dialog.request()
        name = _names(parent)[kind]
        exports = self._ws.exports

        def write(progress, path: Path, fmt: str):
            r, common = request, {"prepared_by": request.prepared_by, "progress": progress}
            if kind == "ledger":
                return exports.ledger(path, fmt, r.year, r.quarter, **common)
            if kind == "minutes":
                return exports.minutes(path, r.meeting_id, **common)
            if kind == "plan":
                return exports.plan(path, fmt, r.year, r.quarter, **common)
            return exports.calendar(path, fmt, r.year, **common)

        if result == PRINT:  # the same report as PDF, to a temporary file, then previewed
            self.last_task = print_report(
                parent,
                lambda pdf, progress: write(progress, pdf, "pdf"),
                label=parent.tr("正在准备打印{name}…").format(name=name),
                error_title=parent.tr("打印失败"),
            )
            return
        path = self._ask_path(request, name)
        if path is None:
            return

        self.last_task = export_in_background(
            parent, name, path, lambda progress: write(progress, path, request.fmt)
        )

    def _ask_path(self, request: MeetingExportRequest, name: str) -> Path | None:
        return ask_save_path(self._parent, name, suggested_name(request, name), request.fmt)


def add_meeting_exports(menu: QMenu, ws: Workspace, parent: QWidget) -> MeetingExportActions:
    """The 会议 reports' entries at the end of the 导出 menu (object names export_<kind>)."""
    actions = MeetingExportActions(ws, parent)
    menu.addSeparator()
    for kind, name in _names(parent).items():
        action = menu.addAction(parent.tr("{name}…").format(name=name))
        action.setObjectName(f"export_{kind}")
        action.triggered.connect(lambda _checked=False, kind=kind: actions.export(kind))
    return actions
