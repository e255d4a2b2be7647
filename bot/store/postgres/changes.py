"""The change log on PostgreSQL: the same `changes` table as SQLite, and LISTEN/NOTIFY as the signal.

Every logged change NOTIFYs `filmbot_changes` (migration 0001); PostgreSQL delivers it to every
listening connection when the writing transaction commits, whichever process or machine wrote.
"""

from __future__ import annotations

import logging

import asyncpg

from bot.store.catalogue import SqliteCatalogue
from bot.store.changes import KEEP_S, SqliteChangeFeed
from bot.store.postgres.database import PgDatabase

log = logging.getLogger(__name__)

CHANNEL = "filmbot_changes"


class PgChangeFeed(SqliteChangeFeed):
    """bot.core.ports.ChangeFeed: the shared change-log queries, with NOTIFY instead of data_version."""

    def __init__(self, db: PgDatabase, catalogue: SqliteCatalogue) -> None:
        super().__init__(db, catalogue)
        self.pg = db
        self._listener: asyncpg.Connection | None = None
        self._notified = True  # until listening starts, assume anything may have changed

    def _on_notify(self, *_: object) -> None:
        self._notified = True

    async def listen(self) -> None:
        """Hold one connection of its own (closed with the database) that LISTENs for commits that logged changes."""
        if self._listener is None or self._listener.is_closed():
            self._listener = await self.pg.dedicated()
            await self._listener.add_listener(CHANNEL, self._on_notify)

    async def prune(self) -> None:
        async with self.db.transaction() as db:
            await db.execute(
                "DELETE FROM changes WHERE at < extract(epoch FROM now())::bigint - ?", (KEEP_S,)
            )

    async def latest(self) -> int:
        # Listen before reading the position: whatever commits after the read is notified.
        await self.listen()
        self._notified = False
        row = await self.db.fetchone("SELECT coalesce(max(seq), 0) FROM changes")
        return int(row[0]) if row else 0

    async def changed_elsewhere(self) -> bool:
        if self._listener is None or self._listener.is_closed():
            log.warning("the PostgreSQL change listener was lost; listening again")
            self._listener = None
            await self.listen()
            self._notified = True  # changes may have been missed meanwhile
        changed, self._notified = self._notified, False
        return changed
