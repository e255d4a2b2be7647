"""Reading the catalogue: films, reviews, similar films, searchable names and people."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Protocol, runtime_checkable

from bot.core.models import Film, Person, Review, Suggestion, TitleEntry


@runtime_checkable
class CatalogueReader(Protocol):
    """Read-only queries. A guild sees the seed catalogue (guild 0) plus its own rows."""

    async def film(self, film_id: int, guild_id: int) -> Film | None: ...

    async def reviews(self, film_id: int, guild_id: int) -> list[Review]: ...

    async def similar(self, film_id: int, guild_id: int) -> list[Suggestion]: ...

    def title_entries(self, film_id: int | None = None) -> AsyncIterator[TitleEntry]:
        """Every searchable name of every film (or of one film), streamed."""
        ...

    async def people_named(self, name: str, limit: int = 10) -> list[Person]:
        """People whose name matches `name` (case, accents and spacing ignored)."""
        ...

    async def films_with(self, person_id: int, guild_id: int, role: str | None = None) -> Sequence[Film]:
        """Films this person is credited in (optionally in one role), most-voted first."""
        ...
