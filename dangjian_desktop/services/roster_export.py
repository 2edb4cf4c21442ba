"""党员花名册 export: gather what the filter shows, hand it to the xlsx or pdf writer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dangjian_desktop.domain.people import MemberFilter, MemberSort
from dangjian_desktop.export.roster_report import RosterReport
from dangjian_desktop.progress import Progress

UNNAMED_UNIT = "（未填写支部名称）"


def build_report(
    workspace,
    flt: MemberFilter,
    *,
    full_ids: bool = False,
    prepared_by: str = "",
    today: date | None = None,
) -> RosterReport:
    members = workspace.members
    ids = members.ids(flt, MemberSort())
    rows = members.rows(ids)
    return RosterReport(
        unit_name=workspace.branch.profile().full_name or UNNAMED_UNIT,
        issued_on=today or date.today(),
        members=[rows[i] for i in ids if i in rows],
        group_names=members.group_names(),
        prepared_by=prepared_by,
        full_ids=full_ids,
    )


def export_roster(
    workspace,
    flt: MemberFilter,
    path: Path,
    fmt: str,
    *,
    full_ids: bool = False,
    prepared_by: str = "",
    progress: Progress | None = None,
    today: date | None = None,
) -> Path:
    """Write the roster of the members `flt` selects; runs off the GUI thread."""
    report = build_report(workspace, flt, full_ids=full_ids, prepared_by=prepared_by, today=today)
    # openpyxl and reportlab load on first export, not at every start-up (DESIGN.md §5).
    if fmt == "xlsx":
        from dangjian_desktop.export.roster_xlsx import export_roster_xlsx as write
    elif fmt == "pdf":
        from dangjian_desktop.export.roster_pdf import export_roster_pdf as write
    else:
        raise ValueError(f"unknown roster format {fmt!r}")
    write(report, path, progress=progress)
    return Path(path)
