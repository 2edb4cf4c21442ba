"""What every PDF of the app has around its content: A4, the embedded CJK font, a page header
(unit and period at the left, date of issue and a note at the right), "第 X 页 共 Y 页" at the
foot, and the usual paragraph styles.

Table reports (table_pdf.py) use it now; the document-style writers that come next (会议记录,
the inspection report with photos) build their own story of flowables and hand it to
`build_pdf` with the same furniture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from dangjian_desktop.export import labels
from dangjian_desktop.export.fonts import register_cjk_font

MARGIN_X = 10 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 14 * mm
# The frame's vertical padding; none at the sides, so a table lines up with the page
# header's rule and gets the whole width between the margins.
FRAME_PADDING_Y = 6
HEADER_SIZE = 8
LINE_WIDTH = 0.4
CREATOR = "党建台账"


def page_size(landscape_page: bool = True) -> tuple[float, float]:
    return landscape(A4) if landscape_page else A4


def content_width(size: tuple[float, float]) -> float:
    """The width a flowable may use on a page of this size."""
    return size[0] - 2 * MARGIN_X


def markup(text: str) -> str:
    """Paragraph markup for plain text: escaped, newlines kept, and the wide gaps kept that
    Paragraph would otherwise collapse."""
    return escape(text).replace("\u3000", "&nbsp;" * 4).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    signature: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle


def styles(font: str) -> Styles:
    return Styles(
        title=ParagraphStyle(
            "title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=2
        ),
        subtitle=ParagraphStyle(
            "subtitle", fontName=font, fontSize=9, leading=13, alignment=TA_CENTER
        ),
        signature=ParagraphStyle("signature", fontName=font, fontSize=10, leading=14),
        body=ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK"),
        note=ParagraphStyle("note", fontName=font, fontSize=8, leading=11, wordWrap="CJK"),
    )


class NumberedCanvas(Canvas):
    """Keeps each page until the end, then writes "第 X 页 共 Y 页" on all of them: page
    numbers in one pass, instead of building the document twice to learn the total."""

    def __init__(self, *args, footer_font: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer_font = footer_font

    def showPage(self) -> None:  # reportlab override
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        width = self._pagesize[0]
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self._footer_font, HEADER_SIZE)
            self.drawCentredString(
                width / 2,
                MARGIN_BOTTOM / 2,
                labels.PAGE_OF.format(page=self._pageNumber, pages=total),
            )
            super().showPage()
        super().save()


@dataclass(frozen=True)
class PageFurniture:
    """The page header of every page: `left` (unit, period) and `right` (date, note)."""

    size: tuple[float, float]
    left: str
    right: str
    font: str

    def draw(self, canvas: Canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(self.font, HEADER_SIZE)
        y = self.size[1] - MARGIN_TOP / 2
        canvas.drawString(MARGIN_X, y, self.left)
        canvas.drawRightString(self.size[0] - MARGIN_X, y, self.right)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.line(MARGIN_X, y - 3, self.size[0] - MARGIN_X, y - 3)
        canvas.restoreState()


def build_pdf(
    fh: IO[bytes],
    story: Sequence[Flowable],
    furniture: PageFurniture,
    *,
    title: str,
    author: str,
) -> None:
    """Lay `story` out on pages with the header, footer and page numbers, into `fh`."""
    width, height = furniture.size
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width - 2 * MARGIN_X,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=FRAME_PADDING_Y,
        bottomPadding=FRAME_PADDING_Y,
    )
    doc = BaseDocTemplate(
        fh,
        pagesize=furniture.size,
        pageTemplates=[PageTemplate("page", frames=[frame], onPage=furniture.draw)],
        title=title,
        author=author,
        creator=CREATOR,
    )
    font = furniture.font
    doc.build(list(story), canvasmaker=lambda *a, **k: NumberedCanvas(*a, footer_font=font, **k))


__all__ = [
    "NumberedCanvas",
    "PageFurniture",
    "Styles",
    "build_pdf",
    "content_width",
    "markup",
    "page_size",
    "register_cjk_font",
    "styles",
]
