"""操作记录 (帮助 → 操作记录…): who changed what, newest first, filtered by days, kind of
action and a search text (operator, member by name/pinyin/ID tail/phone, a field's name).

Read-only. The filtering and paging are SQL (ws.audit); a search waits for a pause in the
typing, so 100,000 rows never make the keys lag.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.audit_text import ACTION_GROUPS, search_for
from dangjian_desktop.domain.audit import AuditFilter
from dangjian_desktop.gui.models.audit_table_model import WIDTHS, AuditTableModel
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.services.audit_service import MAX_NAMED_MEMBERS

SEARCH_DELAY_MS = 300


class AuditDialog(QDialog):
    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audit = workspace.audit
        self.setWindowTitle(self.tr("操作记录"))
        self.resize(1100, 620)

        self.since = DateField(self)
        self.since.setObjectName("since")
        self.until = DateField(self)
        self.until.setObjectName("until")
        self.action = QComboBox(self)
        self.action.addItem(self.tr("全部操作"), ())
        for label, codes in ACTION_GROUPS:
            self.action.addItem(self.tr(label), codes)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("操作人、党员姓名或拼音、改动的项目…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)

        bar = QHBoxLayout()
        for text, widget in (
            (self.tr("日期从(&F)"), self.since),
            (self.tr("到(&T)"), self.until),
            (self.tr("操作(&A)"), self.action),
            (self.tr("查找(&S)"), self.search),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 2 if widget is self.search else 0)

        self.model = AuditTableModel(self._audit, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.summary = QLabel(self)
        self.note = QLabel(self)
        self.note.setObjectName("errorText")
        self.note.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "记录中只保存党员的编号，不保存姓名、身份证号等个人信息；"
                "这里显示的姓名取自当前名册。"
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)

        footer = QHBoxLayout()
        footer.addWidget(self.summary)
        footer.addWidget(self.note, 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(footer)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.since.dateChanged.connect(lambda _d: self.apply_filter())
        self.until.dateChanged.connect(lambda _d: self.apply_filter())
        self.action.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self._show_summary()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_filter(self) -> AuditFilter:
        """What the widgets ask for; a date that is not a date yet (being typed) is left out."""
        text = self.search.text().strip()
        members = self._audit.members_matching(text) if text else ()
        self._too_many = len(members) > MAX_NAMED_MEMBERS
        return AuditFilter(
            since=None if self.since.is_invalid() else self.since.date_or_none(),
            until=None if self.until.is_invalid() else self.until.date_or_none(),
            actions=tuple(self.action.currentData() or ()),
            search=search_for(text, members[:MAX_NAMED_MEMBERS]) if text else None,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("共 {n} 条").format(n=self.model.rowCount()))
        if getattr(self, "_too_many", False):
            self.note.setText(
                self.tr(
                    "与“{text}”相符的党员超过 {n} 名，只按前 {n} 名查找；请输入完整姓名。"
                ).format(text=self.search.text().strip(), n=MAX_NAMED_MEMBERS)
            )
        else:
            self.note.clear()
