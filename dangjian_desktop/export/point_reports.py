"""积分 reports as TableReports (no database, no file format): the period totals (党员积分汇总表),
the per-member statements (党员积分明细) and the 民主评议 result sheet.

The totals carry a 排名 column only when the caller asks (`ranking=True`): the 2023 guidance
(brief §7.4) is against published rankings, so the default file has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dangjian_desktop.domain.people import Member, MemberCategory
from dangjian_desktop.domain.point_rules import AppraisalMember
from dangjian_desktop.domain.point_totals import MemberTotal, Ranked, Statement, StatementLine
from dangjian_desktop.domain.points import (
    AppraisalGrade,
    EvaluationKind,
    Grade,
    PeriodKey,
    Scheme,
)
from dangjian_desktop.export.table_report import ReportColumn, TableReport

GRADE_NAMES = {
    Grade.EXCELLENT: "优秀",
    Grade.QUALIFIED: "合格",
    Grade.BASIC: "基本合格",
    Grade.UNQUALIFIED: "不合格",
}
EVALUATION_NAMES = {
    EvaluationKind.LEADER: "领导点评",
    EvaluationKind.PEER: "党员互评",
    EvaluationKind.PUBLIC: "群众评议",
}
SIGNATURE = "制表人：＿＿＿＿＿＿　　审核人（支部书记）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"


def points_text(value: Decimal | None) -> str:
    """62 → "62", 62.5 → "62.5", −2 → "-2"."""
    if value is None:
        return ""
    text = format(value.quantize(Decimal("0.1")), "f")
    return text.removesuffix(".0")


def period_text(period: PeriodKey) -> str:
    if period.quarter is None:
        return f"{period.year}年度"
    return f"{period.year}年第{period.quarter}季度"


def stars_text(stars: int) -> str:
    return "★" * stars if stars else "—"


# --- totals ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class TotalsLine:
    total: MemberTotal
    name: str
    counted: bool
    rank: int | None  # only when the ranking is exported


def totals_table(
    *,
    unit_name: str,
    issued_on: date,
    scheme: Scheme,
    period: PeriodKey,
    totals: list[MemberTotal],
    names: dict[int, str],
    counted: frozenset[int],
    ranked: list[Ranked] | None = None,
) -> TableReport[TotalsLine]:
    """The period totals in roster order; with `ranked` (asked for), in rank order with a
    排名 column, exempt members after the ranked ones without a rank."""
    if ranked is None:
        lines = [
            TotalsLine(t, names.get(t.member_id, ""), t.member_id in counted, None) for t in totals
        ]
    else:
        lines = [
            TotalsLine(r.total, names.get(r.total.member_id, ""), True, r.rank) for r in ranked
        ]
        lines += [
            TotalsLine(t, names.get(t.member_id, ""), False, None)
            for t in totals
            if t.member_id not in counted
        ]

    def col(title, value, width, **kw) -> ReportColumn[TotalsLine]:
        return ReportColumn(title, value, width, **kw)

    columns = [
        col("序号", lambda i, _r: i, 6, key="index"),
        col("姓名", lambda _i, r: r.name, 12, key="name"),
        col("基础分", lambda _i, r: points_text(r.total.base), 8, key="base"),
        col("加分", lambda _i, r: points_text(r.total.bonus), 8, key="bonus"),
        col("扣分", lambda _i, r: points_text(r.total.deductions), 8, key="deductions"),
        col("封顶未计", lambda _i, r: points_text(r.total.capped), 9, key="capped"),
        col("三评得分", lambda _i, r: points_text(r.total.evaluation), 9, key="evaluation"),
        col("总分", lambda _i, r: points_text(r.total.total), 8, key="total"),
        col("星级", lambda _i, r: stars_text(r.total.stars), 10, key="stars"),
    ]
    if ranked is not None:
        columns.append(col("排名", lambda _i, r: r.rank, 6, key="rank"))
    columns.append(
        col(
            "备注",
            lambda _i, r: "" if r.counted else "不参加积分排序（免于计分）",
            22,
            wrap=True,
            key="note",
        )
    )
    footnotes = [
        f"计分办法：基础分 {points_text(scheme.base)} 分＋加分－扣分"
        + (
            f"＋三评（满分 {points_text(scheme.evaluation_points)} 分）"
            if scheme.evaluation_points
            else ""
        )
        + (f"，最低 {points_text(scheme.floor)} 分" if scheme.floor is not None else "")
        + (f"，最高 {points_text(scheme.ceiling)} 分" if scheme.ceiling is not None else "")
        + "；单项超过封顶分的部分列入“封顶未计”，不计入总分。",
    ]
    return TableReport(
        title="党员积分汇总表",
        sheet_name="积分汇总",
        unit_name=unit_name,
        issued_on=issued_on,
        columns=columns,
        rows=lines,
        subtitle=[period_text(period), f"共 {len(lines)} 人"],
        period=period_text(period),
        footnotes=footnotes,
        signature=SIGNATURE,
        landscape=False,
        row_name=lambda r: r.name,
    )


# --- statements -----------------------------------------------------------------------------
@dataclass(frozen=True)
class StatementRow:
    """A line of a statement: an entry, or a subtotal/total line (entry None)."""

    name: str
    day: date | None
    category: str
    item: str
    given: str
    counted: str
    capped: str
    note: str


def _entry_row(name: str, line: StatementLine, category: str, item: str) -> StatementRow:
    e = line.entry
    note = "按会议签到自动计分" if e.derived else ""
    if e.override_reason:
        note = "；".join(p for p in (note, f"调整原因：{e.override_reason}") if p)
    if e.note:
        note = "；".join(p for p in (note, e.note) if p)
    return StatementRow(
        name,
        e.date,
        category,
        item,
        points_text(e.points),
        points_text(line.counted),
        points_text(line.capped) if line.capped else "",
        note,
    )


def statement_rows(statement: Statement, name: str, scheme: Scheme) -> list[StatementRow]:
    rows: list[StatementRow] = []
    for cat in statement.categories:
        cat_name = cat.category.name if cat.category else "（已移出方案的项目）"
        for rule in cat.rules:
            item = rule.rule.name if rule.rule else rule.code
            rows += [_entry_row(name, line, cat_name, item) for line in rule.lines]
            if rule.cap is not None and rule.capped:
                rows.append(
                    StatementRow(
                        name,
                        None,
                        cat_name,
                        f"{item}　小计（封顶 {points_text(rule.cap)} 分）",
                        points_text(rule.given),
                        points_text(rule.counted),
                        points_text(rule.capped),
                        "超过封顶分的部分不计入",
                    )
                )
    ev = statement.evaluation
    for line in (x for x in ev.lines if x.count):
        rows.append(
            StatementRow(
                name,
                None,
                "三评",
                EVALUATION_NAMES.get(line.kind, str(line.kind)),
                points_text(line.score),
                "",
                "",
                f"权重 {line.weight}；{line.count} 份评分的平均",
            )
        )
    summary = [
        ("基础分", statement.base),
        ("加分合计", statement.bonus),
        ("扣分合计", statement.deductions),
        ("三评得分", ev.points),
    ]
    if statement.floor_added:
        summary.append(("低于最低分补足", statement.floor_added))
    if statement.ceiling_cut:
        summary.append(("超过最高分扣除", -statement.ceiling_cut))
    for label, value in summary:
        rows.append(StatementRow(name, None, "合计", label, "", points_text(value), "", ""))
    stars = stars_text(statement.stars)
    note = "" if statement.counted else "不参加积分排序（免于计分）"
    rows.append(
        StatementRow(
            name,
            None,
            "合计",
            "总分",
            "",
            points_text(statement.total),
            points_text(statement.capped) if statement.capped else "",
            f"星级 {stars}" + (f"；{note}" if note else ""),
        )
    )
    return rows


def _statement_columns(with_name: bool) -> list[ReportColumn[StatementRow]]:
    cols: list[ReportColumn[StatementRow]] = []
    if with_name:
        cols.append(ReportColumn("姓名", lambda _i, r: r.name, 10, key="name"))
    cols += [
        ReportColumn(
            "日期",
            lambda _i, r: r.day,
            11,
            xlsx_format="yyyy-mm-dd",
            pdf_format="%Y.%m.%d",
            key="date",
        ),
        ReportColumn("类别", lambda _i, r: r.category, 10, key="category"),
        ReportColumn("项目", lambda _i, r: r.item, 30, wrap=True, key="item"),
        ReportColumn("分值", lambda _i, r: r.given, 7, key="given"),
        ReportColumn("计入", lambda _i, r: r.counted, 7, key="counted"),
        ReportColumn("封顶未计", lambda _i, r: r.capped, 8, key="capped"),
        ReportColumn("说明", lambda _i, r: r.note, 28, wrap=True, key="note"),
    ]
    return cols


def statement_table(
    *, unit_name: str, issued_on: date, scheme: Scheme, statement: Statement, name: str
) -> TableReport[StatementRow]:
    """One member's statement (one page of the PDF)."""
    period = period_text(statement.period)
    return TableReport(
        title="党员积分明细",
        sheet_name="积分明细",
        unit_name=unit_name,
        issued_on=issued_on,
        columns=_statement_columns(False),
        rows=statement_rows(statement, name, scheme),
        subtitle=[f"党员：{name}", period, f"总分 {points_text(statement.total)} 分"],
        period=period,
        signature="本人确认：＿＿＿＿＿＿　　支部书记：＿＿＿＿＿＿",
        landscape=False,
        row_name=lambda r: r.name,
    )


