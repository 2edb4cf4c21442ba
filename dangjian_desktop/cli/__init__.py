"""The command line: `dangjian import …`, `dangjian export …`, `dangjian demo`, `dangjian report`,
`dangjian verify`. Each subcommand calls the same service code as the window.

Exit codes (DESIGN.md §6): 0 success, 1 a data problem, 2 bad arguments; the reason in Chinese
on stderr, never a traceback. No Qt is loaded on this path.
"""

from __future__ import annotations

from dangjian_desktop.cli.base import main

# The first word that makes `dangjian` a command-line call instead of the window.
COMMANDS = ("import", "export", "demo", "report", "verify")


def is_cli(argv: list[str]) -> bool:
    return bool(argv) and argv[0] in COMMANDS


__all__ = ["COMMANDS", "is_cli", "main"]
