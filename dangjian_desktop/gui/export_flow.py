"""What every export of the window does after its own dialog: ask where to save (the suffix
the format needs added when the user left it off), write off the GUI thread with the
delayed progress dialog and Cancel (gui/tasks.run_with_progress), then say where the file
is. The meeting, 积分, 阵地 and 统计 export actions share it; printing goes through
gui/printing.print_report instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dangjian_desktop.gui.tasks import BackgroundTask, run_with_progress
from dangjian_desktop.progress import Progress

FILTERS = {"xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)"}


def safe_stem(stem: str) -> str:
    """A suggested file name without the characters Windows refuses."""
    return "".join("_" if c in '\\/:*?"<>|' else c for c in stem)


def ask_save_path(parent: QWidget, name: str, suggested: str, fmt: str) -> Path | None:
    """The save dialog for report `name`, starting at ~/`suggested`; None when cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("保存{name}").format(name=name),
        str(Path.home() / suggested),
        parent.tr(FILTERS[fmt]),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    return path


def export_in_background(
    parent: QWidget, name: str, path: Path, work: Callable[[Progress], object]
) -> BackgroundTask:
    """Run `work(progress)` (which writes `path` atomically) off the GUI thread; "导出完成"
    naming the file when it is written, the error worded in Chinese when not."""

    def done(_result) -> None:
        QMessageBox.information(
            parent,
            parent.tr("导出完成"),
            parent.tr("{name}已保存到：\n{path}").format(name=name, path=path),
        )

    return run_with_progress(
        parent,
        parent.tr("正在导出{name}…").format(name=name),
        work,
        done,
        error_title=parent.tr("导出失败"),
    )
