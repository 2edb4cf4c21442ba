"""A table report → .pdf: A4 (landscape where wide), embedded CJK font subset, the header row
repeated on every page, page header and numbers (pdf_page.py), signature line.

Speed for 10,000 rows (DESIGN.md §5: faster than LibreOffice printing the .xlsx). A
reportlab Table re-measures and copies the whole remainder at every page break — quadratic
in the rows — and builds a text object per cell. So the body is one flowable of our own:
- every row's height is measured once, up front: one line for plain strings, and where a
  text is too wide for its column, its lines broken once by pdf_text's LineBreaker (not
  a Paragraph: laying one out and drawing it cost most of a 400-meeting ledger's time, and
  it let a line start with "：" and broke names in two) — no punctuation opens a line, a
  list of names breaks after its separators;
- splitting at a page end is a binary search over the running heights, and each page is
  drawn as one grid and one text object (cells of a page share it);
- "第 X 页 共 Y 页" in one pass (pdf_page.NumberedCanvas).

Column widths: the page is shared out in proportion to the columns' Excel widths, but no
column gets less than its heading needs (on one line, or on its `heading_lines`) or less
than its `one_line` sample (a phone number, a date) — so 性别 or 党员类别 never break in the
middle of the word, and 0571-87654321 stays on one line.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, count
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from dangjian_desktop.export import pdf_page
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.pdf_page import HEADER_SIZE, LINE_WIDTH, markup
from dangjian_desktop.export.pdf_text import LineBreaker
from dangjian_desktop.export.table_report import ReportColumn, TableReport, clean_text
from dangjian_desktop.progress import Progress, ProgressTicker

BODY_SIZE = 7.5
LEADING = BODY_SIZE * 1.25
PAD_X = 2.0  # cell padding, points
PAD_Y = 2.0
# A cell shows at most this many lines in the PDF (the .xlsx keeps all of the text): a
# pasted essay in 备注 must not make one row taller than a page, which platypus cannot place.
MAX_CELL_LINES = 12
ELLIPSIS = "…"
DEFAULT_DAY_FORMAT = "%Y.%m.%d"
_GREY = colors.Color(0.85, 0.85, 0.85)
_SLACK = 0.5  # points: rounding must not push a text that just fits onto a second line
_FORM_NUMBERS = count(1)  # header forms get names unique in the process, so in a document

Cell = str | tuple[str, ...]  # one line, or the lines of a wrapped text


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
    header_form: str | None = None  # the form XObject's name, once drawn


class _TableRows(Flowable):
    """Rows start..stop of the table with the header row on top; splits at page ends."""

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
        return [_TableRows(g, self.start, end), _TableRows(g, end, self.stop)]

    def draw(self) -> None:  # reportlab override
        g, canvas = self.grid, self.canv
        xs = list(accumulate(g.widths, initial=0.0))
        top = self.height
        ys = [top, top - g.header_height]
        for h in g.heights[self.start : self.stop]:
            ys.append(ys[-1] - h)
        canvas.saveState()
        canvas.translate(0, ys[1])
        canvas.doForm(self._header_form(xs))
        canvas.restoreState()
        canvas.setLineWidth(LINE_WIDTH)
        canvas.grid(xs, ys)
        text = canvas.beginText()
        text.setFont(g.font, BODY_SIZE, LEADING)
        # textLine, not textOut: the origin is set for every cell, so the cursor need not
        # move across the text (textOut measures each string again to move it), and the
        # lines of a wrapped left-aligned cell follow one another by the leading (T*).
        for r in range(self.start, self.stop):
            row_top = ys[r - self.start + 1]
            h = g.heights[r]
            baseline = row_top - h / 2 - BODY_SIZE * 0.35
            for x, w, centre, cell in zip(xs, g.widths, g.centred, g.rows[r], strict=False):
                if not cell:
                    continue
                if isinstance(cell, str):
                    left = x + (w - g.text_width(cell)) / 2 if centre else x + PAD_X
                    text.setTextOrigin(left, baseline)
                    text.textLine(cell)
                    continue
                # The lines of a wrapped text, centred as a block in the row.
                line_base = baseline + (len(cell) - 1) * LEADING / 2
                if not centre:
                    text.setTextOrigin(x + PAD_X, line_base)
                    for line in cell:
                        text.textLine(line)
                    continue
                for line in cell:
                    text.setTextOrigin(x + (w - g.text_width(line)) / 2, line_base)
                    text.textLine(line)
                    line_base -= LEADING
        canvas.drawText(text)
        g.on_drawn(self.stop - self.start)

    def _header_form(self, xs: list[float]) -> str:
        """The header row's shading and headings as one form XObject of the document,
        drawn on every page by name: laying out a dozen headings again on each of 90 pages
        was a tenth of a year's ledger."""
        g, canvas = self.grid, self.canv
        if g.header_form is None:
            g.header_form = f"TableHeader{next(_FORM_NUMBERS)}"
            canvas.beginForm(g.header_form, 0, 0, self.width, g.header_height)
            canvas.setFillColor(_GREY)
            canvas.rect(0, 0, self.width, g.header_height, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            for x, w, para in zip(xs, g.widths, g.header, strict=False):
                _, ph = para.wrap(w - 2 * PAD_X, g.header_height)
                para.drawOn(canvas, x + PAD_X, (g.header_height - ph) / 2)
            canvas.endForm()
        return g.header_form


def _heading_width(col: ReportColumn, font: str) -> float:
    """The narrowest the heading may be: its longest line (whole title if it has no lines)."""
    lines = col.heading_lines or (col.title,)
    return max(stringWidth(line, font, HEADER_SIZE) for line in lines)


def column_widths(columns: Sequence[ReportColumn], usable: float, font: str) -> list[float]:
    """Share `usable` points out by the columns' widths, each at least its minimum.

    Columns whose share is below their minimum get the minimum; the rest share what is left,
    again in proportion, until every column has at least its minimum. When even the minimums
    do not fit (a very wide report), plain proportions it is: headings may then break."""
    minimums = [
        max(
            _heading_width(col, font),
            stringWidth(col.one_line, font, BODY_SIZE) if col.one_line else 0.0,
        )
        + 2 * PAD_X
        + _SLACK
        for col in columns
    ]
    weights = [col.width for col in columns]
    if sum(minimums) > usable or not columns:
        total = sum(weights)
        return [usable * w / total for w in weights]
    fixed: dict[int, float] = {}
    while True:
        room = usable - sum(fixed.values())
        free = [i for i in range(len(columns)) if i not in fixed]
        total = sum(weights[i] for i in free)
        share = {i: room * weights[i] / total for i in free}
        short = [i for i in free if share[i] < minimums[i]]
        if not short:
            break
        for i in short:
            fixed[i] = minimums[i]
    return [fixed[i] if i in fixed else share[i] for i in range(len(columns))]


def _header(columns, widths, font) -> tuple[list[Paragraph], float]:
    style = ParagraphStyle(
        "head",
        fontName=font,
        fontSize=HEADER_SIZE,
        leading=HEADER_SIZE * 1.2,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    cells = []
    for col, w in zip(columns, widths, strict=True):
        fits = stringWidth(col.title, font, HEADER_SIZE) <= w - 2 * PAD_X
        lines = (col.title,) if fits or not col.heading_lines else col.heading_lines
        cells.append(Paragraph("<br/>".join(escape(line) for line in lines), style))
    tallest = max(
        (p.wrap(w - 2 * PAD_X, 10_000)[1] for p, w in zip(cells, widths, strict=True)),
        default=HEADER_SIZE,
    )
    return cells, tallest + 2 * PAD_Y


def _measure(
    report: TableReport, widths, font, ticker, text_width
) -> tuple[list[list[Cell]], list[float]]:
    columns = report.columns
    one_line = LEADING + 2 * PAD_Y
    room = [w - 2 * PAD_X for w in widths]
    # Characters that fill MAX_CELL_LINES even if all are CJK (the widest glyphs).
    caps = [max(1, int(r // BODY_SIZE)) * MAX_CELL_LINES for r in room]
    plan = [(col.value, col.pdf_format or DEFAULT_DAY_FORMAT) for col in columns]
    breaker = LineBreaker(font, BODY_SIZE)
    rows: list[list[Cell]] = []
    heights: list[float] = []
    # A wrapped text that repeats in its column (人员类别, 学历, a ship and post) is broken
    # into lines once.
    wrapped: dict[tuple[int, str], tuple[str, ...]] = {}
    for index, item in enumerate(report.rows, 1):
        row: list[Cell] = []
        height = one_line
        for i, (get, day_format) in enumerate(plan):
            value = get(index, item)
            if value is None:
                text = ""
            elif isinstance(value, str):
                text = value
                if not text.isprintable():  # control characters, newlines: rare
                    text = clean_text(text, report, index, columns[i])
            elif isinstance(value, date):
                text = value.strftime(day_format)
            else:
                text = str(value)
            if len(text) > caps[i]:
                text = text[: caps[i] - 1] + ELLIPSIS
            if text and ("\n" in text or text_width(text) > room[i]):
                key = (i, text)
                lines = wrapped.get(key)
                if lines is None:
                    lines = wrapped[key] = _lines(breaker, text, room[i])
                height = max(height, len(lines) * LEADING + 2 * PAD_Y)
                row.append(lines)
            else:
                row.append(text)
        rows.append(row)
        heights.append(height)
        ticker.report(index)
    return rows, heights


def _lines(breaker: LineBreaker, text: str, room: float) -> tuple[str, ...]:
    """A wrapped cell's lines, at most MAX_CELL_LINES: a longer text ends in "…"."""
    lines = breaker.lines(text, room, names=True, hang=False)
    if len(lines) > MAX_CELL_LINES:
        lines = lines[:MAX_CELL_LINES]
        lines[-1] = lines[-1][:-1] + ELLIPSIS
    return tuple(lines)


def write_table_pdf(
    report: TableReport,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> None:
    """Write the report to `path` atomically; raise Cancelled if `progress` returns False.

    Progress counts 2 steps per row: one when it is measured, one when it is drawn.
    """
    write_tables_pdf([report], path, progress)


def write_tables_pdf(
    reports: Sequence[TableReport],
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> None:
    """Several table reports in one PDF, each from a new page (a statement per member), with
    the first report's page header; atomic, cancellable like write_table_pdf."""
    if not reports:
        raise ValueError("write_tables_pdf needs at least one report")
    font = register_cjk_font()
    first = reports[0]
    size = pdf_page.page_size(first.landscape)
    total = sum(2 * len(r.rows) for r in reports)
    ticker = ProgressTicker(progress, total)
    ticker.report(0)
    text_widths: dict[str, float] = {}

    def text_width(text: str) -> float:
        # Most values repeat (性别, 民族, dates, 党小组), so measure each text once.
        width = text_widths.get(text)
        if width is None:
            width = text_widths[text] = stringWidth(text, font, BODY_SIZE)
        return width

    story: list[Flowable] = []
    done = 0
    for number, report in enumerate(reports):
        if number:
            story.append(PageBreak())
        story += _story(report, font, size, _Offset(ticker, done), text_width)
        done += 2 * len(report.rows)
    furniture = pdf_page.PageFurniture(size, first.page_left, first.page_right, font)
    with atomic_write(path) as fh:
        pdf_page.build_pdf(
            fh, story, furniture, title=first.title, author=first.author or first.unit_name
        )
        # The last tick is inside the write: a cancel here still leaves the old file.
        ticker.force(total)


class _Offset:
    """A ticker for one report among several: its counts after those of the reports before."""

    def __init__(self, ticker: ProgressTicker, offset: int) -> None:
        self.ticker, self.offset = ticker, offset

    def report(self, done: int) -> None:
        self.ticker.report(self.offset + done)


def _story(report: TableReport, font: str, size, ticker, text_width) -> list[Flowable]:
    n = len(report.rows)
    columns = report.columns
    widths = column_widths(columns, pdf_page.content_width(size), font)
    rows, heights = _measure(report, widths, font, ticker, text_width)
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
    style = pdf_page.styles(font)
    story: list[Flowable] = [Paragraph(escape(report.title), style.title)]
    if report.subtitle:
        story.append(Paragraph(markup("　　".join(report.subtitle)), style.subtitle))
    story += [Spacer(1, 3 * mm), _TableRows(grid, 0, n)]
    if report.footnotes:
        story.append(Spacer(1, 3 * mm))
        story += [Paragraph(markup(note), style.note) for note in report.footnotes]
    if report.signature:
        story += [Spacer(1, 6 * mm), Paragraph(markup(report.signature), style.signature)]
    return story
