"""Opening the SQLite database and bringing its schema up to date."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.errors import FilmbotError
from bot.core.normalise import title_key
from bot.store import clean_close
from bot.store.sql import Params, after_commit

log = logging.getLogger(__name__)

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
)


class DatabaseError(FilmbotError):
    """The database file cannot be used; the message says why and what to do."""


class WritesUnavailable(FilmbotError):
    """Writing is impossible right now (read-only file or full disk); reading still works."""


class DatabaseBusy(FilmbotError):
    """Another program held SQLite's write lock for longer than busy_timeout; nothing was changed."""


def _write_failure(exc: sqlite3.OperationalError) -> FilmbotError | None:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            "The catalogue is busy: another program has been writing to it for over 5 seconds. "
            "Nothing was changed; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        reason = "the database is read-only"
    elif "full" in text:
        reason = "the disk is full"
    else:
        return None
    return WritesUnavailable(
        f"The catalogue can't be changed right now ({reason}); nothing was changed. "
        "Answers still work. Ask the bot's operator to fix the storage."
    )


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the database file, or None where there is no file (":memory:")."""
    if path == ":memory:" or path.startswith("file:"):
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class Database:
    """The one long-lived connection, and the lock that serialises its write transactions.

    Coroutines share the connection, so two BEGINs would collide on it; the lock queues them
    in the process, and busy_timeout queues them against other processes.
    """

    dialect = "sqlite"
    conflicts: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._writing = asyncio.Lock()
        self.identity = _identity(path)  # the file opened; a write checks it is still the one there
        # Run after every committed write transaction (the search index catching up with it).
        self.after_commit: list[Callable[[], Awaitable[object]]] = []

    def _check_file(self) -> None:
        """Refuse to write when the file was deleted or replaced under us: SQLite would go on
        writing to the unlinked file, and every edit would vanish at the next start."""
        if self.identity is None or _identity(self.path) == self.identity:
            return
        log.error(
            "the database file %s was deleted or replaced while the bot was running: refusing writes; "
            "restart the bot (restore a backup first if the file is gone)",
            self.path,
        )
        raise WritesUnavailable(
            "The catalogue can't be changed right now (its database file was deleted or replaced); "
            "nothing was changed. Ask the bot's operator to restart the bot."
        )

    def execute(self, sql: str, params: Params = ()) -> Any:
        """conn.execute: awaitable, and usable as `async with db.execute(...) as cursor`."""
        return self.conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per row; returns the rows the statements changed (triggers' not counted)."""
        cursor = await self.conn.executemany(sql, rows)
        return int(cursor.rowcount)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            row: sqlite3.Row | None = await cursor.fetchone()
        return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        """One write transaction. BEGIN IMMEDIATE takes SQLite's write lock up front, so a writer
        waits its turn instead of failing with 'database is locked' half-way through."""
        async with self._writing:
            self._check_file()
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    await self.conn.rollback()
                    raise
                else:
                    await self.conn.commit()
            except sqlite3.OperationalError as exc:
                refused = _write_failure(exc)
                if refused is None:
                    raise
                raise refused from None
        await after_commit(self.after_commit)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """Inside a transaction: a part that can fail alone (the rest of the transaction goes on)."""
        await self.conn.execute("SAVEPOINT filmbot_part")
        try:
            yield
        except BaseException:
            await self.conn.execute("ROLLBACK TO filmbot_part")
            raise
        finally:
            await self.conn.execute("RELEASE filmbot_part")

    async def close(self) -> None:
        await self.conn.close()
        if self.identity is not None and _identity(self.path) == self.identity:
            clean_close.record(Path(self.path))  # the next start may skip the integrity check


async def connect(path: Path | str, *, create: bool = True) -> Database:
    """Open the database (creating it unless create=False), check it, apply pragmas, migrate it."""
    memory = str(path) == ":memory:"
    if not memory:
        if not Path(path).is_file():
            if not create:
                raise DatabaseError(f"there is no database at {path}: check FILMBOT_DB")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        elif clean_close.closed_cleanly(Path(path)):
            log.info("%s was closed cleanly and not changed since: integrity check skipped", path)
        else:
            log.info("checking %s (not known to have been closed cleanly)", path)
            await check_integrity(Path(path))
        clean_close.clear(Path(path))  # a crash from here on leaves no record: the next start checks
    try:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    conn.row_factory = aiosqlite.Row
    # Names are matched on the same key as titles (case, accents, spacing ignored); migrations
    # that carry names over compute it in SQL.
    await conn.create_function("filmbot_key", 1, title_key, deterministic=True)
    db = Database(conn, str(path))
    try:
        for pragma in PRAGMAS:
            await conn.execute(pragma)
        await migrate(db)
    except sqlite3.DatabaseError as exc:
        await conn.close()
        raise DatabaseError(
            f"{path} is not a usable filmbot database ({exc}): restore it from a backup or move it away"
        ) from None
    return db


async def check_integrity(path: Path) -> None:
    """Refuse a damaged file at start-up without ever writing to it (skipped after a clean close
    that nothing has followed: bot/store/clean_close.py).

    The check runs on a read-only connection: closing a read-write one would checkpoint the WAL
    into the damaged file and delete the -wal, destroying what a recovery tool could still use."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        async with aiosqlite.connect(uri, uri=True) as conn, conn.execute("PRAGMA quick_check") as cursor:
            problems = [str(row[0]) for row in await cursor.fetchall() if str(row[0]) != "ok"]
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        raise DatabaseError(
            f"{path} is not a usable filmbot database ({exc}): restore it from a backup or move it away"
        ) from None
    if problems:
        raise DatabaseError(
            f"{path} is damaged ({problems[0]}): restore it from a backup "
            "(filmbot backup makes one) or move it away to start afresh"
        )


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("bot.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(script: str) -> list[str]:
    """A script's statements: split at semicolons that end a complete statement (a trigger's
    body holds semicolons of its own)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements


async def migrate(db: Database) -> int:
    """Apply numbered migrations newer than PRAGMA user_version, each in its own transaction.

    Each file ends by setting user_version to its own number (PRAGMAs take no parameters)."""
    row = await db.fetchone("PRAGMA user_version")
    version = int(row[0]) if row else 0
    for number, script in _migrations():
        if number <= version:
            continue
        log.info("applying migration %04d", number)
        statements = _statements(script)
        async with db.transaction():
            for statement in statements:
                await db.execute(statement)
            row = await db.fetchone("PRAGMA user_version")
            if row is None or int(row[0]) != number:
                raise DatabaseError(f"migration {number:04d} must end with PRAGMA user_version = {number}")
        version = number
    return version
