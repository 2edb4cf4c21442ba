"""Printing: the PDF itself goes to Qt's preview and printer — A4, every page, no temp file
left behind; the 党员花名册 can be printed from its export dialog."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from dangjian_desktop.gui import member_actions, printing
from dangjian_desktop.gui.dialogs.export_dialog import PRINT, ExportOptions, ExportOptionsDialog
from dangjian_desktop.progress import Cancelled
from tests.gui.members_data import member

pytestmark = pytest.mark.gui


def write_pages(path: Path, count: int, size=A4) -> Path:
    """A PDF of `count` pages, each with a black square in its top-left corner."""
    canvas = Canvas(str(path), pagesize=size)
    for i in range(count):
        canvas.rect(0, size[1] - 144, 144, 144, fill=1)  # 2 × 2 inches
        canvas.drawString(200, 400, f"page {i + 1}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def shown_previews(monkeypatch):
    """Stands in for the preview's exec: builds its pages, records them, returns at once."""
    seen: list[dict] = []

    def exec_(dialog: QPrintPreviewDialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        printer = dialog.printer_
        seen.append(
            {
                "pages": widget.pageCount(),
                "layout": printer.pageLayout(),
                "full_page": printer.fullPage(),
            }
        )
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    return seen


def temp_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(printing.TEMP_PREFIX + "*"))


@pytest.mark.parametrize(("size", "landscape_page"), [(A4, False), (landscape(A4), True)])
def test_preview_shows_every_page_on_a4_in_the_pdfs_orientation(
    parent, tmp_path, shown_previews, size, landscape_page
):
    pdf = write_pages(tmp_path / "r.pdf", 3, size)
    printing.preview_pdf(parent, pdf)
    [seen] = shown_previews
    assert seen["pages"] == 3
    layout: QPageLayout = seen["layout"]
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    orientation = QPageLayout.Orientation
    assert layout.orientation() == (
        orientation.Landscape if landscape_page else orientation.Portrait
    )
    assert seen["full_page"]  # the PDF's own margins, not the printer's on top
    assert layout.margins().isNull()


def test_printing_paints_the_pdf_page_at_its_place_on_the_paper(qapp, tmp_path):
    """Print to a PDF file and rasterise the result: the 2-inch square is where it was."""
    pdf = write_pages(tmp_path / "r.pdf", 2)
    out = tmp_path / "printed.pdf"
    with printing.PdfPages(pdf) as pages:
        printer = printing.make_printer(pages)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        assert printing.paint_pages(printer, pages) == 2
    with printing.PdfPages(out) as printed:
        assert len(printed) == 2
        width, height = printed.size(0)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        image = printed.image(0, 72)
    black, white = QColor("black").rgb(), QColor("white").rgb()
    assert image.pixelColor(72, 72).rgb() == black  # inside the square
    assert image.pixelColor(160, 72).rgb() == white  # right of it
    assert image.pixelColor(72, 160).rgb() == white  # below it


def test_a_long_report_is_previewed_at_a_lower_resolution_to_bound_memory(tmp_path):
    with printing.PdfPages(write_pages(tmp_path / "few.pdf", 2)) as few:
        assert printing.preview_dpi(few) == printing.PREVIEW_DPI
    with printing.PdfPages(write_pages(tmp_path / "many.pdf", 400)) as many:
        dpi = printing.preview_dpi(many)
        bytes_needed = many.area_in2() * dpi * dpi * printing.PREVIEW_PIXEL_BYTES
        assert dpi < printing.PREVIEW_DPI and bytes_needed <= printing.PREVIEW_BYTES * 1.01


def test_a_file_that_is_not_a_pdf_is_named_not_a_crash(parent, tmp_path, message_boxes):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"not a pdf")
    assert printing.preview_pdf(parent, bad) is False
    assert printing.print_pdf(parent, tmp_path / "gone.pdf") is False
    assert [m[1] for m in message_boxes] == ["无法打印", "无法打印"]
    assert "坏.pdf" in message_boxes[0][2]


def test_print_report_writes_off_thread_previews_then_removes_the_temp_file(
    qtbot, parent, shown_previews
):
    before = temp_folders()
    written: list[Path] = []

    def write(path: Path, progress) -> None:
        written.append(path)
        write_pages(path, 4)

    printing.print_report(parent, write)
    qtbot.waitUntil(lambda: bool(shown_previews), timeout=20_000)
    assert shown_previews[0]["pages"] == 4
    assert not written[0].exists() and not written[0].parent.exists()
    assert temp_folders() == before


@pytest.mark.parametrize("error", [Cancelled(), OSError(28, "No space left on device")])
def test_a_cancelled_or_failed_report_leaves_no_temp_file(
    qtbot, parent, shown_previews, message_boxes, error
):
    before = temp_folders()
    folders: list[Path] = []

    def write(path: Path, progress) -> None:
        folders.append(path.parent)
        path.write_bytes(b"%PDF-1.4 half")
        raise error

    task = printing.print_report(parent, write, error_title="打印失败")
    qtbot.waitUntil(lambda: bool(folders) and not folders[0].exists(), timeout=20_000)
    assert task.progress is not None
    assert shown_previews == [] and temp_folders() == before
    titles = [m[1] for m in message_boxes]
    assert titles == ([] if isinstance(error, Cancelled) else ["打印失败"])


def test_the_export_dialogs_print_button_asks_for_the_printer(qtbot):
    dialog = ExportOptionsDialog("pdf", "")
    qtbot.addWidget(dialog)
    dialog.full_ids.setChecked(True)
    dialog.print_button.click()
    assert dialog.result() == PRINT
    options = dialog.options(None)
    assert options.to_printer and options.path is None and options.full_ids


def test_the_roster_prints_through_its_pdf(
    qtbot, main_window, gui_workspace, monkeypatch, shown_previews
):
    for i in range(3):
        gui_workspace.members.add(member(i))
    view = main_window.members_view
    main_window.tabs.setCurrentWidget(view)
    view.model.refresh()
    monkeypatch.setattr(
        member_actions,
        "ask_export_options",
        lambda parent, fmt, filter_text="": ExportOptions(None, to_printer=True),
    )
    before = temp_folders()
    view.actions.export_roster("xlsx")  # from either dialog: printing always uses the PDF
    qtbot.waitUntil(lambda: bool(shown_previews), timeout=20_000)
    assert shown_previews[0]["pages"] == 1
    assert shown_previews[0]["layout"].orientation() == QPageLayout.Orientation.Landscape
    assert temp_folders() == before


def test_the_smoke_check_rasterises_a_pdf(monkeypatch):
    assert printing.printing_works()

    class Broken:
        def __init__(self, _source):
            raise OSError("libpdfium.so: cannot open shared object file")

    monkeypatch.setattr(printing, "PdfPages", Broken)
    assert not printing.printing_works()
