"""Load the shipped CJK font: Qt on many machines has none, and draws 汉字 as boxes."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from dangjian_desktop.paths import cjk_font_path

log = logging.getLogger(__name__)
POINT_SIZE = 10


def load_app_font(app: QApplication) -> str | None:
    """Register the font with Qt and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("CJK font could not be loaded from %s", cjk_font_path())
        return None
    font = QFont(families[0], POINT_SIZE)
    app.setFont(font)
    return families[0]
