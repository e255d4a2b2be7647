"""Opening the SQLite database and bringing its schema up to date."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.core.errors import FilmbotError

log = logging.getLogger(__name__)

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
)


class DatabaseError(FilmbotError):
    """The database file cannot be used; the message says why and what to do."""


async def connect(path: Path | str) -> aiosqlite.Connection:
    """Open (creating if needed) the database, apply pragmas, check it and migrate it."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        db = await aiosqlite.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    db.row_factory = aiosqlite.Row
    try:
        for pragma in PRAGMAS:
            await db.execute(pragma)
        await migrate(db)
    except sqlite3.DatabaseError as exc:
        await db.close()
        raise DatabaseError(
            f"{path} is not a usable filmbot database ({exc}): restore it from a backup or move it away"
        ) from None
    return db


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("bot.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


async def migrate(db: aiosqlite.Connection) -> int:
    """Apply numbered migrations newer than PRAGMA user_version, each in its own transaction.

    Each file ends by setting user_version to its own number (PRAGMAs take no parameters)."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    for number, script in _migrations():
        if number <= version:
            continue
        log.info("applying migration %04d", number)
        statements = [s.strip() for s in script.split(";") if s.strip()]
        async with transaction(db):
            for statement in statements:
                await db.execute(statement)
            async with db.execute("PRAGMA user_version") as cursor:
                row = await cursor.fetchone()
            if row is None or int(row[0]) != number:
                raise DatabaseError(f"migration {number:04d} must end with PRAGMA user_version = {number}")
        version = number
    return version


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """One write transaction: BEGIN IMMEDIATE takes the write lock up front, so writers queue
    on busy_timeout instead of failing with 'database is locked' half-way through."""
    await db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        await db.rollback()
        raise
    else:
        await db.commit()
