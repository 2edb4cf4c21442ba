"""党员花名册 → .pdf: A4 landscape, embedded CJK font subset, repeated header, page numbers.

Speed for 10,000 rows (DESIGN.md §5: faster than LibreOffice printing the .xlsx). A
reportlab Table re-measures and copies the whole remainder at every page break — quadratic
in the roster — and builds a text object per cell. So the body is one flowable of our own:
- every row's height is measured once, up front: one line for plain strings, and a
  Paragraph (the costly part) only where a text is too wide for its column;
- splitting at a page end is a binary search over the running heights, and each page is
  drawn as one grid and one text object (cells of a page share it);
- "第 X 页 共 Y 页" in one pass: the canvas keeps each finished page and stamps the page
  numbers when the total is known, instead of building the document twice.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from dangjian_desktop.export import labels
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.labels import ROSTER_COLUMNS, RosterColumn
from dangjian_desktop.export.roster_report import RosterReport
from dangjian_desktop.progress import Progress, ProgressTicker

PAGE = landscape(A4)
MARGIN_X = 10 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 14 * mm
FRAME_PADDING = 6  # SimpleDocTemplate's frame insets its content by 6 points a side
BODY_SIZE = 7.5
HEADER_SIZE = 8
LEADING = BODY_SIZE * 1.25
PAD_X = 2.0  # cell padding, points
PAD_Y = 2.0
LINE_WIDTH = 0.4
# A cell shows at most this many lines in the PDF (the .xlsx keeps all of the text): a
# pasted essay in 备注 must not make one row taller than a page, which platypus cannot place.
MAX_CELL_LINES = 12
ELLIPSIS = "…"
_GREY = colors.Color(0.85, 0.85, 0.85)

Cell = str | Paragraph


class _NumberedCanvas(Canvas):
    """Keeps each page until the end, then writes "第 X 页 共 Y 页" on all of them."""

    def __init__(self, *args, footer_font: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer_font = footer_font

    def showPage(self) -> None:  # reportlab override
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self._footer_font, HEADER_SIZE)
            self.drawCentredString(
                PAGE[0] / 2,
                MARGIN_BOTTOM / 2,
                labels.PAGE_OF.format(page=self._pageNumber, pages=total),
            )
            super().showPage()
        super().save()


@dataclass
class _Grid:
    """The measured table: cells, row heights and how to draw them."""

    font: str
    widths: list[float]
    centred: list[bool]
    header: list[Paragraph]
    header_height: float
    rows: list[list[Cell]]
    heights: list[float]
    tops: list[float]  # running sum of heights: tops[i] = height of rows[:i]
    on_drawn: Callable[[int], None]
    text_width: Callable[[str], float]


class _RosterRows(Flowable):
    """Rows start..stop of the roster with the header row on top; splits at page ends."""

    def __init__(self, grid: _Grid, start: int, stop: int):
        super().__init__()
        self.grid, self.start, self.stop = grid, start, stop
        self.width = sum(grid.widths)
        self.height = grid.header_height + grid.tops[stop] - grid.tops[start]

    def wrap(self, avail_width, avail_height):  # reportlab override
        return self.width, self.height

    def split(self, avail_width, avail_height):  # reportlab override
        g = self.grid
        room = avail_height - g.header_height
        # The last row whose bottom still fits: a binary search, not a re-measure.
        end = bisect_right(g.tops, g.tops[self.start] + room + 1e-6, self.start, self.stop + 1) - 1
        if end <= self.start:
            return []  # not even one row fits: platypus moves on to the next page
        return [_RosterRows(g, self.start, end), _RosterRows(g, end, self.stop)]

    def draw(self) -> None:  # reportlab override
        g, canvas = self.grid, self.canv
        xs = list(accumulate(g.widths, initial=0.0))
        top = self.height
        ys = [top, top - g.header_height]
        for h in g.heights[self.start : self.stop]:
            ys.append(ys[-1] - h)
        canvas.setFillColor(_GREY)
        canvas.rect(0, ys[1], self.width, g.header_height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.grid(xs, ys)
        for x, w, para in zip(xs, g.widths, g.header, strict=False):
            _, ph = para.wrap(w - 2 * PAD_X, g.header_height)
            para.drawOn(canvas, x + PAD_X, ys[1] + (g.header_height - ph) / 2)
        text = canvas.beginText()
        text.setFont(g.font, BODY_SIZE, LEADING)
        for r in range(self.start, self.stop):
            row_top = ys[r - self.start + 1]
            h = g.heights[r]
            baseline = row_top - h / 2 - BODY_SIZE * 0.35
            for x, w, centre, cell in zip(xs, g.widths, g.centred, g.rows[r], strict=False):
                if not cell:
                    continue
                if isinstance(cell, Paragraph):
                    cell.drawOn(canvas, x + PAD_X, row_top - (h + cell.height) / 2)
                    continue
                left = x + (w - g.text_width(cell)) / 2 if centre else x + PAD_X
                text.setTextOrigin(left, baseline)
                text.textOut(cell)
        canvas.drawText(text)
        g.on_drawn(self.stop - self.start)


def _column_widths(columns: Sequence[RosterColumn]) -> list[float]:
    usable = PAGE[0] - 2 * MARGIN_X - 2 * FRAME_PADDING
    total = sum(col.width for col in columns)
    return [usable * col.width / total for col in columns]


def _markup(text: str) -> str:
    """Paragraph markup for plain text; keeps the wide gaps that Paragraph would collapse."""
    return escape(text).replace("\u3000", "&nbsp;" * 4)


def _as_text(value: object, col: RosterColumn) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(col.pdf_format or labels.DAY_PDF)
    return str(value)


def _measure(
    report, columns, widths, font, ticker, text_width
) -> tuple[list[list[Cell]], list[float]]:
    left = ParagraphStyle(
        "cell", fontName=font, fontSize=BODY_SIZE, leading=LEADING, wordWrap="CJK"
    )
    centre = ParagraphStyle("cell-centre", parent=left, alignment=TA_CENTER)
    styles = [left if col.wrap else centre for col in columns]
    one_line = LEADING + 2 * PAD_Y
    room = [w - 2 * PAD_X for w in widths]
    # Characters that fill MAX_CELL_LINES even if all are CJK (the widest glyphs).
    caps = [max(1, int(r // BODY_SIZE)) * MAX_CELL_LINES for r in room]
    getters = [col.value for col in columns]
    rows: list[list[Cell]] = []
    heights: list[float] = []
    for index, member in enumerate(report.members, 1):
        row: list[Cell] = []
        height = one_line
        for i, get in enumerate(getters):
            text = _as_text(get(index, member, report), columns[i])
            if len(text) > caps[i]:
                text = text[: caps[i] - 1] + ELLIPSIS
            if text and text_width(text) > room[i]:
                para = Paragraph(escape(text), styles[i])
                _, ph = para.wrap(room[i], 10_000)
                height = max(height, ph + 2 * PAD_Y)
                row.append(para)
            else:
                row.append(text)
        rows.append(row)
        heights.append(height)
        ticker.report(index)
    return rows, heights


def _header(columns, widths, font) -> tuple[list[Paragraph], float]:
    style = ParagraphStyle(
        "head",
        fontName=font,
        fontSize=HEADER_SIZE,
        leading=HEADER_SIZE * 1.2,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    cells = [Paragraph(escape(col.title), style) for col in columns]
    tallest = max(
        (p.wrap(w - 2 * PAD_X, 10_000)[1] for p, w in zip(cells, widths, strict=True)),
        default=HEADER_SIZE,
    )
    return cells, tallest + 2 * PAD_Y


def export_roster_pdf(
    report: RosterReport,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    columns: Sequence[RosterColumn] = ROSTER_COLUMNS,
) -> None:
    """Write the roster to `path` atomically; raise Cancelled if `progress` returns False.

    Progress counts 2 steps per member: one when its row is measured, one when it is drawn.
    """
    font = register_cjk_font()
    n = len(report.members)
    ticker = ProgressTicker(progress, 2 * n)
    ticker.report(0)
    widths = _column_widths(columns)
    text_widths: dict[str, float] = {}

    def text_width(text: str) -> float:
        # Most values repeat (性别, 民族, dates, 党小组), so measure each text once.
        width = text_widths.get(text)
        if width is None:
            width = text_widths[text] = stringWidth(text, font, BODY_SIZE)
        return width

    rows, heights = _measure(report, columns, widths, font, ticker, text_width)
    header, header_height = _header(columns, widths, font)
    drawn = n

    def on_drawn(count: int) -> None:
        nonlocal drawn
        drawn += count
        ticker.report(drawn)

    grid = _Grid(
        font=font,
        widths=widths,
        centred=[not col.wrap for col in columns],
        header=header,
        header_height=header_height,
        rows=rows,
        heights=heights,
        tops=list(accumulate(heights, initial=0.0)),
        on_drawn=on_drawn,
        text_width=text_width,
    )
    title = labels.roster_title(report.unit_name)
    issued = labels.ISSUED_ON.format(date=labels.long_date(report.issued_on))
    title_style = ParagraphStyle(
        "title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=2
    )
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=13, alignment=TA_CENTER)
    sign = ParagraphStyle("sign", fontName=font, fontSize=10, leading=14)
    story = [
        Paragraph(escape(title), title_style),
        Paragraph(_markup(f"{issued}　　{labels.MEMBER_COUNT.format(count=n)}"), small),
        Spacer(1, 3 * mm),
        _RosterRows(grid, 0, n),
        Spacer(1, 6 * mm),
        Paragraph(_markup(labels.signature_line(report.prepared_by)), sign),
    ]
    note = issued if report.full_ids else f"{issued}　{labels.ID_MASKED_NOTE}"

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, HEADER_SIZE)
        y = PAGE[1] - MARGIN_TOP / 2
        canvas.drawString(MARGIN_X, y, report.unit_name)
        canvas.drawRightString(PAGE[0] - MARGIN_X, y, note)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.line(MARGIN_X, y - 3, PAGE[0] - MARGIN_X, y - 3)
        canvas.restoreState()

    with atomic_write(path) as fh:
        doc = SimpleDocTemplate(
            fh,
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=report.prepared_by or report.unit_name,
            creator="党建台账",
        )
        doc.build(
            story,
            onFirstPage=on_page,
            onLaterPages=on_page,
            canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer_font=font, **k),
        )
        # The last tick is inside the write: a cancel here still leaves the old file.
        ticker.force(2 * n)
