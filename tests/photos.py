"""Photos for tests, generated with Pillow: a plain one whose orientation can be read back,
a phone-like noisy one, and a PNG decompression bomb."""

from __future__ import annotations

import functools
import io
import struct
import zlib

from PIL import Image

RED, BLUE = (255, 0, 0), (0, 0, 255)


def encoded(img: Image.Image, fmt: str = "JPEG", **options) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **options)
    return out.getvalue()


def photo(size=(400, 200), mode="RGB", fmt="JPEG", **options) -> bytes:
    """Left half red, right half blue: which way up it is can be read back."""
    img = Image.new("RGB", size, BLUE)
    img.paste(RED, (0, 0, size[0] // 2, size[1]))
    return encoded(img.convert(mode), fmt, **options)


@functools.cache
def noisy_photo(size=(4000, 3000)) -> bytes:
    """Like a phone's: noise over a gradient, so it compresses as a photo does (~6 MB)."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    ramp = Image.linear_gradient("L").resize(size).convert("RGB")
    return encoded(Image.blend(noise, ramp, 0.6), quality=92)


def png_bomb(width: int, height: int) -> bytes:
    """A real PNG of `width` × `height` black pixels: a few hundred kilobytes that decode to
    width × height bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    rows = b"\x00" * (width + 1) * 256  # filter byte 0 and a black row, 256 at a time
    idat = [packer.compress(rows) for _ in range(height // 256)]
    idat += [packer.compress(b"\x00" * (width + 1) * (height % 256)), packer.flush()]
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", b"".join(idat))
        + chunk(b"IEND", b"")
    )
