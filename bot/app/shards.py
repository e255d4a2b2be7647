"""Several shards in one process (discord.py's AutoShardedClient), identifying in turn across processes.

Discord lets a bot start `max_concurrency` sessions per 5 seconds: shards are grouped in buckets by
`shard_id % max_concurrency`, and a second IDENTIFY in one bucket within 5 s is refused (op 9).
discord.py's own pacing (a 5 s sleep before every identify but the first) only knows this process:
two processes starting together would both identify at once. Before each IDENTIFY this client
takes its bucket's turn from an IdentifyGate that every process on the same database shares
(a PostgreSQL advisory lock, or a lock file beside the SQLite database), held for the window.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

import discord

from bot.app.client import FilmBot
from bot.settings import Settings
from bot.wiring import Services

log = logging.getLogger(__name__)


class IdentifyGate(Protocol):
    async def turn(self, bucket: int) -> None:
        """Return once this process may IDENTIFY in `bucket`; no other shard here or in another
        process sharing the gate identifies in that bucket for the window after."""

    async def close(self) -> None: ...


class ShardedFilmBot(FilmBot, discord.AutoShardedClient):
    """FilmBot running the shards of settings.shards."""

    def __init__(self, services: Services, settings: Settings, gate: IdentifyGate, **options: Any) -> None:
        plan = settings.shards
        assert plan is not None, "ShardedFilmBot runs the shards of settings.shards"
        super().__init__(services, settings, shard_ids=list(plan.ids), shard_count=plan.count, **options)
        self.gate = gate

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        concurrency = await self._concurrency()
        bucket = (shard_id or 0) % concurrency
        await self.gate.turn(bucket)
        log.info("shard %s identifying (bucket %d of %d)", shard_id, bucket, concurrency)

    async def _concurrency(self) -> int:
        """max_concurrency from GET /gateway/bot, asked at each identify (it is rare, and the
        remaining session starts change); waits out a used-up daily allowance."""
        try:
            limits = await self.fetch_session_start_limits()
        except discord.GatewayNotFound:
            log.warning("GET /gateway/bot failed: identifying one shard at a time")
            return 1
        if limits.remaining <= 0:
            # Identifying past the daily allowance gets the token reset: wait for it to refill.
            log.warning("Discord's session starts are used up; waiting %d s", limits.reset_after // 1000)
            await asyncio.sleep(limits.reset_after / 1000)
        return max(1, limits.max_concurrency)

    async def on_shard_ready(self, shard_id: int) -> None:
        log.info("shard %d of %s ready", shard_id, self.shard_count)
