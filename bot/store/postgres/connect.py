"""Opening PostgreSQL (FILMBOT_DB=postgresql://user:password@host:port/db) and migrating it.

A URL that cannot be used gives one DatabaseError line naming the server without the password.
Migrations are numbered SQL files in bot/store/postgres/migrations, applied in order under an
advisory lock (several shard processes may start at once), each in its own transaction with the
version it reaches recorded in `schema_version`.
"""

from __future__ import annotations

import logging
import socket
from importlib import resources
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.store.database import DatabaseError
from bot.store.postgres.database import PgDatabase

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
POOL_SIZE = 10  # connections per process: reads run in parallel, writes queue on the change-log lock
CONNECT_TIMEOUT_S = 10.0
MIGRATION_LOCK = 7469000  # advisory lock key held while migrating


def is_postgres_url(value: str) -> bool:
    return value.startswith(SCHEMES)


def without_password(url: str) -> str:
    """The URL fit for a message or a log line: user, host, port and database, never the password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = f"{parts.username}@{host}" if parts.username else host
        if parts.port:
            netloc += f":{parts.port}"
    except ValueError:
        return "the PostgreSQL URL in FILMBOT_DB (not shown: it cannot be read)"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _reason(exc: BaseException, url: str) -> str:
    text = str(exc) or type(exc).__name__
    password = urlsplit(url).password if "@" in url else None
    if password:
        text = text.replace(password, "********")
    return text.splitlines()[0] if text else type(exc).__name__


async def connect_postgres(url: str, *, pool_size: int = POOL_SIZE) -> PgDatabase:
    """An asyncpg pool on `url`, migrated; DatabaseError (one line, no password) if unusable."""
    shown = without_password(url)
    try:
        pool = await asyncpg.create_pool(
            url, min_size=1, max_size=pool_size, timeout=CONNECT_TIMEOUT_S, command_timeout=None
        )
    except (TimeoutError, OSError, socket.gaierror, asyncpg.PostgresError, ValueError) as exc:
        raise DatabaseError(f"cannot reach PostgreSQL at {shown}: {_reason(exc, url)}") from None
    except asyncpg.InterfaceError as exc:
        raise DatabaseError(f"cannot use PostgreSQL at {shown}: {_reason(exc, url)}") from None
    db = PgDatabase(pool, url, shown)
    try:
        await migrate(db)
    except BaseException:
        await pool.close()
        raise
    return db


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("bot.store.postgres") / "migrations"
    found = [
        (int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


async def migrate(db: PgDatabase) -> int:
    """Apply the migrations newer than the recorded version; returns the version reached."""
    async with db.pool.acquire() as conn:
        await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        try:
            await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = await conn.fetchval("SELECT max(version) FROM schema_version") or 0
            for number, script in _migrations():
                if number <= version:
                    continue
                log.info("applying PostgreSQL migration %04d", number)
                async with conn.transaction():
                    await conn.execute(script)  # no parameters: the whole file in one round trip
                    await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", number)
                version = number
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return int(version)
