"""What the search index needs to follow the catalogue: which films changed, and their names now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core.models import TitleEntry


@dataclass(frozen=True, slots=True)
class Changes:
    until: int  # the position of the last change included
    film_ids: tuple[int, ...]  # films added, changed or removed (a removed film has no entries)
    entries: tuple[TitleEntry, ...]  # the searchable names of those films now


@runtime_checkable
class ChangeFeed(Protocol):
    """A monotonically numbered log of the films each committed write touched, by any process."""

    async def latest(self) -> int:
        """The position of the newest change: an index built from a full read is current up to it."""
        ...

    async def changes_since(self, after: int, limit: int) -> Changes:
        """At most `limit` log entries after `after`, with the names of the films they touched."""
        ...

    async def prune(self) -> None:
        """Forget entries old enough that no running reader can still need them."""
        ...

    async def changed_elsewhere(self) -> bool:
        """Cheap: has another process committed anything since the last call?"""
        ...
