"""The roster import as the GUI sees it: the workspace's engine, today and write reporting
are filled in, so views never hold an engine (STYLE.md §1)."""

from __future__ import annotations

from collections.abc import Mapping

from dangjian_desktop.progress import Progress
from dangjian_desktop.services import roster_import
from dangjian_desktop.services.roster_import import ImportPreview, ImportResult, ImportSource
from dangjian_desktop.services.service import Service


class RosterImportService(Service):
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
