"""Which environments can open a window, decided before Qt is loaded."""

from __future__ import annotations

import pytest

from dangjian_desktop.app import missing_display


@pytest.mark.parametrize(
    ("environ", "platform", "missing"),
    [
        ({}, "linux", True),  # a console, an ssh session, a service: no desktop
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ""}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),  # tests and --smoke
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=1366x768"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, "linux", False),
        ({}, "freebsd14", True),
        ({}, "win32", False),  # Windows always has its desktop
        ({}, "darwin", False),
    ],
)
def test_missing_display(environ, platform, missing):
    assert missing_display(environ, platform) is missing
