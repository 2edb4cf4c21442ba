"""Photos copied from a phone (阵地 inspections, rectification evidence): checked, turned
upright, stripped of their metadata and scaled down before anything stores them. Qt-free,
so the window, the command line and the demo prepare photos the same way.

A photo is untrusted input (issue 10 "Bad input"), refused with a PhotoError whose code
says why:
- its type is read from its first bytes, not its name: JPEG or PNG (an iPhone's HEIC is
  told apart, since it is the likeliest wrong file);
- at most MAX_BYTES as it arrives (a 60 MB file is refused before it is decoded);
- at most PIXEL_LIMITS pixels, read from the file header before Pillow decodes anything: a
  "PNG bomb" of 50,000 × 50,000 pixels fits in a few hundred kilobytes and would need
  gigabytes of memory;
- decoded to the end (Image.verify, then a fresh open and load): a copy cut short on a USB
  stick is refused, not stored half grey.

What is stored (`PreparedPhoto`): upright (the EXIF orientation applied, as a phone shows
it), its longer side at most LONG_EDGE (a big JPEG: between MIN_LONG_EDGE and LONG_EDGE, the
size its decoder scales to cheaply), re-encoded without any EXIF (the GPS position of a
depot or a ship is not the report's business, nor the phone's serial number); the colour
profile is kept. JPEG stays JPEG at JPEG_QUALITY, PNG (screenshots) stays PNG. LONG_EDGE
2048 prints a photo at 300 dpi 17 cm wide, more than an inspection report lays out.

Pillow is imported when the first photo is prepared, so the window starts without it.
The attachment store of the meetings work (services/attachment_files.py on its branch)
checks images with Pillow too; this module is meant to become the one image check both use.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from dataclasses import dataclass
from typing import ClassVar

from dangjian_desktop.domain.errors import AppError

JPEG = "image/jpeg"
PNG = "image/png"
MAX_BYTES = 25 * 1024 * 1024  # a phone photo is 2–12 MB; 25 MB passes a 108-MP one
# Pixels at most, by type. JPEG is decoded at a reduced scale (draft) when it is big, so a
# 108-MP phone photo costs about 20 MB of memory; PNG is decoded whole (4 bytes a pixel):
# 40 MP is 160 MB, and a phone's PNG is a screenshot of a few MP.
PIXEL_LIMITS = {JPEG: 120_000_000, PNG: 40_000_000}
LONG_EDGE = 2048
# A JPEG decoded at 1/2, 1/4 or 1/8 scale is stored at that size when its longer side lands
# here (_draft_size): 1600 px print 17 cm wide at 240 dpi.
MIN_LONG_EDGE = 1600
JPEG_QUALITY = 85

_MAGIC = {JPEG: b"\xff\xd8\xff", PNG: b"\x89PNG\r\n\x1a\n"}
_PILLOW_FORMATS = {JPEG: {"JPEG", "MPO"}, PNG: {"PNG"}}  # MPO: a JPEG with a depth map
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# JPEG start-of-frame markers (they hold the size): C0–CF but DHT, JPG and DAC.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA"}

EMPTY = "empty"
TOO_LARGE = "too_large"
HEIC = "heic"
NOT_JPEG_OR_PNG = "not_jpeg_or_png"
DAMAGED = "damaged"
TOO_MANY_PIXELS = "too_many_pixels"


class PhotoError(AppError):
    """A photo refused; nothing was stored. messages.PHOTO_ERRORS words each code."""

    area = "photos"
    ERROR_CODES: ClassVar[dict[str, str]] = {
        EMPTY: "the file has no bytes",
        TOO_LARGE: "bigger than the limit as it arrives (params size_mb, max_mb)",
        HEIC: "an iPhone HEIC/HEIF photo, which is not decoded here",
        NOT_JPEG_OR_PNG: "neither JPEG nor PNG by its first bytes (its name may say so)",
        DAMAGED: "cut short or damaged: it does not decode to its end",
        TOO_MANY_PIXELS: "more pixels than the limit of its type, a decompression bomb "
        "(params width, height, max_mp)",
    }


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo as it may be stored and printed: `data` in `mime`, `width` × `height`
    pixels, upright, without EXIF."""

    data: bytes
    mime: str
    width: int
    height: int


