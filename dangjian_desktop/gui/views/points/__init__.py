"""积分 tab (issue 9): entries, totals with statements, 三评 and 民主评议."""

from dangjian_desktop.gui.views.points.view import PointsView

__all__ = ["PointsView"]
