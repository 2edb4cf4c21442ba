"""The QApplication as the program creates it: Chinese whatever the system locale says."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

# Run in a fresh interpreter: the locale comes from the environment when Qt starts.
PROBE = """
import json
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCalendarWidget, QDialogButtonBox, QFileDialog, QLabel, QToolButton
)
from dangjian_desktop.gui.application import create_application

app = create_application()
calendar = QCalendarWidget()
calendar.setCurrentPage(2024, 1)
dialog = QFileDialog(None)
dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
print(json.dumps({
    "system": QLocale.system().name(),
    "default": QLocale().name(),
    "month_button": calendar.findChild(QToolButton, "qt_calendar_monthbutton").text(),
    "monday": calendar.locale().dayName(1, QLocale.FormatType.ShortFormat),
    "look_in": dialog.findChild(QLabel, "lookInLabel").text(),
    "file_type": dialog.findChild(QLabel, "fileTypeLabel").text(),
    "cancel": buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
    "own_text": QCoreApplication.translate("MemberDialog", "保存"),
}, ensure_ascii=False))
"""


@pytest.mark.parametrize("system_locale", ["C", "en_US.UTF-8"])
def test_calendar_and_qt_dialogs_are_chinese_under_a_foreign_locale(system_locale):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG=system_locale, LC_ALL=system_locale, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["system"] in ("C", "en_US")  # the machine really is not Chinese
    assert seen == {
        "system": seen["system"],
        "default": "zh_CN",
        "month_button": "一月",
        "monday": "周一",
        "look_in": "查找范围(&L)：",  # Qt's .qm lacks it: QT_ZH_GAPS
        "file_type": "文件类型(&T)：",
        "cancel": "取消",
        "own_text": "保存",  # the program's own strings pass every translator untouched
    }


def test_qt_translations_are_found_where_the_wheel_keeps_them():
    from dangjian_desktop.gui.application import qt_translation_dirs

    dirs = qt_translation_dirs()
    assert dirs and any((d / "qtbase_zh_CN.qm").is_file() for d in dirs)
