"""积分明细 of one member for one period (every entry behind the total, what each cap cut),
and 三评评分 (one grid per kind of 评 for a period)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.points import Evaluation, EvaluationKind, PeriodKey
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.points.common import (
    EVALUATION_NAMES,
    active_members,
    parse_points,
    period_text,
    points_text,
)
from dangjian_desktop.gui.widgets.date_field import error_message
from dangjian_desktop.services import Workspace

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CAPPED = QBrush(QColor("#a61b1b"))
_HEAD = QBrush(QColor("#eef2f7"))
HEADERS = ("日期", "积分项目", "记分", "计入", "封顶未计", "来源 / 说明")


def _cell(text: str, *, right: bool = False, head: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if right:
        item.setTextAlignment(_RIGHT)
    if head:
        item.setBackground(_HEAD)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


class StatementDialog(QDialog):
    def __init__(
        self, ws: Workspace, member_id: int, period: PeriodKey, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.statement = ws.points.statement(member_id, period)
        name = next((m.name for m in active_members(ws) if m.id == member_id), "")
        if not name:
            name = ws.members.get(member_id).name
        self.setWindowTitle(
            self.tr("积分明细：{name}（{period}）").format(name=name, period=period_text(period))
        )
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        st = self.statement
        for category in st.categories:
            title = category.category.name if category.category else self.tr("已移出方案的项目")
            self.model.appendRow(
                [
                    _cell(title, head=True),
                    _cell("", head=True),
                    _cell("", head=True),
                    _cell(points_text(category.counted, signed=True), right=True, head=True),
                    _cell(
                        points_text(category.capped) if category.capped else "",
                        right=True,
                        head=True,
                    ),
                    _cell("", head=True),
                ]
            )
            for rule in category.rules:
                rule_name = rule.rule.name if rule.rule else rule.code
                cap = self.tr("每期封顶 {c} 分").format(c=points_text(rule.cap)) if rule.cap else ""
                for line in rule.lines:
                    e = line.entry
                    source = self.tr("自动：会议签到") if e.derived else self.tr("手工录入")
                    extra = "；".join(x for x in (source, e.override_reason, e.note, cap) if x)
                    capped = _cell(points_text(line.capped) if line.capped else "", right=True)
                    if line.capped:
                        capped.setForeground(_CAPPED)
                    self.model.appendRow(
                        [
                            _cell(e.date.isoformat()),
                            _cell(rule_name),
                            _cell(points_text(e.points, signed=True), right=True),
                            _cell(points_text(line.counted, signed=True), right=True),
                            capped,
                            _cell(extra),
                        ]
                    )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for column, width in enumerate((96, 240, 56, 56, 72)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        ev = st.evaluation
        parts = [
            self.tr("基础分 {b}").format(b=points_text(st.base)),
            self.tr("加分 {v}").format(v=points_text(st.bonus, signed=True)),
            self.tr("扣分 {v}").format(v=points_text(st.deductions)),
        ]
        if st.capped:
            parts.append(self.tr("封顶未计 {v}").format(v=points_text(st.capped)))
        if ev.score is not None:
            parts.append(
                self.tr("三评 {s} 分折合 {p}").format(
                    s=points_text(ev.score), p=points_text(ev.points, signed=True)
                )
            )
        if st.floor_added:
            parts.append(self.tr("按最低分补足 {v}").format(v=points_text(st.floor_added)))
        if st.ceiling_cut:
            parts.append(self.tr("超过最高分未计 {v}").format(v=points_text(st.ceiling_cut)))
        self.summary = QLabel("　".join(parts), self)
        self.summary.setWordWrap(True)
        stars = "★" * st.stars if st.stars else self.tr("未达星级")
        counted = "" if st.counted else self.tr("（免于计分，不计入排名）")
        self.total = QLabel(
            self.tr("总分 {t}　{stars}{counted}").format(
                t=points_text(st.total), stars=stars, counted=counted
            ),
            self,
        )
        self.total.setObjectName("statementTotal")
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.total.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        self.heading = QLabel(
            self.tr("{name}　{period}积分明细").format(name=name, period=period_text(period)), self
        )
        head_font = self.heading.font()
        head_font.setBold(True)
        self.heading.setFont(head_font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self.resize(880, 640)


class EvaluationDialog(QDialog):
    """三评评分 of a period: a grid of members per kind, a score 0–100 (empty: not held)."""

    def __init__(
        self, ws: Workspace, events: AppEvents, period: PeriodKey, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._events, self.period = ws, events, period
        self.setWindowTitle(self.tr("三评评分（{p}）").format(p=period_text(period)))
        self.members = active_members(ws)
        stored: dict[tuple[EvaluationKind, int], list] = {}
        for e in ws.points.evaluations(period):
            stored.setdefault((e.kind, e.member_id), []).append(e.score)
        self.tabs = QTabWidget(self)
        self.models: dict[EvaluationKind, QStandardItemModel] = {}
        self.tables: dict[EvaluationKind, QTableView] = {}
        for kind, words in EVALUATION_NAMES.items():
            model = QStandardItemModel(0, 3, self)
            model.setHorizontalHeaderLabels(
                [self.tr("姓名"), self.tr("评分（0–100）"), self.tr("说明")]
            )
            for m in self.members:
                scores = stored.get((kind, m.id), [])
                average = sum(scores) / len(scores) if scores else None
                name = _cell(m.name)
                score = QStandardItem(points_text(average) if average is not None else "")
                score.setTextAlignment(_RIGHT)
                note = _cell(
                    self.tr("{n} 人评分的平均").format(n=len(scores)) if len(scores) > 1 else ""
                )
                model.appendRow([name, score, note])
            table = QTableView(self)
            table.setModel(model)
            table.verticalHeader().hide()
            table.setColumnWidth(0, 120)
            table.setColumnWidth(1, 120)
            table.horizontalHeader().setStretchLastSection(True)
            self.models[kind] = model
            self.tables[kind] = table
            self.tabs.addTab(table, self.tr(words))
        self.summary = QLabel(self)
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        for button in buttons.buttons():  # Return commits a cell, it does not save
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("不填表示该项未开展；权重在“积分方案”中设置。"), self))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def _scores(self, kind) -> tuple[list[Evaluation], list[int], list[str]]:
        model = self.models[kind]
        scores, rows, bad = [], [], []
        for row, m in enumerate(self.members):
            text = model.item(row, 1).text()
            try:
                value = parse_points(text)
            except ValueError:
                bad.append(
                    self.tr("{k}·{name}：请填写数字").format(k=EVALUATION_NAMES[kind], name=m.name)
                )
                continue
            if value is not None:
                scores.append(Evaluation(m.id, self.period, kind, value))
                rows.append(row)
        return scores, rows, bad

    def save(self) -> None:
        editor = QApplication.focusWidget()
        for table in self.tables.values():  # a cell still being typed counts
            if table.state() == QAbstractItemView.State.EditingState and editor is not None:
                table.commitData(editor)
        lines: list[str] = []
        batches = []
        for kind in self.models:
            scores, rows, bad = self._scores(kind)
            lines.extend(bad)
            batches.append((kind, scores, rows))
        if lines:
            self._say(lines)
            return
        for kind, scores, rows in batches:

            def shown(exc, kind=kind, rows=rows) -> None:
                errors = getattr(exc, "errors", [])
                self._say([self._line(kind, rows, e) for e in errors] or [str(exc)])

            ok = run_op(
                self,
                self._events,
                lambda kind=kind, scores=scores: self._ws.points.set_evaluations(
                    self.period, kind, scores
                ),
                on_error=shown,
                title=self.tr("无法保存三评评分"),
            )
            if not ok:
                self.tabs.setCurrentWidget(self.tables[kind])
                return
        self.accept()

    def _line(self, kind, rows: list[int], error: FieldError) -> str:
        parts = error.field.split(".")
        name = ""
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(rows):
            name = self.members[rows[int(parts[1])]].name
        return f"{EVALUATION_NAMES[kind]}·{name}：{error_message(error)}"

    def _say(self, lines: list[str]) -> None:
        self.summary.setText("\n".join(lines))
        self.summary.show()
