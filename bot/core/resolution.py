"""Turning what a person typed into exactly one film, or a clear reason why not."""

from __future__ import annotations

import re

from bot.core.errors import AmbiguousTitle, FilmNotFound, InvalidInput
from bot.core.limits import MAX_SELECT_OPTIONS
from bot.core.matching import TitleIndex
from bot.core.models import Match
from bot.core.normalise import title_key

ACCEPT = 72.0  # below this the best match is a guess, so we say "not found" and offer it instead
SUGGEST = 45.0  # the least score worth offering as "did you mean"
AMBIGUITY_MARGIN = 2.0  # candidates this close to the best are too close to call
FILM_REF = re.compile(r"^film:(\d{1,19})$")  # autocomplete choice values: "film:<id>"


def film_ref(film_id: int) -> str:
    """The value an autocomplete choice carries: identifies a film exactly."""
    return f"film:{film_id}"


def parse_film_ref(text: str) -> int | None:
    match = FILM_REF.match(text.strip())
    return int(match.group(1)) if match else None


def resolve(index: TitleIndex, query: str, guild_id: int) -> Match:
    """The one film `query` means in this guild; raises FilmNotFound or AmbiguousTitle."""
    if not title_key(query):
        raise InvalidInput("Type a film title, for example `/review Backtrace`.")
    ref = parse_film_ref(query)
    if ref is not None:
        found = index.film(ref, guild_id)
        if found is None:
            raise FilmNotFound(query)
        return found
    results = index.search(query, guild_id, limit=MAX_SELECT_OPTIONS)
    if not results or results[0].score < ACCEPT:
        raise FilmNotFound(query, tuple(m for m in results[:3] if m.score >= SUGGEST))
    best = results[0]
    close = tuple(m for m in results if m.score >= best.score - AMBIGUITY_MARGIN)
    if len(close) > 1:
        raise AmbiguousTitle(query, close)
    return best