def statements_sheet(
    *, unit_name: str, issued_on: date, scheme: Scheme, statements: list[tuple[Statement, str]]
) -> TableReport[StatementRow]:
    """Every statement in one sheet, a section per member (the .xlsx)."""
    rows: list[StatementRow] = []
    for statement, name in statements:
        rows += statement_rows(statement, name, scheme)
    period = period_text(statements[0][0].period) if statements else ""
    return TableReport(
        title="党员积分明细",
        sheet_name="积分明细",
        unit_name=unit_name,
        issued_on=issued_on,
        columns=_statement_columns(True),
        rows=rows,
        subtitle=[period, f"共 {len(statements)} 人"],
        period=period,
        signature=SIGNATURE,
        row_name=lambda r: r.name,
    )


# --- 民主评议 -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AppraisalLine:
    member: AppraisalMember | Member
    grade: AppraisalGrade | None


def appraisal_table(
    *,
    unit_name: str,
    issued_on: date,
    year: int,
    members: Sequence[AppraisalMember | Member],
    grades: dict[int, AppraisalGrade],
    warnings: list[str],
) -> TableReport[AppraisalLine]:
    lines = [AppraisalLine(m, grades.get(m.id)) for m in members if m.id is not None]

    def grade_text(line: AppraisalLine) -> str:
        if line.member.category is MemberCategory.PROBATIONARY:
            return "（预备党员不参加评定等次）"
        return GRADE_NAMES[line.grade.grade] if line.grade else "未评定"

    graded = [
        ln for ln in lines if ln.grade and ln.member.category is not MemberCategory.PROBATIONARY
    ]
    counts = {g: sum(1 for ln in graded if ln.grade and ln.grade.grade is g) for g in Grade}
    summary = "；".join(f"{GRADE_NAMES[g]} {n} 人" for g, n in counts.items())
    footnotes = [
        f"参加评定等次的正式党员 {len(graded)} 人：{summary}。优秀一般不超过参评人数的三分之一。"
    ]
    footnotes += [f"提示：{w}" for w in warnings]
    return TableReport(
        title="民主评议党员结果",
        sheet_name="民主评议",
        unit_name=unit_name,
        issued_on=issued_on,
        columns=[
            ReportColumn("序号", lambda i, _r: i, 6, key="index"),
            ReportColumn("姓名", lambda _i, r: r.member.name, 12, key="name"),
            ReportColumn(
                "党员类别",
                lambda _i, r: (
                    "预备党员" if r.member.category is MemberCategory.PROBATIONARY else "正式党员"
                ),
                10,
                key="category",
            ),
            ReportColumn("评定等次", lambda _i, r: grade_text(r), 20, key="grade"),
            ReportColumn(
                "备注", lambda _i, r: r.grade.note if r.grade else "", 30, wrap=True, key="note"
            ),
        ],
        rows=lines,
        subtitle=[f"{year}年度", f"共 {len(lines)} 人"],
        period=f"{year}年度",
        footnotes=footnotes,
        signature=SIGNATURE,
        landscape=False,
        row_name=lambda r: r.member.name,
    )
