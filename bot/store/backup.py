"""`filmbot backup`: a consistent, checked copy of the live database that can never harm it.

The copy is written to a uniquely named `.partial` file beside the target and renamed into place
only after `PRAGMA integrity_check` passes; every failure removes the partial file (and the
journal files SQLite made for it). A target that is the live database or one of its companion
files, by path, symlink or hard link, is refused before anything is written: SQLite would open
the live file's WAL as the copy's and the live database would be damaged.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.store.database import Database, DatabaseError

# The files SQLite keeps beside a database; writing any of them from outside corrupts it.
COMPANIONS = ("", "-wal", "-shm", "-journal")


def _identities(path: Path) -> set[object]:
    """What makes two names the same file: the resolved path, and (dev, inode) when it exists."""
    found: set[object] = set()
    for suffix in COMPANIONS:
        name = path.with_name(path.name + suffix)
        found.add(os.path.realpath(name))
        with contextlib.suppress(OSError):
            stat = os.stat(name)
            found.add((stat.st_dev, stat.st_ino))
    return found


def backup_target(live: Path, target: Path, *, now: datetime | None = None) -> Path:
    """The file a backup will be written to, or DatabaseError if that would touch the live database.

    A folder gets a dated file inside it: an existing folder, or a new name without an extension
    (`filmbot backup backups` makes backups/filmbot-20261122-093000.sqlite3, never a file named
    "backups")."""
    if target.is_dir() or (not target.exists() and not target.is_symlink() and not target.suffix):
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        name = f"{live.stem}-{stamp}.sqlite3"
        number = 1
        while (target / name).exists() or (target / name).is_symlink():
            number += 1
            name = f"{live.stem}-{stamp}-{number}.sqlite3"
        target = target / name
    if _identities(live) & _identities(target):
        raise DatabaseError(
            f"{target} is the live database {live} or one of its files: writing a backup there would "
            "destroy it. Choose another path, for example a backups/ folder."
        )
    return target


def _remove_partial(partial: Path) -> None:
    for suffix in COMPANIONS:
        with contextlib.suppress(FileNotFoundError):
            partial.with_name(partial.name + suffix).unlink()


async def backup(db: Database, target: Path) -> Path:
    """Copy the live database with SQLite's backup API, check the copy, then move it into place."""
    live = Path(db.path)
    target = backup_target(live, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        raise DatabaseError(f"cannot write a backup in {target.parent}: {exc.strerror or exc}") from None
    os.close(handle)
    partial = Path(name)
    try:
        copy = await aiosqlite.connect(name)
        try:
            await db.conn.backup(copy)
            async with copy.execute("PRAGMA integrity_check") as cursor:
                result = await cursor.fetchone()
        finally:
            await copy.close()
        if result is None or result[0] != "ok":
            raise DatabaseError(
                f"the backup failed its integrity check ({result[0] if result else 'no answer'})"
            )
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(partial)
        raise DatabaseError(f"the backup to {target} failed and was removed: {exc}") from None
    except BaseException:
        _remove_partial(partial)
        raise
    return target