def sniff(data: bytes) -> str | None:
    """JPEG or PNG by the first bytes, else None."""
    return next((mime for mime, magic in _MAGIC.items() if data.startswith(magic)), None)


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def header_size(data: bytes, mime: str) -> tuple[int, int] | None:
    """(width, height) from the header alone (PNG IHDR, the JPEG frame marker), without
    decoding; None when the header is not there (a damaged file)."""
    if mime == PNG:
        if data[12:16] != b"IHDR" or len(data) < 24:
            return None
        return struct.unpack(">II", data[16:24])
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _too_many(width: int, height: int, mime: str) -> PhotoError | None:
    limit = PIXEL_LIMITS[mime]
    if width * height <= limit:
        return None
    return PhotoError(
        TOO_MANY_PIXELS, {"width": width, "height": height, "max_mp": limit // 1_000_000}
    )


def prepare_photo(data: bytes) -> PreparedPhoto:
    """The photo checked, upright, without EXIF and at most LONG_EDGE on its longer side.
    Raises PhotoError (codes in PhotoError.ERROR_CODES) for every refusal."""
    if not data:
        raise PhotoError(EMPTY)
    if len(data) > MAX_BYTES:
        size_mb = round(len(data) / 2**20, 1)
        raise PhotoError(TOO_LARGE, {"size_mb": size_mb, "max_mb": MAX_BYTES // 2**20})
    mime = sniff(data)
    if mime is None:
        raise PhotoError(HEIC if _is_heif(data) else NOT_JPEG_OR_PNG)
    size = header_size(data, mime)
    if size is None:
        raise PhotoError(DAMAGED)
    if error := _too_many(*size, mime):
        raise error

    from PIL import Image

    with warnings.catch_warnings():
        # Pillow warns past its own MAX_IMAGE_PIXELS (89 MP); PIXEL_LIMITS, checked above
        # and again on Pillow's reading of the size, decide here. (The filter is the
        # process's while this runs: it only silences this one warning class.)
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return _decoded(data, mime)
        except Image.DecompressionBombError:
            # Past twice Pillow's MAX_IMAGE_PIXELS, lowered below ours by someone: its limit
            # is the one that held.
            pillow_mp = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
            params = {"width": size[0], "height": size[1], "max_mp": pillow_mp}
            raise PhotoError(TOO_MANY_PIXELS, params) from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error):
            # OSError covers "image file is truncated" and UnidentifiedImageError.
            raise PhotoError(DAMAGED) from None


def _decoded(data: bytes, mime: str) -> PreparedPhoto:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as probe:
        if probe.format not in _PILLOW_FORMATS[mime]:
            raise PhotoError(NOT_JPEG_OR_PNG)
        if error := _too_many(*probe.size, mime):  # Pillow's reading of the header
            raise error
        probe.verify()  # PNG: every chunk's checksum, without decoding
    with Image.open(io.BytesIO(data)) as img:
        if mime == JPEG:
            img.draft(None, _draft_size(img.size))
        img.load()  # the whole image decodes: not cut short
        icc = img.info.get("icc_profile")
        if max(img.size) > LONG_EDGE:
            img.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.BICUBIC)
        out = _upright(img)  # after scaling: turning the smaller image is cheaper
    buffer = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if mime == JPEG:
        if out.mode not in ("RGB", "L"):
            out = out.convert("RGB")
        out.save(buffer, "JPEG", quality=JPEG_QUALITY, **options)  # no exif= : none written
    else:
        if out.mode not in _PNG_MODES:
            out = out.convert("RGBA" if "A" in out.getbands() else "RGB")
        out.save(buffer, "PNG", **options)
    return PreparedPhoto(buffer.getvalue(), mime, out.width, out.height)


def _draft_size(size: tuple[int, int]) -> tuple[int, int]:
    """What to ask the JPEG decoder for. libjpeg decodes at 1/2, 1/4 or 1/8 scale for
    nearly the cost of the smaller image; when one of those scales lands between
    MIN_LONG_EDGE and LONG_EDGE, it is the stored size and nothing is resampled (a 12-MP
    phone photo of 4000 × 3000 is stored at 2000 × 1500, four times faster than decoding it
    whole and resampling it to 2048). Otherwise the largest scale still above LONG_EDGE,
    resampled down after."""
    width, height = size
    for scale in (8, 4, 2):
        if MIN_LONG_EDGE <= -(-max(width, height) // scale) <= LONG_EDGE:
            return max(1, width // scale), max(1, height // scale)
    fit = min(1.0, LONG_EDGE / max(width, height))
    return max(1, round(width * fit)), max(1, round(height * fit))


def _upright(img):
    """As a phone shows it: the EXIF orientation applied. A photo whose EXIF is damaged is
    kept as it was stored rather than refused (the pixels are fine)."""
    from PIL import ImageOps

    try:
        return ImageOps.exif_transpose(img)
    except (OSError, SyntaxError, ValueError, KeyError, TypeError, struct.error):
        return img.copy()
