"""文件 → 校验上报材料…: pick a package .zip and read what verify found, in Chinese. The
check runs off the GUI thread (a year's package is tens of megabytes) and writes nothing
(ws.reports.verify; no data file is needed, so the committee's PC can check packages)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.tasks import run_with_progress
from dangjian_desktop.messages import error_text

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b3261e; font-weight: bold;"


class VerifyPackageDialog(QDialog):
    def __init__(self, verify, parent: QWidget | None = None) -> None:
        """`verify(path, progress)` is ws.reports.verify."""
        super().__init__(parent)
        self._verify = verify
        self.report = None
        self.setWindowTitle(self.tr("校验上报材料"))
        self.resize(640, 420)
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("选择要校验的上报材料 .zip"))
        browse = QPushButton(self.tr("选择文件…"), self)
        browse.clicked.connect(self.choose)
        self.check_button = QPushButton(self.tr("校验"), self)
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.check_button)
        self.verdict = QLabel(self)
        self.findings = QPlainTextEdit(self)
        self.findings.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.findings, 1)
        layout.addWidget(buttons)
        self.task = None

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择上报材料"), self.path.text(), self.tr("上报材料 (*.zip)")
        )
        if path:
            self.path.setText(path)
            self.check()

    def check(self) -> None:
        text = self.path.text().strip()
        if not text:
            return
        from dangjian_desktop.services.report_service import verify_lines

        path = Path(text)
        self.check_button.setEnabled(False)
        self.findings.clear()
        self.verdict.clear()

        def done(report) -> None:
            self.check_button.setEnabled(True)
            self.report = report
            self.verdict.setText(self.tr("校验通过") if report.ok else self.tr("校验未通过"))
            self.verdict.setStyleSheet(OK_STYLE if report.ok else BAD_STYLE)
            self.findings.setPlainText("\n".join(verify_lines(report)))

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.verdict.setText(self.tr("无法校验"))
            self.verdict.setStyleSheet(BAD_STYLE)
            self.findings.setPlainText(error_text(exc) or self.tr("程序内部错误，详见日志。"))

        self.task = run_with_progress(
            self,
            self.tr("正在校验上报材料…"),
            lambda progress: self._verify(path, progress),
            done,
            error_title=self.tr("校验上报材料"),
            on_error=failed,
            on_cancel=lambda: self.check_button.setEnabled(True),
        )
