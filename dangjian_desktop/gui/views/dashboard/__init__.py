"""工作台 (the home tab): view.py places the parts; due_list, figures, health, first_run."""

from dangjian_desktop.gui.views.dashboard.view import DashboardView

__all__ = ["DashboardView"]
