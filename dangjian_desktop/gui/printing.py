"""Printing a report: the PDF the app writes, through Qt's print dialog with a preview.

What is printed is the PDF itself, rasterised page by page, so paper shows exactly the
layout of the PDF (A4, margins, page header and "第 X 页 共 Y 页"): one layout to test, not a
second Qt rendering of every report.

Rasteriser: pypdfium2 (PDFium, the PDF engine of Chrome) — about 8.7 MB installed and in the
bundle. QtPdf's QPdfDocument would do the same (it is PDFium too), but it is not in
PySide6-Essentials: PySide6-Addons is a 175 MB wheel (422 MB installed) for every developer
and build machine. Measured 2026-12-02 on PySide6 6.11.3, Linux x86-64.

PDFium is not thread-safe; pages are rendered on the GUI thread only, one at a time, while
Qt paints them (the report itself is written off the thread, `print_report`).
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from dangjian_desktop.progress import Progress

# Qt's preview paints every page up front and keeps each page's image in memory (measured:
# 4.6 MB a landscape page at 110 dpi, 917 MB for 200 pages; it holds 32-bit pixels whatever
# format it is given). So the preview lowers its resolution for a long report to stay near
# PREVIEW_BYTES (200 landscape pages: 65 dpi, 342 MB peak); paper gets the printer's
# resolution, up to PRINT_DPI, one page at a time.
PREVIEW_DPI = 110
PREVIEW_MIN_DPI = 40
PREVIEW_BYTES = 320 * 1024 * 1024
PREVIEW_PIXEL_BYTES = 4
PRINT_DPI = 300
TEMP_PREFIX = "dangjian-print-"
REPORT_NAME = "report.pdf"


class PdfPages:
    """An open PDF to print; close it (or use `with`) so the file can be deleted."""

    def __init__(self, source: Path | bytes) -> None:
        import pypdfium2

        self._doc = pypdfium2.PdfDocument(source if isinstance(source, bytes) else str(source))

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._doc.close()

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> tuple[float, float]:
        """(width, height) of a page in points."""
        return tuple(self._doc[index].get_size())

    def landscape(self) -> bool:
        width, height = self.size(0) if len(self) else (0, 1)
        return width > height

    def area_in2(self) -> float:
        """The paper of all pages, in square inches."""
        return sum(w * h for w, h in map(self.size, range(len(self)))) / 72 / 72

    def image(self, index: int, dpi: float) -> QImage:
        page = self._doc[index]
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return image.copy()  # Qt's own copy: the PDFium bitmap is freed with `bitmap`


def _tiny_pdf() -> bytes:
    """One 1-inch page with a black square, written by hand: the smoke check must not load
    reportlab (start-up budget, tests/gui/test_app.py)."""
    content = b"0 0 36 36 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def printing_works() -> bool:
    """For `dangjian --smoke`: PDFium loads and rasterises a page (the bundle carries it)."""
    try:
        with PdfPages(_tiny_pdf()) as pages:
            image = pages.image(0, 72)
            return len(pages) == 1 and image.pixelColor(10, 60).black() > 200
    except Exception:
        return False


def a4_layout(landscape: bool) -> QPageLayout:
    """A4 with no printer margins of our own: the PDF's pages already hold their margins."""
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def make_printer(pages: PdfPages) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_layout(pages.landscape()))
    printer.setFullPage(True)  # page coordinates from the paper's corner, like the PDF's
    printer.setDocName("党建台账")
    return printer


def paint_pages(printer: QPrinter, pages: PdfPages) -> int:
    """Paint every page of `pages` onto `printer` (or the preview's stand-in); returns the
    number of pages painted. Each page fills the paper, scaled to keep its proportions."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        engine = painter.paintEngine()
        preview = engine is not None and engine.type() == QPaintEngine.Type.Picture
        dpi = preview_dpi(pages) if preview else min(printer.resolution(), PRINT_DPI)
        paper = QRectF(0, 0, printer.width(), printer.height())
        for index in range(len(pages)):
            if index:
                printer.newPage()
            painter.drawImage(_fitted(paper, pages.size(index)), pages.image(index, dpi))
        return len(pages)
    finally:
        painter.end()


def preview_dpi(pages: PdfPages) -> float:
    """PREVIEW_DPI, or less when all pages at that resolution would pass PREVIEW_BYTES."""
    area = pages.area_in2()
    if area <= 0:
        return PREVIEW_DPI
    fitting = math.sqrt(PREVIEW_BYTES / (area * PREVIEW_PIXEL_BYTES))
    return max(PREVIEW_MIN_DPI, min(PREVIEW_DPI, fitting))


def _fitted(paper: QRectF, size: tuple[float, float]) -> QRectF:
    width, height = size
    scale = min(paper.width() / width, paper.height() / height)
    w, h = width * scale, height * scale
    return QRectF(
        paper.left() + (paper.width() - w) / 2, paper.top() + (paper.height() - h) / 2, w, h
    )


def _open(parent: QWidget, pdf_path: Path) -> PdfPages | None:
    try:
        return PdfPages(pdf_path)
    except Exception:  # PdfiumError or OSError: a file the app did not write, or gone
        QMessageBox.warning(
            parent,
            parent.tr("无法打印"),
            parent.tr("无法打开要打印的 PDF 文件：\n{path}").format(path=pdf_path),
        )
        return None


def make_preview_dialog(parent: QWidget, pages: PdfPages) -> QPrintPreviewDialog:
    printer = make_printer(pages)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("打印预览"))
    dialog.paintRequested.connect(lambda target: paint_pages(target, pages))
    dialog.printer_ = printer  # the dialog does not own its printer; keep it alive
    dialog.resize(900, 700)
    return dialog


def preview_pdf(parent: QWidget, pdf_path: Path) -> bool:
    """Show the PDF in Qt's print preview, from which the user prints. True = printed."""
    pages = _open(parent, pdf_path)
    if pages is None:
        return False
    with pages:
        dialog = make_preview_dialog(parent, pages)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def print_pdf(parent: QWidget, pdf_path: Path) -> bool:
    """Qt's print dialog, then the PDF to the chosen printer. True = printed."""
    pages = _open(parent, pdf_path)
    if pages is None:
        return False
    with pages:
        printer = make_printer(pages)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(parent.tr("打印"))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        return paint_pages(printer, pages) > 0


def print_report(
    parent: QWidget,
    write_pdf: Callable[[Path, Progress], object],
    *,
    label: str = "",
    error_title: str = "",
    preview: Callable[[QWidget, Path], object] = preview_pdf,
):
    """Write a report's PDF into a temporary folder off the GUI thread (progress + Cancel),
    then open the print preview on it; the folder is removed on every way out.

    `write_pdf(path, progress)` is the same call that exports the report as .pdf, e.g.
    `lambda path, progress: ws.exports.roster(path, "pdf", progress=progress)`.
    Returns the background task (tests wait on it)."""
    from dangjian_desktop.gui import errors
    from dangjian_desktop.gui.tasks import run_with_progress

    folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    path = folder / REPORT_NAME

    def clean() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def work(progress: Progress) -> Path:
        write_pdf(path, progress)
        return path

    def done(_result) -> None:
        try:
            preview(parent, path)
        finally:
            clean()

    def failed(exc: BaseException) -> None:
        clean()
        errors.show_error(parent, error_title or parent.tr("打印失败"), exc)

    return run_with_progress(
        parent,
        label or parent.tr("正在准备打印…"),
        work,
        done,
        error_title=error_title or parent.tr("打印失败"),
        on_error=failed,
        on_cancel=clean,
    )
