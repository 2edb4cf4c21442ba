"""阵地检查报告 of one inspection → .pdf, A4 portrait, on pdf_page's furniture (the embedded
CJK font, the page header with unit and venue, "第 X 页 共 Y 页").

The story: title; the header block (venue, address, date, inspectors, the checklist and its
version, the score with how it was counted); the item table group by group (分值, 结果,
情况说明 and the figure numbers of its photos); the problems this inspection found with their
rectification; those still open from earlier inspections on its day; the photos two to a
row with captions ("图3　有党旗 · 党旗悬挂（不合格）"); signature lines.

Photos are printed at PRINT_DPI for the box they fill, re-encoded as JPEG, never embedded
as the stored file (a 2048-px photo in a 9 cm box would be four times the bytes for no
visible gain). Progress counts photos, then the layout.
"""

from __future__ import annotations

import io
import os

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dangjian_desktop.domain.venues import Outcome
from dangjian_desktop.export import labels, pdf_page
from dangjian_desktop.export import venue_labels as words
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.inspection_report import InspectionReport, ReportRectification
from dangjian_desktop.export.pdf_page import LINE_WIDTH, markup
from dangjian_desktop.progress import Progress, ProgressTicker

PRINT_DPI = 200
PHOTO_QUALITY = 80
PHOTO_GAP = 6 * mm
PHOTO_HEIGHT = 68 * mm
CELL_SIZE = 9.5
CELL_LEADING = 13.0
LABEL_WIDTH = 24 * mm
_GREY = colors.Color(0.93, 0.93, 0.93)
_FAIL = colors.Color(0.75, 0.1, 0.1)


def print_photo(data: bytes, box: tuple[float, float]) -> tuple[bytes, float, float]:
    """The photo scaled to fill `box` (points) at PRINT_DPI, as JPEG bytes, and its size
    on the page in points."""
    from PIL import Image as PilImage

    with PilImage.open(io.BytesIO(data)) as img:
        img.load()
        ratio = min(box[0] / img.width, box[1] / img.height)
        shown = (img.width * ratio, img.height * ratio)
        pixels = (
            max(1, round(shown[0] / 72 * PRINT_DPI)),
            max(1, round(shown[1] / 72 * PRINT_DPI)),
        )
        if img.mode in ("RGBA", "LA", "P"):
            img = img.convert("RGBA")
            flat = PilImage.new("RGB", img.size, (255, 255, 255))
            flat.paste(img, mask=img.getchannel("A"))
            img = flat
        elif img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        if pixels[0] < img.width:
            img = img.resize(pixels, PilImage.Resampling.LANCZOS)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue(), shown[0], shown[1]


class _Styles:
    def __init__(self, font: str) -> None:
        base = pdf_page.styles(font)
        self.title = base.title
        self.heading = ParagraphStyle(
            "section", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4
        )
        self.cell = ParagraphStyle(
            "cell", fontName=font, fontSize=CELL_SIZE, leading=CELL_LEADING, wordWrap="CJK"
        )
        self.centre = ParagraphStyle("centre", parent=self.cell, alignment=TA_CENTER)
        self.fail = ParagraphStyle("fail", parent=self.centre, textColor=_FAIL)
        self.group = ParagraphStyle("group", parent=self.cell, fontSize=10)
        self.caption = ParagraphStyle(
            "caption", fontName=font, fontSize=8.5, leading=11, alignment=TA_CENTER,
            wordWrap="CJK",
        )  # fmt: skip
        self.body = base.body
        self.sign = base.signature


def _grid(extra: list | None = None) -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), LINE_WIDTH, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *(extra or []),
        ]
    )


def score_text(report: InspectionReport) -> str:
    t = report.tally
    score = (
        words.SCORE_WORDS.format(score=f"{t.percent:.1f}")
        if t.percent is not None
        else words.NO_SCORE
    )
    return score


