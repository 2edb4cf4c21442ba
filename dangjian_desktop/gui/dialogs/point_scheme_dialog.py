"""积分方案 of one year: categories, items (points, sign, cap, evidence), base, floor,
ceiling, period, exempt members, 三评 weights and star bands. Saved as a whole
(ws.points.save_scheme); errors at their field or table row ("rules.3.cap")."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.points import (
    Category,
    EvaluationKind,
    MemberKind,
    Rule,
    Scheme,
    ScoringPeriod,
    Sign,
    StarBand,
)
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.points.common import (
    EVALUATION_NAMES,
    PERIOD_NAMES,
    SIGN_NAMES,
    parse_points,
    points_text,
)
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.gui.widgets.rows_table import Column, Kind, RowsTable
from dangjian_desktop.services import Workspace

YES_NO = (("no", "否"), ("yes", "是"))
EXEMPT_NAMES = {MemberKind.RETIRED: "离退休党员", MemberKind.MOBILE: "流动党员"}


class PointSchemeDialog(QDialog):
    def __init__(
        self, ws: Workspace, events: AppEvents, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._events, self.year = ws, events, year
        self.scheme = ws.points.scheme(year)
        self.setWindowTitle(self.tr("{year} 年积分方案").format(year=year))
        self.summary = QLabel(self)
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.errors = FieldErrorLabels(self, summary=self.summary)
        self.tabs = QTabWidget(self)

        # 项目 (rules) and 类别 (categories)
        self.categories = RowsTable(
            [
                Column("code", self.tr("编号"), width=90),
                Column("name", self.tr("类别名称"), width=140),
                Column("note", self.tr("说明"), width=240),
            ],
            self.tr("添加类别"),
            self,
        )
        self.rules = RowsTable(self._rule_columns(), self.tr("添加项目"), self)
        self.rules.view.setMinimumWidth(900)
        self.errors.add_table("categories", self.categories)
        self.errors.add_table("rules", self.rules)
        self.tabs.addTab(self.rules, self.tr("积分项目"))
        self.tabs.addTab(self.categories, self.tr("类别"))
        self.categories.edited.connect(self._categories_edited)

        # 计分规则
        general = QWidget(self)
        form = QFormLayout(general)
        self.name = QLineEdit(general)
        self.name.setMaxLength(60)
        self.base = QLineEdit(general)
        self.floor = QLineEdit(general)
        self.floor.setPlaceholderText(self.tr("不设则留空"))
        self.ceiling = QLineEdit(general)
        self.ceiling.setPlaceholderText(self.tr("不设则留空"))
        self.period = QComboBox(general)
        for value, words in PERIOD_NAMES.items():
            self.period.addItem(self.tr(words), value.value)
        self.exempt: dict[MemberKind, QCheckBox] = {}
        exempt_row = QHBoxLayout()
        for kind, words in EXEMPT_NAMES.items():
            box = QCheckBox(self.tr(words), general)
            self.exempt[kind] = box
            exempt_row.addWidget(box)
        exempt_row.addStretch(1)
        self.evaluation_points = QLineEdit(general)
        self.weights: dict[EvaluationKind, QLineEdit] = {}
        weights_row = QHBoxLayout()
        for kind, words in EVALUATION_NAMES.items():
            edit = QLineEdit(general)
            edit.setMaximumWidth(70)
            self.weights[kind] = edit
            weights_row.addWidget(QLabel(self.tr(words), general))
            weights_row.addWidget(edit)
        weights_row.addStretch(1)
        weights_box = QWidget(general)
        weights_box.setLayout(weights_row)
        form.addRow(self.tr("方案名称"), self.name)
        e = self.errors
        e.add(form, "base", self.base, self.tr("基础分"))
        e.add(form, "floor", self.floor, self.tr("最低分"))
        e.add(form, "ceiling", self.ceiling, self.tr("最高分"))
        e.add(form, "period", self.period, self.tr("计分周期"))
        form.addRow(self.tr("不计分（免于排名）"), exempt_row)
        e.add(form, "evaluation_points", self.evaluation_points, self.tr("三评满分折合"))
        e.add(form, "evaluation_weights", weights_box, self.tr("三评权重（合计为 1）"))
        self.bands = RowsTable(
            [
                Column("stars", self.tr("星级"), Kind.NUMBER, width=70),
                Column("low", self.tr("分数下限（含）"), Kind.NUMBER, width=120),
                Column("high", self.tr("分数上限（不含）"), Kind.NUMBER, width=130),
            ],
            self.tr("添加档次"),
            general,
        )
        e.add_table("star_bands", self.bands)
        bands_box = QGroupBox(self.tr("星级档次"), general)
        QVBoxLayout(bands_box).addWidget(self.bands)
        form.addRow(bands_box)
        self.tabs.addTab(general, self.tr("计分规则与星级"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存方案"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("修改方案不改动已记的积分：每条记录保留录入时的分值。"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)
        self._load(self.scheme)

    def _category_choices(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (values["code"], values["name"] or values["code"])
            for _id, values in self.categories.rows()
            if values["code"]
        )

    def _rule_columns(self, choices=None) -> list[Column]:
        if choices is None:
            choices = tuple((c.code, c.name) for c in self.scheme.categories)
        return [
            Column("code", self.tr("编号"), width=60),
            Column("category", self.tr("类别"), Kind.CHOICE, choices, width=100),
            Column("name", self.tr("项目名称"), width=240),
            Column("points", self.tr("每次分值"), Kind.NUMBER, width=70),
            Column(
                "sign",
                self.tr("加/扣"),
                Kind.CHOICE,
                tuple((s.value, self.tr(w)) for s, w in SIGN_NAMES.items()),
                width=60,
            ),
            Column("cap", self.tr("每期封顶"), Kind.NUMBER, width=70),
            Column("evidence", self.tr("需证明"), Kind.CHOICE, YES_NO, width=60),
            Column("retired", self.tr("停用"), Kind.CHOICE, YES_NO, width=50),
            Column("note", self.tr("依据或说明"), width=200),
        ]

    def _categories_edited(self) -> None:
        """A category added or renamed is offered in the items' 类别 column at once."""
        choices = self._category_choices()
        columns = self._rule_columns(choices)
        self.rules.model.columns[1] = columns[1]
        delegate = self.rules.view.itemDelegate()
        delegate._columns[1] = columns[1]

    def _load(self, scheme: Scheme) -> None:
        self.name.setText(scheme.name)
        self.categories.set_rows(
            [(None, {"code": c.code, "name": c.name, "note": c.note}) for c in scheme.categories]
        )
        self.rules.set_rows(
            [
                (
                    r.id,
                    {
                        "code": r.code,
                        "category": r.category,
                        "name": r.name,
                        "points": points_text(r.points),
                        "sign": r.sign.value,
                        "cap": points_text(r.cap),
                        "evidence": "yes" if r.evidence_required else "no",
                        "retired": "yes" if r.retired else "no",
                        "note": r.note,
                    },
                )
                for r in scheme.rules
            ]
        )
        self.base.setText(points_text(scheme.base))
        self.floor.setText(points_text(scheme.floor))
        self.ceiling.setText(points_text(scheme.ceiling))
        self.period.setCurrentIndex(self.period.findData(scheme.period.value))
        for kind, box in self.exempt.items():
            box.setChecked(kind in scheme.exempt_kinds)
        self.evaluation_points.setText(points_text(scheme.evaluation_points))
        for kind, edit in self.weights.items():
            edit.setText(points_text(scheme.weight(kind)))
        self.bands.set_rows(
            [
                (
                    None,
                    {"stars": str(b.stars), "low": points_text(b.low), "high": points_text(b.high)},
                )
                for b in scheme.star_bands
            ]
        )

    def read(self) -> tuple[Scheme | None, list[FieldError]]:
        bad: list[FieldError] = []

        def number(field: str, text: str, *, required: bool = False):
            try:
                value = parse_points(text)
            except ValueError:
                bad.append(FieldError(field, "bad_number"))
                return None
            if value is None and required:
                bad.append(FieldError(field, "required"))
            return value

        base = number("base", self.base.text(), required=True)
        floor = number("floor", self.floor.text())
        ceiling = number("ceiling", self.ceiling.text())
        evaluation_points = number("evaluation_points", self.evaluation_points.text()) or 0
        weights = []
        for kind, edit in self.weights.items():
            value = number("evaluation_weights", edit.text())
            if value:
                weights.append((kind, value))
        categories = tuple(
            Category(v["code"].strip(), v["name"].strip(), v["note"].strip())
            for _id, v in self.categories.rows()
        )
        old = {r.code: r for r in self.scheme.rules}
        rules = []
        for i, (rule_id, v) in enumerate(self.rules.rows()):
            points = number(f"rules.{i}.points", v["points"], required=True)
            cap = number(f"rules.{i}.cap", v["cap"])
            code = v["code"].strip()
            before = old.get(code)
            rules.append(
                Rule(
                    code=code,
                    category=v["category"] or "",
                    name=v["name"].strip(),
                    points=points if points is not None else 0,
                    sign=Sign(v["sign"] or Sign.PLUS.value),
                    cap=cap,
                    evidence_required=v["evidence"] == "yes",
                    derived_from=before.derived_from if before is not None else None,
                    retired=v["retired"] == "yes",
                    note=v["note"].strip(),
                    id=rule_id,
                )
            )
        bands = []
        for i, (_id, v) in enumerate(self.bands.rows()):
            stars = number(f"star_bands.{i}.stars", v["stars"], required=True)
            low = number(f"star_bands.{i}.low", v["low"], required=True)
            high = number(f"star_bands.{i}.high", v["high"])
            if stars is not None and low is not None:
                bands.append(StarBand(int(stars), low, high))
        if bad:
            return None, bad
        scheme = replace(
            self.scheme,
            name=self.name.text().strip(),
            categories=categories,
            rules=tuple(rules),
            base=base,
            floor=floor,
            ceiling=ceiling,
            period=ScoringPeriod(self.period.currentData()),
            exempt_kinds=frozenset(k for k, box in self.exempt.items() if box.isChecked()),
            evaluation_points=evaluation_points,
            evaluation_weights=tuple(weights),
            star_bands=tuple(bands),
        )
        return scheme, []

    def save(self) -> None:
        scheme, bad = self.read()
        if scheme is None:
            self.errors.show(bad)
            return
        if run_op(
            self,
            self._events,
            lambda: self._ws.points.save_scheme(scheme),
            field_errors=self.errors,
            title=self.tr("无法保存积分方案"),
        ):
            self.accept()
