"""会议记录 of one meeting → .pdf: a document in the 记录本 layout, A4 portrait.

What a record holds follows the domain brief §1.3: the header block (时间 with start–end,
地点, 主持人, 记录人, 主讲人 of a 党课, 应到/实到/请假/缺席 with names and reasons, 列席,
不计入应到人数 with reason and approval, 补记 with its date), the 第一议题 first, 议程, the
minutes text kept exactly, the resolutions with their votes and a plain-words statement of
quorum and result (vote_words.py), 遗留问题, attachments by name, and signature lines for
主持人 and 记录人 with dates. The page furniture — header with unit and meeting, printing
date, "第 X 页 共 Y 页", the embedded CJK font — is pdf_page's, as for the table reports.

User text is never markup: the header block escapes it into Paragraphs; everything longer
goes through pdf_text (broken into lines once, drawn as plain text, split between lines at
page ends), so a 600,000-character minutes text is a few hundred pages in seconds.

Progress counts characters: each text once when it is broken into lines, once when drawn.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import time

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from dangjian_desktop.export import labels, pdf_page
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.meeting_record import MeetingRecord, MinutesReport
from dangjian_desktop.export.pdf_page import LINE_WIDTH, markup
from dangjian_desktop.export.pdf_text import LineBreaker, TextBlock, plain_text
from dangjian_desktop.export.vote_words import (
    quorum_statement,
    vote_counts,
    vote_statement,
    written_statement,
)
from dangjian_desktop.progress import Progress, ProgressTicker

BODY_SIZE = 10.5
LEADING = 17.0
CELL_SIZE = 10.0
CELL_LEADING = 14.0
CELL_PAD = 5.0
INDENT = 2 * BODY_SIZE  # sub-items sit two characters in
LABEL_WIDTH = 26 * mm
_LABEL_GREY = colors.Color(0.93, 0.93, 0.93)


class _Text:
    """A user text of the record, to be broken into lines once the total is known."""

    __slots__ = ("field", "indent", "text")

    def __init__(self, text: str, field: str, indent: float) -> None:
        self.text, self.field, self.indent = text, field, indent


class _Keep:
    """Texts printed on one page when they fit on one (a resolution with its vote)."""

    __slots__ = ("items",)

    def __init__(self, items: list[_Text]) -> None:
        self.items = items


Item = Flowable | _Text | _Keep


class _Breaker:
    """Turns each `_Text` into a TextBlock, ticking progress by characters as it goes."""

    def __init__(self, font: str, width: float, record: str) -> None:
        self.breaker = LineBreaker(font, BODY_SIZE)
        self.font, self.width, self.record = font, width, record

        self.done = 0

    def blocks(
        self, items: list[Item], ticker: ProgressTicker, on_drawn: Callable[[int], None]
    ) -> list[Flowable]:
        out: list[Flowable] = []
        for item in items:
            if isinstance(item, _Keep):
                out.append(KeepTogether(self.blocks(list(item.items), ticker, on_drawn)))
            elif isinstance(item, _Text):
                out.append(self._block(item, ticker, on_drawn))
            else:
                out.append(item)
        return out

    def _block(
        self, item: _Text, ticker: ProgressTicker, on_drawn: Callable[[int], None]
    ) -> TextBlock:
        text = plain_text(item.text, field=item.field, record=self.record)
        lines: list[str] = []
        room = self.width - item.indent
        for para in text.split("\n"):
            lines += self.breaker.lines(para, room)
            self.done += len(para) + 1
            ticker.report(self.done)
        return TextBlock(
            lines, self.font, BODY_SIZE, LEADING, indent=item.indent, on_drawn=on_drawn
        )


def text_chars(items: list[Item]) -> int:
    """What `_Breaker.blocks` ticks: each text's characters, and one per line break."""
    total = 0
    for item in items:
        if isinstance(item, _Keep):
            total += text_chars(list(item.items))
        elif isinstance(item, _Text):
            total += len(item.text) + 1
    return total


