"""A second process writing while test_backup.py takes backups: commits one by one until
killed. (The crash test's writers, which make real service calls, are in crash_server.py.)

Usage: python crash_writer.py DATA_FILE RUN

Opens the file through the app's open path (lock, check, migrate), prints "ready", then in
a loop commits one transaction per key through `write_session` (the app's one door for
writes: BEGIN IMMEDIATE, one audit row) and prints the key only after the commit returned.
Each transaction writes a setting row with a few KB of text, so pages split and the WAL
checkpoints while the parent is trying to kill us.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from dangjian_desktop.services.unit_of_work import write_session
from dangjian_desktop.storage.database import open_database
from dangjian_desktop.storage.tables import SettingRow

ACTION = "crash_test.write"


def main() -> int:
    path, run = Path(sys.argv[1]), int(sys.argv[2])
    db = open_database(path)
    rng = random.Random(run)
    print("ready", flush=True)
    n = 0
    while True:
        key = f"crash-{run:03d}-{n:06d}"
        with write_session(db.engine, ACTION, key) as session:
            session.add(SettingRow(key=key, value="x" * rng.randint(200, 6000)))
        print(key, flush=True)
        n += 1


if __name__ == "__main__":
    raise SystemExit(main())
