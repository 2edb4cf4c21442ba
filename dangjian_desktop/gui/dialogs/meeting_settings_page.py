"""设置 → 会议频次与主题党日: the frequency table the compliance calendar and the 工作台
reminders check against, and the branch's 主题党日 day types (both data, shipped with the
defaults of the domain brief §1.1; ws.meetings.set_frequencies / set_theme_tags)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.meeting_calendar import (
    COUNT_MAX,
    COUNT_MIN,
    validate_frequencies,
    validate_theme_tags,
)
from dangjian_desktop.domain.meetings import FrequencyRule, MeetingType, Period
from dangjian_desktop.export.labels import MEETING_TYPE
from dangjian_desktop.gui.dialogs.settings_dialog import SettingsPage
from dangjian_desktop.messages import field_error_text
from dangjian_desktop.services import Changes

PERIODS = {Period.MONTH: "每月", Period.QUARTER: "每季度", Period.YEAR: "每年"}
TYPE_COL, PERIOD_COL, COUNT_COL, GROUP_COL, NOTE_COL = range(5)


class MeetingRulesPage(SettingsPage):
    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._rules = workspace.meetings.frequencies()
        self._tags = workspace.meetings.theme_tags()
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("会议类型"),
                self.tr("周期"),
                self.tr("次数"),
                self.tr("每个党小组"),
                self.tr("依据/说明"),
            ]
        )
        self.table.verticalHeader().setDefaultSectionSize(30)
        for column, width in ((TYPE_COL, 110), (PERIOD_COL, 76), (COUNT_COL, 56), (GROUP_COL, 76)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(NOTE_COL, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("添加一行"), self)
        self.remove_button = QPushButton(self.tr("删除所选行"), self)
        self.add_button.clicked.connect(
            lambda: self._add_row(FrequencyRule(MeetingType.OTHER, Period.MONTH))
        )
        self.remove_button.clicked.connect(self._remove_row)
        self.rules_error = QLabel(self)
        self.rules_error.setObjectName("errorText")
        self.rules_error.setWordWrap(True)
        self.rules_error.hide()
        self.tags = QPlainTextEdit(self)
        self.tags.setTabChangesFocus(True)
        self.tags.setPlainText("\n".join(self._tags))
        self.tags.setMaximumHeight(110)
        self.tags_error = QLabel(self)
        self.tags_error.setObjectName("errorText")
        self.tags_error.setWordWrap(True)
        self.tags_error.hide()
        for rule in self._rules:
            self._add_row(rule)

        rules_box = QGroupBox(self.tr("会议频次（年度落实情况和工作台提醒据此检查）"), self)
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        rules_layout.addLayout(buttons)
        rules_layout.addWidget(self.rules_error)
        tags_box = QGroupBox(self.tr("主题党日类型（每行一个）"), self)
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.addWidget(self.tags)
        tags_layout.addWidget(self.tags_error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(rules_box, 1)
        layout.addWidget(tags_box)

    def _add_row(self, rule: FrequencyRule) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        kind = QComboBox(self.table)
        for value, label in MEETING_TYPE.items():
            kind.addItem(self.tr(label), value.value)
        kind.setCurrentIndex(max(kind.findData(rule.type.value), 0))
        period = QComboBox(self.table)
        for value, label in PERIODS.items():
            period.addItem(self.tr(label), value.value)
        period.setCurrentIndex(max(period.findData(rule.period.value), 0))
        count = QSpinBox(self.table)
        count.setRange(COUNT_MIN, COUNT_MAX)
        count.setValue(rule.count)
        count.setSuffix(self.tr(" 次"))
        per_group = QCheckBox(self.table)
        per_group.setChecked(rule.per_group)
        note = QLineEdit(rule.note, self.table)
        for column, widget in enumerate((kind, period, count, per_group, note)):
            self.table.setCellWidget(r, column, widget)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rules(self) -> list[FrequencyRule]:
        found = []
        for r in range(self.table.rowCount()):
            cell = self.table.cellWidget
            found.append(
                FrequencyRule(
                    MeetingType(cell(r, TYPE_COL).currentData()),
                    Period(cell(r, PERIOD_COL).currentData()),
                    cell(r, COUNT_COL).value(),
                    cell(r, GROUP_COL).isChecked(),
                    cell(r, NOTE_COL).text().strip(),
                )
            )
        return found

    def tag_names(self) -> list[str]:
        return [line.strip() for line in self.tags.toPlainText().splitlines() if line.strip()]

    def check(self) -> bool:
        rule_errors = validate_frequencies(self.rules())
        tag_errors = validate_theme_tags(self.tag_names())
        self.rules_error.setText(
            "\n".join(
                self.tr("第 {row} 行：{msg}").format(
                    row=int(e.field.split(".")[1]) + 1, msg=field_error_text(e)
                )
                for e in rule_errors
            )
        )
        self.rules_error.setVisible(bool(rule_errors))
        self.tags_error.setText("\n".join(self._tag_line(e) for e in tag_errors))
        self.tags_error.setVisible(bool(tag_errors))
        return not rule_errors and not tag_errors

    def _tag_line(self, error) -> str:
        parts = error.field.split(".")
        if len(parts) == 2 and parts[1].isdigit():
            return self.tr("第 {row} 行：{msg}").format(
                row=int(parts[1]) + 1, msg=field_error_text(error)
            )
        return field_error_text(error)

    def save(self) -> Changes:
        changes = Changes()
        rules = self.rules()
        if rules != self._rules:
            changes = changes | self._ws.meetings.set_frequencies(rules)
            self._rules = rules
        tags = self.tag_names()
        if tags != self._tags:
            changes = changes | self._ws.meetings.set_theme_tags(tags)
            self._tags = tags
        return changes
