"""Typing into date fields as a secretary does: click in, type, Tab on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import type_text

# The offscreen platform warns whenever a shown window's size hints change (an error label
# appearing under a field) or a popup opens; it cannot do either. Warnings fail tests, so
# tests that show a dialog or a calendar ignore exactly these.
offscreen_window_warnings = pytest.mark.qt_log_ignore(r"^This plugin does not support")


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def type_date(qtbot, field, text: str, *, replace: bool = True) -> None:
    """Focus the field, select what is there (as a click and Ctrl+A would), type `text` as
    key presses and leave with Tab. ASCII goes through QTest; 汉字 and full-width digits as
    an input method commits them."""
    focus(qtbot, field)
    if replace:
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        type_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus(), "Tab did not leave the field"
