"""An honest page for a tab whose capability has not been built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderView(QWidget):
    def __init__(self, title: str, planned: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(
            self.tr("{title}：尚未实现\n\n计划提供：{planned}").format(
                title=title, planned=planned
            ),
            self,
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        QVBoxLayout(self).addWidget(label)
