"""What a command handler is given: who is asking, and the services it may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.curation import require_curator
from bot.core.errors import FilmNotFound
from bot.core.facet_sync import FacetFollower
from bot.core.matching import TitleIndex
from bot.core.models import Caller, Film
from bot.core.people import PersonIndex
from bot.core.ports.catalogue import CatalogueReader
from bot.core.ports.curation import CatalogueFiles, CurationWriter
from bot.core.ports.film_info import FilmInfoReader
from bot.core.ports.ratings import RatingModeration, RatingStore
from bot.core.ratings import RateLimiter
from bot.core.replies import resolution_notice
from bot.core.resolution import resolve_title

if TYPE_CHECKING:
    from bot.commands.spec import Command


@dataclass(frozen=True)
class Deps:
    """The long-lived services, built once in bot/wiring.py: storage through its ports only."""

    catalogue: CatalogueReader
    curation: CurationWriter
    files: CatalogueFiles
    index: TitleIndex
    ratings: RatingStore
    moderation: RatingModeration
    limiter: RateLimiter  # members' ratings per minute, in this process
    info: FilmInfoReader | None = None  # film cards, filmographies, discovery, computed /similar
    people: PersonIndex | None = None  # names as people type them, built at start-up
    facets: FacetFollower | None = None  # /films and /pick in memory, built on first use


@dataclass(frozen=True)
class Context:
    caller: Caller
    deps: Deps
    commands: tuple[Command, ...] = ()  # the whole table, for /help

    async def film(self, query: str) -> Film:
        """The film `query` means for this caller: resolved by the matcher, read from the store."""
        return (await self.resolved(query))[0]

    async def resolved(self, query: str) -> tuple[Film, str | None]:
        """The film, and the notice its reply starts with (a typed year no film of that title has)."""
        resolution = resolve_title(self.deps.index, query, self.caller.guild_id)
        film = await self.deps.catalogue.film(resolution.match.film_id, self.caller.guild_id)
        if film is None:  # the index and the database disagree: treat as gone, never guess
            raise FilmNotFound(query)
        return film, resolution_notice(resolution, film)

    async def require_curator(self) -> None:
        require_curator(self.caller, await self.deps.curation.curator_roles(self.caller.guild_id))
