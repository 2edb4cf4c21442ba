"""会议 tab (三会一课): the list, the record form, the compliance calendar."""

from dangjian_desktop.gui.views.meetings.view import MeetingsView

__all__ = ["MeetingsView"]
