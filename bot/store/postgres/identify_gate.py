"""Turns to IDENTIFY with Discord on PostgreSQL: an advisory lock per bucket, for processes anywhere.

The locks are session locks on one connection of the gate's own (bot.store.identify_gate tells
the turn-taking); the two-number form of the key keeps them apart from the single-number
migration and write locks (bot.store.postgres.connect, .database).
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from bot.shards import IDENTIFY_WINDOW_S
from bot.store.identify_gate import BucketGate
from bot.store.postgres.database import PgDatabase

IDENTIFY_LOCKS = 7469002  # the first number of every identify lock's key; the bucket is the second


class PgIdentifyGate(BucketGate):
    def __init__(self, db: PgDatabase, window: float = IDENTIFY_WINDOW_S) -> None:
        super().__init__(window)
        self.db = db
        self._conn: asyncpg.Connection | None = None
        self._busy = asyncio.Lock()  # one query at a time on the connection

    async def _try_lock(self, bucket: int) -> bool:
        async with self._busy:
            if self._conn is None or self._conn.is_closed():
                self._conn = await self.db.dedicated()  # closed with the database
            taken = await self._conn.fetchval("SELECT pg_try_advisory_lock($1, $2)", IDENTIFY_LOCKS, bucket)
            return bool(taken)

    async def _unlock(self, bucket: int) -> None:
        async with self._busy:
            if self._conn is None or self._conn.is_closed():
                return  # the session ended, and its locks with it
            with contextlib.suppress(asyncpg.PostgresError, OSError):
                await self._conn.execute("SELECT pg_advisory_unlock($1, $2)", IDENTIFY_LOCKS, bucket)
