"""The CJK font for PDFs, registered with reportlab once per process.

PDFs must not depend on the fonts of the PC that prints them (DESIGN.md §2): the shipped
WenQuanYi Micro Hei (TrueType outlines) is embedded, and reportlab embeds only the glyphs a
document uses, as subsets, so a one-page report stays small although the font is 5 MB.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dangjian_desktop.paths import cjk_font_path

CJK_FONT = "WenQuanYiMicroHei"
# Face 0 of the collection is the proportional Micro Hei; face 1 is its monospaced twin.
_SUBFONT_INDEX = 0

_lock = threading.Lock()
_registered = False


def register_cjk_font() -> str:
    """Register the shipped CJK font (idempotent, thread-safe) and return its name.

    The font has no bold or italic face, so the family maps all four styles to the same face:
    `<b>` in a Paragraph then falls back to the regular glyphs instead of failing. (reportlab
    4–5 does this by itself for multi-byte TrueType fonts; stated here so we do not rely on it.)
    """
    global _registered
    if _registered:  # fast path without the lock; the flag is only set after registration
        return CJK_FONT
    with _lock:
        if not _registered:
            path = cjk_font_path()
            pdfmetrics.registerFont(TTFont(CJK_FONT, str(path), subfontIndex=_SUBFONT_INDEX))
            pdfmetrics.registerFontFamily(
                CJK_FONT, normal=CJK_FONT, bold=CJK_FONT, italic=CJK_FONT, boldItalic=CJK_FONT
            )
            _registered = True
    return CJK_FONT
