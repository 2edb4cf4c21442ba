"""An honest page for a tab whose capability has not been built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.views.base import TabView
from dangjian_desktop.services import Workspace


class PlaceholderView(TabView):
    def __init__(
        self,
        workspace: Workspace,
        events: AppEvents,
        title: str,
        planned: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, events, parent)
        self._title = title
        self._planned = planned

    def build(self) -> None:
        label = QLabel(
            self.tr("{title}：尚未实现\n\n计划提供：{planned}").format(
                title=self._title, planned=self._planned
            ),
            self,
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        QVBoxLayout(self).addWidget(label)