def _time_words(record: MeetingRecord) -> str:
    m = record.meeting
    day = labels.long_date(m.date)

    def hm(t: time | None) -> str:
        return t.strftime("%H:%M") if t is not None else ""

    span = labels.TIME_SPAN.format(start=hm(m.start_time), end=hm(m.end_time))
    if m.start_time and m.end_time:
        return f"{day}　{span}"
    if m.start_time:
        return f"{day}　{hm(m.start_time)}"
    return day


def _header_rows(report: MinutesReport) -> tuple[list[tuple[str, ...]], list[int]]:
    """(label, value[, label, value]) rows of the header block, and which rows span."""
    r = report.record
    m, counts = r.meeting, r.head_count
    none = labels.NONE_WORD
    people = labels.PEOPLE.format
    rows: list[tuple[str, ...]] = [(labels.MINUTES_TOPIC, m.topic.strip())]
    rows.append(
        (labels.MINUTES_TIME, _time_words(r), labels.MINUTES_PLACE, r.place or labels.NOT_FILLED)
    )
    rows.append(
        (
            labels.MINUTES_HOST,
            r.name_with_post(m.host_id),
            labels.MINUTES_RECORDER,
            r.name_with_post(m.recorder_id),
        )
    )
    if r.group_name:
        rows.append((labels.MINUTES_GROUP, r.group_name))
    if r.is_lecture:
        rows.append((labels.MINUTES_LECTURER, r.lecturer_with_post or labels.NOT_FILLED))
    tags = "、".join(tag.strip() for tag in m.theme_tags if tag.strip())
    if tags:
        rows.append((labels.MINUTES_THEME_TAGS, tags))
    rows.append(
        (
            labels.MINUTES_EXPECTED,
            people(count=counts.expected),
            labels.MINUTES_PRESENT,
            people(count=counts.present),
        )
    )
    rows.append(
        (
            labels.MINUTES_ON_LEAVE,
            people(count=counts.on_leave),
            labels.MINUTES_ABSENT,
            people(count=counts.absent),
        )
    )
    rows.append((labels.MINUTES_PRESENT_NAMES, r.present_names or none))
    rows.append((labels.MINUTES_LEAVE_NAMES, r.leave_names or none))
    rows.append((labels.MINUTES_ABSENT_NAMES, r.absent_names or none))
    if r.guest_names:
        rows.append((labels.MINUTES_GUESTS, r.guest_names))
    if r.excluded_names:
        rows.append((labels.MINUTES_EXCLUDED, r.excluded_names))
    if m.late_record:
        written = labels.long_date(m.recorded_on) if m.recorded_on else labels.NOT_FILLED
        rows.append((labels.MINUTES_LATE, labels.LATE_RECORD.format(date=written)))
    spans = [i for i, row in enumerate(rows) if len(row) == 2]
    return rows, spans


