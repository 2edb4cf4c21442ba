"""Options for exporting the roster: which members, full or masked numbers, who prepared it,
and where to save it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.export_flow import ask_save_path

FORMAT_NAMES = {"xlsx": "Excel", "pdf": "PDF"}
WARNING_STYLE = "color: #b3261e;"
WORDS_SHOWN = 48  # a radio button does not wrap: longer filter words are cut, whole in the tip


PRINT = 2  # the dialog's result when the user chose 打印… instead of a file


@dataclass(frozen=True)
class ExportOptions:
    path: Path | None  # None: to the printer (through a temporary PDF)
    full_ids: bool = False
    prepared_by: str = ""
    full_phones: bool = False
    filtered: bool = False  # True: only the members the 党员 tab's filter shows
    to_printer: bool = False


class ExportOptionsDialog(QDialog):
    """`filter_text` names the 党员 tab's current filter in words; "" when none is set."""

    def __init__(self, fmt: str, filter_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("导出党员花名册（{format}）").format(format=FORMAT_NAMES.get(fmt, fmt))
        )

        scope = QGroupBox(self.tr("导出哪些党员"), self)
        self.all_members = QRadioButton(self.tr("全部党员（在册）"), scope)
        self.filtered = QRadioButton(scope)
        if filter_text:
            words = self.tr("当前筛选结果：{words}").format(words=filter_text)
            shown = words if len(words) <= WORDS_SHOWN else words[: WORDS_SHOWN - 1] + "…"
            self.filtered.setText(shown)
            self.filtered.setToolTip(words)
        else:
            self.filtered.setText(self.tr("当前筛选结果（未设筛选条件，与全部党员相同）"))
            self.filtered.setEnabled(False)
        self.all_members.setChecked(True)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.all_members)
        self._scope.addButton(self.filtered)
        scope_layout = QVBoxLayout(scope)
        scope_layout.addWidget(self.all_members)
        scope_layout.addWidget(self.filtered)

        privacy = QGroupBox(self.tr("完整信息"), self)
        hint = QLabel(
            self.tr(
                "默认隐去身份证号前14位（花名册印有出生年月，只留后4位，如 **************1234）"
                "和电话号码中间4位（如 138****5678）。"
            ),
            privacy,
        )
        hint.setWordWrap(True)
        self.full_ids = QCheckBox(self.tr("导出完整身份证号"), privacy)
        self.full_phones = QCheckBox(self.tr("导出完整电话号码"), privacy)
        self.warning = QLabel(
            self.tr(
                "文件中将含有完整的个人信息。只有上级明确要求时才这样导出；"
                "文件请妥善保管，用完及时删除，不要通过微信、QQ 等转发。"
            ),
            privacy,
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(False)
        self.full_ids.toggled.connect(self._update_warning)
        self.full_phones.toggled.connect(self._update_warning)
        privacy_layout = QVBoxLayout(privacy)
        privacy_layout.addWidget(hint)
        privacy_layout.addWidget(self.full_ids)
        privacy_layout.addWidget(self.full_phones)
        privacy_layout.addWidget(self.warning)

        self.prepared_by = QLineEdit(self)
        self.prepared_by.setPlaceholderText(self.tr("可不填，打印后手写"))
        form = QFormLayout()
        form.addRow(self.tr("制表人"), self.prepared_by)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选择保存位置…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.print_button = buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setToolTip(self.tr("按 PDF 版式（A4）预览并打印"))
        self.print_button.clicked.connect(lambda: self.done(PRINT))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope)
        layout.addWidget(privacy)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _update_warning(self, *_args) -> None:
        self.warning.setVisible(self.full_ids.isChecked() or self.full_phones.isChecked())

    def options(self, path: Path | None) -> ExportOptions:
        return ExportOptions(
            path=path,
            to_printer=path is None,
            full_ids=self.full_ids.isChecked(),
            prepared_by=self.prepared_by.text().strip(),
            full_phones=self.full_phones.isChecked(),
            filtered=self.filtered.isChecked(),
        )


def suggested_name(fmt: str, today: date) -> str:
    return f"党员花名册-{today:%Y%m%d}.{fmt}"


def ask_export_options(
    parent: QWidget, fmt: str, filter_text: str = "", today: date | None = None
) -> ExportOptions | None:
    """The options, or None when cancelled; `to_printer` (and no path) after 打印…."""
    dialog = ExportOptionsDialog(fmt, filter_text, parent)
    result = dialog.exec()
    if result == PRINT:
        return dialog.options(None)
    if result != QDialog.DialogCode.Accepted:
        return None
    path = ask_save_path(
        parent, parent.tr("花名册"), suggested_name(fmt, today or date.today()), fmt
    )
    return None if path is None else dialog.options(path)
