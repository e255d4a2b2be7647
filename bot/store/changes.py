"""The change log (migration 0003's triggers) and SQLite's cheap cross-process change check."""

from __future__ import annotations

from bot.core.ports.changes import Changes
from bot.store.catalogue import SqliteCatalogue
from bot.store.sql import Sql

KEEP_S = 24 * 3600  # change-log entries older than this are pruned at start-up: nobody is that far behind


async def log_change(db: Sql, film_id: int) -> None:
    """Record a change the triggers do not see: a film's credits replaced (the people index
    follows the change log too). Inside the caller's transaction."""
    if db.dialect == "postgresql":  # its entries are numbered under the log's lock (PG migration 0001)
        await db.execute("SELECT filmbot_log_change(?)", (film_id,))
    else:
        await db.execute("INSERT INTO changes (film_id) VALUES (?)", (film_id,))


class SqliteChangeFeed:
    """bot.core.ports.ChangeFeed over the `changes` table.

    `PRAGMA data_version` changes when another connection commits, and costs no disk read, so
    polling it every second is free; the change log then says exactly which films to re-read.
    """

    def __init__(self, db: Sql, catalogue: SqliteCatalogue) -> None:
        self.db = db
        self.catalogue = catalogue
        self._version: int | None = None

    async def prune(self) -> None:
        """Drop entries older than KEEP_S (at start-up, and hourly while the bot runs)."""
        async with self.db.transaction() as db:
            await db.execute("DELETE FROM changes WHERE at < unixepoch() - ?", (KEEP_S,))

    async def latest(self) -> int:
        row = await self.db.fetchone("SELECT coalesce(max(seq), 0) FROM changes")
        await self.changed_elsewhere()  # start watching from now
        return int(row[0]) if row else 0

    async def changes_since(self, after: int, limit: int) -> Changes:
        rows = await self.db.fetchall(
            "SELECT seq, film_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)
        )
        if not rows:
            return Changes(after, (), ())
        until = int(rows[-1][0])
        film_ids = tuple(dict.fromkeys(int(row[1]) for row in rows))
        entries = tuple([entry async for entry in self.catalogue.changed_entries(after, until)])
        return Changes(until, film_ids, entries)

    async def changed_elsewhere(self) -> bool:
        row = await self.db.fetchone("PRAGMA data_version")
        version = int(row[0]) if row else 0
        changed, self._version = version != self._version, version
        return changed
