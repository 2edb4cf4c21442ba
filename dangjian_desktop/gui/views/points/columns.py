"""The entries list's columns (the id-list model over ws.points)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.points import EntryRow
from dangjian_desktop.gui.models.id_list_model import TableColumn
from dangjian_desktop.gui.views.points.common import points_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_MINUS = QBrush(QColor("#a61b1b"))
_DERIVED = QBrush(QColor("#1f4f8a"))


def source_text(row: EntryRow, _ctx=None) -> str:
    """自动：会议主题 for a derived entry (double-click opens it); 手工录入 otherwise."""
    if row.derived:
        return f"自动：{row.meeting_topic}" if row.meeting_topic else "自动：会议签到"
    return "手工录入"


def entry_columns() -> list[TableColumn[EntryRow]]:
    return [
        TableColumn("date", "日期", 92, lambda r, c: r.date.isoformat()),
        TableColumn("member", "党员", 80, lambda r, c: r.member_name),
        TableColumn(None, "类别", 90, lambda r, c: r.category_name),
        TableColumn(
            "rule",
            "积分项目",
            220,
            lambda r, c: r.rule_name or r.rule_code,
            tooltip=lambda r, c: f"{r.rule_code} {r.rule_name}",
        ),
        TableColumn(
            "points",
            "分值",
            56,
            lambda r, c: points_text(r.points, signed=True),
            alignment=lambda r, c: _RIGHT,
            foreground=lambda r, c: _MINUS if r.points < 0 else None,
        ),
        TableColumn(
            None,
            "来源",
            220,
            source_text,
            tooltip=lambda r, c: "双击打开这次会议" if r.derived else None,
            foreground=lambda r, c: _DERIVED if r.derived else None,
        ),
        TableColumn(None, "调整原因", 140, lambda r, c: r.override_reason),
        TableColumn(None, "备注", 140, lambda r, c: r.note, tooltip=lambda r, c: r.note or None),
        TableColumn(None, "证明", 46, lambda r, c: "有" if r.evidence_id else ""),
        TableColumn(None, "记录人", 70, lambda r, c: r.recorded_by),
    ]
