"""What the 积分 tab's GUI tests share: the tab shown, on the branch of tests/gui/conftest."""

from __future__ import annotations

import pytest


@pytest.fixture
def view(main_window, branch):
    main_window.tabs.setCurrentWidget(main_window.points_view)
    return main_window.points_view
