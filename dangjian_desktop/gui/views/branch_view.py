"""支部信息: the branch profile form. Reads widgets, calls one service, shows the result."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.branch import (
    TERM_YEARS_MAX,
    TERM_YEARS_MIN,
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    OrgType,
    PartyGroup,
    Venue,
)
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.gui.widgets.date_field import DateField, bad_date_error
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.gui.widgets.rows_table import Column, Kind, RowsTable
from dangjian_desktop.services import Changes, Workspace


def org_type_labels() -> list[tuple[OrgType, str]]:
    return [
        (OrgType.BRANCH, "党支部"),
        (OrgType.JOINT_BRANCH, "联合党支部"),
        (OrgType.GENERAL_BRANCH, "党总支"),
    ]


def post_labels() -> tuple[tuple[str, str], ...]:
    return (
        (CommitteePost.SECRETARY.value, "书记"),
        (CommitteePost.DEPUTY_SECRETARY.value, "副书记"),
        (CommitteePost.ORGANIZATION.value, "组织委员"),
        (CommitteePost.PROPAGANDA.value, "宣传委员"),
        (CommitteePost.DISCIPLINE.value, "纪检委员"),
        (CommitteePost.MEMBER.value, "委员"),
    )


class BranchView(TabView):
    def __init__(
        self, workspace: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, events, parent)
        self._dirty = False
        self._loading = False

    # --- layout --------------------------------------------------------------------------
    def build(self) -> None:
        self.full_name = QLineEdit(self)
        self.full_name.setPlaceholderText(self.tr("与公章一致，如：中共××公司××轮船舶支部委员会"))
        self.code = QLineEdit(self)
        self.org_type = QComboBox(self)
        for value, label in org_type_labels():
            self.org_type.addItem(self.tr(label), value.value)
        self.parent_committee = QLineEdit(self)
        self.founded_on = DateField(self)

        self.term_ordinal = QSpinBox(self)
        self.term_ordinal.setRange(0, 999)
        self.term_ordinal.setSpecialValueText(self.tr("未填写"))
        self.term_ordinal.setPrefix(self.tr("第 "))
        self.term_ordinal.setSuffix(self.tr(" 届"))
        self.election_date = DateField(self)
        self.term_years = QSpinBox(self)
        self.term_years.setRange(TERM_YEARS_MIN, TERM_YEARS_MAX)
        self.term_years.setSuffix(self.tr(" 年"))
        self.term_ends = QLabel(self)

        self.field_errors = FieldErrorLabels(self, on_shown=self._errors_shown)
        org_box = QGroupBox(self.tr("组织信息"), self)
        org_form = QFormLayout(org_box)
        self._add_row(org_form, self.tr("支部全称"), self.full_name, "full_name")
        self._add_row(org_form, self.tr("组织代码"), self.code, "code")
        self._add_row(org_form, self.tr("组织类型"), self.org_type, "org_type")
        self._add_row(org_form, self.tr("上级党组织"), self.parent_committee, "parent_committee")
        self._add_row(org_form, self.tr("成立日期"), self.founded_on, "founded_on")

        term_box = QGroupBox(self.tr("本届支部委员会"), self)
        term_layout = QVBoxLayout(term_box)
        term_form = QFormLayout()
        self._add_row(term_form, self.tr("届次"), self.term_ordinal, "term.ordinal")
        self._add_row(term_form, self.tr("选举日期"), self.election_date, "term.election_date")
        self._add_row(term_form, self.tr("任期"), self.term_years, "term.term_years")
        term_form.addRow(self.tr("任期届满"), self.term_ends)
        term_layout.addLayout(term_form)
        self.committee = RowsTable(
            [
                Column("name", self.tr("姓名"), width=140),
                Column(
                    "post",
                    self.tr("职务"),
                    Kind.CHOICE,
                    tuple((v, self.tr(label)) for v, label in post_labels()),
                    width=120,
                ),
                Column(
                    "started_on",
                    self.tr("任职日期"),
                    Kind.DATE,
                    width=130,
                    empty_text=self.tr("未填写"),
                ),
            ],
            self.tr("添加委员"),
            self,
        )
        term_layout.addWidget(self.committee)

        groups_box = QGroupBox(self.tr("党小组"), self)
        self.groups = RowsTable(
            [
                Column("name", self.tr("名称"), width=180),
                Column("leader", self.tr("组长"), width=120),
                Column("note", self.tr("备注"), width=200),
            ],
            self.tr("添加党小组"),
            self,
        )
        QVBoxLayout(groups_box).addWidget(self.groups)

        venues_box = QGroupBox(self.tr("活动阵地"), self)
        self.venues = RowsTable(
            [
                Column("name", self.tr("名称"), width=180),
                Column("address", self.tr("地点"), width=200),
                Column("area_m2", self.tr("面积（㎡）"), Kind.NUMBER, width=100),
                Column("note", self.tr("备注"), width=160),
            ],
            self.tr("添加阵地"),
            self,
        )
        QVBoxLayout(venues_box).addWidget(self.venues)
        for key, table in (
            ("committee", self.committee),
            ("groups", self.groups),
            ("venues", self.venues),
        ):
            self.field_errors.add_table(key, table)

        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("撤销未保存的修改"), self)
        self.status = QLabel(self)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)

        content = QWidget(self)
        columns = QHBoxLayout(content)
        left = QVBoxLayout()
        left.addWidget(org_box)
        left.addWidget(term_box, 1)
        right = QVBoxLayout()
        right.addWidget(groups_box, 1)
        right.addWidget(venues_box, 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

        for signal in (
            self.full_name.textEdited,
            self.code.textEdited,
            self.parent_committee.textEdited,
            self.org_type.currentIndexChanged,
            self.founded_on.dateChanged,
            self.term_ordinal.valueChanged,
            self.election_date.dateChanged,
            self.term_years.valueChanged,
            self.committee.edited,
            self.groups.edited,
            self.venues.edited,
        ):
            signal.connect(self._mark_dirty)
        self.election_date.dateChanged.connect(self._update_term_end)
        self.term_years.valueChanged.connect(self._update_term_end)

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        self.field_errors.add(form, key, widget, label)

    # --- state ---------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._dirty

    def wants(self, changes: Changes) -> bool:
        # Unsaved edits are never overwritten by a reload; saving reloads the stored ids.
        return (changes.branch or changes.data_file) and not self._dirty

    def refresh(self) -> None:
        self.reload()

    def discard(self) -> None:
        self.reload()

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True
            self.status.setText(self.tr("有未保存的修改"))

    def reload(self) -> None:
        self._loading = True
        try:
            p = self._ws.branch.profile()
            self.full_name.setText(p.full_name)
            self.code.setText(p.code)
            self.org_type.setCurrentIndex(max(self.org_type.findData(p.org_type.value), 0))
            self.parent_committee.setText(p.parent_committee)
            self.founded_on.set_value(p.founded_on)
            self.term_ordinal.setValue(p.term.ordinal or 0)
            self.election_date.set_value(p.term.election_date)
            self.term_years.setValue(p.term.term_years)
            self.committee.set_rows(
                [
                    (m.id, {"name": m.name, "post": m.post.value, "started_on": m.started_on})
                    for m in p.committee
                ]
            )
            self.groups.set_rows(
                [(g.id, {"name": g.name, "leader": g.leader, "note": g.note}) for g in p.groups]
            )
            self.venues.set_rows(
                [
                    (
                        v.id,
                        {
                            "name": v.name,
                            "address": v.address,
                            "area_m2": _format_area(v.area_m2),
                            "note": v.note,
                        },
                    )
                    for v in p.venues
                ]
            )
        finally:
            self._loading = False
        self._dirty = False
        self.field_errors.clear()
        self._update_term_end()
        self.status.setText("")

    def _update_term_end(self, *_args) -> None:
        election = self.election_date.date_or_none()
        ends = CommitteeTerm(None, election, self.term_years.value()).ends_on
        self.term_ends.setText(ends.isoformat() if ends else self.tr("（填写选举日期后自动计算）"))

    # --- save ----------------------------------------------------------------------------
    def profile_from_widgets(self) -> tuple[BranchProfile, list[FieldError]]:
        """The profile as typed, and the errors that stop a cell from being read at all."""
        errors = self.field_errors.bad_dates()  # founded_on, term.election_date
        committee = []
        for i, (mid, m) in enumerate(self.committee.rows()):
            started_on = m["started_on"]
            if isinstance(started_on, str):  # the cell kept typed text that is not a date
                errors.append(bad_date_error(f"committee.{i}.started_on", started_on))
                started_on = None
            committee.append(CommitteeMember(m["name"], CommitteePost(m["post"]), started_on, mid))
        venues = []
        for i, (vid, v) in enumerate(self.venues.rows()):
            area = None
            text = v["area_m2"].strip()
            if text:
                try:
                    area = float(text)
                except ValueError:
                    errors.append(FieldError(f"venues.{i}.area_m2", "bad_number"))
            venues.append(Venue(v["name"], v["address"], area, v["note"], vid))
        profile = BranchProfile(
            full_name=self.full_name.text(),
            code=self.code.text(),
            org_type=OrgType(self.org_type.currentData()),
            parent_committee=self.parent_committee.text(),
            # Dates that are not dates are in `errors`: save() refuses before using them.
            founded_on=self.founded_on.date_or_none(),
            term=CommitteeTerm(
                self.term_ordinal.value() or None,
                self.election_date.date_or_none(),
                self.term_years.value(),
            ),
            committee=tuple(committee),
            groups=tuple(
                PartyGroup(g["name"], g["leader"], g["note"], gid) for gid, g in self.groups.rows()
            ),
            venues=tuple(venues),
        )
        return profile, errors

    def save(self) -> bool:
        profile, errors = self.profile_from_widgets()
        if errors:
            self.field_errors.show(errors)
            return False
        saved = run_op(
            self,
            self._events,
            lambda: self._ws.branch.save_profile(profile),
            # Clean before the change is published: this view then reloads the stored ids.
            on_success=self._saved,
            field_errors=self.field_errors,
            title=self.tr("保存失败"),
        )
        if saved:
            self.status.setText(self.tr("已保存"))
        return saved

    def _saved(self, _value) -> None:
        self._dirty = False

    def _errors_shown(self, errors: list[FieldError], _elsewhere: list[str]) -> None:
        if errors:
            self.status.setText(self.tr("有 {n} 处填写有误，未保存").format(n=len(errors)))


def _format_area(area: float | None) -> str:
    if area is None:
        return ""
    return f"{area:g}"
