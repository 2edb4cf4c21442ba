"""The 阵地 tab's list columns (id-list models over ws.venues.inspection_list and
ws.venues.rectification_list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.venue_lists import InspectionListRow, RectificationListRow
from dangjian_desktop.domain.venues import RectificationStatus
from dangjian_desktop.export.venue_labels import RECT_STATUS
from dangjian_desktop.gui.models.id_list_model import TableColumn

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STATUS_COLOURS = {
    RectificationStatus.OPEN: QBrush(QColor("#8a6d00")),
    RectificationStatus.OVERDUE: QBrush(QColor("#b3261e")),
    RectificationStatus.CLOSED: QBrush(QColor("#1e6b2f")),
}


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def _n(value: int) -> str:
    return str(value) if value else ""


def _right(_r, _c):
    return _RIGHT


def inspection_columns() -> list[TableColumn[InspectionListRow]]:
    return [
        TableColumn("inspected_on", "检查日期", 92, lambda r, c: r.inspected_on.isoformat()),
        TableColumn(
            None, "检查人", 200, lambda r, c: r.inspectors, tooltip=lambda r, c: r.inspectors
        ),
        TableColumn("score", "得分", 56, lambda r, c: score_text(r.score), alignment=_right),
        TableColumn(None, "合格", 46, lambda r, c: str(r.passed), alignment=_right),
        TableColumn(None, "不合格", 56, lambda r, c: _n(r.failed), alignment=_right),
        TableColumn(None, "不适用", 56, lambda r, c: _n(r.not_applicable), alignment=_right),
        TableColumn(None, "未整改", 56, lambda r, c: _n(r.open_rectifications), alignment=_right),
        TableColumn(None, "照片", 46, lambda r, c: _n(r.photos), alignment=_right),
    ]


def _status(r: RectificationListRow) -> str:
    text = RECT_STATUS.get(r.status, "")
    if r.status is RectificationStatus.OVERDUE and r.days_overdue:
        text = f"{text} {r.days_overdue} 天"
    return text


def rectification_columns() -> list[TableColumn[RectificationListRow]]:
    return [
        TableColumn("venue", "阵地", 130, lambda r, c: r.venue_name),
        TableColumn(
            "item",
            "检查项",
            200,
            lambda r, c: f"{r.group_name} · {r.item_text}",
            tooltip=lambda r, c: f"{r.group_name} · {r.item_text}",
        ),
        TableColumn(None, "存在问题", 200, lambda r, c: r.finding, tooltip=lambda r, c: r.finding),
        TableColumn("opened_on", "发现日期", 92, lambda r, c: r.opened_on.isoformat()),
        TableColumn("due_on", "整改期限", 92, lambda r, c: r.due_on.isoformat()),
        TableColumn("owner", "责任人", 70, lambda r, c: r.owner_name),
        TableColumn(None, "整改措施", 180, lambda r, c: r.action, tooltip=lambda r, c: r.action),
        TableColumn(
            None,
            "状态",
            96,
            lambda r, c: _status(r),
            foreground=lambda r, c: STATUS_COLOURS.get(r.status),
        ),
        TableColumn(
            "closed_on",
            "销号日期",
            92,
            lambda r, c: r.closed_on.isoformat() if r.closed_on else "",
        ),
    ]
