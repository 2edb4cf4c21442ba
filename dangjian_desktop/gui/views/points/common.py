"""Small shared pieces of the 积分 tab: wording of points and periods, the active roster."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from dangjian_desktop.domain.people import Member, MemberFilter, MemberSort
from dangjian_desktop.domain.points import (
    EvaluationKind,
    Grade,
    PeriodKey,
    Scheme,
    ScoringPeriod,
    Sign,
)
from dangjian_desktop.services import Workspace

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
EVALUATION_NAMES = {
    EvaluationKind.LEADER: "领导点评",
    EvaluationKind.PEER: "党员互评",
    EvaluationKind.PUBLIC: "群众评议",
}
GRADE_NAMES = {
    Grade.EXCELLENT: "优秀",
    Grade.QUALIFIED: "合格",
    Grade.BASIC: "基本合格",
    Grade.UNQUALIFIED: "不合格",
}
SIGN_NAMES = {Sign.PLUS: "加分", Sign.MINUS: "扣分"}
PERIOD_NAMES = {ScoringPeriod.YEAR: "按年度", ScoringPeriod.QUARTER: "按季度"}


def points_text(value: Decimal | None, *, signed: bool = False) -> str:
    """12 / 2.5 / +3 / −2: no trailing .0, a sign when asked."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    if signed and value > 0:
        return f"+{text}"
    return text


def parse_points(text: str) -> Decimal | None:
    """A typed number of points; None when empty. Raises ValueError on anything else."""
    text = text.strip().replace("＋", "+").replace("－", "-").replace("−", "-")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def period_text(period: PeriodKey) -> str:
    if period.quarter is None:
        return f"{period.year}年度"
    return f"{period.year}年{QUARTERS[period.quarter - 1]}"


def period_choices(scheme: Scheme) -> list[tuple[str, PeriodKey]]:
    return [(period_text(p), p) for p in scheme.periods()]


def active_members(ws: Workspace) -> list[Member]:
    """The branch's members now (党籍正常), in roster order."""
    ids = ws.members.ids(MemberFilter(), MemberSort())
    rows = ws.members.rows(ids)
    return [rows[i] for i in ids if i in rows]
