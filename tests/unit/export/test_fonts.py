"""The shipped CJK font: registered once, embedded as a subset, text extractable."""

from __future__ import annotations

import re
import threading
import time

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate

from dangjian_desktop.export import fonts
from dangjian_desktop.export.fonts import register_cjk_font
from dangjian_desktop.paths import cjk_font_path

TITLE = "中共某某船舶党支部 党员花名册"
LINE = "2026-11-26 ABC123"
SUBSET_NAME = re.compile(r"^/[A-Z]{6}\+")


def _build_pdf(path) -> None:
    name = register_cjk_font()
    style = ParagraphStyle("body", fontName=name, fontSize=14, leading=20, wordWrap="CJK")
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    # <b> must fall back to the same face: the font has no bold, and reportlab would
    # otherwise raise for an unknown bold mapping.
    doc.build([Paragraph(f"<b>{TITLE}</b> {LINE}", style), Paragraph("党小组：油库一组", style)])


def _fonts_of(reader: PdfReader) -> list:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            found.append(ref.get_object())
    return found


def test_pdf_text_layer_has_chinese_and_latin(tmp_path):
    pdf = tmp_path / "roster.pdf"
    _build_pdf(pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    compact = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", TITLE) in compact
    assert "2026-11-26" in text and "ABC123" in text
    assert "油库一组" in compact


def test_font_is_embedded_as_subset_and_pdf_is_small(tmp_path):
    pdf = tmp_path / "roster.pdf"
    _build_pdf(pdf)
    embedded = [
        f
        for f in _fonts_of(PdfReader(pdf))
        if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()
    ]
    assert embedded, "no TrueType font program embedded"
    for font in embedded:
        assert SUBSET_NAME.match(font["/BaseFont"]), font["/BaseFont"]
        assert "WenQuanYiMicroHei" in font["/BaseFont"]
    font_size = cjk_font_path().stat().st_size
    assert font_size > 4_000_000
    assert pdf.stat().st_size < font_size / 50  # a subset, not the whole 5 MB font


def test_register_is_idempotent():
    first = register_cjk_font()
    font = pdfmetrics.getFont(first)
    assert register_cjk_font() == first
    assert pdfmetrics.getFont(first) is font
    assert fonts.cjk_font_path().is_file()


def test_register_from_many_threads_registers_once(monkeypatch):
    calls = []
    real = pdfmetrics.registerFont

    def slow_register(font):
        calls.append(font)
        time.sleep(0.05)  # widen the window in which a second thread could slip in
        real(font)

    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(pdfmetrics, "registerFont", slow_register)
    barrier = threading.Barrier(8)
    results = []

    def worker():
        barrier.wait()
        results.append(register_cjk_font())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [fonts.CJK_FONT] * 8
    assert len(calls) == 1


def test_reportlab_runs_with_its_c_accelerators():
    """pyproject asks for reportlab[accel] (and build.spec bundles _rl_accel): without it
    reportlab formats every number of a PDF in Python, a fifth of a year's 台账."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "escapePDF", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
