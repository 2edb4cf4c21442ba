"""导出 menu entries for the 积分 reports: 积分汇总 (ranking only when ticked, off by default:
the 2023 guidance against forced rankings), 积分明细 (one member or all) and 民主评议结果.

As meeting_export_actions: a dialog (year, period of that year's scheme, member, format),
the save dialog, then the same `ws.exports` call as `dangjian export points|statements|
appraisal`, off the GUI thread behind the delayed progress dialog with a working Cancel.
The dialog's 打印… writes the same report as PDF to a temporary file and opens the print
preview instead (gui/printing.print_report), as the meeting and venue reports do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMenu,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.dates import REPORT_MAX_YEAR as MAX_YEAR
from dangjian_desktop.domain.dates import REPORT_MIN_YEAR as MIN_YEAR
from dangjian_desktop.domain.points import PeriodKey
from dangjian_desktop.gui.dialogs.export_dialog import PRINT
from dangjian_desktop.gui.export_flow import ask_save_path, export_in_background
from dangjian_desktop.gui.views.points.common import active_members, period_choices, period_text
from dangjian_desktop.services import Workspace

KINDS = ("points", "statements", "appraisal")


def _names(widget: QWidget) -> dict[str, str]:
    tr = widget.tr
    return {
        "points": tr("党员积分汇总表"),
        "statements": tr("党员积分明细"),
        "appraisal": tr("民主评议党员结果"),
    }


@dataclass(frozen=True)
class PointExportRequest:
    kind: str
    period: PeriodKey
    fmt: str
    ranking: bool = False
    member_id: int | None = None


class PointExportDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        kind: str,
        parent: QWidget | None = None,
        *,
        year: int | None = None,
        quarter: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws, self.kind = ws, kind
        self.setWindowTitle(self.tr("导出{name}").format(name=_names(self)[kind]))
        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(year or ws.exports.today().year)
        self.year.setSuffix(self.tr(" 年"))
        form.addRow(self.tr("年度"), self.year)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        if kind != "appraisal":
            form.addRow(self.tr("计分期间"), self.period)
        self.member = QComboBox(self)
        self.member.setObjectName("member")
        if kind == "statements":
            self.member.addItem(self.tr("全部党员（每人一页）"), None)
            for m in active_members(ws):
                self.member.addItem(m.name, m.id)
            form.addRow(self.tr("党员"), self.member)
        self.ranking = QCheckBox(self.tr("包含排名"), self)
        self.ranking.setObjectName("ranking")
        self.ranking.setChecked(False)
        self.ranking.setToolTip(self.tr("按有关规定，积分结果一般不公开排名；确需时再勾选"))
        if kind == "points":
            form.addRow("", self.ranking)
        self.xlsx = QRadioButton(self.tr("Excel（.xlsx）"), self)
        self.pdf = QRadioButton(self.tr("PDF（A4，可直接打印）"), self)
        group = QButtonGroup(self)
        group.addButton(self.xlsx)
        group.addButton(self.pdf)
        self.xlsx.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.xlsx)
        row.addWidget(self.pdf)
        row.addStretch(1)
        form.addRow(self.tr("格式"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("选择保存位置…"))
        self.print_button = buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("print")
        self.print_button.setToolTip(self.tr("按 PDF 版式（A4）预览并打印"))
        self.print_button.clicked.connect(lambda: self.done(PRINT))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        # The fields this report does not ask for are in no layout: hidden, or Qt would show
        # them over the dialog's top-left corner.
        self.period.setVisible(kind != "appraisal")
        self.member.setVisible(kind == "statements")
        self.ranking.setVisible(kind == "points")
        self.year.valueChanged.connect(lambda _y: self._fill_periods(None))
        self._fill_periods(quarter)

    def _fill_periods(self, quarter: int | None) -> None:
        self.period.clear()
        scheme = self._ws.points.scheme(self.year.value())
        for words, period in period_choices(scheme):
            self.period.addItem(self.tr(words), period)
        if (
            quarter is not None
            and (i := self.period.findData(PeriodKey(self.year.value(), quarter))) >= 0
        ):
            self.period.setCurrentIndex(i)

    def request(self) -> PointExportRequest:
        period = self.period.currentData() or PeriodKey(self.year.value())
        if self.kind == "appraisal":
            period = PeriodKey(self.year.value())
        return PointExportRequest(
            kind=self.kind,
            period=period,
            fmt="pdf" if self.pdf.isChecked() else "xlsx",
            ranking=self.kind == "points" and self.ranking.isChecked(),
            member_id=self.member.currentData() if self.kind == "statements" else None,
        )


def suggested_name(request: PointExportRequest, name: str, member: str = "") -> str:
    stem = f"{name}-{period_text(request.period)}"
    if member:
        stem += f"-{member}"
    stem = "".join("_" if c in '\\/:*?"<>|' else c for c in stem)
    return f"{stem}.{request.fmt}"


def write_report(exports, r: PointExportRequest, path, fmt: str, progress):
    """The `ws.exports` call of the request's report (a file, or the PDF to print)."""
    if r.kind == "points":
        return exports.points(path, fmt, r.period, ranking=r.ranking, progress=progress)
    if r.kind == "statements":
        return exports.statements(path, fmt, r.period, member_id=r.member_id, progress=progress)
    return exports.appraisal(path, fmt, r.period.year, progress=progress)


class PointExportActions(QObject):
    def __init__(self, ws: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._ws, self._parent = ws, parent
        self.last_task = None

    def export(self, kind: str, *, year: int | None = None, quarter: int | None = None) -> None:
        parent = self._parent
        dialog = PointExportDialog(self._ws, kind, parent, year=year, quarter=quarter)
        result = dialog.exec()
        if result not in (QDialog.DialogCode.Accepted, PRINT):
            return
        r = dialog.request()
        name = _names(parent)[kind]
        exports = self._ws.exports
        if result == PRINT:  # the same report as PDF, to a temporary file, then previewed
            self.print(r)
            return
        member = dialog.member.currentText() if r.member_id is not None else ""
        path = ask_save_path(parent, name, suggested_name(r, name, member), r.fmt)
        if path is None:
            return
        self.last_task = export_in_background(
            parent, name, path, lambda progress: write_report(exports, r, path, r.fmt, progress)
        )

    def print(self, r: PointExportRequest) -> None:
        """Print a 积分 report through its PDF (the preview first; nothing saved)."""
        from dangjian_desktop.gui.printing import print_report

        parent, exports = self._parent, self._ws.exports
        self.last_task = print_report(
            parent,
            lambda path, progress: write_report(exports, r, path, "pdf", progress),
            label=parent.tr("正在准备打印{name}…").format(name=_names(parent)[r.kind]),
            error_title=parent.tr("打印失败"),
        )


def add_point_exports(menu: QMenu, ws: Workspace, parent: QWidget) -> PointExportActions:
    """The 积分 reports' entries at the end of the 导出 menu (object names export_<kind>)."""
    actions = PointExportActions(ws, parent)
    menu.addSeparator()
    for kind, name in _names(parent).items():
        action = menu.addAction(parent.tr("{name}…").format(name=name))
        action.setObjectName(f"export_{kind}")
        action.triggered.connect(lambda _checked=False, kind=kind: actions.export(kind))
    return actions
