"""The 党员花名册 as a table report: its input value and the adapter to `TableReport`.

Plain values, no database: the export service builds a `RosterReport` inside one read
transaction, and `roster_table` turns it into what the .xlsx and .pdf writers print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from dangjian_desktop.domain.people import Member, MemberFilter, PartyStatus
from dangjian_desktop.export import labels
from dangjian_desktop.export.roster_columns import ROSTER_KEYS, id_tail_only, roster_columns
from dangjian_desktop.export.table_report import TableReport

_DEFAULT_FILTER = MemberFilter()
SEARCH_SHOWN = 20  # characters of the search text that the subtitle repeats


@dataclass(frozen=True)
class RosterReport:
    """One 党员花名册 as it is handed to the exporters.

    `members` are exported in the given order (the caller filters and sorts); `group_names`
    maps a member's `party_group_id` to the 党小组's name. ID and phone numbers are masked
    unless `full_ids` / `full_phones` is set — the user has to ask for full numbers
    (DESIGN.md §2). `filter_text` says which members a filtered roster holds ("" = the
    whole roster); see `filter_words`.
    """

    unit_name: str
    issued_on: date
    members: Sequence[Member]
    group_names: Mapping[int, str] = field(default_factory=dict)
    prepared_by: str = ""
    full_ids: bool = False
    full_phones: bool = False
    filter_text: str = ""


def _member_name(member: Member) -> str:
    return member.name


def roster_table(report: RosterReport, keys: Sequence[str] = ROSTER_KEYS) -> TableReport[Member]:
    """The roster as the table writers take it; `keys` is the column profile."""
    subtitle = [
        labels.FILTER.format(words=report.filter_text) if report.filter_text else "",
        labels.ISSUED_ON.format(date=labels.long_date(report.issued_on)),
        labels.MEMBER_COUNT.format(count=len(report.members)),
    ]
    return TableReport(
        title=labels.roster_title(report.unit_name),
        sheet_name=labels.ROSTER_SHEET,
        unit_name=report.unit_name,
        issued_on=report.issued_on,
        columns=roster_columns(report, keys),
        rows=report.members,
        subtitle=tuple(part for part in subtitle if part),
        header_note=labels.privacy_note(
            full_ids=report.full_ids,
            full_phones=report.full_phones,
            id_tail_only=id_tail_only(keys),
        ),
        signature=labels.signature_line(report.prepared_by),
        landscape=True,
        author=report.prepared_by or report.unit_name,
        row_name=_member_name,
    )


def filter_words(flt: MemberFilter, group_names: Mapping[int, str]) -> str:
    """The filter in words ("党小组“船舶19号组”；预备党员；搜索“王”"); "" for the whole roster
    (everyone on the roster: status 正常, not in the 回收站)."""
    parts: list[str] = []
    if flt.only_deleted:
        parts.append(labels.FILTER_DELETED)
    elif flt.include_deleted:
        parts.append(labels.FILTER_WITH_DELETED)
    if flt.party_group_id is not None:
        name = group_names.get(flt.party_group_id)
        parts.append(
            labels.FILTER_GROUP.format(name=name) if name is not None else labels.FILTER_NO_GROUP
        )
    if flt.category is not None:
        parts.append(labels.MEMBER_CATEGORY[flt.category])
    statuses = set(flt.statuses) or set(PartyStatus)  # no statuses: no status filter
    if statuses != set(_DEFAULT_FILTER.statuses):
        if statuses >= set(PartyStatus):
            parts.append(labels.FILTER_ALL_STATUSES)
        else:
            words = "、".join(labels.PARTY_STATUS[s] for s in PartyStatus if s in statuses)
            parts.append(labels.FILTER_STATUS.format(status=words))
    text = flt.text.strip()
    if text:
        if len(text) > SEARCH_SHOWN:  # a pasted paragraph must not become the subtitle
            text = text[: SEARCH_SHOWN - 1] + "…"
        parts.append(labels.FILTER_TEXT.format(text=text))
    return "；".join(parts)
