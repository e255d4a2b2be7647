"""Small key/value facts the bot remembers between runs (seed digest, command digest)."""

from __future__ import annotations

import aiosqlite

from bot.store.database import transaction


async def get_meta(db: aiosqlite.Connection, key: str) -> str | None:
    async with db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def set_meta(db: aiosqlite.Connection, key: str, value: str) -> None:
    async with transaction(db):
        await db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
