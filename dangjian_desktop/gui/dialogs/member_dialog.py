"""党员信息 form (Designer: ui/member_dialog.ui). Adds or edits one member."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from dangjian_desktop.domain.id_number import parse_id
from dangjian_desktop.domain.member_rules import expected_full_date
from dangjian_desktop.domain.people import Member, MemberCategory, PartyPost, Sex
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.forms.ui_member_dialog import Ui_MemberDialog
from dangjian_desktop.gui.labels import CATEGORY, PARTY_POST, SEX
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.widgets.date_field import DateField
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.gui.widgets.photo_field import PhotoField
from dangjian_desktop.services import Changes
from dangjian_desktop.services.member_service import KEEP_PHOTO

ETHNICITIES = (
    "汉族",
    "回族",
    "满族",
    "蒙古族",
    "壮族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "土家族",
    "朝鲜族",
)
EDUCATIONS = ("研究生", "大学本科", "大学专科", "中等专科", "高中", "技工学校", "初中及以下")
DEGREES = ("", "博士", "硕士", "学士")
PERSON_CATEGORIES = (
    "工人（工勤技能人员）",
    "企事业单位管理人员",
    "企事业单位专业技术人员",
    "离退休人员",
    "其他职业人员",
)


class MemberDialog(QDialog):
    """Reads the widgets into a Member, saves it through run_op, shows its errors."""

    def __init__(
        self,
        members_service,
        events: AppEvents,
        member: Member | None = None,
        parent: QWidget | None = None,
        *,
        save: Callable[[Member, object], tuple[int, Changes]] | None = None,
    ) -> None:
        """save(member, photo) -> (member id, Changes) writes the form; photo is the JPEG
        chosen, None for none (removed), or KEEP_PHOTO when unchanged. The default adds
        or updates through the service; a transfer in saves the member together with its
        letter. Record and photo are one write either way."""
        super().__init__(parent)
        self._service = members_service
        self._events = events
        self._save = save or self._save_to_service
        self._original = member
        self.saved_id: int | None = None
        self._loading = False
        # 转正日期 is the app's suggestion (it follows 入党日期, 类别 and 延长) until the user
        # types or picks their own; emptying the field hands it back to the suggestion.
        self._full_date_suggested = True
        self.ui = Ui_MemberDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("编辑党员") if member else self.tr("新增党员"))
        ui = self.ui
        for value, label in SEX.items():
            ui.sex.addItem(self.tr(label), value.value)
        ui.sex.insertItem(0, self.tr("（未填写）"), None)
        ui.ethnicity.addItems(ETHNICITIES)
        ui.education.addItems(("", *EDUCATIONS))
        ui.degree.addItems(DEGREES)
        ui.person_category.addItems(("", *PERSON_CATEGORIES))
        for value, label in CATEGORY.items():
            ui.category.addItem(self.tr(label), value.value)
        for value, label in PARTY_POST.items():
            ui.party_post.addItem(self.tr(label) if label else self.tr("（无）"), value.value)
        ui.party_group_id.addItem(self.tr("（未分组）"), None)
        for group_id, name in members_service.group_names().items():
            ui.party_group_id.addItem(name, group_id)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        ui.buttons.accepted.connect(self.save)
        ui.buttons.rejected.connect(self.reject)
        ui.id_number.editingFinished.connect(self._fill_from_id)
        ui.join_date.dateChanged.connect(self._suggest_full_date)
        ui.category.currentIndexChanged.connect(self._suggest_full_date)
        ui.probation_extension_months.valueChanged.connect(self._suggest_full_date)
        ui.full_date.dateEdited.connect(self._full_date_edited)
        ui.full_date.set_related_date(self._expected_full_date)
        ui.summary.setObjectName("errorText")
        ui.summary.hide()
        self.photo = PhotoField(self)
        self.photo.setObjectName("photo")  # its errors show under it like any field's
        self.ui.tabIdentityForm.addRow(self.tr("照片"), self.photo)
        # An error line under every field of every tab, keyed by the field's name.
        self.field_errors = FieldErrorLabels(self, on_shown=self._errors_shown)
        for form in self.findChildren(QFormLayout):
            self.field_errors.add_form(form)
        self._load(member or Member(name="", ethnicity="汉族"))
        if member is not None and member.id is not None:
            stored = members_service.photo(member.id)
            self.photo.load(stored[1] if stored else None)

    # --- widgets ↔ Member ----------------------------------------------------------------
    def _widget(self, name: str) -> QWidget | None:
        return getattr(self.ui, name, None)

    def _load(self, m: Member) -> None:
        self._loading = True
        try:
            self._load_widgets(m)
        finally:
            self._loading = False
        # A stored 转正日期 that is exactly the computed one is still the suggestion: when
        # the 入党日期 is corrected later it moves with it.
        self._full_date_suggested = m.full_date is None or m.full_date == self._expected_full_date()

    def _load_widgets(self, m: Member) -> None:
        for f in fields(Member):
            w = self._widget(f.name)
            value = getattr(m, f.name)
            if isinstance(w, DateField):
                w.set_value(value)
            elif isinstance(w, QComboBox):
                data = value.value if hasattr(value, "value") else value
                index = w.findData(data)
                if index >= 0:
                    w.setCurrentIndex(index)
                elif w.isEditable():
                    w.setEditText(value or "")
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QSpinBox):
                w.setValue(int(value or 0))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(value or "")
            elif isinstance(w, QLineEdit):
                w.setText(value or "")

    def member_from_widgets(self) -> Member:
        ui = self.ui
        base = self._original or Member(name="")
        values = {}
        for f in fields(Member):
            w = self._widget(f.name)
            if isinstance(w, DateField):
                values[f.name] = w.value()  # save() has refused text that is not a date
            elif isinstance(w, QComboBox) and w.isEditable():
                values[f.name] = w.currentText().strip()
            elif isinstance(w, QCheckBox):
                values[f.name] = w.isChecked()
            elif isinstance(w, QSpinBox):
                values[f.name] = w.value()
            elif isinstance(w, QPlainTextEdit):
                values[f.name] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                values[f.name] = w.text().strip()
        sex = ui.sex.currentData()
        values["sex"] = Sex(sex) if sex else None
        values["category"] = MemberCategory(ui.category.currentData())
        values["party_post"] = PartyPost(ui.party_post.currentData())
        values["party_group_id"] = ui.party_group_id.currentData()
        return replace(base, **values)

    # --- less typing ---------------------------------------------------------------------
    def _fill_from_id(self) -> None:
        """A valid ID number already says the birth date and sex: fill them if empty."""
        try:
            info = parse_id(self.ui.id_number.text())
        except ValueError:
            return
        if self.ui.birth_date.is_empty():  # never over what the user typed, date or not
            self.ui.birth_date.set_value(info.birth_date)
        if self.ui.sex.currentData() is None:
            self.ui.sex.setCurrentIndex(self.ui.sex.findData(info.sex.value))

    def _expected_full_date(self) -> date | None:
        """入党日期 + 1 year + the recorded extension; None without a usable 入党日期."""
        join = self.ui.join_date.date_or_none()
        if join is None:
            return None
        try:
            return expected_full_date(join, self.ui.probation_extension_months.value())
        except (ValueError, OverflowError):  # a join date at the end of the calendar
            return None

    def _suggest_full_date(self, *_args) -> None:
        """A 正式党员's 转正日期 follows 入党日期; a 预备党员 has none yet (domain brief §2.2)."""
        if self._loading or not self._full_date_suggested:
            return
        formal = self.ui.category.currentData() == MemberCategory.FORMAL.value
        self.ui.full_date.set_value(self._expected_full_date() if formal else None)

    def _full_date_edited(self, value: date | None) -> None:
        self._full_date_suggested = value is None and not self.ui.full_date.is_invalid()

    # --- save ----------------------------------------------------------------------------
    def save(self) -> None:
        bad_dates = self.field_errors.bad_dates()
        if bad_dates:  # a typed date that does not exist is refused, never dropped
            self.field_errors.show(bad_dates)
            return
        member = self.member_from_widgets()
        if member.id is None:
            photo = self.photo.data  # None: no photo chosen
        else:
            photo = self.photo.data if self.photo.changed else KEEP_PHOTO
        run_op(
            self,
            self._events,
            lambda: self._save(member, photo),
            on_success=self._saved,
            field_errors=self.field_errors,
            title=self.tr("保存失败"),
        )

    def _save_to_service(self, member: Member, photo) -> tuple[int, Changes]:
        if member.id is None:
            return self._service.add(member, photo=photo)
        return member.id, self._service.update(member, photo=photo)

    def _saved(self, member_id: int) -> None:
        self.saved_id = member_id
        self.accept()

    def _errors_shown(self, errors, elsewhere: list[str]) -> None:
        """The count above the tabs, what no field shows (a transfer's letter …), and the
        tab of the first field with an error brought to the front."""
        if self.field_errors.shown_keys:
            tab = self._tab_of(self.field_errors.widget(self.field_errors.shown_keys[0]))
            if tab is not None:
                self.ui.tabs.setCurrentIndex(tab)
        summary = self.tr("有 {n} 处填写有误，未保存。").format(n=len(errors))
        self.ui.summary.setText("\n".join([summary, *elsewhere]))
        self.ui.summary.setVisible(bool(errors))

    def _tab_of(self, widget: QWidget | None) -> int | None:
        while widget is not None:
            index = self.ui.tabs.indexOf(widget)
            if index >= 0:
                return index
            widget = widget.parentWidget()
        return None
