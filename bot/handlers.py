"""The command handlers both front-ends run: parse, call core and store, return a Reply.

Discord (bot/app) and the terminal (bot/console) differ only in how they read a command and
render the Reply, so everything a user can observe is decided here and tested once.
"""

from __future__ import annotations

from bot.core.errors import FilmNotFound
from bot.core.matching import TitleIndex
from bot.core.models import Caller, Film
from bot.core.ports.catalogue import CatalogueReader
from bot.core.replies import (
    Choice,
    Reply,
    choices,
    resolution_notice,
    review_reply,
    similar_reply,
    with_notice,
)
from bot.core.resolution import resolve_title


class Handlers:
    def __init__(self, catalogue: CatalogueReader, index: TitleIndex) -> None:
        self.catalogue = catalogue
        self.index = index

    async def film(self, caller: Caller, title: str) -> Film:
        """The film `title` means for this caller: resolved by the matcher, read from the store."""
        return (await self._resolved(caller, title))[0]

    async def _resolved(self, caller: Caller, title: str) -> tuple[Film, str | None]:
        """The film, and the notice its reply starts with (a typed year no such film has)."""
        resolution = resolve_title(self.index, title, caller.guild_id)
        film = await self.catalogue.film(resolution.match.film_id, caller.guild_id)
        if film is None:  # the index and the database disagree: treat as gone, never guess
            raise FilmNotFound(title)
        return film, resolution_notice(resolution, film)

    async def review(self, caller: Caller, title: str, page: int = 0) -> Reply:
        """Review snippets for the film `title` means."""
        film, notice = await self._resolved(caller, title)
        reply = review_reply(film, await self.catalogue.reviews(film.id, caller.guild_id), page)
        return with_notice(reply, notice)

    async def similar(self, caller: Caller, title: str, page: int = 0) -> Reply:
        """Films like the one `title` means, each with its reason."""
        film, notice = await self._resolved(caller, title)
        reply = similar_reply(film, await self.catalogue.similar(film.id, caller.guild_id), page)
        return with_notice(reply, notice)

    def autocomplete(self, caller: Caller, typed: str) -> list[Choice]:
        """Title choices for what has been typed so far (pure in-memory work: fast)."""
        return choices(self.index.complete(typed, caller.guild_id))
