"""Turning what a person typed into exactly one film, or a clear reason why not.

Never confidently wrong: the ranking proposes, the evidence (bot/core/confidence.py) decides.
A film is answered only when its title explains the query; among explained titles, the one with
fewest typos wins, and of equally explained ones the most-voted wins only when it dwarfs the
others (otherwise we ask). A typed year no film of that title has is reported, not ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.confidence import Evidence, explain
from bot.core.errors import AmbiguousTitle, FilmNotFound, InvalidInput
from bot.core.limits import MAX_QUERY, MAX_SELECT_OPTIONS
from bot.core.matching import TitleIndex
from bot.core.models import Match
from bot.core.normalise import match_key, split_year, title_key

CANDIDATES = 10  # ranked films whose titles are checked against the query: the right one is near the top
SUGGEST = 45.0  # the least score worth offering as "closest titles"
SUGGESTIONS = 5  # closest titles offered when nothing is explained
# Of two equally well explained films, the more-voted is answered only with this many times the
# votes of the next: Aliens (1986, 63,961 votes) over a 1993 short with 18; Alice in Wonderland
# 1951 (700) and 2010 (800) are comparable, so we ask.
NOTABLE_RATIO = 10
FILM_REF = re.compile(r"^film:(\d{1,19})$")  # autocomplete choice values: "film:<id>"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The film a query means, and what the reply should say about how it was chosen."""

    match: Match
    year_not_found: int | None = None  # a typed year no film of this title has ("Titanic 2012")


def film_ref(film_id: int) -> str:
    """The value an autocomplete choice carries: identifies a film exactly."""
    return f"film:{film_id}"


def parse_film_ref(text: str) -> int | None:
    match = FILM_REF.match(text.strip())
    return int(match.group(1)) if match else None


def resolve(index: TitleIndex, query: str, guild_id: int) -> Match:
    """The one film `query` means in this guild; raises FilmNotFound or AmbiguousTitle."""
    return resolve_title(index, query, guild_id).match


def resolve_title(index: TitleIndex, query: str, guild_id: int) -> Resolution:
    """Like `resolve`, with what the reply should add (a typed year that matched no film)."""
    if not title_key(query):
        raise InvalidInput("Type a film title, for example: /review Backtrace")
    ref = parse_film_ref(query)
    if ref is not None:
        found = index.film(ref, guild_id)
        if found is None:
            raise FilmNotFound(query)
        return Resolution(found)
    text = query[:MAX_QUERY]
    stripped, year = split_year(text)
    whole, title_only = match_key(text), match_key(stripped)
    results = index.search(query, guild_id, limit=MAX_SELECT_OPTIONS)
    explained: list[tuple[Evidence, Match]] = []  # the whole query, or the title in the typed year
    other_year: list[tuple[Evidence, Match]] = []  # the title, typed with a year it does not have
    for match in results[:CANDIDATES]:
        names = index.names(match.film_id, guild_id)
        evidence = _best(whole, names, index)
        if evidence is not None:
            explained.append((evidence, match))
        elif year is not None and (evidence := _best(title_only, names, index)) is not None:
            (explained if match.year == year else other_year).append((evidence, match))
    if explained:
        return Resolution(_choose(query, explained))
    if other_year:
        return Resolution(_choose(query, other_year), year_not_found=year)
    raise FilmNotFound(query, tuple(m for m in results[:SUGGESTIONS] if m.score >= SUGGEST))


def _best(query: str, names: list[str], index: TitleIndex) -> Evidence | None:
    found = [e for name in names if (e := explain(query, name, index)) is not None]
    return min(found, default=None)


def _choose(query: str, candidates: list[tuple[Evidence, Match]]) -> Match:
    """The best explained film; among equally explained ones the notable one, or ask."""
    best = min(evidence for evidence, _ in candidates)
    tied = sorted((m for e, m in candidates if e == best), key=lambda m: -m.votes)
    if len(tied) == 1 or tied[0].votes >= NOTABLE_RATIO * max(tied[1].votes, 1):
        return tied[0]
    raise AmbiguousTitle(query, tuple(tied))
