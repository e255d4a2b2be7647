"""Writing a server's catalogue: films, reviews, links, aliases, files, history and curator roles.

Every write is one transaction with its history row, and keeps the search index current itself:
callers never refresh anything. Clashes raise core errors (AlreadyExists, InvalidInput,
FilmNotFound, WritesUnavailable), never a backend's own exceptions.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bot.core.models import Film, HistoryEntry, ImportReport, Review


@runtime_checkable
class CurationWriter(Protocol):
    async def curator_roles(self, guild_id: int) -> frozenset[int]: ...

    async def set_curator_role(self, guild_id: int, user_id: int, role_id: int, allowed: bool) -> bool:
        """Grant or revoke curation for a role. False when nothing changed."""
        ...

    async def own_film(self, guild_id: int, film_id: int) -> Film:
        """A film this server added; shared films are refused with InvalidInput."""
        ...

    async def add_film(self, guild_id: int, user_id: int, film: Film) -> Film:
        """Store a new film (its key made unique here) and return it with its id."""
        ...

    async def edit_film(
        self, guild_id: int, user_id: int, film_id: int, field: str, value: object
    ) -> Film: ...

    async def remove_film(self, guild_id: int, user_id: int, film_id: int) -> Film: ...

    async def review_count(self, guild_id: int, film_id: int) -> int: ...

    async def add_review(self, guild_id: int, user_id: int, film: Film, review: Review) -> int: ...

    async def remove_review(self, guild_id: int, user_id: int, review_id: int) -> str: ...

    async def own_reviews(self, guild_id: int) -> list[tuple[int, str, str, str]]: ...

    async def link(self, guild_id: int, user_id: int, a: Film, b: Film, reason: str) -> None: ...

    async def unlink(self, guild_id: int, user_id: int, a: Film, b: Film) -> None: ...

    async def add_alias(self, guild_id: int, user_id: int, film: Film, alias: str) -> None: ...

    async def history(self, guild_id: int, limit: int = 15) -> list[HistoryEntry]: ...


@runtime_checkable
class CatalogueFiles(Protocol):
    """A server's catalogue as a file: import (all or nothing, checked first) and export."""

    async def import_text(self, guild_id: int, user_id: int, text: str, name: str) -> ImportReport:
        """Validate the whole file (DataFileError listing every problem), then write it at once."""
        ...

    async def export_text(self, guild_id: int) -> str: ...


@runtime_checkable
class KeyValueStore(Protocol):
    """Small facts remembered between runs (the last synced command digest)."""

    async def get(self, key: str) -> str | None: ...

    async def put(self, key: str, value: str) -> None: ...
