"""上报材料 (`ws.reports`): one action writes the package for a period, and verify checks one
(issue 11 items 4–5; the format is domain/report_package.py, the zip writer and the safe
reader export/report_package.py, the parts services/report_parts.py).

`package` reads every part in ONE read snapshot, closes it, writes each report as .xlsx
and .pdf into a private temporary folder, then writes the zip to a temporary file beside
the target and renames it: a cancel, a read-only or full folder or any error leaves no
package (and no temporary file) behind, and an older package of the same name as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop import __version__
from dangjian_desktop.domain.period import ReportPeriod, parse_period
from dangjian_desktop.domain.report_package import SUFFIX, ManifestFields, VerifyReport
from dangjian_desktop.export import FORMATS, writer_for
from dangjian_desktop.progress import Cancelled, Progress
from dangjian_desktop.services.audit_service import record_export
from dangjian_desktop.services.export_service import ExportService
from dangjian_desktop.services.report_parts import PARTS, PackageContext, PackagePart, merged
from dangjian_desktop.services.service import Service
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import branch_repo

REPORTS_FOLDER = "reports"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_STEP = 1000  # progress units per step, so each writer's own ticks show


@dataclass(frozen=True)
class PackageResult:
    path: Path
    period: ReportPeriod
    files: tuple[str, ...]  # names inside the zip, manifest.json last
    size: int  # bytes of the zip
    full_ids: bool


def package_name(period: ReportPeriod, branch_code: str) -> str:
    """上报材料_CY-001_2026Q3.zip (the code left out when none is recorded)."""
    code = _UNSAFE.sub("", branch_code).strip(" .")
    return f"上报材料_{code + '_' if code else ''}{period.label}{SUFFIX}"


def _scaled(progress: Progress | None, step: int, steps: int) -> Progress | None:
    if progress is None:
        return None

    def sub(done: int, total: int) -> bool:
        part = done * _STEP // total if total else _STEP
        return progress(step * _STEP + min(part, _STEP), steps * _STEP)

    return sub


def _check(progress: Progress | None, step: int, steps: int) -> None:
    if progress is not None and progress(step * _STEP, steps * _STEP) is False:
        raise Cancelled


class ReportService(Service):
    def __init__(self, engine, today, on_write, *, exports: ExportService) -> None:
        super().__init__(engine, today, on_write)
        self._exports = exports
        self.parts: list[PackagePart] = PARTS  # the registry (report_parts.py)

    def package(
        self,
        out: str | os.PathLike[str],
        period: ReportPeriod | str,
        *,
        full_ids: bool = False,
        ranking: bool = False,
        prepared_by: str = "",
        progress: Progress | None = None,
    ) -> PackageResult:
        """Write the 上报材料 of `period` ("2026Q3", "2026" or a ReportPeriod): into the
        folder `out` under package_name(), or to the .zip file `out`.

        Raises PeriodError for a period that does not parse (nothing read), OSError-derived
        StorageError for a folder that is missing, read-only or full (classify), Cancelled
        when `progress` returns False; in every case no package is left behind."""
        if isinstance(period, str):
            period = parse_period(period)
        writer_for("xlsx")  # the writers load before the snapshot, not inside it
        ctx = PackageContext(period, self._today(), full_ids, ranking, prepared_by.strip())
        parts = [p for p in self.parts if p.wanted(ctx)]
        with read_session(self._engine()) as s:
            profile = branch_repo.load_profile(s)
            outputs = {p.key: p.build(self._exports, s, ctx) for p in parts}
        content = merged(outputs)
        target = self._target(Path(out), period, profile.code)
        steps = len(content.tables) * len(FORMATS) + len(content.documents) + 1
        with tempfile.TemporaryDirectory(prefix="dangjian-report-") as folder:
            files: dict[str, Path] = {}
            step = 0
            for stem, table in content.tables.items():
                for fmt in FORMATS:
                    _check(progress, step, steps)
                    written = Path(folder) / f"{len(files):02d}.{fmt}"
                    writer_for(fmt)(table, written, _scaled(progress, step, steps))
                    files[f"{REPORTS_FOLDER}/{stem}.{fmt}"] = written
                    step += 1
            for stem, write_document in content.documents.items():
                _check(progress, step, steps)
                written = Path(folder) / f"{len(files):02d}.pdf"
                write_document(written, _scaled(progress, step, steps))
                files[f"{REPORTS_FOLDER}/{stem}.pdf"] = written
                step += 1
            from dangjian_desktop.export.report_package import write_package

            fields = ManifestFields(
                branch_name=profile.full_name,
                branch_code=profile.code,
                period=period,
                full_id_numbers=full_ids,
            )
            summary = write_package(
                target, files, content.sections, fields, _scaled(progress, step, steps)
            )
        record_export(
            self._engine(),
            "report_package",
            fmt="zip",
            rows=len(summary.files),
            full_ids=full_ids,
            period=period.label,
            ranking=ranking,
        )
        names = (*(f.path for f in summary.files), "manifest.json")
        return PackageResult(target, period, names, target.stat().st_size, full_ids)

    @staticmethod
    def _target(out: Path, period: ReportPeriod, code: str) -> Path:
        out = out.expanduser().absolute()
        if out.suffix.lower() == SUFFIX and not out.is_dir():
            return out
        return out / package_name(period, code)

    def verify(
        self, path: str | os.PathLike[str], progress: Progress | None = None
    ) -> VerifyReport:
        return verify(path, progress)


def verify(path: str | os.PathLike[str], progress: Progress | None = None) -> VerifyReport:
    """Check a package against its manifest; reads only, writes nothing anywhere (no data
    file needed: `dangjian verify` runs on the committee's PC)."""
    from dangjian_desktop.export.report_package import verify_package

    return verify_package(path, progress)


def _version_key(text: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", text)
    return tuple(int(p) for p in parts[:4])


def newer_app(report: VerifyReport, ours: str = __version__) -> str | None:
    """The version of the program that wrote the package when it is newer than this one:
    the layout is one this program reads (its format version is checked), but a newer
    program may have filled it with more than this one knows."""
    manifest = report.manifest
    if manifest is None or _version_key(manifest.app_version) <= _version_key(ours):
        return None
    return manifest.app_version


def verify_lines(report: VerifyReport, text: Callable[[object], str] | None = None) -> list[str]:
    """The findings in Chinese, one per line: every problem, or that all is well."""
    from dangjian_desktop import messages

    word = text or messages.verify_problem_text
    return messages.verify_report_lines(report, newer_app(report), word)
