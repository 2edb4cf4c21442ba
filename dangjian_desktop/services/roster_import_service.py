"""The roster import's one door, for the window and the command line alike: the workspace's
engine, today and write reporting are filled in, so callers never hold an engine (STYLE.md
§1) and never call the module functions behind it (code review Z5)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from dangjian_desktop.progress import Progress
from dangjian_desktop.services import roster_import, roster_workbook
from dangjian_desktop.services.roster_import import (
    ImportPreview,
    ImportResult,
    ImportSource,
    MappingProposal,
)
from dangjian_desktop.services.service import Service


class RosterImportService(Service):
    def read_workbook(
        self,
        path: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
        time_budget: float = roster_workbook.READ_TIME_BUDGET,
    ) -> ImportSource:
        """Every sheet's cells, after the container checks; ImportFileError when the file
        is not a readable roster workbook, Cancelled when `progress` says so."""
        return roster_workbook.read_workbook(path, progress=progress, time_budget=time_budget)

    def importable_fields(self) -> tuple[str, ...]:
        """The fields a column may be mapped to, in the member form's order."""
        return roster_import.importable_fields()

    def propose_mapping(
        self, source: ImportSource, sheet: str, header_row: int | None = None
    ) -> MappingProposal:
        """Column → field from the header on `header_row` (default: the detected one) and
        from the values below it. MappingError("no_header") when no header is known."""
        return roster_import.propose_mapping(source.sheet(sheet), header_row)

    def check_mapping(
        self,
        source: ImportSource,
        sheet: str,
        mapping: Mapping[int, str | None],
        header_row: int | None = None,
    ) -> None:
        """MappingError unless the mapping can be previewed."""
        data = source.sheet(sheet)
        row = header_row or data.header_row
        roster_import.check_mapping(mapping, data.labels(row) if row else None)

    def preview(
        self,
        source: ImportSource,
        sheet: str,
        mapping: Mapping[int, str | None],
        *,
        header_row: int | None = None,
        progress: Progress | None = None,
    ) -> ImportPreview:
        """Each row checked against the rules, this file's ID numbers and its 党小组."""
        existing, groups = roster_import.import_context(self._engine())
        return roster_import.preview(
            source,
            sheet,
            mapping,
            self._today(),
            existing,
            groups,
            header_row=header_row,
            progress=progress,
        )

    def commit(
        self,
        preview: ImportPreview,
        *,
        allow_partial: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        """All rows in one transaction (or only the valid ones when allowed)."""
        return roster_import.commit(
            self._engine(),
            preview,
            allow_partial=allow_partial,
            on_write=self._on_write,
            progress=progress,
        )
