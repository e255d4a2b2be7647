"""Keeping the search index current with the catalogue, whoever wrote to it.

The store records every film a committed write touched (bot.core.ports.ChangeFeed). After each of
the bot's own commits, and whenever another process (filmbot import) has committed, `catch_up`
re-indexes exactly those films, in bounded batches that give the event loop back between them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable

from bot.core.matching import TitleIndex
from bot.core.models import TitleEntry
from bot.core.ports.changes import ChangeFeed

log = logging.getLogger(__name__)

BATCH = 5000  # change-log entries read and applied per step between event-loop turns
POLL_S = 1.0  # how often a running bot looks for other processes' writes (one PRAGMA read)
PRUNE_S = 3600.0  # how often a running bot trims the change log


class IndexSync:
    def __init__(self, feed: ChangeFeed, index: TitleIndex, position: int) -> None:
        self.feed = feed
        self.index = index
        self.position = position  # the index reflects every change up to here
        # Other structures kept current from the same changes (the people index): each is given
        # the ids of the films changed, before the position moves past them.
        self.followers: list[Callable[[tuple[int, ...]], Awaitable[None]]] = []
        self._lock = asyncio.Lock()
        self._compacting: asyncio.Task[None] | None = None

    async def catch_up(self) -> int:
        """Re-index the films changed since the last catch-up; returns how many."""
        films = 0
        async with self._lock:
            while True:
                changes = await self.feed.changes_since(self.position, BATCH)
                if not changes.film_ids:
                    break
                names: dict[int, list[TitleEntry]] = defaultdict(list)
                for entry in changes.entries:
                    names[entry.film_id].append(entry)
                for film_id in changes.film_ids:
                    self.index.replace_film(film_id, names.get(film_id, ()))
                for follower in self.followers:
                    await follower(changes.film_ids)
                self.position = changes.until
                films += len(changes.film_ids)
                await asyncio.sleep(0)
        if self.index.needs_compaction() and (self._compacting is None or self._compacting.done()):
            # Many additions: fold them into the index in a thread (tens of seconds at a million
            # titles) while lookups and further catching up go on; they are searchable already.
            self._compacting = asyncio.create_task(asyncio.to_thread(self.index.compact))
            self._compacting.add_done_callback(_report)
        if films:
            log.debug("re-indexed %d changed films (change log at %d)", films, self.position)
        return films

    async def compacted(self) -> None:
        """Wait for a compaction under way, if any (tests, and a clean shutdown)."""
        if self._compacting is not None:
            await asyncio.shield(self._compacting)

    async def watch(self, interval: float = POLL_S) -> None:
        """Run until cancelled: pick up other processes' writes within `interval` seconds."""
        pruned = time.monotonic()
        while True:
            await asyncio.sleep(interval)
            try:
                if await self.feed.changed_elsewhere():
                    await self.catch_up()
                if time.monotonic() - pruned > PRUNE_S:
                    pruned = time.monotonic()
                    await self.feed.prune()
            except Exception:
                log.exception("could not follow catalogue changes; retrying")


def _report(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("compacting the title index failed", exc_info=task.exception())