def _header_table(report: MinutesReport, font: str, width: float) -> Table:
    rows, spans = _header_rows(report)
    label = ParagraphStyle(
        "label", fontName=font, fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_CENTER
    )
    # Lines come broken (below); the Paragraph must not break them again.
    value = ParagraphStyle(
        "value", fontName=font, fontSize=CELL_SIZE, leading=CELL_LEADING, splitLongWords=0
    )
    half = (width - 2 * LABEL_WIDTH) / 2
    breaker = LineBreaker(font, CELL_SIZE)
    cells = []
    for row in rows:
        wide = len(row) == 2
        out: list[object] = []
        for i, text in enumerate(row):
            if i % 2 == 0:
                out.append(Paragraph(markup(text), label))
                continue
            # Broken here, so that a name never splits over two lines ("周" / "鹏飞").
            room = (width - LABEL_WIDTH if wide else half) - 2 * CELL_PAD - 1
            lines = breaker.lines(text, room, names=True, hang=False)
            out.append(Paragraph("<br/>".join(markup(line) for line in lines), value))
        if wide:
            out += ["", ""]
        cells.append(out)
    half = (width - 2 * LABEL_WIDTH) / 2
    style = [
        ("FONT", (0, 0), (-1, -1), font, CELL_SIZE),
        ("GRID", (0, 0), (-1, -1), LINE_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), _LABEL_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in range(len(rows)):
        if i in spans:
            style.append(("SPAN", (1, i), (3, i)))
        else:
            style.append(("BACKGROUND", (2, i), (2, i), _LABEL_GREY))
    # splitInRow: a 党员大会 of a few hundred names may run past the page end inside a row.
    return Table(
        cells,
        colWidths=[LABEL_WIDTH, half, LABEL_WIDTH, half],
        style=TableStyle(style),
        splitInRow=1,
    )


def _signatures(font: str, width: float) -> Flowable:
    style = ParagraphStyle("sign", fontName=font, fontSize=BODY_SIZE, leading=LEADING)
    cells = [
        [Paragraph(labels.SIGN_HOST, style), Paragraph(labels.SIGN_RECORDER, style)],
        [Paragraph(labels.SIGN_DATE, style), Paragraph(labels.SIGN_DATE, style)],
    ]
    table = Table(cells, colWidths=[width / 2, width / 2], style=TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))  # fmt: skip
    return KeepTogether([Spacer(1, 12 * mm), table])


class _Story:
    """The flowables of the record, section by section, numbered 一、二、三 as they occur."""

    def __init__(self, report: MinutesReport, font: str, width: float) -> None:
        self.report, self.font, self.width = report, font, width
        self.heading = ParagraphStyle(
            "section", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=3
        )
        self.flowables: list[Item] = []
        self.sections = 0

    def section(self, title: str) -> None:
        self.sections += 1
        number = labels.chinese_number(self.sections)
        # A heading never sits alone at the foot of a page: it needs room for 3 lines below.
        self.flowables.append(CondPageBreak(18 + 8 + 3 * LEADING))
        self.flowables.append(
            Paragraph(
                markup(labels.SECTION_HEADING.format(number=number, title=title)), self.heading
            )
        )

    def text(self, text: str, field: str, indent: float = 0.0) -> None:
        self.flowables.append(_Text(text, field, indent))

    def build(self) -> list[Item]:
        r = self.report.record
        m = r.meeting
        styles = pdf_page.styles(self.font)
        kind = labels.MINUTES_KIND[m.type]
        if m.also_counts_as is not None:
            kind = labels.ALSO_COUNTS_AS.format(
                type=kind, other=labels.MEETING_TYPE[m.also_counts_as]
            )
        subtitle = ParagraphStyle(
            "kind", parent=styles.title, fontSize=14, leading=20, spaceAfter=6
        )
        self.flowables += [
            Paragraph(markup(self.report.unit_name), styles.title),
            Paragraph(markup(kind), subtitle),
            _header_table(self.report, self.font, self.width),
        ]
        self._first_topic()
        self._agenda()
        self.section(labels.SECTION_MINUTES)
        self.text(m.minutes if m.minutes.strip() else labels.NOT_FILLED, labels.SECTION_MINUTES)
        self._resolutions()
        if m.follow_ups.strip():
            self.section(labels.SECTION_FOLLOW_UPS)
            self.text(m.follow_ups, labels.SECTION_FOLLOW_UPS, INDENT)
        if self.report.attachments:
            self.section(labels.SECTION_ATTACHMENTS)
            for i, name in enumerate(self.report.attachments, 1):
                item = labels.ATTACHMENT_ITEM.format(number=i, name=name)
                self.text(item, labels.SECTION_ATTACHMENTS, INDENT)
        self.flowables.append(_signatures(self.font, self.width))
        return self.flowables

    def _first_topic(self) -> None:
        r = self.report.record
        ft = r.meeting.first_topic
        if ft.is_empty():
            return
        field = labels.SECTION_FIRST_TOPIC
        self.section(field)
        for prefix, value in (
            (labels.STUDY_TOPIC, ft.topic),
            (labels.STUDY_MATERIAL, ft.material),
            (labels.STUDY_FORM, ft.form),
            (labels.STUDY_LEADER, r.study_leader),
        ):
            if value.strip():
                self.text(prefix + value.strip(), field, INDENT)
        self.text(labels.STUDY_PARTICIPANTS.format(count=r.head_count.present), field, INDENT)

    def _agenda(self) -> None:
        agenda = self.report.record.meeting.agenda
        if not agenda:
            return
        field = labels.SECTION_AGENDA
        self.section(field)
        for i, item in enumerate(agenda, 1):
            self.text(labels.AGENDA_ITEM.format(number=i, title=item.title.strip()), field, INDENT)
            if item.summary.strip():
                self.text(item.summary, field, 2 * INDENT)

    def _resolutions(self) -> None:
        r = self.report.record
        resolutions = r.meeting.resolutions
        if not resolutions:
            return
        field = labels.SECTION_RESOLUTIONS
        self.section(field)
        q = r.quorum
        if any(res.voted for res in resolutions):
            self.text(quorum_statement(q, r.excluded_entitled), field, INDENT)
        for i, (res, outcome) in enumerate(zip(resolutions, r.outcomes, strict=True), 1):
            heading = labels.RESOLUTION_HEADING.format(
                number=labels.chinese_number(i),
                title=res.title.strip(),
                kind=labels.RESOLUTION_KIND[res.kind],
            )
            texts = [_Text(heading, field, INDENT)]
            if res.text.strip():
                texts.append(_Text(labels.RESOLUTION_TEXT + res.text, field, 2 * INDENT))
            if res.voted:
                method = res.method.strip()
                parts = [labels.VOTE_METHOD.format(method=method)] if method else []
                parts.append(labels.VOTE_RESULT.format(counts=vote_counts(res)))
                texts.append(_Text("；".join(parts), field, 2 * INDENT))
            texts.append(_Text(vote_statement(res, q, outcome), field, 2 * INDENT))
            written = written_statement(res)
            if written:
                texts.append(_Text(written, field, 2 * INDENT))
            self.flowables.append(_Keep(texts))


