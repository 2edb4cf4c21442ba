"""决议与表决: the resolutions of a meeting, one at a time (a list on the left, its vote on
the right), and below them, at once and in words, whether the meeting could decide and
whether each motion passed (export/vote_words: the same sentences as the 会议记录).

The quorum is computed here from the sign-in list and the roster of the meeting date
(domain meeting_rules.quorum), so the statement follows every key pressed; the service
checks the same rules again when saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.meeting_rules import Quorum, counts_written_opinions, vote_outcome
from dangjian_desktop.domain.meetings import Resolution, ResolutionKind
from dangjian_desktop.export import vote_words
from dangjian_desktop.export.labels import RESOLUTION_KIND

METHODS = ("举手表决", "无记名投票", "鼓掌通过")
# Error path keys "resolutions.N.<key>" → the field showing it.
_COUNT_MAX = 100_000


class ResolutionsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resolutions: list[Resolution] = []
        self._quorum: Callable[[], tuple[Quorum, int]] | None = None
        self._loading = False
        self._read_only = False
        self.list = QListWidget(self)
        self.list.setMaximumWidth(220)
        self.add_button = QPushButton(self.tr("添加决议事项"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.add_button.clicked.connect(self.add_resolution)
        self.remove_button.clicked.connect(self.remove_current)

        self.title = QLineEdit(self)
        self.title.setObjectName("resolution_title")
        self.kind = QComboBox(self)
        for value, label in RESOLUTION_KIND.items():
            self.kind.addItem(self.tr(label), value.value)
        self.voted = QCheckBox(self.tr("经表决（不勾选：未经表决的决定事项）"), self)
        self.method = QComboBox(self)
        self.method.setEditable(True)
        self.method.addItems(METHODS)
        self.yes, self.no, self.abstain = (self._spin() for _ in range(3))
        self.written_yes, self.written_no, self.written_abstain = (self._spin() for _ in range(3))
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.written_hint = QLabel(self)
        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("errorText")
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()

        self.detail = QGroupBox(self.tr("所选决议事项"), self)
        form = QFormLayout(self.detail)
        form.addRow(self.tr("事项"), self.title)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow("", self.voted)
        form.addRow(self.tr("表决方式"), self.method)
        votes = QHBoxLayout()
        for label, spin in (
            (self.tr("赞成"), self.yes),
            (self.tr("反对"), self.no),
            (self.tr("弃权"), self.abstain),
        ):
            votes.addWidget(QLabel(label, self.detail))
            votes.addWidget(spin)
        votes.addStretch(1)
        form.addRow(self.tr("到会表决"), votes)
        written = QHBoxLayout()
        for label, spin in (
            (self.tr("赞成"), self.written_yes),
            (self.tr("反对"), self.written_no),
            (self.tr("弃权"), self.written_abstain),
        ):
            written.addWidget(QLabel(label, self.detail))
            written.addWidget(spin)
        written.addStretch(1)
        form.addRow(self.tr("书面意见"), written)
        form.addRow("", self.written_hint)
        form.addRow(self.tr("决议内容"), self.text)

        self.statement = QLabel(self)
        self.statement.setObjectName("voteStatement")
        self.statement.setWordWrap(True)
        self.statement.setStyleSheet(
            "QLabel#voteStatement { background: #f4f7fb; border: 1px solid #c8d3e0; padding: 6px; }"
        )
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addWidget(self.detail, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.errors_label)
        layout.addWidget(QLabel(self.tr("表决情况（随出席和票数即时计算）"), self))
        layout.addWidget(self.statement)

        self.list.currentRowChanged.connect(self._show_current)
        self.title.textEdited.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        self.voted.toggled.connect(self._edited)
        self.method.editTextChanged.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        for spin in self._spins():
            spin.valueChanged.connect(self._edited)
        self._show_current(-1)

    def _spin(self) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, _COUNT_MAX)
        spin.setMinimumWidth(64)
        return spin

    def _spins(self) -> tuple[QSpinBox, ...]:
        return (
            self.yes,
            self.no,
            self.abstain,
            self.written_yes,
            self.written_no,
            self.written_abstain,
        )

    # --- loading and reading --------------------------------------------------------------
    def set_quorum_source(self, source: Callable[[], tuple[Quorum, int]]) -> None:
        """source() → (the quorum now, entitled members excluded with approval)."""
        self._quorum = source

    def set_resolutions(self, resolutions: tuple[Resolution, ...]) -> None:
        self.resolutions = list(resolutions)
        self.list.clear()
        for res in self.resolutions:
            self.list.addItem(res.title or self.tr("（未填写事项）"))
        self.list.setCurrentRow(0 if self.resolutions else -1)
        self._show_current(self.list.currentRow())
        self.update_statement()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and bool(self.resolutions))
        self.detail.setEnabled(not read_only and self.list.currentRow() >= 0)

    def add_resolution(self) -> None:
        self.resolutions.append(Resolution(title=""))
        self.list.addItem(self.tr("（未填写事项）"))
        self.list.setCurrentRow(len(self.resolutions) - 1)
        self.title.setFocus()
        self.changed.emit()
        self.update_statement()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self.resolutions[row]
        self.list.takeItem(row)
        self._show_current(self.list.currentRow())
        self.changed.emit()
        self.update_statement()

    def _show_current(self, row: int) -> None:
        self._loading = True
        try:
            res = self.resolutions[row] if 0 <= row < len(self.resolutions) else Resolution("")
            self.title.setText(res.title)
            self.kind.setCurrentIndex(max(self.kind.findData(res.kind.value), 0))
            self.voted.setChecked(res.voted)
            self.method.setEditText(res.method)
            self.yes.setValue(res.yes)
            self.no.setValue(res.no)
            self.abstain.setValue(res.abstain)
            self.written_yes.setValue(res.written_yes)
            self.written_no.setValue(res.written_no)
            self.written_abstain.setValue(res.written_abstain)
            self.text.setPlainText(res.text)
        finally:
            self._loading = False
        self.detail.setEnabled(0 <= row < len(self.resolutions) and not self._read_only)
        self.remove_button.setEnabled(row >= 0 and not self._read_only)
        self._update_enabled()

    def _update_enabled(self) -> None:
        voted = self.voted.isChecked()
        kind = ResolutionKind(self.kind.currentData())
        written = counts_written_opinions(Resolution("", kind=kind))
        self.method.setEnabled(voted)
        for spin in (self.yes, self.no, self.abstain):
            spin.setEnabled(voted)
        for spin in (self.written_yes, self.written_no, self.written_abstain):
            spin.setEnabled(voted and written)
        self.written_hint.setText(
            self.tr("书面意见计入票数（接收预备党员、预备党员转正、延长预备期）。")
            if written
            else self.tr("此类事项不计书面意见。")
        )

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        row = self.list.currentRow()
        if not 0 <= row < len(self.resolutions):
            return
        voted = self.voted.isChecked()
        self.resolutions[row] = replace(
            self.resolutions[row],
            title=self.title.text(),
            kind=ResolutionKind(self.kind.currentData()),
            voted=voted,
            method=self.method.currentText() if voted else "",
            yes=self.yes.value() if voted else 0,
            no=self.no.value() if voted else 0,
            abstain=self.abstain.value() if voted else 0,
            **self._written(voted),
            text=self.text.toPlainText(),
        )
        self.list.item(row).setText(self.title.text() or self.tr("（未填写事项）"))
        self._update_enabled()
        self.changed.emit()
        self.update_statement()

    def _written(self, voted: bool) -> dict[str, int]:
        kind = ResolutionKind(self.kind.currentData())
        keep = voted and counts_written_opinions(Resolution("", kind=kind))
        return {
            "written_yes": self.written_yes.value() if keep else 0,
            "written_no": self.written_no.value() if keep else 0,
            "written_abstain": self.written_abstain.value() if keep else 0,
        }

    # --- the statement --------------------------------------------------------------------
    def statement_lines(self) -> list[str]:
        if self._quorum is None:
            return []
        q, excluded = self._quorum()
        lines = [vote_words.quorum_statement(q, excluded)]
        for i, res in enumerate(self.resolutions, start=1):
            outcome = vote_outcome(res, q)
            title = res.title.strip() or self.tr("（未填写事项）")
            line = self.tr("{i}. {title}：").format(i=i, title=title)
            if res.voted:
                line += vote_words.vote_counts(res) + "。"
                cast = res.yes + res.no + res.abstain
                if cast > q.present:
                    line += self.tr(
                        "票数合计 {cast} 票，多于到会有表决权的党员 {present} 人，请核对。"
                    ).format(cast=cast, present=q.present)
            line += vote_words.vote_statement(res, q, outcome)
            written = vote_words.written_statement(res)
            if written:
                line += written
            lines.append(line)
        return lines

    def update_statement(self) -> None:
        self.statement.setText("\n".join(self.statement_lines()))

    def show_errors(self, errors: list[tuple[int, str, str]]) -> None:
        lines = [
            self.tr("第 {i} 项决议：{msg}").format(i=row + 1, msg=message)
            for row, _key, message in errors
        ]
        self.errors_label.setText("\n".join(lines))
        self.errors_label.setVisible(bool(lines))
        if errors and 0 <= errors[0][0] < len(self.resolutions):
            self.list.setCurrentRow(errors[0][0])