class _Story:
    def __init__(self, report: InspectionReport, font: str, width: float) -> None:
        self.report, self.font, self.width = report, font, width
        self.s = _Styles(font)
        self.out: list[Flowable] = []
        self.sections = 0
        # Figure numbers by item, in the order the photos are printed.
        self.figures: dict[str, list[int]] = {}
        for n, photo in enumerate(report.photos, 1):
            self.figures.setdefault(photo.item_key, []).append(n)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), style or self.s.cell)

    def section(self, title: str, room: float = 4 * CELL_LEADING) -> None:
        """A numbered heading that never sits alone at a page foot: `room` below it."""
        self.sections += 1
        heading = labels.SECTION_HEADING.format(
            number=labels.chinese_number(self.sections), title=title
        )
        self.out.append(CondPageBreak(18 + 8 + room))
        self.out.append(self.p(heading, self.s.heading))

    def header(self) -> None:
        r = self.report
        insp = r.inspection
        venue = words.RETIRED_VENUE.format(name=r.venue_name) if r.venue_retired else r.venue_name
        t = r.tally
        basis = words.SCORE_BASIS.format(
            passed=t.passed, failed=t.failed, na=t.not_applicable, earned=t.earned,
            possible=t.possible,
        )  # fmt: skip
        template = words.TEMPLATE_VERSION.format(
            name=insp.template.name, version=insp.template.version
        )
        rows = [
            (words.FIELD_VENUE, venue, words.FIELD_DATE, labels.long_date(insp.inspected_on)),
            (words.FIELD_ADDRESS, r.venue_address or labels.NOT_FILLED),
            (words.FIELD_INSPECTORS, r.inspector_names or labels.NOT_FILLED),
            (words.FIELD_TEMPLATE, template),
            (words.FIELD_SCORE, f"{score_text(r)}　{basis}"),
        ]
        if insp.note.strip():
            rows.append((words.FIELD_NOTE, insp.note.strip()))
        half = (self.width - 2 * LABEL_WIDTH) / 2
        cells, style = [], [("BACKGROUND", (0, 0), (0, -1), _GREY)]
        for i, row in enumerate(rows):
            if len(row) == 4:
                cells.append([self.p(row[0], self.s.centre), self.p(row[1]),
                              self.p(row[2], self.s.centre), self.p(row[3])])  # fmt: skip
                style.append(("BACKGROUND", (2, i), (2, i), _GREY))
            else:
                cells.append([self.p(row[0], self.s.centre), self.p(row[1]), "", ""])
                style.append(("SPAN", (1, i), (3, i)))
        self.out.append(
            Table(cells, colWidths=[LABEL_WIDTH, half, LABEL_WIDTH, half], style=_grid(style))
        )

    def items(self) -> None:
        self.section(words.SECTION_ITEMS)
        r = self.report
        results = {res.item_key: res for res in r.inspection.results}
        widths = [10 * mm, 52 * mm, 12 * mm, 16 * mm, 0, 18 * mm]
        widths[4] = self.width - sum(widths)
        cells = [[self.p(h, self.s.centre) for h in words.ITEM_COLUMNS]]
        style = [("BACKGROUND", (0, 0), (-1, 0), _GREY)]
        n = 0
        for group, score in zip(r.inspection.template.groups, r.groups, strict=True):
            t = score.tally
            heading = (
                words.GROUP_HEADING.format(name=group.name, earned=t.earned, possible=t.possible)
                if t.possible
                else words.GROUP_HEADING_NA.format(name=group.name)
            )
            row = len(cells)
            cells.append([self.p(heading, self.s.group), "", "", "", "", ""])
            style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), _GREY)]
            for item in group.items:
                n += 1
                result = results.get(item.key)
                outcome = result.outcome if result else None
                shown = words.OUTCOME[outcome] if outcome else labels.NOT_FILLED
                figures = "、".join(
                    words.FIGURE.format(n=f) for f in self.figures.get(item.key, ())
                )
                cells.append(
                    [
                        self.p(str(n), self.s.centre),
                        self.p(item.text),
                        self.p(str(item.weight), self.s.centre),
                        self.p(shown, self.s.fail if outcome is Outcome.FAIL else self.s.centre),
                        self.p(result.note if result else ""),
                        self.p(figures, self.s.centre),
                    ]
                )
        self.out.append(
            Table(cells, colWidths=widths, style=_grid(style), repeatRows=1, splitByRow=1)
        )

    def rectifications(self, title: str, rows: tuple[ReportRectification, ...], empty: str) -> None:
        self.section(title)
        if not rows:
            self.out.append(self.p(empty, self.s.body))
            return
        widths = [10 * mm, 36 * mm, 0, 0, 18 * mm, 22 * mm, 22 * mm]
        rest = (self.width - sum(widths)) / 2
        widths[2] = widths[3] = rest
        cells = [[self.p(h, self.s.centre) for h in words.RECT_COLUMNS]]
        for n, row in enumerate(rows, 1):
            rect = row.rect
            status = words.RECT_STATUS[row.status]
            if rect.closed_on is not None:
                status = words.CLOSED_ON.format(date=rect.closed_on.isoformat())
            elif rect.reopenings:
                status += words.REOPENED
            item = f"{rect.group_name} · {rect.item_text}" if rect.group_name else rect.item_text
            if rect.inspection_id != self.report.inspection.id:
                item += "\n" + words.OPENED_ON.format(date=rect.opened_on.isoformat())
            cells.append(
                [
                    self.p(str(n), self.s.centre),
                    self.p(item),
                    self.p(rect.finding),
                    self.p(rect.action),
                    self.p(row.owner_name, self.s.centre),
                    self.p(rect.due_on.isoformat(), self.s.centre),
                    self.p(status, self.s.centre),
                ]
            )
        style = [("BACKGROUND", (0, 0), (-1, 0), _GREY)]
        self.out.append(
            Table(cells, colWidths=widths, style=_grid(style), repeatRows=1, splitByRow=1)
        )

    def photos(self, ticker: ProgressTicker) -> None:
        r = self.report
        if not r.photos:
            return
        self.section(words.SECTION_PHOTOS, room=PHOTO_HEIGHT + 30)
        items = {item.key: (g, item) for g, item in r.inspection.template.items()}
        results = {res.item_key: res for res in r.inspection.results}
        box = ((self.width - PHOTO_GAP) / 2, PHOTO_HEIGHT)
        cells: list[list] = []
        for n, photo in enumerate(r.photos, 1):
            group, item = items.get(photo.item_key, (None, None))
            outcome = results[photo.item_key].outcome if photo.item_key in results else None
            caption = words.FIGURE_CAPTION.format(
                n=n,
                group=group.name if group else "",
                item=item.text if item else photo.item_key,
                outcome=words.OUTCOME[outcome] if outcome else "",
            )
            if photo.caption.strip():
                caption += "\n" + photo.caption.strip()
            if photo.data is not None:
                data, w, h = print_photo(photo.data, box)
                picture: Flowable = Image(io.BytesIO(data), width=w, height=h)
            else:
                picture = self.p(words.PHOTO_MISSING, self.s.caption)
            cell = [picture, Spacer(1, 2), self.p(caption, self.s.caption)]
            if (n - 1) % 2 == 0:
                cells.append([cell, ""])
            else:
                cells[-1][1] = cell
            ticker.report(n)
        table = Table(
            cells,
            colWidths=[box[0] + PHOTO_GAP / 2, box[0] + PHOTO_GAP / 2],
            style=TableStyle(
                [
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            ),
        )
        self.out.append(table)

    def signatures(self) -> None:
        cells = [
            [self.p(words.SIGN_INSPECTORS, self.s.sign), self.p(words.SIGN_VENUE, self.s.sign)],
            [self.p(words.SIGN_DATE, self.s.sign), self.p(words.SIGN_DATE, self.s.sign)],
        ]
        table = Table(cells, colWidths=[self.width / 2] * 2, style=TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))  # fmt: skip
        self.out.append(KeepTogether([Spacer(1, 10 * mm), table]))

    def build(self, ticker: ProgressTicker) -> list[Flowable]:
        r = self.report
        self.out += [
            self.p(r.unit_name, self.s.title),
            self.p(words.INSPECTION_TITLE, self.s.title),
        ]
        self.out.append(Spacer(1, 3 * mm))
        self.header()
        self.items()
        self.rectifications(words.SECTION_FOUND, r.found, words.NO_PROBLEMS)
        self.rectifications(words.SECTION_STILL_OPEN, r.still_open, words.NOTHING_OPEN)
        self.photos(ticker)
        self.signatures()
        return self.out


def inspection_title(report: InspectionReport) -> str:
    day = labels.long_date(report.inspection.inspected_on)
    return f"{report.venue_name} {words.INSPECTION_TITLE} {day}"


def write_inspection_pdf(
    report: InspectionReport, path: str | os.PathLike[str], progress: Progress | None = None
) -> None:
    """Write the report to `path` atomically; raise Cancelled if `progress` returns False
    (the old file at `path` stays as it was)."""
    font = register_cjk_font()
    size = pdf_page.page_size(landscape_page=False)
    width = pdf_page.content_width(size)
    total = len(report.photos) + 1
    ticker = ProgressTicker(progress, total)
    ticker.report(0)
    story = _Story(report, font, width).build(ticker)
    left = "　".join(
        (report.unit_name, report.venue_name, labels.long_date(report.inspection.inspected_on))
    )
    right = labels.PRINTED_ON.format(date=labels.long_date(report.issued_on))
    furniture = pdf_page.PageFurniture(size, left, right, font)
    with atomic_write(path) as fh:
        pdf_page.build_pdf(
            fh,
            story,
            furniture,
            title=inspection_title(report),
            author=report.prepared_by or report.unit_name,
        )
        ticker.force(total)