def minutes_title(report: MinutesReport) -> str:
    m = report.record.meeting
    return f"{report.unit_name} {labels.MINUTES_KIND[m.type]} {labels.long_date(m.date)}".strip()


def write_minutes_pdf(
    report: MinutesReport,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> None:
    """Write the record to `path` atomically; raise Cancelled if `progress` returns False."""
    font = register_cjk_font()
    size = pdf_page.page_size(landscape_page=False)
    width = pdf_page.content_width(size)
    r = report.record
    items = _Story(report, font, width).build()
    chars = text_chars(items)
    total = 2 * chars
    ticker = ProgressTicker(progress, total)
    ticker.report(0)
    drawn = chars

    def on_drawn(count: int) -> None:
        nonlocal drawn
        drawn = min(total - 1, drawn + count)
        ticker.report(drawn)

    name = f"{r.meeting.date:%Y.%m.%d} {labels.MEETING_TYPE[r.meeting.type]}"
    story = _Breaker(font, width, name).blocks(items, ticker, on_drawn)
    left = "　".join((report.unit_name, r.type_words, labels.long_date(r.meeting.date)))
    right = labels.PRINTED_ON.format(date=labels.long_date(report.issued_on))
    furniture = pdf_page.PageFurniture(size, left, right, font)
    with atomic_write(path) as fh:
        pdf_page.build_pdf(
            fh,
            story,
            furniture,
            title=minutes_title(report),
            author=report.prepared_by or report.unit_name,
        )
        # The last tick is inside the write: a cancel here still leaves the old file.
        ticker.force(total)
