"""What a write changed, so views refresh from one signal (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    branch: bool = False
    members: bool = False
    meetings: bool = False
    scores: bool = False
    venues: bool = False
    settings: bool = False
    backups: bool = False
    data_file: bool = False  # the whole file was replaced (restore): everything is stale

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def touches_data(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "backups")

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})
