"""A year's 三会一课台账 (≈400 meetings) to .xlsx and .pdf, against bare dumps of the same rows,
and the 会议记录 of a 600,000-character minutes text (DESIGN.md §5, issue 8 Part B).

    python -m benchmarks.bench_meeting_reports [-n 400] [--rounds 5]

Budgets, measured in one run on one machine, exporter and baseline alternating, medians:
- the ledger to .xlsx ≤ 1.5× a bare openpyxl write-only dump of the same cell values;
- the ledger to .pdf ≤ 1.5× a bare reportlab dump of the same cell values: every cell's
  text drawn at its column on one line, rows down the page, a new page when full (canvas
  calls only: no wrapping, no grid, no header) — what reportlab costs for these strings;
- for information, the same rows as a platypus LongTable of wrapped Paragraph cells, what a
  first reportlab program would write to get a legible table.
The cell values are computed before the timing (as bench_export does), so a baseline is the
library alone; the exporter's time includes the adapter (names lists, vote words).

The meetings are synthetic domain values made here from a fixed seed (the reference
generator has no meetings yet): ≈31 党小组 meeting monthly with ≈250 members each, the 支委会
and 主题党日 monthly, 党员大会 and 党课 quarterly, each with attendance (≈15 % on leave with
a reason, ≈3 % absent) and votes. The minutes run reports time and peak memory (tracemalloc
is not used: it would slow the run; ru_maxrss of the process is printed instead).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from datetime import time as clock
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

from benchmarks.generate_reference import DEFAULT_SEED, build_profile, person_name
from dangjian_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    FirstTopic,
    LeaveReason,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.export.ledger_report import LedgerReport, ledger_table
from dangjian_desktop.export.meeting_record import MeetingRecord, MinutesReport
from dangjian_desktop.export.minutes_pdf import write_minutes_pdf
from dangjian_desktop.export.table_pdf import write_table_pdf
from dangjian_desktop.export.table_xlsx import write_table_xlsx

BUDGET = 1.5
YEAR = 2026
GROUP_SIZE = 250
REASONS = (LeaveReason.AT_SEA, LeaveReason.SHORE_LEAVE, LeaveReason.SICK, LeaveReason.PERSONAL)
TOPICS = (
    "学习贯彻党的二十届三中全会精神",
    "学习《中国共产党纪律处分条例》",
    "安全生产月活动动员",
    "船舶防污染管理专题学习",
    "学习习近平总书记关于安全生产的重要论述",
)


def build_records(n: int, seed: int) -> tuple[str, list[MeetingRecord]]:
    """About `n` meetings of one year, with attendance and votes."""
    rng = random.Random(seed)
    profile = build_profile(rng)
    groups = [g.name for g in profile.groups]
    names = {i: person_name(rng) for i in range(1, len(groups) * GROUP_SIZE + 1)}
    members = {
        g: list(range(1 + k * GROUP_SIZE, 1 + (k + 1) * GROUP_SIZE)) for k, g in enumerate(groups)
    }
    formal = frozenset(i for i in names if rng.random() > 0.05)
    committee = frozenset(range(1, 8))
    plan: list[tuple[MeetingType, int, str | None]] = []
    for month in range(1, 13):
        plan += [(MeetingType.COMMITTEE, month, None), (MeetingType.THEME_DAY, month, None)]
        if month % 3 == 0:
            plan += [(MeetingType.GENERAL, month, None), (MeetingType.LECTURE, month, None)]
    per_month = max(1, (n - len(plan)) // 12)
    for month in range(1, 13):
        plan += [(MeetingType.GROUP, month, g) for g in groups[:per_month]]

    def attendance(ids: list[int]) -> tuple[Attendance, ...]:
        lines = []
        for i in ids:
            roll = rng.random()
            if roll < 0.15:
                note = "随船执行运输任务" if rng.random() < 0.1 else ""
                lines.append(Attendance(i, Presence.LEAVE, rng.choice(REASONS), note))
            elif roll < 0.18:
                lines.append(Attendance(i, Presence.ABSENT, note="未请假"))
            else:
                lines.append(Attendance(i, Presence.PRESENT))
        return tuple(lines)

    records = []
    for k, (kind, month, group) in enumerate(plan, 1):
        if kind is MeetingType.COMMITTEE:
            ids = sorted(committee)
        elif group is not None:
            ids = members[group]
        else:
            ids = members[groups[k % len(groups)]] + members[groups[(k + 1) % len(groups)]]
        lines = attendance(ids)
        present = sum(a.presence is Presence.PRESENT for a in lines)
        resolutions: tuple[Resolution, ...] = ()
        if kind in (MeetingType.GENERAL, MeetingType.COMMITTEE):
            yes = int(present * rng.uniform(0.6, 1.0))
            resolutions = (
                Resolution(f"接收{person_name(rng)}同志为中共预备党员", ResolutionKind.ADMISSION,
                           yes=yes, no=present - yes, written_yes=rng.randint(0, 2)),
                Resolution("调整党小组设置", yes=yes, no=present - yes),
            )  # fmt: skip
        meeting = Meeting(
            kind,
            f"{month}月{rng.choice(TOPICS)}",
            date(YEAR, month, rng.randint(1, 28)),
            status=MeetingStatus.ARCHIVED,
            party_group_id=groups.index(group) + 1 if group else None,
            start_time=clock(19, 0),
            end_time=clock(21, 0),
            place=rng.choice(("船员活动室", "油库党员活动室", "公司会议室", "视频会议")),
            host_id=ids[0],
            recorder_id=ids[1],
            lecturer_name="公司党委书记" if kind is MeetingType.LECTURE else "",
            first_topic=FirstTopic(rng.choice(TOPICS), form="集中学习", leader_id=ids[2]),
            agenda=(AgendaItem("学习第一议题"),),
            resolutions=resolutions,
            attendance=lines,
            id=k,
        )
        pool = formal & set(ids) if kind is MeetingType.GROUP else formal
        records.append(
            MeetingRecord(meeting, names, formal_ids=pool, committee_ids=committee,
                          group_name=group or "")
        )  # fmt: skip
    return profile.full_name, records


def _nth(k: int) -> Callable[[int, list], object]:
    return lambda _i, row: row[k]


def bare_xlsx(values: list[list], path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("dump")
    for row in values:
        ws.append(row)
    wb.save(path)


def bare_pdf(values: list[list[str]], path: Path, font: str) -> None:
    """Each cell's text at its column, one line a row, a new page when the page is full."""
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height))
    step = (width - 40) / len(values[0])
    y = height - 30
    canvas.setFont(font, 7.5)
    for row in values:
        if y < 30:
            canvas.showPage()
            canvas.setFont(font, 7.5)
            y = height - 30
        for c, text in enumerate(row):
            canvas.drawString(20 + c * step, y, text)
        y -= 10
    canvas.save()


