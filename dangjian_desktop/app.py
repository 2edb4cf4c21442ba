"""Composition root: arguments → data file → workspace → QApplication → MainWindow."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dangjian_desktop import paths


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dangjian", description="党建台账")
    parser.add_argument("--db", type=Path, help="数据文件路径（默认在用户数据文件夹中）")
    parser.add_argument(
        "--smoke", action="store_true", help="自检：在临时数据文件上打开主窗口后立即退出"
    )
    parser.add_argument(
        "--demo", action="store_true", help="在示例数据的临时副本上打开（关闭窗口后删除）"
    )
    return parser.parse_args(argv)


# Qt platform plugins that draw without a desktop session (tests, --smoke, remote frame buffers).
_HEADLESS_PLATFORMS = (
    "offscreen",
    "minimal",
    "minimalegl",
    "vnc",
    "eglfs",
    "linuxfb",
    "vkkhrdisplay",
)
NO_DISPLAY_MESSAGE = (
    "党建台账需要图形桌面才能打开窗口，但没有找到桌面会话（未设置 DISPLAY 或 WAYLAND_DISPLAY）："
    "请在 Windows 或带 X11/Wayland 桌面的 Linux 中运行。"
)


def missing_display(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """True when Qt would have no screen to open a window on (Linux and the BSDs without
    X11 or Wayland). Qt then aborts the process with a message about xcb libraries."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    wanted = [p.split(":")[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if any(p in _HEADLESS_PLATFORMS for p in wanted):
        return False
    has_x11, has_wayland = bool(environ.get("DISPLAY")), bool(environ.get("WAYLAND_DISPLAY"))
    if not wanted:  # Qt picks Wayland or X11 by itself
        return not (has_x11 or has_wayland)
    return not any(
        (p == "xcb" and has_x11) or (p.startswith("wayland") and has_wayland) for p in wanted
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from dangjian_desktop import cli

    if cli.is_cli(argv):  # `dangjian import …`, `dangjian export …`: no window, no Qt
        return cli.main(argv)
    args = parse_args(argv)
    if args.demo and args.db is not None:
        print("参数 --demo 不能与 --db 同时使用：示例数据总是打开在临时文件夹中。", file=sys.stderr)
        return 2
    if missing_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    # The data stack is imported before Qt: PySide6 installs an import hook that makes every
    # module imported after it slower to load. Both are imported here, not at module level,
    # so `--help` stays fast.
    import dangjian_desktop.services  # noqa: F401

    # isort: split
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui import tasks
    from dangjian_desktop.gui.application import (
        QuitSignals,
        create_application,
        open_workspace_interactive,
    )
    from dangjian_desktop.gui.errors import install_excepthook
    from dangjian_desktop.gui.main_window import MainWindow
    from dangjian_desktop.gui.printing import printing_works
    from dangjian_desktop.logs import setup_logging

    app = QApplication.instance() or create_application()
    tasks.reopen()
    prefix = "dangjian-demo-" if args.demo else "dangjian-smoke-"
    with tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True) as tmp:
        if args.demo:
            from dangjian_desktop.demo import DEMO_FILE_NAME, build_demo

            try:
                db_path = build_demo(Path(tmp) / DEMO_FILE_NAME).path
            except OSError as exc:  # e.g. a full temporary folder
                print(f"无法创建示例数据：{exc}", file=sys.stderr)
                return 1
        elif args.smoke and args.db is None:
            db_path = Path(tmp) / paths.DB_FILE_NAME
        else:
            db_path = (args.db or paths.default_db_path()).absolute()
        setup_logging(paths.log_dir_for(db_path))
        if not args.smoke:  # a self-test reports errors on stderr, never in a dialog
            install_excepthook()
        workspace = open_workspace_interactive(db_path, interactive=not args.smoke)
        if workspace is None:
            return 1
        signals = None
        try:
            window = MainWindow(workspace)
            if args.demo:
                _mark_as_demo(window)
            window.show()
            if args.smoke:
                app.processEvents()
                shown = window.isVisible() and window.tabs.count() == 6
                window.close()
                print("smoke: main window shown" if shown else "smoke: window not shown")
                # The bundle must carry Qt's Chinese strings (build.spec): 取消, not Cancel.
                chinese = app.translate("QPlatformTheme", "Cancel") == "取消"
                if not chinese:
                    print("smoke: Qt's Chinese translations (qtbase_zh_CN.qm) not loaded")
                printable = printing_works()  # build.spec must carry PDFium (pypdfium2_raw)
                if not printable:
                    print("smoke: printing cannot rasterise a PDF (pypdfium2)")
                return 0 if shown and chinese and printable else 1
            # Logout, a closed terminal or Ctrl+C end the program as 文件→退出 does, so the
            # exit backup below is taken; a signal during that backup does not cut it short.
            signals = QuitSignals(window.close_on_signal, app)
            signals.install()
            return app.exec()
        finally:
            try:
                tasks.shut_down()  # no background read may outlive the loop or the file
                workspace.close(final_backup=not args.smoke)
            finally:
                if signals is not None:
                    signals.uninstall()


def _mark_as_demo(window) -> None:
    """Say on the window itself that this is sample data, so nobody types real records
    into a file that is deleted on exit."""
    from PySide6.QtWidgets import QLabel

    # Qt appends the application name (党建台账) to the title itself.
    window.setWindowTitle(window.tr("示例数据（临时副本，关闭后删除）"))
    label = QLabel(window.tr("示例数据：关闭窗口后删除，请勿录入真实信息"), window)
    label.setObjectName("demoNotice")
    label.setStyleSheet("color: #c0392b; font-weight: bold;")
    window.statusBar().addPermanentWidget(label)


if __name__ == "__main__":
    raise SystemExit(main())
