"""What the 积分 tab's GUI tests share: the branch and the tab shown."""

from __future__ import annotations

import pytest

from tests.unit.services.meeting_data import make_branch


@pytest.fixture
def branch(gui_workspace):
    return make_branch(gui_workspace)


@pytest.fixture
def view(main_window, branch):
    main_window.tabs.setCurrentWidget(main_window.points_view)
    return main_window.points_view
