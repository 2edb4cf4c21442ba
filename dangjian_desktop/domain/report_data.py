"""The machine-readable copy of a period's data in a 上报材料 package (issue 11 item 4).

Decision: documented JSON with a schema version, and its JSON Schema (draft 2020-12) in the
package beside it — not an SQLite extract. The committee reads packages from many branches,
perhaps with other tools than ours: JSON opens in any editor or language, a schema says
what each field is, and a text format cannot carry the rest of a data file by accident
(an SQLite copy holds deleted rows in its free pages). The reports beside it are the
human-readable form; this is what a committee's own tally reads.

Shape (DATA_SCHEMA is the authority; every section is versioned on its own so a later
program can change one without renumbering the others):

    {"format": "dangjian-report-data", "schema_version": 1,
     "branch": {"name": "...", "code": "..."},
     "period": {"label": "2026Q3", "start": "2026-07-01", "end": "2026-09-30"},
     "full_id_numbers": false, "full_phone_numbers": false,
     "sections": {
       "members": {"version": 1, "rows": [member_row(...), ...]},
       "meetings": {"version": 1, "rows": [meeting_row(...), ...]},
       "point_entries": {"version": 1, "rows": [{"member_uid", "date", "points", ...}]},
       "inspections": {"version": 1, "rows": [{"venue", "date", "items": [...], ...}]},
       "statistics": {"version": 1, "as_of", "year", "total", "breakdowns", "year_counts"}}}

Only "members" is required; a section a package does not carry (积分 unless ticked) is
absent, not empty. People are named by `uid` (stable across data files), never by local
row ids. ID numbers and phones are masked as in the reports unless the user ticked full
numbers, and the document says which; `masking_errors` holds a document to its word.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, time

from dangjian_desktop.domain.masking import MASK, mask_id, mask_phone
from dangjian_desktop.domain.meeting_rules import head_count
from dangjian_desktop.domain.meetings import (
    LeaveReason,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    ResolutionKind,
)
from dangjian_desktop.domain.people import Member, MemberCategory, PartyPost, PartyStatus, Sex
from dangjian_desktop.domain.period import ReportPeriod
from dangjian_desktop.domain.statistics import RosterStatistics

DATA_FORMAT = "dangjian-report-data"
DATA_SCHEMA_VERSION = 1
SECTION_VERSION = 1  # of each section in this program
SECTIONS = ("members", "meetings", "point_entries", "inspections", "statistics")
MAX_ROWS = 500_000  # 200,000 point entries is the reference file's whole history


def _date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _time(moment: time | None) -> str | None:
    return None if moment is None else moment.strftime("%H:%M")


# --- rows the program builds from its own records -----------------------------------------------
def member_row(
    member: Member, party_group: str = "", *, full_ids: bool = False, full_phones: bool = False
) -> dict:
    """One member as of the report: the 花名册 columns (brief §8.1)."""
    return {
        "uid": member.uid,
        "name": member.name,
        "sex": member.sex.value if isinstance(member.sex, Sex) else None,
        "ethnicity": member.ethnicity,
        "birth_date": _date(member.birth_date),
        "id_number": member.id_number if full_ids else mask_id(member.id_number),
        "education": member.education,
        "degree": member.degree,
        "work_start_date": _date(member.work_start_date),
        "work_unit": member.work_unit,
        "job_post": member.job_post,
        "person_category": member.person_category,
        "tech_title": member.tech_title,
        "phone": member.phone if full_phones else mask_phone(member.phone),
        "join_date": _date(member.join_date),
        "full_date": _date(member.full_date),
        "category": member.category.value,
        "probation_extension_months": member.probation_extension_months,
        "party_group": party_group,
        "party_post": member.party_post.value,
        "status": member.status.value,
        "is_mobile": member.is_mobile,
        "is_lost": member.is_lost,
        "lost_since": _date(member.lost_since),
    }


def meeting_row(meeting: Meeting, names: Mapping[int, str], uids: Mapping[int, str]) -> dict:
    """One line of the 三会一课台账 (brief §8.2), with its sign-in list by member uid.
    `names` and `uids` map member id → name and uid."""
    counts = head_count(meeting.attendance)
    return {
        "uid": meeting.uid,
        "type": meeting.type.value,
        "also_counts_as": meeting.also_counts_as.value if meeting.also_counts_as else None,
        "status": meeting.status.value,
        "date": meeting.date.isoformat(),
        "start_time": _time(meeting.start_time),
        "end_time": _time(meeting.end_time),
        "topic": meeting.topic,
        "place": meeting.place,
        "host": names.get(meeting.host_id, "") if meeting.host_id else "",
        "recorder": names.get(meeting.recorder_id, "") if meeting.recorder_id else "",
        "lecturer": (names.get(meeting.lecturer_id, "") if meeting.lecturer_id else "")
        or meeting.lecturer_name,
        "first_topic": meeting.first_topic.topic,
        "expected": counts.expected,
        "present": counts.present,
        "on_leave": counts.on_leave,
        "absent": counts.absent,
        "attendance": [
            {
                "member_uid": uids.get(a.member_id, ""),
                "presence": a.presence.value,
                "reason": a.reason.value,
                "excluded": a.excluded,
            }
            for a in meeting.attendance
        ],
        "resolutions": [
            {"title": r.title, "kind": r.kind.value, "voted": r.voted, "yes": r.yes, "no": r.no}
            for r in meeting.resolutions
        ],
        "late_record": meeting.late_record,
        "recorded_on": _date(meeting.recorded_on),
    }


def statistics_section(stats: RosterStatistics) -> dict:
    return {
        "version": SECTION_VERSION,
        "as_of": stats.as_of.isoformat(),
        "year": stats.year,
        "total": stats.total,
        "breakdowns": {name: tally.counts() for name, tally in stats.breakdowns().items()},
        "year_counts": stats.year_counts.counts(),
    }


def data_document(
    branch_name: str,
    branch_code: str,
    period: ReportPeriod,
    sections: Mapping[str, Sequence[Mapping] | Mapping],
    *,
    full_ids: bool = False,
    full_phones: bool = False,
) -> dict:
    """The document from the rows a caller filled, section by section. "statistics" is one
    statistics_section(); every other section is a list of rows."""
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")
    built: dict[str, object] = {}
    for name in SECTIONS:
        if name not in sections:
            continue
        content = sections[name]
        if name == "statistics":
            built[name] = dict(content)  # type: ignore[arg-type]
        else:
            built[name] = {"version": SECTION_VERSION, "rows": [dict(r) for r in content]}
    return {
        "format": DATA_FORMAT,
        "schema_version": DATA_SCHEMA_VERSION,
        "branch": {"name": branch_name, "code": branch_code},
        "period": {"label": period.label, "start": _date(period.start), "end": _date(period.end)},
        "full_id_numbers": full_ids,
        "full_phone_numbers": full_phones,
        "sections": built,
    }


def masking_errors(document: Mapping) -> list[str]:
    """JSON Pointers of the ID numbers and phones a document shows in full although it
    says they are masked (a masked value holds MASK or is empty)."""
    errors = []
    members = document.get("sections", {}).get("members", {}).get("rows", [])
    for i, row in enumerate(members if isinstance(members, list) else []):
        if not isinstance(row, dict):
            continue
        for field, flag in (("id_number", "full_id_numbers"), ("phone", "full_phone_numbers")):
            value = row.get(field)
            if not document.get(flag) and isinstance(value, str) and value and MASK not in value:
                errors.append(f"/sections/members/rows/{i}/{field}")
    return errors


# --- the schema ---------------------------------------------------------------------------------
def _enum(values) -> dict:
    return {"enum": [v.value for v in values]}


def _obj(properties: dict, required: Sequence[str] | None = None) -> dict:
    return {
        "type": "object",
        "required": list(properties if required is None else required),
        "additionalProperties": False,
        "properties": properties,
    }


def _section(row_ref: str) -> dict:
    return _obj(
        {
            "version": {"const": SECTION_VERSION},
            "rows": {"type": "array", "maxItems": MAX_ROWS, "items": {"$ref": row_ref}},
        }
    )


_TEXT = {"$ref": "#/$defs/text"}
_NAME = {"$ref": "#/$defs/name"}
_DATE = {"$ref": "#/$defs/date"}
_OPT_DATE = {"$ref": "#/$defs/optional_date"}
_COUNT = {"type": "integer", "minimum": 0}
_BOOL = {"type": "boolean"}
_UID = {"type": "string", "maxLength": 64}

_MEMBER = _obj(
    {
        "uid": _UID,
        "name": _NAME,
        "sex": {"enum": [*(s.value for s in Sex), None]},
        "ethnicity": _NAME,
        "birth_date": _OPT_DATE,
        "id_number": {"type": "string", "maxLength": 18},
        **dict.fromkeys(("education", "degree"), _NAME),
        "work_start_date": _OPT_DATE,
        **dict.fromkeys(("work_unit", "job_post", "person_category", "tech_title"), _TEXT),
        "phone": {"type": "string", "maxLength": 30},
        "join_date": _OPT_DATE,
        "full_date": _OPT_DATE,
        "category": _enum(MemberCategory),
        "probation_extension_months": {"type": "integer", "minimum": 0, "maximum": 12},
        "party_group": _NAME,
        "party_post": _enum(PartyPost),
        "status": _enum(PartyStatus),
        "is_mobile": _BOOL,
        "is_lost": _BOOL,
        "lost_since": _OPT_DATE,
    }
)
_ATTENDANCE = _obj(
    {
        "member_uid": _UID,
        "presence": _enum(Presence),
        "reason": _enum(LeaveReason),
        "excluded": _BOOL,
    }
)
_RESOLUTION = _obj(
    {"title": _TEXT, "kind": _enum(ResolutionKind), "voted": _BOOL, "yes": _COUNT, "no": _COUNT}
)
_OPT_TIME = {"type": ["string", "null"], "pattern": "^[0-2][0-9]:[0-5][0-9]$"}
_MEETING = _obj(
    {
        "uid": _UID,
        "type": _enum(MeetingType),
        "also_counts_as": {"enum": [*(t.value for t in MeetingType), None]},
        "status": _enum(MeetingStatus),
        "date": _DATE,
        "start_time": _OPT_TIME,
        "end_time": _OPT_TIME,
        **dict.fromkeys(("topic", "place", "first_topic"), _TEXT),
        **dict.fromkeys(("host", "recorder", "lecturer"), _NAME),
        **dict.fromkeys(("expected", "present", "on_leave", "absent"), _COUNT),
        "attendance": {"type": "array", "items": {"$ref": "#/$defs/attendance"}},
        "resolutions": {"type": "array", "items": {"$ref": "#/$defs/resolution"}},
        "late_record": _BOOL,
        "recorded_on": _OPT_DATE,
    }
)
_POINT_ENTRY = _obj(
    {
        "member_uid": _UID,
        "date": _DATE,
        "points": {"type": "number", "minimum": -1000, "maximum": 1000},
        "category": _NAME,  # 三亮/三比/三评 … as the branch's rule catalogue names it
        "item": _TEXT,
        "note": _TEXT,
        "source": {"enum": ["manual", "attendance"]},  # typed, or derived from a meeting
    },
    required=("member_uid", "date", "points"),
)
_CHECK_ITEM = _obj(
    {
        "item": _TEXT,
        "result": {"enum": ["pass", "partial", "fail", "not_applicable"]},
        "note": _TEXT,
    },
    required=("item", "result"),
)
_RECTIFICATION = _obj(
    {
        "item": _TEXT,
        "measure": _TEXT,
        "owner": _NAME,
        "due_date": _OPT_DATE,
        "closed_on": _OPT_DATE,
    },
    required=("item",),
)
_INSPECTION = _obj(
    {
        "uid": _UID,
        "venue": _NAME,
        "date": _DATE,
        "inspector": _NAME,
        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1000},
        "items": {"type": "array", "items": {"$ref": "#/$defs/check_item"}},
        "rectifications": {"type": "array", "items": {"$ref": "#/$defs/rectification"}},
    },
    required=("venue", "date", "items"),
)
_COUNTS = {"type": "object", "additionalProperties": _COUNT}
_STATISTICS = _obj(
    {
        "version": {"const": SECTION_VERSION},
        "as_of": _DATE,
        "year": {"type": "integer", "minimum": 1900, "maximum": 2100},
        "total": _COUNT,
        "breakdowns": {"type": "object", "additionalProperties": _COUNTS},
        "year_counts": _COUNTS,
    }
)
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

DATA_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:dangjian-desktop:report-data:{DATA_SCHEMA_VERSION}",
    "title": "党建台账 上报材料数据",
    "description": "dangjian_desktop report package data, schema version 1. Dates are "
    "ISO 8601 (YYYY-MM-DD); people are named by uid; enum values are the program's codes "
    "(sex male/female, category formal/probationary, …).",
    **_obj(
        {
            "format": {"const": DATA_FORMAT},
            "schema_version": {"const": DATA_SCHEMA_VERSION},
            "branch": _obj({"name": {"type": "string", "maxLength": 100}, "code": _NAME}),
            "period": _obj(
                {"label": {"type": "string", "maxLength": 7}, "start": _DATE, "end": _DATE}
            ),
            "full_id_numbers": _BOOL,
            "full_phone_numbers": _BOOL,
            "sections": _obj(
                {
                    "members": _section("#/$defs/member"),
                    "meetings": _section("#/$defs/meeting"),
                    "point_entries": _section("#/$defs/point_entry"),
                    "inspections": _section("#/$defs/inspection"),
                    "statistics": {"$ref": "#/$defs/statistics"},
                },
                required=("members",),
            ),
        }
    ),
    "$defs": {
        "date": {"type": "string", "pattern": _DATE_PATTERN},
        "optional_date": {"type": ["string", "null"], "pattern": _DATE_PATTERN},
        "name": {"type": "string", "maxLength": 100},
        "text": {"type": "string", "maxLength": 20_000},
        "member": _MEMBER,
        "attendance": _ATTENDANCE,
        "resolution": _RESOLUTION,
        "meeting": _MEETING,
        "point_entry": _POINT_ENTRY,
        "check_item": _CHECK_ITEM,
        "rectification": _RECTIFICATION,
        "inspection": _INSPECTION,
        "statistics": _STATISTICS,
    },
}
# The bytes of the schema file in every package of this schema version.
SCHEMA_BYTES = (json.dumps(DATA_SCHEMA, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
