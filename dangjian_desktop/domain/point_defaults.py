"""The shipped default 积分 scheme, as data (STYLE.md §6): categories, rules with caps,
star bands and 三评 weights. Every number is the user's to change; each one names where it comes
from. The storage layer seeds its catalogue tables from `default_scheme(year)`.
"""

from __future__ import annotations

from decimal import Decimal

from dangjian_desktop.domain.meetings import MeetingType, Presence
from dangjian_desktop.domain.points import (
    Category,
    DerivedFrom,
    EvaluationKind,
    MemberKind,
    Rule,
    Scheme,
    ScoringPeriod,
    Sign,
    StarBand,
)

# Sources, as the brief §5.1 names them (copies of unit documents, not national rules):
#   市直机关2024 = xiaomilidoc.com/p-12443515.html: 基础分 60 + 加分 − 扣分, floor 0, no ceiling,
#                  yearly; +1 per 三会一课/组织生活会/民主评议; training +1/+2/+3 by length;
#                  article +3, +3 more for a city award; 微党课 +3; invited lecture +5;
#                  retired and long-absent 流动党员 excluded.
#   指南 = 76hw.com guide: per-item annual caps (集中学习 2/次 cap 12; quarterly notes 1 each;
#          三会一课 3/次 cap 12; 主题党日 2/次 cap 8).
#   细则2022 = 公司党委 细则 2022, cedoc.cn/info/link/120356.html: −5 per 弄虚作假 or unfinished
#              task; 志愿服务 10, −2 per missed call-out; bonus for serving as 支委/党务.
#   县工信局 = baiwen3.com/life/157421.html: 任务分 from 岗位职责 + 承诺; county-level awards
#              scored separately, evidence required.
#   办法 = company 办法, m.wenke99.com/p-6153300.html: 日常行为 80 + 年度民主评议 20.
#   健康支部 = 中铝宁夏能源 SOE example (brief §5.3): ≥95 五星 … 60–69 一星.
# PROVISIONAL marks a number no source gives: a placeholder until the company's document.
_SANHUI_YIKE = frozenset(
    {MeetingType.GENERAL, MeetingType.COMMITTEE, MeetingType.GROUP, MeetingType.LECTURE}
)
_ORG_LIFE = _SANHUI_YIKE | {
    MeetingType.THEME_DAY,
    MeetingType.LIFE_MEETING,
    MeetingType.APPRAISAL,
}
_P, _M = Sign.PLUS, Sign.MINUS

DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("study", "政治学习", "三比·比作风"),
    Category("org_life", "组织生活", "按会议签到自动计分"),
    Category("duty", "岗位履职", "三亮·亮承诺，三比·比技能、比业绩"),
    Category("vanguard", "先锋作用", "志愿服务、急难险重"),
    Category("discipline", "遵规守纪", "只扣分"),
    Category("bonus", "加分", ""),
    Category("deduction", "扣分", ""),
)

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("S01", "study", "参加集中学习", 2, _P, 12, note="参照指南：2分/次，全年封顶12分"),
    Rule("S02", "study", "提交学习笔记或心得（每季度）", 1, _P, 4, note="参照指南：每季度1分"),
    Rule("S03", "study", "参加培训（半天）", 1, _P, note="参照市直机关2024办法：按时长1/2/3分"),
    Rule("S04", "study", "参加培训（1天）", 2, _P, note="参照市直机关2024办法：按时长1/2/3分"),
    Rule("S05", "study", "参加培训（2天及以上）", 3, _P, note="参照市直机关2024办法"),
    Rule(
        "S06",
        "study",
        "发表理论文章或心得",
        3,
        _P,
        evidence_required=True,
        note="参照市直机关2024办法：3分",
    ),
    Rule(
        "S07",
        "study",
        "文章获市级及以上奖励",
        3,
        _P,
        evidence_required=True,
        note="参照市直机关2024办法：另加3分",
    ),
    Rule(
        "L01",
        "org_life",
        "出席三会一课",
        1,
        _P,
        12,
        derived_from=DerivedFrom(_SANHUI_YIKE, Presence.PRESENT),
        note="参照市直机关2024办法：每参加1次1分；封顶12分参照指南",
    ),
    Rule(
        "L02",
        "org_life",
        "出席主题党日",
        1,
        _P,
        8,
        derived_from=DerivedFrom(frozenset({MeetingType.THEME_DAY}), Presence.PRESENT),
        note="参照市直机关2024办法：每参加1次1分；封顶8分参照指南",
    ),
    Rule(
        "L03",
        "org_life",
        "出席组织生活会、民主评议党员会议",
        1,
        _P,
        derived_from=DerivedFrom(
            frozenset({MeetingType.LIFE_MEETING, MeetingType.APPRAISAL}), Presence.PRESENT
        ),
        note="参照市直机关2024办法：每参加1次1分",
    ),
    Rule(
        "L04",
        "org_life",
        "无故缺席组织生活",
        2,
        _M,
        derived_from=DerivedFrom(_ORG_LIFE, Presence.ABSENT, only_without_reason=True),
        note="暂定：每次扣2分（细则2022对无故不参加志愿服务的扣分）；请假、注明原因的缺席不扣",
    ),
    Rule(
        "D01",
        "duty",
        "兑现岗位承诺（每季度）",
        2,
        _P,
        8,
        note="暂定分值；县工信局办法：任务分含岗位职责与承诺",
    ),
    Rule(
        "D02",
        "duty",
        "技能比武、岗位练兵获奖",
        3,
        _P,
        evidence_required=True,
        note="暂定分值；三比·比技能",
    ),
    Rule(
        "D03",
        "duty",
        "担任支委或承担党务工作（每年）",
        5,
        _P,
        5,
        note="暂定分值；细则2022：担任支委、党务工作加分",
    ),
    Rule(
        "V01", "vanguard", "参加志愿服务", 2, _P, 10, note="细则2022：志愿服务10分；每次2分为暂定"
    ),
    Rule(
        "V02", "vanguard", "急难险重任务中表现突出", 5, _P, evidence_required=True, note="暂定分值"
    ),
    Rule("V03", "vanguard", "无故不参加志愿服务", 2, _M, note="细则2022：每次扣2分"),
    Rule("R01", "discipline", "弄虚作假", 5, _M, note="细则2022：每次扣5分"),
    Rule("R02", "discipline", "违反规章制度被通报批评", 5, _M, note="暂定：同细则2022扣分档"),
    Rule("B01", "bonus", "讲微党课、微宣讲", 3, _P, note="市直机关2024办法：3分"),
    Rule("B02", "bonus", "受邀授课或宣讲", 5, _P, note="市直机关2024办法：5分"),
    Rule(
        "B03",
        "bonus",
        "获县级及以上表彰",
        5,
        _P,
        evidence_required=True,
        note="县工信局办法：县级及以上表彰单独计分、须有证明；分值暂定",
    ),
    Rule("X01", "deduction", "未完成组织交办任务", 5, _M, note="细则2022：每次扣5分"),
)

# UNCONFIRMED (brief §5.3): the 健康支部 bands, a branch-level SOE example, used for members
# until the company gives its own.
DEFAULT_STAR_BANDS: tuple[StarBand, ...] = (
    StarBand(5, 95),
    StarBand(4, 90, 95),
    StarBand(3, 80, 90),
    StarBand(2, 70, 80),
    StarBand(1, 60, 70),
)

# PROVISIONAL (brief §5.2: no standard weights for the three 评 were found): equal thirds, so
# no 评 is favoured until the company's document says otherwise. They are normalised by their
# sum, so 0.3333 × 3 weighs exactly a third each. Worth 20 points, the 民主评议 share of the
# company 办法's 百分制 (日常行为 80 + 民主评议 20).
DEFAULT_EVALUATION_WEIGHTS: tuple[tuple[EvaluationKind, Decimal], ...] = (
    (EvaluationKind.LEADER, Decimal("0.3333")),
    (EvaluationKind.PEER, Decimal("0.3333")),
    (EvaluationKind.PUBLIC, Decimal("0.3333")),
)
DEFAULT_EVALUATION_POINTS = Decimal(20)


def default_scheme(year: int) -> Scheme:
    """The shipped scheme for `year`: 市直机关2024's 基础分 60 + 加分 − 扣分, floor 0, no
    ceiling, yearly, retired and 流动 members exempt (DESIGN.md §2 积分)."""
    return Scheme(
        year=year,
        categories=DEFAULT_CATEGORIES,
        rules=DEFAULT_RULES,
        base=Decimal(60),
        floor=Decimal(0),
        ceiling=None,
        period=ScoringPeriod.YEAR,
        exempt_kinds=frozenset({MemberKind.RETIRED, MemberKind.MOBILE}),
        evaluation_weights=DEFAULT_EVALUATION_WEIGHTS,
        evaluation_points=DEFAULT_EVALUATION_POINTS,
        star_bands=DEFAULT_STAR_BANDS,
        name="党员积分管理（默认方案）",
        note="基础分60＋加分－扣分，最低0分，不设上限，按年度计；各项分值可按本单位办法修改",
    )
