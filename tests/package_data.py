"""A year's 上报材料 for the package tests: report files, every data section, the fields."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from dangjian_desktop.domain.meetings import (
    Attendance,
    LeaveReason,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
)
from dangjian_desktop.domain.people import Member, MemberCategory, PartyStatus, Sex, StatusChange
from dangjian_desktop.domain.period import parse_period
from dangjian_desktop.domain.report_data import meeting_row, member_row, statistics_section
from dangjian_desktop.domain.report_package import ManifestFields
from dangjian_desktop.domain.statistics import roster_statistics

FULL_ID = "11010519900307123X"
FULL_PHONE = "13812345678"
PERIOD = parse_period("2026")
WORKER = "工人（工勤技能人员）"
CREATED = datetime(2027, 1, 8, 9, 30, tzinfo=timezone(timedelta(hours=8)))

MEMBERS = [
    Member(
        name="王建国", sex=Sex.MALE, ethnicity="汉族", birth_date=date(1990, 3, 7),
        id_number=FULL_ID, education="大学本科", phone=FULL_PHONE, person_category=WORKER,
        join_date=date(2015, 6, 30), full_date=date(2016, 6, 30), id=1, uid="a" * 32,
    ),
    Member(
        name="李静", sex=Sex.FEMALE, ethnicity="回族", birth_date=date(2000, 5, 5),
        id_number="330106200005051221", education="大学专科", join_date=date(2026, 3, 1),
        category=MemberCategory.PROBATIONARY, id=2, uid="b" * 32,
    ),
]  # fmt: skip
STATUSES = {1: [StatusChange(PartyStatus.NORMAL, date(2015, 6, 30))],
            2: [StatusChange(PartyStatus.NORMAL, date(2026, 3, 1))]}  # fmt: skip
MEETING = Meeting(
    type=MeetingType.GENERAL, topic="学习党章", date=date(2026, 3, 20),
    status=MeetingStatus.HELD, start_time=time(9, 0), end_time=time(11, 0), place="船舶会议室",
    host_id=1, recorder_id=2,
    attendance=(Attendance(1), Attendance(2, Presence.LEAVE, LeaveReason.AT_SEA)),
    resolutions=(Resolution("接收李静为预备党员", yes=1),), uid="c" * 32,
)  # fmt: skip


def sections(full_ids: bool = False) -> dict:
    names = {m.id: m.name for m in MEMBERS}
    uids = {m.id: m.uid for m in MEMBERS}
    stats = roster_statistics(MEMBERS, STATUSES, {}, date(2026, 12, 31), 2026, {1: "优秀"})
    return {
        "members": [member_row(m, "甲板党小组", full_ids=full_ids) for m in MEMBERS],
        "meetings": [meeting_row(MEETING, names, uids)],
        "point_entries": [
            {"member_uid": "a" * 32, "date": "2026-03-20", "points": 2, "category": "三比",
             "item": "参加党员大会", "note": "", "source": "attendance"},
            {"member_uid": "b" * 32, "date": "2026-04-02", "points": -1.5, "item": "缺席"},
        ],
        "inspections": [
            {"uid": "d" * 32, "venue": "船舶党员活动室", "date": "2026-05-10",
             "inspector": "王建国", "score": 85,
             "items": [{"item": "有党旗", "result": "pass", "note": ""},
                       {"item": "有台账", "result": "fail", "note": "缺3月记录"}],
             "rectifications": [{"item": "有台账", "measure": "补记", "owner": "李静",
                                 "due_date": "2026-06-10", "closed_on": None}]},
        ],
        "statistics": statistics_section(stats),
    }  # fmt: skip


def fields(**changes) -> ManifestFields:
    values = dict(
        branch_name="中燃油运船舶第一党支部",
        branch_code="CY-001",
        period=PERIOD,
        created_at=CREATED,
    )
    return ManifestFields(**(values | changes))


def report_files(folder: Path) -> dict[str, bytes | Path]:
    """Two files in memory and one on disk, as the service hands them over."""
    pdf = folder / "花名册.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return {
        "reports/党员花名册.xlsx": b"PK\x03\x04 not really a workbook " * 50,
        "reports/党员花名册.pdf": pdf,
        "reports/三会一课台账.pdf": "三会一课台账".encode() * 300,
    }
