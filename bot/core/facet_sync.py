"""The facet index behind /films and /pick: built in the background, kept current from the change log.

Until the first build is done (seconds at a million films) discovery is answered by the store's
SQL, so start-up never waits for it. Films changed meanwhile are noted and re-read once it is in.
When many films have changed since a build (a large import while the bot runs), a new index is
built the same way and swapped in, the changes made during that build applied to it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Protocol

from bot.core.discovery import Listed
from bot.core.facet_rows import FacetColumns, FacetRow
from bot.core.facets import FacetIndex

log = logging.getLogger(__name__)


class FacetSource(Protocol):
    async def facet_columns(self) -> FacetColumns: ...

    async def facet_rows(self, film_ids: Sequence[int]) -> list[FacetRow]: ...

    async def films_of(self, person_id: int) -> list[int]: ...

    async def listed(self, film_ids: Sequence[int]) -> list[Listed]: ...


class FacetFollower:
    def __init__(self, source: FacetSource) -> None:
        self.source = source
        self.index: FacetIndex | None = None  # None until the first build is in
        self._building: asyncio.Task[None] | None = None
        self._changed_while_building: set[int] = set()

    def start(self) -> asyncio.Task[None]:
        """Build (or rebuild) in the background, unless a build is under way."""
        if self._building is None or self._building.done():
            self._changed_while_building = set()
            self._building = asyncio.create_task(self._build(), name="filmbot-facet-index")
            self._building.add_done_callback(_report)
        return self._building

    async def ready(self) -> FacetIndex:
        """The index, once built (benchmarks and tests wait for it; commands never do)."""
        if self._building is not None and not self._building.done():
            await self._building
        if self.index is None:
            await self.start()
        assert self.index is not None
        return self.index

    async def films_changed(self, film_ids: Sequence[int]) -> None:
        """Called by the index sync after each batch of committed changes."""
        if self._building is not None and not self._building.done():
            self._changed_while_building.update(film_ids)
        if self.index is not None and film_ids:
            self.index.replace(film_ids, await self.source.facet_rows(film_ids))
            if self.index.needs_rebuild():
                self.start()

    async def close(self) -> None:
        if self._building is not None and not self._building.done():
            self._building.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # a failed build was logged
                await self._building

    async def _build(self) -> None:
        columns = await self.source.facet_columns()
        built = await asyncio.to_thread(FacetIndex, columns)
        while self._changed_while_building:  # read again: the build may have read them before
            changed = sorted(self._changed_while_building)
            self._changed_while_building = set()
            built.replace(changed, await self.source.facet_rows(changed))
        self.index = built
        log.info("discovery index ready: %d films", built.size)


def _report(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("could not build the discovery index (SQL answers meanwhile)", exc_info=task.exception())
