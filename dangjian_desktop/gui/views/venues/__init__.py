"""阵地 tab."""

from dangjian_desktop.gui.views.venues.view import VenuesView

__all__ = ["VenuesView"]
