"""Long user text in a PDF document, kept exactly and fast: the 会议记录's minutes (up to
hundreds of thousands of characters), agenda summaries, resolutions, 遗留问题.

reportlab's Paragraph is the wrong tool for it: its text is markup (a "<" typed by the user
must be escaped, or it breaks the layout or injects tags), it collapses runs of spaces and
the full-width "　　" that starts a Chinese paragraph, and it re-wraps the rest of a
paragraph at every page break — a 600,000-character paste took minutes. So text is broken
into lines once, here, with the font's widths (cached per character), and drawn line by line
as plain text, never parsed:
- every character kept: line breaks, blank lines, leading spaces; tabs become 4 spaces;
- lines break between CJK characters and at spaces, not inside a Latin word or a number
  (unless it is wider than the line); no line starts with closing punctuation (，。）」…):
  a closing mark that does not fit hangs into the margin, as in Chinese typesetting, and
  an opening mark (（《“) is not left at the end of a line;
- `TextBlock` splits at a page end between lines, by arithmetic: no re-measuring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from unicodedata import east_asian_width

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from dangjian_desktop.export.errors import ExportTextError

CLOSING = frozenset("，。、；：？！）》」』〉】〕”’…—·%,.;:?!)]}％")
OPENING = frozenset("（《「『〈【〔“‘([{")
TAB = "    "
# In a list of names a line breaks after a separator rather than inside a name, when the
# separator is at most this many characters back (names have 2–4 characters).
NAME_SEPARATORS = frozenset("、；，,;")
NAME_LOOKBACK = 5
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|\r\n?")
_UNDRAWABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def plain_text(text: str, *, field: str, record: str) -> str:
    """`text` as it can be drawn: every kind of line break becomes "\\n", tabs 4 spaces; a
    control character no PDF can show raises ExportTextError naming the line and field."""
    if text.isprintable():
        return text
    text = _LINE_BREAKS.sub("\n", text).replace("\t", TAB)
    bad = _UNDRAWABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise ExportTextError(
            row_number=line, row_name=record, column=field, code_point=ord(bad.group())
        )
    return text


class LineBreaker:
    """Breaks text into lines `width` points wide in one font and size."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self._widths: dict[str, float] = {}

    def width(self, ch: str) -> float:
        w = self._widths.get(ch)
        if w is None:
            w = self._widths[ch] = stringWidth(ch, self.font, self.size)
        return w

    def text_width(self, text: str) -> float:
        width = self.width
        return sum(width(ch) for ch in text)

    def lines(
        self, text: str, width: float, *, names: bool = False, hang: bool = True
    ) -> list[str]:
        """The lines of `text` (drawn as it is: call plain_text first). `names`: a list of
        names ("王建华、陈国栋"), broken after a separator rather than inside a name.
        `hang=False` inside a table cell: a closing mark would cross the grid line, so the
        character before it goes to the next line with it."""
        out: list[str] = []
        for para in text.split("\n"):
            self._break(para, width, out, names, hang)
        return out

    def _break(
        self, para: str, room: float, out: list[str], names: bool = False, hang: bool = True
    ) -> None:
        """Appends the lines of `para` (no newline in it) to `out`.

        The widths are summed in C (accumulate over a window of the line's characters), so
        Python works once a line, not once a character — a year's 台账 breaks 700 lists of
        names, a 会议记录 may break 600,000 characters. Rules, as the character walk they
        replace: the first character of a line always fits; a line ends before the first
        character that would make it wider than `room`; with `hang`, closing marks that do
        not fit stay on the line (into the margin); the line breaks at the last place a
        break is allowed (_may_break_before) among the characters looked at for this line
        — from where the previous line's overflow was found — else at the overflow; a list
        of `names` breaks after a separator at most NAME_LOOKBACK characters back."""
        if not para:
            out.append("")
            return
        widths = self._widths
        for ch in set(para).difference(widths):
            self.width(ch)
        w = list(map(widths.__getitem__, para))
        n = len(para)
        start = resume = 0  # the line's first character; where its overflow search starts
        while True:
            lo = max(resume, start + 1)
            i = _overflow(w, start, lo, room)
            if hang:
                while i < n and para[i] in CLOSING:  # hangs into the margin
                    i += 1
            if i >= n:
                out.append(para[start:])
                return
            end = i
            for k in range(i, lo - 1, -1):
                if _may_break_before(para[k - 1], para[k]):
                    end = k
                    break
            if names:
                for k in range(i, max(start, i - NAME_LOOKBACK), -1):
                    if para[k - 1] in NAME_SEPARATORS:
                        end = k
                        break
            out.append(para[start:end].rstrip(" "))
            start = end
            while start < i and para[start] == " ":
                start += 1  # the space a line broke at is not carried over
            resume = i


def _overflow(w: list[float], start: int, lo: int, room: float) -> int:
    """The first index ≥ `lo` at which the running sum of `w` from `start` exceeds `room`,
    or len(w). The sums run left to right from `start`, as the line's width grows."""
    n = len(w)
    size = 32
    while True:
        stop = min(n, start + size)
        sums = list(accumulate(w[start:stop]))
        k = bisect_right(sums, room, lo - start) if lo - start < len(sums) else len(sums)
        if k < len(sums):
            return start + k
        if stop == n:
            return n
        size *= 4


def _wide(ch: str) -> bool:
    return east_asian_width(ch) in "WF"


def _may_break_before(prev: str, ch: str) -> bool:
    if ch in CLOSING or prev in OPENING:
        return False
    return prev == " " or _wide(prev) or _wide(ch)


class TextBlock(Flowable):
    """Lines `start`..`stop` of broken text at `indent` points; splits between lines.

    `on_drawn(count)` is told how many characters each piece drew, one more for each line
    (progress)."""

    def __init__(
        self,
        lines: Sequence[str],
        font: str,
        size: float,
        leading: float,
        *,
        indent: float = 0.0,
        start: int = 0,
        stop: int | None = None,
        on_drawn: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.lines, self.font, self.size, self.leading = lines, font, size, leading
        self.indent = indent
        self.start = start
        self.stop = len(lines) if stop is None else stop
        self.on_drawn = on_drawn
        self.height = (self.stop - self.start) * leading

    def _piece(self, start: int, stop: int) -> TextBlock:
        return TextBlock(
            self.lines,
            self.font,
            self.size,
            self.leading,
            indent=self.indent,
            start=start,
            stop=stop,
            on_drawn=self.on_drawn,
        )

    def wrap(self, avail_width, avail_height):  # reportlab override
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width, avail_height):  # reportlab override
        fit = int((avail_height + 1e-6) // self.leading)
        if fit <= 0:
            return []
        if fit >= self.stop - self.start:
            return [self]
        cut = self.start + fit
        return [self._piece(self.start, cut), self._piece(cut, self.stop)]

    def draw(self) -> None:  # reportlab override
        text = self.canv.beginText()
        text.setFont(self.font, self.size, self.leading)
        # The first baseline sits a font size below the top, as in a Paragraph.
        text.setTextOrigin(self.indent, self.height - self.size)
        for line in self.lines[self.start : self.stop]:
            text.textLine(line)
        self.canv.drawText(text)
        if self.on_drawn is not None:
            self.on_drawn(sum(len(line) + 1 for line in self.lines[self.start : self.stop]))
