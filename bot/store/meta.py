"""Small key/value facts the bot remembers between runs (seed digest, command digest)."""

from __future__ import annotations

from bot.store.sql import Sql


async def get_meta(db: Sql, key: str) -> str | None:
    async with db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def set_meta(db: Sql, key: str, value: str) -> None:
    async with db.transaction():
        await db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


class SqliteKeyValues:
    """bot.core.ports.curation.KeyValueStore over the meta table."""

    def __init__(self, db: Sql) -> None:
        self.db = db

    async def get(self, key: str) -> str | None:
        return await get_meta(self.db, key)

    async def put(self, key: str, value: str) -> None:
        await set_meta(self.db, key, value)
