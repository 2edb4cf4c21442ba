"""The words of the 阵地 reports (inspection report, year summary) and of the 阵地 values
the GUI shows the same way (results, rectification states). Qt-free plain data."""

from __future__ import annotations

from dangjian_desktop.domain.venues import Outcome, RectificationStatus

OUTCOME = {Outcome.PASS: "合格", Outcome.FAIL: "不合格", Outcome.NOT_APPLICABLE: "不适用"}
RECT_STATUS = {
    RectificationStatus.OPEN: "整改中",
    RectificationStatus.OVERDUE: "已逾期",
    RectificationStatus.CLOSED: "已销号",
}

INSPECTION_TITLE = "党组织活动阵地检查报告"
FIELD_VENUE = "检查阵地"
FIELD_ADDRESS = "地址"
FIELD_DATE = "检查日期"
FIELD_INSPECTORS = "检查人"
FIELD_TEMPLATE = "检查表"
FIELD_SCORE = "得分"
FIELD_NOTE = "总体情况"
TEMPLATE_VERSION = "{name}（第 {version} 版）"
SCORE_WORDS = "{score} 分"
NO_SCORE = "无可计分项（全部不适用）"
SCORE_BASIS = (
    "按分值计：合格 {passed} 项、不合格 {failed} 项、不适用 {na} 项；"
    "得 {earned} 分 / 应得 {possible} 分，不适用项不计入"
)
RETIRED_VENUE = "{name}（已停用）"

SECTION_ITEMS = "检查情况"
SECTION_FOUND = "本次发现的问题及整改"
SECTION_STILL_OPEN = "以前检查发现、至本次检查时仍未整改的问题"
SECTION_PHOTOS = "现场照片"
GROUP_HEADING = "{name}（{earned}/{possible} 分）"
GROUP_HEADING_NA = "{name}（不适用）"
ITEM_COLUMNS = ("序号", "检查项", "分值", "结果", "情况说明", "照片")
RECT_COLUMNS = ("序号", "检查项", "存在问题", "整改措施", "责任人", "整改期限", "状态")
FIGURE = "图{n}"
FIGURE_CAPTION = "图{n}　{group} · {item}（{outcome}）"
PHOTO_MISSING = "（照片文件缺失或已损坏，未能打印）"
NO_PROBLEMS = "本次检查未发现问题。"
NOTHING_OPEN = "无。"
CLOSED_ON = "已销号\n{date}"
REOPENED = "\n（曾销号后重新打开）"
OPENED_ON = "{date} 检查发现"
SIGN_INSPECTORS = "检查人（签字）：____________"
SIGN_VENUE = "阵地负责人（签字）：____________"
SIGN_DATE = "日期：________年____月____日"

# The year summary (a TableReport).
SUMMARY_TITLE = "党组织活动阵地建设年度汇总"
SUMMARY_SHEET = "阵地检查汇总"
SUMMARY_COLUMNS = (
    "序号",
    "阵地",
    "检查日期",
    "检查人",
    "得分",
    "合格",
    "不合格",
    "不适用",
    "发现问题",
    "已销号",
    "未整改",
)
SUMMARY_VENUE_LINE = (
    "{venue}：本年检查 {count} 次，平均 {average}，发现问题 {found} 项，"
    "已销号 {closed} 项，未整改 {open} 项（其中逾期 {overdue} 项）"
)
SUMMARY_VENUE_NONE = "{venue}：本年未检查"
SUMMARY_NO_AVERAGE = "无得分"
SUMMARY_SCORE_NOTE = "得分按各检查项分值计算，不适用项不计入；未整改项按制表日期计算是否逾期。"
