"""导入党员花名册: choose the sheet, correct the column mapping, preview, then commit all at
once. Reading, previewing and committing run off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui import errors
from dangjian_desktop.gui.models.import_preview_model import ImportPreviewModel
from dangjian_desktop.gui.progress import DelayedProgress
from dangjian_desktop.gui.tasks import run_in_background
from dangjian_desktop.messages import error_text, field_name
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import Workspace
from dangjian_desktop.services import roster_import as ri

MAX_HEADER_ROW = 6
IGNORE = None


class ImportDialog(QDialog):
    def __init__(self, workspace: Workspace, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._path = path
        self._source: ri.ImportSource | None = None
        self._preview: ri.ImportPreview | None = None
        self._progress: DelayedProgress | None = None
        self.changes = None
        self.setWindowTitle(self.tr("导入党员花名册"))
        self.resize(900, 640)

        self.file_label = QLabel(self.tr("文件：{name}").format(name=path.name), self)
        self.sheet = QComboBox(self)
        self.header_row = QSpinBox(self)
        self.header_row.setRange(1, MAX_HEADER_ROW)
        self.header_row.setPrefix(self.tr("第 "))
        self.header_row.setSuffix(self.tr(" 行"))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("工作表"), self))
        top.addWidget(self.sheet)
        top.addWidget(QLabel(self.tr("表头在"), self))
        top.addWidget(self.header_row)

        mapping_box = QGroupBox(self.tr("第一步：核对各列对应的信息（可修改）"), self)
        self.mapping_form = QFormLayout()
        holder = QWidget(self)
        holder.setLayout(self.mapping_form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        QVBoxLayout(mapping_box).addWidget(scroll)
        self._combos: dict[int, QComboBox] = {}

        preview_box = QGroupBox(self.tr("第二步：预览"), self)
        self.preview_button = QPushButton(self.tr("生成预览"), self)
        self.only_problems = QCheckBox(self.tr("只看有问题的行"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview_model = ImportPreviewModel(self)
        self.preview_table = QTableView(self)
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setDefaultSectionSize(24)
        self.preview_table.horizontalHeader().setStretchLastSection(True)  # the problems
        for col, width in enumerate((50, 80, 150, 90, 80, 400)):
            self.preview_table.setColumnWidth(col, width)
        bar = QHBoxLayout()
        bar.addWidget(self.preview_button)
        bar.addWidget(self.only_problems)
        bar.addWidget(self.summary, 1)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addLayout(bar)
        preview_layout.addWidget(self.preview_table)

        self.allow_partial = QCheckBox(self.tr("有问题的行先不导入，只导入无误的行"), self)
        self.import_button = QPushButton(self.tr("第三步：导入"), self)
        self.import_button.setEnabled(False)
        cancel = QPushButton(self.tr("取消"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.allow_partial)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_box, 2)
        layout.addWidget(preview_box, 3)
        layout.addLayout(bottom)

        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._header_changed)
        self.preview_button.clicked.connect(self.make_preview)
        self.only_problems.toggled.connect(self.preview_model.set_only_problems)
        self.import_button.clicked.connect(self.commit)
        cancel.clicked.connect(self.reject)

    # --- step 0: read the file -----------------------------------------------------------
    def load(self) -> bool:
        """Read the workbook (synchronously: the size limit keeps this to seconds)."""
        try:
            self._source = ri.read_workbook(self._path)
        except Exception as exc:
            self._fail(exc)
            return False
        self.sheet.blockSignals(True)
        for sheet in self._source.sheets:
            self.sheet.addItem(sheet.name)
        default = self._source.default_sheet()
        self.sheet.setCurrentText(default.name)
        self.sheet.blockSignals(False)
        self._sheet_changed()
        return True

    def _current_sheet(self) -> ri.SheetData:
        return self._source.sheet(self.sheet.currentText())

    def _sheet_changed(self, *_args) -> None:
        sheet = self._current_sheet()
        self.header_row.blockSignals(True)
        self.header_row.setValue(sheet.header_row or 1)
        self.header_row.blockSignals(False)
        self._header_changed()

    def _header_changed(self, *_args) -> None:
        self._set_preview(None)
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self._combos.clear()
        try:
            labels = self._current_sheet().labels(self.header_row.value())
        except ri.RosterImportError as exc:
            self.summary.setText(error_text(exc) or "")
            return
        proposal = ri.propose_mapping(labels)
        choices = sorted(ri.importable_fields(), key=field_name)
        for col, label in enumerate(labels):
            if not str(label).strip():
                continue
            combo = QComboBox(self)
            combo.addItem(self.tr("（不导入）"), IGNORE)
            for field in choices:
                combo.addItem(field_name(field), field)
            combo.setCurrentIndex(max(combo.findData(proposal.get(col)), 0))
            combo.currentIndexChanged.connect(lambda _i: self._set_preview(None))
            self.mapping_form.addRow(str(label), combo)
            self._combos[col] = combo
        self.summary.setText(self.tr("请核对上面的对应关系，然后生成预览。"))

    def mapping(self) -> dict[int, str | None]:
        return {col: combo.currentData() for col, combo in self._combos.items()}

    # --- step 2: preview -----------------------------------------------------------------
    def make_preview(self) -> None:
        mapping = self.mapping()
        try:
            ri.check_mapping(mapping)
        except ri.RosterImportError as exc:
            self._fail(exc)
            return
        source, sheet, header = self._source, self.sheet.currentText(), self.header_row.value()
        service = self._ws.roster_import

        def work(progress):
            return service.preview(source, sheet, mapping, header_row=header, progress=progress)

        self._run(work, self._set_preview, self.tr("正在检查每一行…"))

    def _set_preview(self, preview) -> None:
        self._preview = preview
        self.preview_model.set_preview(preview)
        self.import_button.setEnabled(preview is not None and preview.valid_count > 0)
        if preview is not None:
            self.summary.setText(
                self.tr(
                    "共 {total} 行：可导入 {ok} 行，有问题 {bad} 行（红色），跳过空行等 {skip} 行。"
                ).format(
                    total=len(preview.rows),
                    ok=preview.valid_count,
                    bad=preview.error_count,
                    skip=preview.skipped_count,
                )
            )

    # --- step 3: commit ------------------------------------------------------------------
    def commit(self) -> None:
        preview = self._preview
        if preview is None:
            return
        if preview.error_count and not self.allow_partial.isChecked():
            QMessageBox.information(
                self,
                self.tr("还有问题行"),
                self.tr(
                    "有 {n} 行有问题。请在Excel中改正后重新导入，或勾选“只导入无误的行”。"
                ).format(n=preview.error_count),
            )
            return
        service, allow = self._ws.roster_import, self.allow_partial.isChecked()

        def work(progress):
            return service.commit(preview, allow_partial=allow, progress=progress)

        self._run(work, self._committed, self.tr("正在导入…"))

    def _committed(self, result) -> None:
        self.changes = result.changes
        QMessageBox.information(
            self, self.tr("导入完成"), self.tr("已导入 {n} 名党员。").format(n=result.count)
        )
        self.accept()

    # --- plumbing ------------------------------------------------------------------------
    def _run(self, work, on_done, label: str) -> None:
        self.setEnabled(False)

        def done(value) -> None:
            self._finish()
            on_done(value)

        def failed(exc) -> None:
            self._finish()
            if not isinstance(exc, Cancelled):
                self._fail(exc)

        task = run_in_background(work, done, failed)
        self._progress = DelayedProgress(self, label, task)

    def _finish(self) -> None:
        self.setEnabled(True)
        if self._progress is not None:
            self._progress.close()
            self._progress = None

    def _fail(self, exc: BaseException) -> None:
        errors.show_error(self, self.tr("无法导入"), exc)

    def reject(self) -> None:
        if not self.isEnabled():  # a preview or commit is running: let it finish first
            return
        super().reject()