def platypus_pdf(values: list[list[str]], path: Path, font: str) -> None:
    """Cells cut to 120 characters: a row taller than a page cannot be placed at all."""
    style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.4, wordWrap="CJK")
    data = [[Paragraph(escape(text[:120]), style) for text in row] for row in values]
    width = landscape(A4)[0] - 60
    table = LongTable(data, colWidths=[width / len(values[0])] * len(values[0]), repeatRows=1)
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def fmt(seconds: list[float]) -> str:
    return f"{statistics.median(seconds):7.3f} s  ({', '.join(f'{s:.3f}' for s in seconds)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="meetings in the year (default 400)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--minutes-chars", type=int, default=600_000)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    unit, records = build_records(args.n, args.seed)
    report = LedgerReport(unit, date(YEAR, 12, 31), YEAR, None, records, prepared_by="组织委员")
    table = ledger_table(report)
    cells = [[col.value(i, r) for col in table.columns] for i, r in enumerate(table.rows, 1)]
    header = [col.title for col in table.columns]
    texts = [header] + [
        [
            "" if v is None else v.strftime("%Y.%m.%d") if isinstance(v, date) else str(v)
            for v in row
        ]
        for row in cells
    ]
    lines = sum(len(r.meeting.attendance) for r in records)
    print(
        f"{len(table.rows)} meetings, {lines} attendance lines generated in "
        f"{time.perf_counter() - t0:.1f} s (seed {args.seed})"
    )
    font = register_cjk_font()
    with tempfile.TemporaryDirectory(prefix="bench_meetings_") as tmp:
        out = Path(tmp)

        def fresh() -> LedgerReport:
            # New record values each run, as the service builds them: nothing computed by
            # an earlier run (head counts, name lists) is reused.
            return replace(report, records=[replace(r) for r in records])

        ours_x = lambda: write_table_xlsx(ledger_table(fresh()), out / "ledger.xlsx")  # noqa: E731
        bare_x = lambda: bare_xlsx([header, *cells], out / "dump.xlsx")  # noqa: E731
        ours_p = lambda: write_table_pdf(ledger_table(fresh()), out / "ledger.pdf")  # noqa: E731
        bare_p = lambda: bare_pdf(texts, out / "dump.pdf", font)  # noqa: E731
        # The writers alone: the same table over the precomputed cells (no adapter work).
        pre = replace(
            table,
            rows=cells,
            columns=[replace(c, value=_nth(k)) for k, c in enumerate(table.columns)],
        )
        pre_x = lambda: write_table_xlsx(pre, out / "pre.xlsx")  # noqa: E731
        pre_p = lambda: write_table_pdf(pre, out / "pre.pdf")  # noqa: E731
        table_p = lambda: platypus_pdf(texts, out / "platypus.pdf", font)  # noqa: E731
        for fn in (ours_x, bare_x, ours_p, bare_p):
            fn()  # warm-up: imports, font subsets
        order = [
            ("ox", ours_x), ("bx", bare_x), ("px", pre_x),
            ("op", ours_p), ("bp", bare_p), ("pp", pre_p),
        ]  # fmt: skip
        times: dict[str, list[float]] = {k: [] for k, _ in order}
        cpu: dict[str, list[float]] = {k: [] for k, _ in order}
        for r in range(args.rounds):
            for key, fn in order if r % 2 == 0 else reversed(order):
                c0 = time.process_time()
                times[key].append(timed(fn))
                cpu[key].append(time.process_time() - c0)
        platypus = [timed(table_p)]

        def ratio(a: str, b: str, of: dict[str, list[float]] = times) -> float:
            return statistics.median(of[a]) / statistics.median(of[b])

        x_ratio, p_ratio = ratio("ox", "bx"), ratio("op", "bp")
        t_ratio = statistics.median(times["op"]) / platypus[0]
        print(f"\n{'scenario':36} {'median':>9}  runs")
        for name, key in (
            ("ledger → .xlsx (ledger_table + writer)", "ox"),
            ("bare openpyxl write-only dump", "bx"),
            ("ledger → .pdf (ledger_table + writer)", "op"),
            ("bare reportlab canvas dump", "bp"),
            ("writer alone, precomputed → .xlsx", "px"),
            ("writer alone, precomputed → .pdf", "pp"),
        ):
            print(f"{name:36} {fmt(times[key])}")
        print(f"{'platypus LongTable of Paragraphs':36} {fmt(platypus)}")
        ok = x_ratio <= BUDGET and p_ratio <= BUDGET
        print(f"\nxlsx: {x_ratio:.2f}× the bare dump (budget ≤ {BUDGET}×)")
        print(f"pdf:  {p_ratio:.2f}× the bare canvas dump (budget ≤ {BUDGET}×)")
        print(f"pdf:  {t_ratio:.2f}× a platypus LongTable of the same cells (for information)")
        print(
            f"CPU time: xlsx {ratio('ox', 'bx', cpu):.2f}×, pdf {ratio('op', 'bp', cpu):.2f}×; "
            f"writers alone: xlsx {ratio('px', 'bx', cpu):.2f}×, pdf {ratio('pp', 'bp', cpu):.2f}×"
        )

        minutes = ("　　同志们，这次学习很有收获，要把理论学习和安全生产结合起来。" * 40 + "\n") * (
            args.minutes_chars // 1200 + 1
        )
        meeting = replace(records[0].meeting, minutes=minutes[: args.minutes_chars])
        doc = MinutesReport(replace(records[0], meeting=meeting), unit, date(YEAR, 12, 31))
        seconds = timed(lambda: write_minutes_pdf(doc, out / "minutes.pdf"))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = (out / "minutes.pdf").stat().st_size / 1e6
        pages = (out / "minutes.pdf").read_bytes().count(b"/Type /Page\n")
        print(
            f"minutes of {args.minutes_chars:,} characters → .pdf: {seconds:.2f} s, "
            f"{pages} pages, {size:.1f} MB; peak RSS of this process {rss:.0f} MB"
        )
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
