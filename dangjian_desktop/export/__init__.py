"""Exporters: .xlsx and .pdf writers with a progress callback and atomic writes. No Qt here."""
