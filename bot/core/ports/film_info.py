"""Reading film cards, filmographies, discovery lists and similarity facts."""

from __future__ import annotations

import random
from typing import Protocol, runtime_checkable

from bot.core.discovery import Discovery, Listed
from bot.core.film_info import Credited, FilmInfo
from bot.core.people import Person
from bot.core.similarity import FilmFacts, GenreStats, Narrowing


@runtime_checkable
class FilmInfoReader(Protocol):
    """A guild sees the seed catalogue (guild 0) plus its own films."""

    async def film_info(self, film_id: int, guild_id: int) -> FilmInfo | None: ...

    async def people(self) -> list[Person]: ...

    async def filmography(self, person_id: int, guild_id: int) -> list[Credited]: ...

    async def facet_values(self, kind: str, typed: str = "", limit: int = 25) -> list[str]: ...

    async def discover(
        self, query: Discovery, guild_id: int, limit: int, offset: int = 0
    ) -> list[Listed]: ...

    async def count(self, query: Discovery, guild_id: int) -> int: ...

    async def pick(self, query: Discovery, guild_id: int, rng: random.Random) -> Listed | None: ...

    async def genre_stats(self) -> GenreStats: ...

    async def similarity_facts(
        self, film_id: int, guild_id: int, narrowing: Narrowing = ...
    ) -> tuple[FilmFacts, list[FilmFacts]] | None: ...
