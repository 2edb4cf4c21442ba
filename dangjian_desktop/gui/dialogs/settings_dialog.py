"""设置 (编辑 → 设置…): generated from the declarations in settings.py, one page per group,
plus the pages tabs add for their own rules.

Every field shows its Chinese label, its bounds or choices and a line of help; a value
outside its declaration is marked at the field as it is typed, and 确定 refuses to save
while any is (focus goes to the first). 确定 saves every declared setting in one call
(ws.settings.set_many: one transaction, one audit row), then each added page.

How a tab adds a page (its rules are tables its own service owns, STYLE.md §6):

    class FrequencyPage(SettingsPage):          # a QWidget
        def __init__(self, workspace, parent): ...   # build the editor from ws.meetings
        def check(self) -> bool: ...            # False: shows why at its fields
        def save(self) -> Changes:              # one service call, its own transaction
            return self._ws.meetings.set_frequencies(self.table.rows())

    register_page("会议频次", FrequencyPage)    # once, e.g. where the tab's view module loads

The dialog builds the page when it opens and calls check() on every page before anything
is saved, then save() on the pages after the declared settings were saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.gui import errors as error_dialogs
from dangjian_desktop.messages import field_error_text
from dangjian_desktop.services import Changes
from dangjian_desktop.settings import Kind, Setting, groups


class SettingsPage(QWidget):
    """A page a tab adds to the dialog (register_page)."""

    def check(self) -> bool:
        """True when the page can be saved; otherwise it shows why, at its fields."""
        return True

    def save(self) -> Changes:
        """Save the page through its own service; Changes() when nothing changed."""
        return Changes()


PageFactory = Callable[[object, QWidget], SettingsPage]  # (workspace, parent) → page
_PAGES: list[tuple[str, PageFactory]] = []


def register_page(title: str, factory: PageFactory) -> Callable[[], None]:
    """Add a page to every 设置 dialog opened from now on; returns its removal."""
    entry = (title, factory)
    _PAGES.append(entry)
    return lambda: _PAGES.remove(entry) if entry in _PAGES else None


def registered_pages() -> list[tuple[str, PageFactory]]:
    return list(_PAGES)


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings", text)


class _Field:
    """One setting's editor, its error label, and the conversion of what was typed."""

    def __init__(self, setting: Setting, parent: QWidget) -> None:
        self.setting = setting
        if setting.kind is Kind.BOOL:
            self.editor: QWidget = QCheckBox(_tr(setting.label), parent)
        elif setting.kind is Kind.CHOICE:
            self.editor = QComboBox(parent)
            for value, label in setting.choices:
                self.editor.addItem(_tr(label), value)
        else:
            self.editor = QLineEdit(parent)
            if setting.kind is Kind.INT:
                # Digits only (and a minus when the bounds allow one); the bounds themselves
                # are checked as typed, with the reason shown, rather than silently clamped.
                sign = "-?" if (setting.minimum or 0) < 0 else ""
                pattern = QRegularExpression(rf"{sign}\d{{0,9}}")
                self.editor.setValidator(QRegularExpressionValidator(pattern, self.editor))
                self.editor.setMaximumWidth(120)
        self.editor.setObjectName(setting.key)
        self.error = QLabel(parent)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()

    def show(self, value: object) -> None:
        if isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(value))
        elif isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(max(0, self.editor.findData(value)))
        else:
            self.editor.setText("" if value is None else str(value))

    def value(self) -> object:
        """What the editor holds, as the declaration's kind (an INT field's text that is
        not a number stays text, so the declaration refuses it with bad_number)."""
        if isinstance(self.editor, QCheckBox):
            return self.editor.isChecked()
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        text = self.editor.text()
        if self.setting.kind is Kind.INT:
            try:
                return int(text.strip())
            except ValueError:
                return text
        return text

    def check(self) -> list[FieldError]:
        found = self.setting.errors(self.setting.normalized(self.value()))
        self.show_errors(found)
        return found

    def show_errors(self, found: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.error.setText("；".join(field_error_text(e) for e in found))
        self.error.setVisible(bool(found))

    def connect(self, slot: Callable[[], None]) -> None:
        if isinstance(self.editor, QCheckBox):
            self.editor.toggled.connect(lambda _on: slot())
        elif isinstance(self.editor, QComboBox):
            self.editor.currentIndexChanged.connect(lambda _i: slot())
        else:
            self.editor.textChanged.connect(lambda _t: slot())


class SettingsDialog(QDialog):
    def __init__(
        self,
        workspace,
        publish: Callable[[Changes], None],
        parent: QWidget | None = None,
        pages: list[tuple[str, PageFactory]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = workspace.settings
        self._publish = publish
        self.setWindowTitle(self.tr("设置"))
        self.resize(620, 400)
        self.page_list = QListWidget(self)
        self.page_list.setMaximumWidth(130)
        self.stack = QStackedWidget(self)
        self.fields: dict[str, _Field] = {}
        self._page_of: dict[str, int] = {}
        values = self._service.all()
        for group, declared in groups(self._service.declared()):
            self._add_page(_tr(group), self._settings_page(_tr(group), declared, values))
        self.extra_pages: list[SettingsPage] = []
        for title, factory in registered_pages() if pages is None else pages:
            page = factory(workspace, self.stack)
            self.extra_pages.append(page)
            self._add_page(title, page)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)  # Enter in a field saves, as in every dialog
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_page(self, title: str, widget: QWidget) -> None:
        self.stack.addWidget(widget)
        self.page_list.addItem(title)

    def _settings_page(
        self, title: str, declared: list[Setting], values: dict[str, object]
    ) -> QWidget:
        page = QWidget(self.stack)
        outer = QVBoxLayout(page)
        heading = QLabel(title, page)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        outer.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(14)
        outer.addLayout(form)
        outer.addStretch(1)
        for setting in declared:
            field = _Field(setting, page)
            field.show(values.get(setting.key, setting.default))
            field.connect(field.check)
            self.fields[setting.key] = field
            self._page_of[setting.key] = self.stack.count()
            column = QVBoxLayout()
            row = QHBoxLayout()
            row.addWidget(field.editor)
            if setting.unit:
                row.addWidget(QLabel(_tr(setting.unit), page))
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(field.error)
            help_label = QLabel(self._help(setting), page)
            help_label.setWordWrap(True)
            help_label.setEnabled(False)  # the muted colour of the style, for help text
            column.addWidget(help_label)
            if setting.kind is Kind.BOOL:
                form.addRow(column)
            else:
                label = QLabel(_tr(setting.label) + self.tr("："), page)
                label.setBuddy(field.editor)
                form.addRow(label, column)
        return page

    def _help(self, setting: Setting) -> str:
        text = _tr(setting.help)
        if setting.kind is Kind.INT and setting.minimum is not None and setting.maximum is not None:
            text += self.tr("（{min}–{max}{unit}）").format(
                min=setting.minimum, max=setting.maximum, unit=_tr(setting.unit)
            )
        return text

    # --- saving ----------------------------------------------------------------------------
    def show_errors(self, found: tuple[FieldError, ...] | list[FieldError]) -> None:
        """Each error at its field; the first field's page shown and focused."""
        by_key: dict[str, list[FieldError]] = {}
        for error in found:
            by_key.setdefault(error.field, []).append(error)
        for key, field in self.fields.items():
            field.show_errors(by_key.get(key, []))
        first = next((key for key in self.fields if key in by_key), None)
        if first is not None:
            self.page_list.setCurrentRow(self._page_of[first])
            self.fields[first].editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Save everything and close; False (and the dialog stays open) when a field or a
        page refuses, or the service does."""
        found = [e for field in self.fields.values() for e in field.check()]
        if found:
            self.show_errors(found)
            return False
        for index, page in enumerate(self.extra_pages):
            if not page.check():
                self.page_list.setCurrentRow(len(self._page_groups()) + index)
                return False
        current = self._service.all()
        wanted = {
            key: field.setting.normalized(field.value())
            for key, field in self.fields.items()
            if field.setting.normalized(field.value()) != current.get(key)
        }
        changes = Changes()
        try:
            if wanted:
                changes = self._service.set_many(wanted)
        except ValidationError as exc:  # the declarations changed under the dialog: rare
            self.show_errors(exc.errors)
            return False
        except Exception as exc:
            error_dialogs.show_error(self, self.tr("保存设置"), exc)
            return False
        for index, page in enumerate(self.extra_pages):
            try:
                changes = changes | page.save()
            except Exception as exc:  # what was saved before stays saved, and is told
                self._tell(changes)
                self.page_list.setCurrentRow(len(self._page_groups()) + index)
                error_dialogs.show_error(self, self.tr("保存设置"), exc)
                return False
        self._tell(changes)
        self.accept()
        return True

    def _tell(self, changes: Changes) -> None:
        if changes != Changes():
            self._publish(changes)

    def _page_groups(self) -> list[str]:
        return [g for g, _ in groups(self._service.declared())]
