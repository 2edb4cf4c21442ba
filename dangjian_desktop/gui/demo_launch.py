"""打开示例数据 from inside the window: a second program on a fresh sample copy, started
exactly as `dangjian --demo` is (app.main builds the copy in a temporary folder and deletes
it when that window closes), so the user's own file stays open and untouched here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments of `dangjian --demo` for this installation."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the program is the exe
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "dangjian_desktop", "--demo"]


def start_demo() -> bool:
    """Start the demo program detached; False when it could not be started."""
    program, arguments = demo_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)
