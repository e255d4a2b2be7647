"""Whether the database was last closed cleanly, so the start-up integrity check may be skipped.

`PRAGMA quick_check` reads the whole file (3.4 s at a million films), which is worth it only when
something may have gone wrong since the file was last known sound. A process that closes the
database as its last connection (SQLite then checkpoints and deletes the `-wal`) records the file's
state beside it (`<db>.clean`: device, inode, size, modification and change times). The next start
skips the check only when that record matches the file exactly and no `-wal` or `-journal` is
there; it removes the record before running, so a crash (kill -9, power loss) leaves none and the
start after it checks the whole file. Any change to the file since the record, by SQLite or by
anything else (a copy, a restore, a stray write), changes its change time and brings the check
back (file times move with the kernel's clock tick, a few milliseconds: a same-sized write within
that tick of the close would go unseen). A process that closes while another still has the
database open leaves no record, so a start beside a running bot still checks.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

VERSION = 1


def marker_path(db: Path) -> Path:
    return db.with_name(db.name + ".clean")


def _state(db: Path) -> list[int] | None:
    """The database file's identity and last change, or None if a transaction may be pending
    (a `-wal` or `-journal` beside it: another process running, or a crash's remains)."""
    if any(db.with_name(db.name + suffix).exists() for suffix in ("-wal", "-journal")):
        return None
    stat = os.stat(db)
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def closed_cleanly(db: Path) -> bool:
    """The record of a clean close matches the file as it is now."""
    try:
        recorded = json.loads(marker_path(db).read_text(encoding="utf-8"))
        state = _state(db)
    except (OSError, ValueError):
        return False
    return state is not None and recorded == {"version": VERSION, "state": state}


def clear(db: Path) -> None:
    """Forget the clean close: this process is about to use the file."""
    try:
        marker_path(db).unlink(missing_ok=True)
    except OSError as error:  # a read-only folder: nothing can change the file either
        log.debug("could not remove %s: %s", marker_path(db), error)


def record(db: Path) -> None:
    """After closing: note the file's state, if this was the last connection to it."""
    target = marker_path(db)
    try:
        state = _state(db)
        if state is None:
            return
        handle, temporary = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=db.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"version": VERSION, "state": state}, out)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:  # read-only folder, full disk: the next start simply checks
        log.debug("could not record a clean close at %s: %s", target, error)
