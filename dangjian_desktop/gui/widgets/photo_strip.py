"""A row of photo thumbnails with 添加照片… / 删除照片, for an inspection item or a
rectification's closing evidence.

Photos picked from the file dialog are read and checked off the GUI thread
(domain/images.prepare_photo: JPEG/PNG only, not cut short, not too big, no decompression
bomb) before they are shown; a refused one is named with the reason in Chinese and is not
kept. What is kept is the prepared copy (upright, at most 2048 px), so the thumbnails and
the later save never decode a camera original again. Nothing is stored until the record is
saved by its service (NewPhoto); removing a stored photo is remembered in `removed`.

Photos are kept per key (an inspection item's key; "" for evidence): `set_key` shows one
key's photos.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain import images
from dangjian_desktop.messages import error_text
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services.venue_service import NewPhoto

THUMB = 96
PHOTO_FILTER = "照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


@dataclass
class PhotoEntry:
    attachment_id: int | None  # a stored photo …
    photo: NewPhoto | None  # … or one picked in this form, not stored yet
    name: str
    thumb: QPixmap = field(default_factory=QPixmap)


def thumbnail(data: bytes) -> QPixmap:
    """A thumbnail of a prepared (checked) photo; an empty pixmap when it does not decode."""
    image = QImage.fromData(data)
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(
        image.scaled(
            THUMB,
            THUMB,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )


def prepare_files(paths: list[str], progress) -> tuple[list[NewPhoto], list[str]]:
    """Read and check each file (off the GUI thread): the accepted photos as prepared
    NewPhoto and one Chinese line per refused file."""
    accepted: list[NewPhoto] = []
    refused: list[str] = []
    for n, path in enumerate(paths):
        name = Path(path).name
        try:
            size = Path(path).stat().st_size
            if size > images.MAX_BYTES:
                raise images.PhotoError(
                    images.TOO_LARGE,
                    {"size_mb": round(size / 2**20, 1), "max_mb": images.MAX_BYTES // 2**20},
                )
            ready = images.prepare_photo(Path(path).read_bytes())
        except images.PhotoError as exc:
            refused.append(f"“{name}”：{error_text(exc)}")
        except OSError as exc:
            refused.append(f"“{name}”：{error_text(exc) or '无法读取这个文件'}")
        else:
            accepted.append(NewPhoto(name, ready.data))
        if not progress(n + 1, len(paths)):
            raise Cancelled
    return accepted, refused


class PhotoStrip(QWidget):
    changed = Signal()

    def __init__(self, ws, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self._ws = ws
        self._by_key: dict[str, list[PhotoEntry]] = {}
        self._key = ""
        self.removed: list[int] = []
        self.last_task = None
        self.title = QLabel(title or self.tr("照片"), self)
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedHeight(THUMB + 48)
        self.list.setAccessibleName(self.tr("照片"))
        self.add_button = QPushButton(self.tr("添加照片…"), self)
        self.remove_button = QPushButton(self.tr("删除照片"), self)
        self.add_button.clicked.connect(self.add_photos)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        buttons = QVBoxLayout()
        buttons.addWidget(self.title)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self._update_buttons()

    # --- what it holds ---------------------------------------------------------------------
    def load_stored(self, key: str, attachment_ids: list[int]) -> None:
        """The stored photos of one key, read from the attachment store."""
        entries = self._by_key.setdefault(key, [])
        for attachment_id in attachment_ids:
            try:
                found, data = self._ws.attachments.read(attachment_id)
                thumb, name = thumbnail(data), found.file_name
            except Exception:  # missing or damaged file: shown as such, still removable
                thumb, name = QPixmap(), self.tr("（文件缺失）")
            entries.append(PhotoEntry(attachment_id, None, name, thumb))

    def set_key(self, key: str) -> None:
        self._key = key
        self._show()

    def entries(self, key: str | None = None) -> list[PhotoEntry]:
        return list(self._by_key.get(self._key if key is None else key, []))

    def new_photos(self) -> list[NewPhoto]:
        """Every photo added and not removed, with its key, in order."""
        out = []
        for key, entries in self._by_key.items():
            for e in entries:
                if e.photo is not None:
                    out.append(NewPhoto(e.photo.file_name, e.photo.data, item_key=key))
        return out

    def count(self, key: str) -> int:
        return len(self._by_key.get(key, []))

    def is_dirty(self) -> bool:
        return bool(self.removed) or bool(self.new_photos())

    # --- editing ---------------------------------------------------------------------------
    def add_photos(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择照片"), str(Path.home()), self.tr(PHOTO_FILTER)
        )
        if paths:
            self.add_files(list(paths))

    def add_files(self, paths: list[str]) -> None:
        """Check the files off the GUI thread, then show the accepted ones."""
        from dangjian_desktop.gui.tasks import run_with_progress

        key = self._key

        def done(result) -> None:
            accepted, refused = result
            entries = self._by_key.setdefault(key, [])
            for photo in accepted:
                entries.append(PhotoEntry(None, photo, photo.file_name, thumbnail(photo.data)))
            self._show()
            if accepted:
                self.changed.emit()
            if refused:
                QMessageBox.warning(
                    self,
                    self.tr("照片未添加"),
                    self.tr("以下照片未添加：\n{lines}").format(lines="\n".join(refused)),
                )

        self.last_task = run_with_progress(
            self,
            self.tr("正在检查照片…"),
            lambda progress: prepare_files(paths, progress),
            done,
            error_title=self.tr("无法添加照片"),
        )

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        entries = self._by_key.get(self._key, [])
        if 0 <= row < len(entries):
            entry = entries.pop(row)
            if entry.attachment_id is not None:
                self.removed.append(entry.attachment_id)
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        self.list.clear()
        for e in self._by_key.get(self._key, []):
            item = QListWidgetItem(QIcon(e.thumb) if not e.thumb.isNull() else QIcon(), e.name)
            item.setToolTip(e.name)
            item.setSizeHint(QSize(THUMB + 16, THUMB + 36))
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
