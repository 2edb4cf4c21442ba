"""Domain settings stored as JSON values in the data file."""

from __future__ import annotations

import json

from sqlmodel import Session

from dangjian_desktop.settings import Setting
from dangjian_desktop.storage.tables import SettingRow


def get_value(session: Session, setting: Setting) -> object:
    row = session.get(SettingRow, setting.key)
    if row is None:
        return setting.default
    try:
        return json.loads(row.value)
    except ValueError:
        return setting.default


def set_value(session: Session, setting: Setting, value: object) -> None:
    row = session.get(SettingRow, setting.key) or SettingRow(key=setting.key)
    row.value = json.dumps(value, ensure_ascii=False)
    session.add(row)
