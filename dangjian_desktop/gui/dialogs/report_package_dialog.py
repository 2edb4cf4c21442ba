"""文件 → 生成上报材料…: the period, full ID numbers or not, 积分 ranking or not, the output
folder; the package is written off the GUI thread with a progress dialog and Cancel
(ws.reports.package)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.period import PeriodError, parse_period
from dangjian_desktop.gui.tasks import run_with_progress
from dangjian_desktop.messages import error_text

WARNING_STYLE = "color: #b3261e;"


def period_choices(today: date) -> list[str]:
    """The periods a branch most likely reports: the last ended quarter first, then the
    running one, then this year and last year."""
    quarter = (today.month - 1) // 3 + 1
    last_q = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    return [
        f"{last_q[0]}Q{last_q[1]}",
        f"{today.year}Q{quarter}",
        str(today.year),
        str(today.year - 1),
    ]


class ReportPackageDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.result_path: Path | None = None
        self.setWindowTitle(self.tr("生成上报材料"))

        self.period = QComboBox(self)
        self.period.setEditable(True)
        self.period.addItems(period_choices(today or date.today()))
        self.period.setToolTip(self.tr("如 2026Q3（2026年第三季度）或 2026（2026年全年）"))
        self.full_ids = QCheckBox(self.tr("含完整身份证号（只在上级明确要求时勾选）"), self)
        self.ranking = QCheckBox(self.tr("含积分排名（默认不含）"), self)
        self.folder = QLineEdit(str(ws.path.parent), self)
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.error = QLabel(self)
        self.error.setStyleSheet(WARNING_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("报告期"), self.period)
        form.addRow(self.tr("输出文件夹"), folder_row)
        hint = QLabel(
            self.tr(
                "将生成一个 .zip：党员花名册、三会一课台账、落实情况、党员队伍统计（各有 Excel "
                "和 PDF），机读数据副本及其结构说明，以及记有每个文件校验值的清单。"
            ),
            self,
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("生成"))
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.full_ids)
        layout.addWidget(self.ranking)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.task = None

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择输出文件夹"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _start(self) -> None:
        try:
            period = parse_period(self.period.currentText())
        except PeriodError as exc:
            self._show_error(error_text(exc) or "")
            return
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            self._show_error(self.tr("输出文件夹不存在，请选择一个已有的文件夹。"))
            return
        self.error.hide()
        full_ids, ranking = self.full_ids.isChecked(), self.ranking.isChecked()
        self.buttons.setEnabled(False)

        def work(progress):
            return self._ws.reports.package(
                folder, period, full_ids=full_ids, ranking=ranking, progress=progress
            )

        def done(result) -> None:
            self.result_path = result.path
            note = self.tr("\n其中含完整身份证号，请妥善保管。") if result.full_ids else ""
            QMessageBox.information(
                self,
                self.tr("上报材料已生成"),
                self.tr("已保存到：\n{path}").format(path=result.path) + note,
            )
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self._show_error(error_text(exc) or self.tr("生成失败：程序内部错误，详见日志。"))

        def cancelled() -> None:
            self.buttons.setEnabled(True)
            self._show_error(self.tr("已取消，未生成上报材料。"))

        self.task = run_with_progress(
            self,
            self.tr("正在生成上报材料…"),
            work,
            done,
            error_title=self.tr("生成上报材料"),
            on_error=failed,
            on_cancel=cancelled,
        )
