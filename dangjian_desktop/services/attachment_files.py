"""Checking a picked file before it becomes an attachment (outside Qt, so the command line
and tests check exactly what the window does).

A file is untrusted input: its type is read from its first bytes, not its name; its size is
bounded before anything is decoded; an image is opened with Pillow, refused when it would
decode to more pixels than a camera gives (a "PNG bomb": 50,000 × 50,000 pixels in a few
kilobytes), decoded once to prove it is whole, and scaled down when its longer side exceeds
MAX_SIDE. A PDF is checked for its header and end marker (a file cut short on a USB stick
lacks "%%EOF"). Pillow is imported here only, when the first image is checked: the window
starts without it.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from dangjian_desktop.domain.attachments import (
    JPEG,
    MAX_BYTES,
    MAX_PIXELS,
    MAX_SIDE,
    PDF,
    PNG,
    NewAttachment,
    clean_file_name,
    sniff_mime,
)
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.text import clean_text

# Quality of a scaled-down JPEG: signatures and handwriting stay legible.
JPEG_QUALITY = 85
_PDF_TAIL = 2048  # "%%EOF" is within the last bytes of a whole PDF


@dataclass(frozen=True)
class PreparedFile:
    """A checked file, ready for the store."""

    file_name: str
    mime: str
    data: bytes
    caption: str = ""
    scaled: bool = False  # an image was scaled down to MAX_SIDE


def prepare(item: NewAttachment, field: str = "attachment") -> PreparedFile | FieldError:
    """The checked (and maybe scaled) file, or the FieldError saying why it is refused."""
    data = item.data
    if not data:
        return FieldError(field, "attachment_empty")
    if len(data) > MAX_BYTES:
        return FieldError(field, "attachment_too_large", (("max_mb", MAX_BYTES // 2**20),))
    mime = sniff_mime(data)
    if mime is None:
        return FieldError(field, "attachment_type")
    name = clean_file_name(item.file_name)
    caption = clean_text(item.caption).strip()
    if mime == PDF:
        if b"%%EOF" not in data[-_PDF_TAIL:]:
            return FieldError(field, "attachment_unreadable")
        return PreparedFile(name, mime, data, caption)
    checked = _checked_image(data, mime, field)
    if isinstance(checked, FieldError):
        return checked
    out, scaled = checked
    if scaled and mime == JPEG and not name.lower().endswith((".jpg", ".jpeg")):
        name = f"{name}.jpg"
    return PreparedFile(name, mime, out, caption, scaled)


def _checked_image(data: bytes, mime: str, field: str) -> tuple[bytes, bool] | FieldError:
    from PIL import Image, ImageOps, UnidentifiedImageError

    bomb = FieldError(field, "attachment_too_many_pixels", (("max_mp", MAX_PIXELS // 10**6),))
    unreadable = FieldError(field, "attachment_unreadable")
    with warnings.catch_warnings():
        # Pillow warns, then raises, past its own limit; both mean the same here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in ("JPEG", "PNG"):
                    return FieldError(field, "attachment_type")
                width, height = img.size
                if width * height > MAX_PIXELS:  # read from the header: nothing decoded yet
                    return bomb
                if img.format == "JPEG":
                    # Decode at 1/2, 1/4 or 1/8 scale when that still covers MAX_SIDE.
                    img.draft("RGB", (MAX_SIDE, MAX_SIDE))
                img.load()  # the whole image decodes: it is not cut short or damaged
                if max(width, height) <= MAX_SIDE:
                    return data, False
                return _scaled(img, ImageOps), True
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return bomb
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return unreadable


def _scaled(img, image_ops) -> bytes:
    """The image with its longer side MAX_SIDE, upright (EXIF orientation applied, as a
    viewer would show it), in its own format."""
    fmt = img.format
    upright = image_ops.exif_transpose(img)
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        upright.save(out, "PNG", optimize=True)
    return out.getvalue()


__all__ = ["JPEG", "PDF", "PNG", "PreparedFile", "prepare"]
