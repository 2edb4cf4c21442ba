"""Charts as values: what a small bar or line chart shows, with no Qt and no reportlab.

The 工作台 widget (gui/widgets/chart.py) and the PDF reports (export/charts_pdf.py) both draw
the same `Chart`, so a picture on screen and on paper say the same thing; the axis scale
(`value_ticks`) is computed here once for both.

The three builders take plain numbers, as the dashboard's figures service hands them over:
`meetings_by_month`, `attendance_by_month`, `members_by_age_band`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

MONTHS_IN_YEAR = 12
# The age bands of 党内统计 (issue 11 §3; domain brief, 党内统计 notes).
AGE_BANDS = ("≤30", "31–35", "36–40", "41–45", "46–50", "51–55", "56–60", "≥61")
MAX_SERIES = 3  # more than three series in a small chart is not read, only looked at

# One palette for the screen and the PDF (gui/widgets/chart.py, export/charts_pdf.py): a
# quiet grey for "what was due", the party red for "what was done"; one series is red.
SERIES_COLOURS = ("#9aa5b1", "#c8102e", "#d4a017")
SINGLE_COLOUR = "#c8102e"
GRID_COLOUR = "#e3e6ea"
AXIS_COLOUR = "#6b7280"
TEXT_COLOUR = "#1f2933"


class ChartKind(StrEnum):
    BAR = "bar"  # grouped vertical bars, one group per category
    LINE = "line"  # one line per series, a gap where a value is missing


@dataclass(frozen=True)
class Series:
    """One row of values, one per category; None = no value (a gap in a line, no bar)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""  # shown beside the value axis: "次", "%", "人"
    value_max: float | None = None  # a fixed top of the value axis (100 for a rate)

    def __post_init__(self) -> None:
        if not 1 <= len(self.series) <= MAX_SERIES:
            raise ValueError(f"a chart has 1 to {MAX_SERIES} series, not {len(self.series)}")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r} has {len(s.values)} values for "
                    f"{len(self.categories)} categories"
                )
            if any(v is not None and (not math.isfinite(v) or v < 0) for v in s.values):
                raise ValueError(f"series {s.name!r} holds a negative or non-finite value")

    @property
    def largest(self) -> float:
        return max((v for s in self.series for v in s.values if v is not None), default=0.0)

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no categories, or no value anywhere."""
        return not self.categories or all(v is None for s in self.series for v in s.values)

    def colour(self, index: int) -> str:
        """The colour of series `index` (a hex string)."""
        return SINGLE_COLOUR if len(self.series) == 1 else SERIES_COLOURS[index]

    def ticks(self) -> tuple[float, ...]:
        return value_ticks(self.value_max if self.value_max is not None else self.largest)


def value_label(value: float, unit: str = "") -> str:
    """An axis or bar label: whole numbers without decimals; per cents with their sign."""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text + unit if unit == "%" else text


def value_ticks(largest: float, most: int = 6) -> tuple[float, ...]:
    """Evenly spaced round ticks from 0 to at least `largest`, at most `most` + 1 of them.

    Steps are 1, 2 or 5 times a power of ten and never below 1, since most of what these
    charts count are whole meetings and people: 0–7 gives 0, 2, 4, 6, 8."""
    top = max(float(largest), 1.0)
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1)
    count = math.ceil(top / step - 1e-9)
    return tuple(float(i * step) for i in range(count + 1))


def month_labels(count: int, first: int = 1) -> tuple[str, ...]:
    """ "1月" … "12月"; a run that passes December goes on with "1月"."""
    return tuple(f"{(first - 1 + i) % MONTHS_IN_YEAR + 1}月" for i in range(count))


def _counts(name: str, values: Sequence[int]) -> tuple[float, ...]:
    out = []
    for v in values:
        if v is None or v < 0:
            raise ValueError(f"{name}: counts are whole numbers ≥ 0, got {v!r}")
        out.append(float(v))
    return tuple(out)


def meetings_by_month(
    required: Sequence[int], held: Sequence[int], *, first_month: int = 1, title: str = ""
) -> Chart:
    """Bars: meetings required (应开) beside meetings held (已开), one group per month.

    `required[i]` and `held[i]` are the counts of month `first_month + i`."""
    if len(required) != len(held):
        raise ValueError("required and held need one count per month each")
    return Chart(
        kind=ChartKind.BAR,
        title=title or "会议召开情况",
        categories=month_labels(len(required), first_month),
        series=(
            Series("应开", _counts("required", required)),
            Series("已开", _counts("held", held)),
        ),
        unit="次",
    )


def attendance_by_month(
    rates: Sequence[float | None], *, first_month: int = 1, title: str = ""
) -> Chart:
    """A line: the attendance rate in per cent (0–100) of each month; None where no meeting
    was held, which leaves a gap instead of a fall to zero. See `rate_percent`."""
    values = []
    for r in rates:
        if r is not None and not 0 <= r <= 100:
            raise ValueError(f"an attendance rate is a per cent from 0 to 100, got {r!r}")
        values.append(None if r is None else float(r))
    return Chart(
        kind=ChartKind.LINE,
        title=title or "参会率",
        categories=month_labels(len(values), first_month),
        series=(Series("参会率", tuple(values)),),
        unit="%",
        value_max=100.0,
    )


def rate_percent(present: int, expected: int) -> float | None:
    """Attendance in per cent, or None when nobody was expected (no meeting that month)."""
    if expected <= 0:
        return None
    return 100.0 * present / expected


def members_by_age_band(counts: Mapping[str, int], *, title: str = "") -> Chart:
    """Bars: members per age band, in the mapping's order (use AGE_BANDS for the 党内统计
    bands). A band the mapping leaves out is not shown."""
    return Chart(
        kind=ChartKind.BAR,
        title=title or "党员年龄结构",
        categories=tuple(counts),
        series=(Series("党员", _counts("age band", list(counts.values()))),),
        unit="人",
    )
