"""积分录入: one typed entry (new or changed) and 批量录入 (a 党小组 or ticked members, one rule,
one date, one transaction). Errors sit under their fields; a bulk entry's "entries.N.…"
errors are named by the member they concern."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidgetItem,
    QWidget,
)

from dangjian_desktop.domain.attachments import NewAttachment
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.points import Entry, Scheme
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.forms.ui_point_entry_dialog import Ui_PointEntryDialog
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.views.points.common import active_members, parse_points, points_text
from dangjian_desktop.gui.widgets.date_field import error_message
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.services import Workspace

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
TEXT_MAX = 200


def typed_rules(scheme: Scheme) -> list[tuple[str, str]]:
    """(code, words) of the rules a user may type: not derived, not retired."""
    found = []
    for rule in scheme.rules:
        if rule.derived_from is not None or rule.retired:
            continue
        category = scheme.category(rule.category)
        head = f"{category.name}·" if category else ""
        points = points_text(rule.signed_points, signed=True)
        found.append((rule.code, f"{head}{rule.name}（{points}分）"))
    return found


class _EntryForm(QDialog):
    """The Designer form both dialogs share (ui/point_entry_dialog.ui): a single entry shows
    the 党员 row, a bulk entry the 党小组 and ticked-members rows instead."""

    BULK = False

    def __init__(self, ws: Workspace, events: AppEvents, year: int, parent: QWidget | None):
        super().__init__(parent)
        self._ws, self._events, self.year = ws, events, year
        self.scheme = ws.points.scheme(year)
        self.evidence: NewAttachment | None = None
        self.ui = ui = Ui_PointEntryDialog()
        ui.setupUi(self)
        self.summary, self.buttons = ui.summary, ui.buttons
        self.summary.setObjectName("errorText")
        self.summary.hide()
        ui.evidence_error.setObjectName("errorText")
        ui.evidence_error.hide()
        self.evidence_error = ui.evidence_error
        self.member, self.date, self.rule = ui.member_id, ui.date, ui.rule_code
        self.points, self.override_reason, self.note = ui.points, ui.override_reason, ui.note
        self.recorded_by, self.rule_hint = ui.recorded_by, ui.rule_hint
        self.evidence_label, self.evidence_button = ui.evidence_name, ui.evidence_button
        self.group, self.list, self.count_label = ui.group, ui.members, ui.members_count
        for widget in (ui.group, ui.members, ui.members_count):
            ui.form.setRowVisible(widget, self.BULK)
        ui.form.setRowVisible(ui.member_id, not self.BULK)

        self.errors = FieldErrorLabels(self, summary=self.summary)
        keys = ["date", "rule_code", "points", "override_reason", "note", "recorded_by"]
        if not self.BULK:
            keys.insert(0, "member_id")
        for key in keys:
            self.errors.add(ui.form, key, getattr(ui, key))
        self.errors._labels["evidence_id"] = ui.evidence_error

        today = ws.exports.today()
        self.date.set_value(today if today.year == year else date(year, 12, 31))
        for code, words in typed_rules(self.scheme):
            self.rule.addItem(words, code)
        self.recorded_by.setText(ws.points.new_entry(0, self.date.value(), "").recorded_by)
        self.evidence_button.clicked.connect(self.pick_evidence)
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._rule_changed()

    def _rule_changed(self, *_args) -> None:
        rule = self.scheme.rule(self.rule.currentData() or "")
        if rule is None:
            self.rule_hint.setText(self.tr("这一年的积分方案里没有可手工录入的项目。"))
            return
        self.points.setText(points_text(rule.signed_points))
        words = [self.tr("每次 {p} 分").format(p=points_text(rule.signed_points, signed=True))]
        if rule.cap is not None:
            words.append(self.tr("每期封顶 {c} 分").format(c=points_text(rule.cap)))
        if rule.evidence_required:
            words.append(self.tr("须附证明材料"))
        self.rule_hint.setText("；".join(words))

    def pick_evidence(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择证明材料"),
            str(Path.home()),
            self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf)"),
        )
        if path:
            self.set_evidence_file(Path(path))

    def set_evidence_file(self, path: Path) -> None:
        try:
            if path.stat().st_size > EVIDENCE_MAX_BYTES:
                self.evidence_error.setText(self.tr("文件超过 20 MB，请压缩后再选"))
                self.evidence_error.show()
                return
            data = path.read_bytes()
        except OSError:
            self.evidence_error.setText(self.tr("无法读取这个文件"))
            self.evidence_error.show()
            return
        self.evidence = NewAttachment(path.name, data)
        self.evidence_label.setText(path.name)
        self.evidence_error.hide()

    def read_common(self) -> tuple[dict, list[FieldError]]:
        """The shared values, or the errors of what is not readable (a bad date or number)."""
        bad = self.errors.bad_dates()
        values: dict = {}
        try:
            points = parse_points(self.points.text())
        except ValueError:
            bad.append(FieldError("points", "bad_number"))
            points = None
        if points is None and not any(e.field == "points" for e in bad):
            bad.append(FieldError("points", "required"))
        if self.date.is_empty() and not any(e.field == "date" for e in bad):
            bad.append(FieldError("date", "required"))
        if not self.rule.currentData():
            bad.append(FieldError("rule_code", "required"))
        if bad:
            return values, bad
        values.update(
            date=self.date.value(),
            rule_code=self.rule.currentData(),
            points=points,
            override_reason=self.override_reason.text().strip(),
            note=self.note.text().strip(),
        )
        return values, []

    def save(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class PointEntryDialog(_EntryForm):
    """One typed entry: new (entry_id None) or an existing one changed."""

    def __init__(
        self,
        ws: Workspace,
        events: AppEvents,
        year: int,
        entry_id: int | None = None,
        parent: QWidget | None = None,
        *,
        member_id: int | None = None,
    ) -> None:
        super().__init__(ws, events, year, parent)
        self.entry_id = entry_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("修改积分记录") if entry_id else self.tr("录入积分"))
        for m in active_members(ws):
            self.member.addItem(m.name, m.id)
        self.setMinimumWidth(520)
        self.adjustSize()
        self._stored: Entry | None = None
        if entry_id is not None:
            self._load(ws.points.entry(entry_id))
        elif member_id is not None:
            self.member.setCurrentIndex(max(self.member.findData(member_id), 0))

    def _load(self, entry: Entry) -> None:
        self._stored = entry
        if self.member.findData(entry.member_id) < 0:
            self.member.addItem(str(entry.member_id), entry.member_id)
        self.member.setCurrentIndex(self.member.findData(entry.member_id))
        self.date.set_value(entry.date)
        if self.rule.findData(entry.rule_code) < 0:
            self.rule.addItem(entry.rule_code, entry.rule_code)
        self.rule.setCurrentIndex(self.rule.findData(entry.rule_code))
        self.points.setText(points_text(entry.points))
        self.override_reason.setText(entry.override_reason)
        self.note.setText(entry.note)
        self.recorded_by.setText(entry.recorded_by)
        if entry.evidence_id is not None:
            self.evidence_label.setText(self.tr("已附证明材料"))

    def save(self) -> None:
        values, bad = self.read_common()
        if bad:
            self.errors.show(bad)
            return
        entry = Entry(
            member_id=self.member.currentData(),
            recorded_by=self.recorded_by.text().strip(),
            **values,
        )
        if self._stored is not None:
            entry = replace(entry, id=self._stored.id, evidence_id=self._stored.evidence_id)
            op = lambda: self._ws.points.update_entry(entry)  # noqa: E731
        else:
            op = lambda: self._ws.points.add_entry(entry, self.evidence, year=self.year)  # noqa: E731

        def saved(value) -> None:
            self.saved_id = value if value is not None else entry.id

        if run_op(
            self,
            self._events,
            op,
            on_success=saved,
            field_errors=self.errors,
            title=self.tr("保存失败"),
        ):
            self.accept()


class BulkEntryDialog(_EntryForm):
    """批量录入: a whole 党小组 (or the members ticked), one rule, one date, one action."""

    BULK = True

    def __init__(
        self, ws: Workspace, events: AppEvents, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(ws, events, year, parent)
        self.saved_ids: list[int] = []
        self.setWindowTitle(self.tr("批量录入积分"))
        self._members = active_members(ws)
        self.group.addItem(self.tr("（手动勾选）"), None)
        for group_id, name in ws.members.group_names().items():
            self.group.addItem(name, group_id)
        for m in self._members:
            item = QListWidgetItem(m.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.group.currentIndexChanged.connect(self._group_chosen)
        self.list.itemChanged.connect(lambda _i: self._update_count())
        self.setMinimumWidth(560)
        self._update_count()
        self.adjustSize()

    def _group_chosen(self, *_args) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            return
        by_id = {m.id: m for m in self._members}
        for i in range(self.list.count()):
            item = self.list.item(i)
            member = by_id[item.data(Qt.ItemDataRole.UserRole)]
            ticked = member.party_group_id == group_id
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("已选 {n} 人").format(n=len(self.ticked())))

    def _show(self, errors, member_ids: list[int]) -> None:
        names = {m.id: m.name for m in self._members}
        own: list[FieldError] = []
        lines: list[str] = []
        for error in errors:
            parts = error.field.split(".")
            if len(parts) == 3 and parts[0] == "entries" and parts[1].isdigit():
                field = parts[2]
                index = int(parts[1])
                if field in ("member_id",) or index >= len(member_ids):
                    name = names.get(member_ids[index], "") if index < len(member_ids) else ""
                    lines.append(f"{name}：{error_message(error)}")
                elif field in self.errors:
                    own.append(replace(error, field=field))
                else:
                    lines.append(error_message(error))
            else:
                own.append(error)
        shown = self.errors.show(own)
        text = "\n".join(dict.fromkeys([*lines, *shown]))
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def save(self) -> None:
        values, bad = self.read_common()
        member_ids = self.ticked()
        if not member_ids:
            bad.append(FieldError("entries", "no_members_ticked"))
        if bad:
            self.errors.show([e for e in bad if e.field != "entries"])
            if not member_ids:
                self.summary.setText(self.tr("请选择党小组或勾选党员"))
                self.summary.show()
            return
        recorded_by = self.recorded_by.text().strip()
        entries = [Entry(member_id=i, recorded_by=recorded_by, **values) for i in member_ids]

        def saved(ids) -> None:
            self.saved_ids = list(ids)

        class _Shower:
            def show(inner, errors):
                self._show(errors, member_ids)

        if run_op(
            self,
            self._events,
            lambda: self._ws.points.add_entries(entries, self.evidence, year=self.year),
            on_success=saved,
            field_errors=_Shower(),
            title=self.tr("批量录入失败"),
        ):
            self.accept()
