"""导入党员花名册: choose the sheet and header row, correct the column mapping, preview, then
commit all at once. Everything slow — reading the workbook, proposing the mapping, the
preview, the commit — runs off the GUI thread through `run_with_progress`, so the window
keeps painting and Cancel works; the dialog talks to the import only through
`workspace.roster_import`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui import errors
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.models.import_preview_model import (
    FIELD_COLUMN,
    IGNORE_TEXT,
    FieldDelegate,
    ImportMappingModel,
    ImportPreviewModel,
    problems_text,
)
from dangjian_desktop.gui.ops import deliver
from dangjian_desktop.gui.tasks import BackgroundTask, run_with_progress
from dangjian_desktop.messages import error_text, import_field_name
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.roster_import import MappingError, RosterImportError

# Wide enough for the 问题 column and tall enough for several mapping rows, yet inside a
# 1366×768 screen with its taskbar and the window frame.
PREFERRED_SIZE = (1180, 680)
MIN_SIZE = (760, 480)
SCREEN_MARGIN = (40, 80)
HEADER_ROW_DELAY_MS = 300  # typing "12" into the row box proposes once, for row 12
ROW_HEIGHT = 24


class ImportDialog(QDialog):
    loaded = Signal(bool)  # the workbook was read (True), or refused / cancelled (False)

    def __init__(
        self, workspace: Workspace, events: AppEvents, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = workspace.roster_import
        self._events = events
        self._path = path
        self._source = None
        self._preview = None
        self._tasks: set[BackgroundTask] = set()
        self._generation = 0  # bumped when the mapping's inputs change: stale results drop
        self._closing = False
        self.setWindowTitle(self.tr("导入党员花名册"))
        self._body = QWidget(self)  # disabled while the commit runs

        self.file_label = QLabel(self.tr("文件：{name}").format(name=path.name), self._body)
        self.sheet = QComboBox(self._body)
        self.sheet.setMinimumContentsLength(12)
        self.header_row = QSpinBox(self._body)
        self.header_row.setRange(1, 1)
        self.header_row.setPrefix(self.tr("第 "))
        self.header_row.setSuffix(self.tr(" 行"))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("工作表"), self._body))
        top.addWidget(self.sheet)
        top.addWidget(QLabel(self.tr("表头在"), self._body))
        top.addWidget(self.header_row)

        mapping_box = QGroupBox(
            self.tr("第一步：核对各列对应的信息（点击“导入为”一栏可修改）"), self._body
        )
        self.mapping_model = ImportMappingModel(self)
        self.mapping_view = QTableView(mapping_box)
        self.mapping_view.setModel(self.mapping_model)
        choices = [(self.tr(IGNORE_TEXT), None)]
        choices += [(import_field_name(f), f) for f in self._service.importable_fields()]
        self.field_delegate = FieldDelegate(choices, self.mapping_view)
        self.mapping_view.setItemDelegateForColumn(FIELD_COLUMN, self.field_delegate)
        self.mapping_view.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.mapping_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT + 2)
        header = self.mapping_view.horizontalHeader()
        for col, width in enumerate((44, 240, 240, 260)):
            self.mapping_view.setColumnWidth(col, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the example value
        QVBoxLayout(mapping_box).addWidget(self.mapping_view)

        preview_box = QGroupBox(self.tr("第二步：预览"), self._body)
        self.preview_button = QPushButton(self.tr("生成预览"), preview_box)
        self.only_problems = QCheckBox(self.tr("只看有问题的行"), preview_box)
        self.summary = QLabel(preview_box)
        self.summary.setWordWrap(True)
        self.preview_model = ImportPreviewModel(self)
        self.preview_table = QTableView(preview_box)
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.verticalHeader().hide()
        self.preview_table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.preview_table.horizontalHeader().setStretchLastSection(True)  # the problems
        for col, width in enumerate((50, 80, 150, 90, 76)):
            self.preview_table.setColumnWidth(col, width)
        self.detail = QLabel(preview_box)  # the selected row's problems, in full
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(self.preview_button)
        bar.addWidget(self.only_problems)
        bar.addWidget(self.summary, 1)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addLayout(bar)
        preview_layout.addWidget(self.preview_table, 1)
        preview_layout.addWidget(self.detail)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self._body)
        self.splitter.addWidget(mapping_box)
        self.splitter.addWidget(preview_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.allow_partial = QCheckBox(self.tr("有问题的行先不导入，只导入无误的行"), self._body)
        self.import_button = QPushButton(self.tr("第三步：导入"), self._body)
        self.cancel_button = QPushButton(self.tr("取消"), self._body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.allow_partial)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.import_button)

        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addWidget(self.splitter, 1)
        body.addLayout(bottom)
        QVBoxLayout(self).addWidget(self._body)

        self._header_timer = QTimer(self)
        self._header_timer.setSingleShot(True)
        self._header_timer.setInterval(HEADER_ROW_DELAY_MS)
        self._header_timer.timeout.connect(self._header_changed)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(lambda _v: self._header_timer.start())
        self.mapping_model.dataChanged.connect(self._mapping_edited)
        self.mapping_view.clicked.connect(self._mapping_clicked)
        self.preview_button.clicked.connect(self.make_preview)
        self.only_problems.toggled.connect(self.preview_model.set_only_problems)
        self.preview_table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.preview_model.modelReset.connect(lambda: self.detail.clear())
        self.import_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.reject)
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        self.fit_to(screen.availableGeometry())
        self._update_buttons()

    def fit_to(self, avail: QRect) -> None:
        """The preferred size, shrunk to the screen's free area (minus the window frame)."""
        width = max(MIN_SIZE[0], min(PREFERRED_SIZE[0], avail.width() - SCREEN_MARGIN[0]))
        height = max(MIN_SIZE[1], min(PREFERRED_SIZE[1], avail.height() - SCREEN_MARGIN[1]))
        self.setMinimumSize(*MIN_SIZE)
        self.resize(width, height)
        self.splitter.setSizes([height * 9 // 20, height * 11 // 20])

    # --- running work off the GUI thread ---------------------------------------------------
    def is_busy(self) -> bool:
        return bool(self._tasks)

    def _run(self, label, work, on_done, *, on_failed=None, writes=False) -> BackgroundTask:
        """Run work(progress) in the background; on_done gets its result only if nothing the
        mapping depends on changed meanwhile (a stale proposal or preview is dropped)."""
        generation = self._generation
        task = None

        def finish() -> bool:
            self._tasks.discard(task)
            self._update_buttons()
            if self._closing and not self._tasks:
                super(ImportDialog, self).reject()
                return False
            return generation == self._generation and not self._closing

        def done(value) -> None:
            if finish():
                on_done(value)

        def failed(exc: BaseException) -> None:
            if finish() or on_failed is not None:
                self._show_failure(exc)
            if on_failed is not None:
                on_failed()

        def cancelled() -> None:
            finish()
            if on_failed is not None:
                on_failed()

        task = run_with_progress(
            self,
            label,
            work,
            done,
            error_title=self.tr("无法导入"),
            on_error=failed,
            on_cancel=cancelled,
            writes=writes,
        )
        self._tasks.add(task)
        self._update_buttons()
        return task

    def _show_failure(self, exc: BaseException) -> None:
        errors.show_error(self, self.tr("无法导入"), exc)

    def _update_buttons(self) -> None:
        idle = not self._tasks and self._source is not None
        self.preview_button.setEnabled(idle)
        self.import_button.setEnabled(
            idle and self._preview is not None and self._preview.valid_count > 0
        )

    # --- step 0: read the file -------------------------------------------------------------
    def start(self) -> BackgroundTask:
        """Show the dialog (window-modal, no nested event loop as exec() would run) and read
        the file in the background; the dialog deletes itself once closed."""
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open()
        return self.load()

    def load(self) -> BackgroundTask:
        """Read the workbook and propose the mapping in the background; `loaded` says how
        it ended. A file that cannot be read is reported and the dialog closes."""
        service, path = self._service, self._path
        self.summary.setText(self.tr("正在读取“{name}”…").format(name=path.name))

        def work(progress):
            source = service.read_workbook(path, progress=progress)
            sheet = source.default_sheet()
            return source, _propose(service, source, sheet.name, sheet.header_row)

        def failed() -> None:
            self.loaded.emit(False)
            if not self._closing:
                self.reject()

        return self._run(self.tr("正在读取工作簿…"), work, self._loaded, on_failed=failed)

    def _loaded(self, result) -> None:
        self._source, proposal = result
        self.sheet.blockSignals(True)
        for sheet in self._source.sheets:
            self.sheet.addItem(sheet.name)
        self.sheet.setCurrentText(proposal.sheet)
        self.sheet.blockSignals(False)
        self._show_proposal(proposal)
        self.loaded.emit(True)

    def _current_sheet(self):
        return self._source.sheet(self.sheet.currentText())

    def _show_proposal(self, proposal) -> None:
        sheet = self._source.sheet(proposal.sheet)
        self.header_row.blockSignals(True)
        self.header_row.setRange(1, max(1, len(sheet.rows)))
        self.header_row.setValue(proposal.header_row)
        self.header_row.blockSignals(False)
        self.mapping_model.set_proposal(proposal)
        self._set_preview(None)
        if sheet.header_row is None and "name" not in proposal.fields.values():
            self.summary.setText(error_text(MappingError("no_header")))
        elif proposal.by_values:
            self.summary.setText(
                self.tr("请核对上面的对应关系（浅蓝色的列是按内容识别的），然后生成预览。")
            )
        else:
            self.summary.setText(self.tr("请核对上面的对应关系，然后生成预览。"))

    def _repropose(self, header_row: int | None) -> None:
        self._generation += 1
        self._set_preview(None)
        service, source, sheet = self._service, self._source, self.sheet.currentText()
        self._run(
            self.tr("正在识别各列…"),
            lambda _progress: _propose(service, source, sheet, header_row),
            self._show_proposal,
        )

    def _sheet_changed(self, *_args) -> None:
        if self._source is not None:
            self._header_timer.stop()
            self._repropose(self._current_sheet().header_row)

    def _header_changed(self) -> None:
        if self._source is not None:
            self._repropose(self.header_row.value())

    def _mapping_edited(self, *_args) -> None:
        self._generation += 1  # a preview being made for the old mapping is dropped
        self._set_preview(None)
        self.summary.setText(self.tr("对应关系已修改，请重新生成预览。"))

    def _mapping_clicked(self, index: QModelIndex) -> None:
        if index.column() == FIELD_COLUMN:  # one click opens the list, as a combo box does
            self.mapping_view.edit(index)
            editor = self.mapping_view.indexWidget(index)
            if isinstance(editor, QComboBox):
                QTimer.singleShot(0, editor.showPopup)

    def mapping(self) -> dict[int, str | None]:
        return self.mapping_model.mapping()

    def field_choices(self) -> list[str]:
        """The 导入为 list as the user sees it."""
        return [text for text, _field in self.field_delegate.choices]

    # --- step 2: preview -------------------------------------------------------------------
    def make_preview(self) -> None:
        if self._source is None or self._tasks:
            return
        mapping, sheet, header = self.mapping(), self.sheet.currentText(), self.header_row.value()
        try:
            self._service.check_mapping(self._source, sheet, mapping, header)
        except RosterImportError as exc:
            self._show_failure(exc)
            return
        service, source = self._service, self._source

        def work(progress):
            return service.preview(source, sheet, mapping, header_row=header, progress=progress)

        self._run(self.tr("正在检查每一行…"), work, self._set_preview)

    def _set_preview(self, preview) -> None:
        self._preview = preview
        self.preview_model.set_preview(preview)
        self._update_buttons()
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

    def _show_detail(self, current: QModelIndex, _previous=None) -> None:
        row = self.preview_model.row_at(current.row())
        text = problems_text(row) if row is not None else ""
        self.detail.setText(
            self.tr("第 {n} 行：{text}").format(n=row.row_number, text=text) if text else ""
        )

    # --- step 3: commit --------------------------------------------------------------------
    def commit(self) -> None:
        preview = self._preview
        if preview is None or self._tasks:
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
        service, allow = self._service, self.allow_partial.isChecked()

        def work(progress):
            return service.commit(preview, allow_partial=allow, progress=progress)

        def ended() -> None:
            self._body.setEnabled(True)

        self._body.setEnabled(False)
        self._run(self.tr("正在导入…"), work, self._committed, on_failed=ended, writes=True)

    def _committed(self, result) -> None:
        self._body.setEnabled(True)
        deliver(self._events, (result, result.changes), self._told_and_closed)

    def _told_and_closed(self, result) -> None:
        QMessageBox.information(
            self, self.tr("导入完成"), self.tr("已导入 {n} 名党员。").format(n=result.count)
        )
        self.accept()

    def reject(self) -> None:
        """取消/Esc: stop what is running (a commit rolls back), then close."""
        if self._tasks:
            self._closing = True
            for task in self._tasks:
                task.cancel()
            return
        super().reject()


def _propose(service, source, sheet: str, header_row: int | None):
    """The proposal for a header row; without one (none detected), row 1's, for the user to
    correct by choosing the row."""
    return service.propose_mapping(source, sheet, header_row or 1)
