"""The 会议 words live in export/labels.py, one for every value of every enumeration (the GUI
shows the same words)."""

from __future__ import annotations

from enum import Enum

import pytest

from dangjian_desktop.domain.meeting_calendar import CellState
from dangjian_desktop.domain.meetings import (
    LeaveReason,
    MeetingStatus,
    MeetingType,
    Period,
    Presence,
    ResolutionKind,
)
from dangjian_desktop.export import labels


@pytest.mark.parametrize(
    ("enum", "words"),
    [
        (MeetingType, labels.MEETING_TYPE),
        (MeetingType, labels.MINUTES_KIND),
        (MeetingStatus, labels.MEETING_STATUS),
        (Presence, labels.PRESENCE),
        (LeaveReason, labels.LEAVE_REASON),
        (ResolutionKind, labels.RESOLUTION_KIND),
        (Period, labels.FREQUENCY),
        (CellState, labels.CELL_MARK),
    ],
)
def test_every_value_has_its_words(enum: type[Enum], words: dict):
    assert set(words) == set(enum)


def test_the_words_of_the_design():
    assert list(labels.MEETING_TYPE.values()) == [
        "支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员",
        "谈心谈话", "其他",
    ]  # fmt: skip
    assert list(labels.MEETING_STATUS.values()) == ["计划", "已召开", "已归档"]
    assert list(labels.PRESENCE.values()) == ["出席", "请假", "缺席"]
    assert list(labels.LEAVE_REASON.values()) == ["", "在航", "公休", "病假", "事假", "其他"]


def test_periods_and_section_numbers():
    assert labels.period_words(2026) == "2026年度"
    assert labels.period_words(2026, 3) == "2026年第三季度"
    assert [labels.chinese_number(n) for n in (1, 6, 10, 11, 15)] == [
        "一",
        "六",
        "十",
        "十一",
        "十五",
    ]
