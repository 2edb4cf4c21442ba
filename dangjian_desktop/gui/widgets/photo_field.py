"""An optional member photo: pick an image file, see it, remove it.

Photos are scaled down and stored as JPEG, so a 6 MB camera picture costs the data file
(and every backup and transfer file) tens of kilobytes, not megabytes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are not photos of a person
STORED_SIZE = (360, 480)  # 3:4, twice the printed 1-inch photo at 300 dpi is plenty
PREVIEW_SIZE = (120, 160)
JPEG_QUALITY = 85


def scaled_jpeg(image: QImage) -> bytes:
    if image.width() > STORED_SIZE[0] or image.height() > STORED_SIZE[1]:
        image = image.scaled(
            *STORED_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())


class PhotoField(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.changed = False
        self.preview = QLabel(self)
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #bbb;")
        self.choose_button = QPushButton(self.tr("选择照片…"), self)
        self.remove_button = QPushButton(self.tr("移除照片"), self)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.error.hide()
        self.choose_button.clicked.connect(self._choose)
        self.remove_button.clicked.connect(lambda: self._set(None, changed=True))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.error)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._set(None, changed=False)

    def load(self, data: bytes | None) -> None:
        self._set(data, changed=False)

    def _set(self, data: bytes | None, changed: bool) -> None:
        self.data = data
        self.changed = self.changed or changed
        self.remove_button.setEnabled(data is not None)
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    *PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("无照片"))

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png *.bmp)")
        )
        if path:
            self.set_from_file(Path(path))

    def set_from_file(self, path: Path) -> bool:
        """Load an image file; a clear message and no change when it is not a usable image."""
        self.error.hide()
        try:
            too_big = path.stat().st_size > MAX_FILE_BYTES
            image = QImage() if too_big else QImage(str(path))
        except OSError:
            too_big, image = False, QImage()
        if too_big or image.isNull():
            self.error.setText(
                self.tr("文件太大")
                if too_big
                else self.tr("无法识别为图片，请选择 JPG 或 PNG 照片")
            )
            self.error.show()
            return False
        self._set(scaled_jpeg(image), changed=True)
        return True
