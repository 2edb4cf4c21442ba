"""The application API and transaction boundary: the GUI calls only this package."""

from dangjian_desktop.services.changes import Changes
from dangjian_desktop.services.workspace import Workspace

__all__ = ["Changes", "Workspace"]
