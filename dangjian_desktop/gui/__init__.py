"""The only package that imports PySide6: windows, views, table models."""
