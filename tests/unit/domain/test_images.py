"""Photos from a phone: every bad file refused with its own code, a good one turned upright,
stripped of EXIF (GPS) and scaled to the stored size (issue 10 item 3 and "Bad input").
Every image is generated here with Pillow."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from dangjian_desktop import messages
from dangjian_desktop.domain import images
from dangjian_desktop.domain.images import (
    JPEG,
    LONG_EDGE,
    MAX_BYTES,
    MIN_LONG_EDGE,
    PNG,
    PhotoError,
    PreparedPhoto,
    header_size,
    prepare_photo,
)
from tests.photos import BLUE, RED, encoded, noisy_photo, photo, png_bomb


def refused(data: bytes) -> PhotoError:
    with pytest.raises(PhotoError) as excinfo:
        prepare_photo(data)
    text = messages.error_text(excinfo.value)  # a Chinese sentence for each refusal
    assert text and "…" not in text and "{" not in text
    return excinfo.value


def reopened(prepared: PreparedPhoto) -> Image.Image:
    img = Image.open(io.BytesIO(prepared.data))
    img.load()
    assert img.size == (prepared.width, prepared.height)
    return img


# --- good photos -------------------------------------------------------------------------------
def test_a_phone_photo_is_scaled_to_the_stored_size():
    prepared = prepare_photo(noisy_photo())
    assert (prepared.mime, prepared.width, prepared.height) == (JPEG, 2000, 1500)
    assert reopened(prepared).format == "JPEG"
    assert len(prepared.data) < 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("size", "stored"),
    [
        ((4032, 3024), (2016, 1512)),  # decoded at 1/2: nothing resampled
        ((3000, 4000), (1500, 2000)),  # portrait keeps its shape
        ((8000, 6000), (2000, 1500)),  # 48 MP, decoded at 1/4
        ((3000, 2000), (LONG_EDGE, 1365)),  # 1/2 would be below MIN_LONG_EDGE: resampled
        ((2500, 1000), (LONG_EDGE, 819)),
        ((2048, 1536), (2048, 1536)),  # at the limit: kept
    ],
)
def test_the_stored_long_edge_lies_between_the_limits(size, stored):
    prepared = prepare_photo(photo(size))
    assert (prepared.width, prepared.height) == stored
    assert MIN_LONG_EDGE <= max(stored) <= LONG_EDGE


def test_a_small_photo_keeps_its_size():
    prepared = prepare_photo(photo((800, 600)))
    assert (prepared.mime, prepared.width, prepared.height) == (JPEG, 800, 600)


def test_a_png_screenshot_stays_png_with_its_transparency():
    img = Image.new("RGBA", (300, 200), (255, 0, 0, 128))
    prepared = prepare_photo(encoded(img, "PNG"))
    assert prepared.mime == PNG
    assert reopened(prepared).getpixel((10, 10)) == (255, 0, 0, 128)


@pytest.mark.parametrize(("mode", "stored"), [("L", "L"), ("CMYK", "RGB")])
def test_grey_stays_grey_and_cmyk_becomes_rgb(mode, stored):
    assert reopened(prepare_photo(photo(mode=mode))).mode == stored


def test_a_phone_mpo_is_a_jpeg():
    """Phones write JPEGs with an MPF depth map, which Pillow reads as "MPO"."""
    first, second = Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)
    data = encoded(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    prepared = prepare_photo(data)
    assert (prepared.mime, prepared.width) == (JPEG, 64)


def test_the_colour_profile_is_kept():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    prepared = prepare_photo(photo(icc_profile=icc))
    assert reopened(prepared).info.get("icc_profile") == icc


# --- upright and private -------------------------------------------------------------------------
def exif(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    tags = Image.Exif()
    tags[ExifTags.Base.Make] = "Xiaomi"
    if orientation:
        tags[ExifTags.Base.Orientation] = orientation
    if gps:
        where = tags.get_ifd(ExifTags.IFD.GPSInfo)
        where.update({1: "N", 2: (31.0, 14.0, 30.5), 3: "E", 4: (121.0, 29.0, 0.0)})
    return tags


@pytest.mark.parametrize(
    ("orientation", "size", "top_left", "bottom_right"),
    [
        (1, (400, 200), RED, BLUE),
        (6, (200, 400), RED, BLUE),  # phone held upright: stored on its side, turned 90° cw
        (3, (400, 200), BLUE, RED),  # upside down
        (8, (200, 400), BLUE, RED),  # turned 90° ccw
    ],
)
def test_the_exif_orientation_is_applied(orientation, size, top_left, bottom_right):
    prepared = prepare_photo(photo(exif=exif(orientation)))
    img = reopened(prepared)
    assert img.size == size
    assert max(abs(a - b) for a, b in zip(img.getpixel((5, 5)), top_left, strict=True)) < 8
    corner = (size[0] - 5, size[1] - 5)
    assert max(abs(a - b) for a, b in zip(img.getpixel(corner), bottom_right, strict=True)) < 8
    assert ExifTags.Base.Orientation not in img.getexif()  # not turned twice by a viewer


def test_a_big_rotated_photo_is_turned_and_scaled():
    data = encoded(Image.effect_noise((4000, 3000), 40).convert("RGB"), exif=exif(6))
    prepared = prepare_photo(data)
    assert (prepared.width, prepared.height) == (1500, 2000)


def test_gps_and_all_other_exif_are_stripped():
    data = photo(exif=exif(gps=True))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the control
    prepared = prepare_photo(data)
    img = reopened(prepared)
    assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(img.getexif()) == 0 and b"Exif" not in prepared.data
    assert b"Xiaomi" not in prepared.data


def test_png_text_and_exif_are_stripped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "31.24N 121.48E")
    data = photo(fmt="PNG", pnginfo=info, exif=exif(gps=True))
    prepared = prepare_photo(data)
    assert b"31.24N" not in prepared.data and b"eXIf" not in prepared.data
    assert not reopened(prepared).getexif()


# --- bad files -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not a photo</body></html>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"GIF89a\x01\x00\x01\x00",
        b"RIFF\x10\x00\x00\x00WEBPVP8 ",
        b"BM" + b"\x00" * 64,
    ],
    ids=["html", "pdf", "gif", "webp", "bmp"],
)
def test_a_file_that_is_not_a_jpeg_or_png_is_refused(data):
    assert refused(data).code == "not_jpeg_or_png"


def test_an_iphone_heic_is_told_apart():
    assert refused(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64).code == "heic"


def test_an_empty_file_is_refused():
    assert refused(b"").code == "empty"


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999])
@pytest.mark.parametrize("size", [(1600, 1200), (4000, 3000)])  # decoded whole, at 1/2
def test_a_truncated_jpeg_is_refused(keep, size):
    data = noisy_photo(size)
    assert refused(data[: int(len(data) * keep)]).code == "damaged"


def test_a_jpeg_without_its_end_marker_is_refused():
    data = photo((800, 600))
    assert refused(data[:-2]).code == "damaged"


@pytest.mark.parametrize("cut", [30, 200])
def test_a_header_only_jpeg_is_refused(cut):
    assert refused(photo()[:cut]).code == "damaged"


@pytest.mark.parametrize("keep", [0.3, 0.95])
def test_a_truncated_png_is_refused(keep):
    data = encoded(Image.effect_noise((600, 400), 50), "PNG")
    assert refused(data[: int(len(data) * keep)]).code == "damaged"


def test_a_png_with_a_damaged_chunk_is_refused():
    data = bytearray(encoded(Image.effect_noise((600, 400), 50), "PNG"))
    data[len(data) // 2] ^= 0xFF
    assert refused(bytes(data)).code == "damaged"


def test_a_60_mb_file_is_refused_by_its_size():
    """A valid JPEG padded to 60 MB (decoders ignore what follows the end marker): only the
    byte limit refuses it."""
    data = photo()
    data += b"\x00" * (60 * 1024 * 1024 - len(data))
    error = refused(data)
    assert (error.code, error.params) == ("too_large", {"size_mb": 60.0, "max_mb": 25})
    assert "60.0 MB" in messages.error_text(error)


def test_a_file_at_the_byte_limit_is_accepted():
    data = photo()
    data += b"\x00" * (MAX_BYTES - len(data))
    assert prepare_photo(data).width == 400


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8000, 8000),  # 64 MP: below Pillow's own limit, refused by ours only
        (12000, 9000),  # 108 MP: Pillow only warns (a warning is an error in this test run)
        (16000, 16000),  # 256 MP: Pillow raises DecompressionBombError
    ],
)
def test_a_png_bomb_is_refused_before_it_is_decoded(width, height):
    data = png_bomb(width, height)
    assert len(data) < 1024 * 1024  # a small file …
    assert header_size(data, PNG) == (width, height)  # … of huge dimensions
    error = refused(data)
    assert (error.code, error.params) == (
        "too_many_pixels",
        {"width": width, "height": height, "max_mp": 40},
    )


def test_a_jpeg_claiming_huge_dimensions_is_refused():
    data = bytearray(photo((64, 48)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 60000, 60000)
    assert header_size(bytes(data), JPEG) == (60000, 60000)
    assert refused(bytes(data)).code == "too_many_pixels"


def test_the_jpeg_pixel_limit_applies_to_jpegs(monkeypatch):
    monkeypatch.setitem(images.PIXEL_LIMITS, JPEG, 4000 * 3000 - 1)
    error = refused(noisy_photo((4000, 3000)))
    assert error.params == {"width": 4000, "height": 3000, "max_mp": 11}


def test_pillows_own_warning_does_not_decide(monkeypatch):
    """Past Pillow's MAX_IMAGE_PIXELS it warns (in this test run a warning is an error):
    our limit, higher for JPEG, decides, and nothing leaks out."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 8_000_000)
    assert prepare_photo(photo((4000, 3000))).width == 2000


def test_pillows_own_refusal_is_a_bomb_too(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5_000_000)
    error = refused(photo((4000, 3000)))
    assert (error.code, error.params) == (
        "too_many_pixels",
        {"width": 4000, "height": 3000, "max_mp": 10},
    )


def test_a_png_at_the_pixel_limit_is_accepted(monkeypatch):
    monkeypatch.setitem(images.PIXEL_LIMITS, PNG, 4000 * 1000)
    prepared = prepare_photo(png_bomb(4000, 1000))
    assert (prepared.mime, prepared.width, prepared.height) == (PNG, LONG_EDGE, 512)


def test_header_size_reads_jpeg_with_exif_first():
    """The EXIF segment comes before the frame and is skipped by its length (a phone's
    holds a thumbnail with a frame marker of its own)."""
    data = photo((321, 123), exif=exif(6, gps=True))
    assert header_size(data, JPEG) == (321, 123)
