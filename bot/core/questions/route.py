"""Which command answers a parsed question, with the options a person would have typed.

/ask never answers by itself: it runs the same command (/film, /person, /films, /pick, /similar,
/review) with these options, so its answer cannot disagree with that command's. Option names and
values are data here; the command layer drops any option the command does not declare and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.limits import MAX_YEAR, MIN_YEAR
from bot.core.questions.model import Filters, Intent, Order, Query

# Catalogue genre sizes, most common first (CC0 Wikidata starter data, 17,472 films): when a
# question names two genres ("rom-com") and a command takes one, the rarer one narrows more.
GENRES_BY_SIZE = [
    "Drama",
    "Comedy",
    "Romance",
    "Action",
    "Crime",
    "Thriller",
    "Horror",
    "Documentary",
    "Sci-Fi",
    "Fantasy",
    "Adventure",
    "Musical",
    "Biography",
    "Mystery",
    "War",
    "Family",
    "Animation",
    "Western",
    "Sport",
    "History",
    "Music",
]
ORDER_CHOICES = {  # our order -> the /films order choice
    Order.BEST_KNOWN: "best known",
    Order.NEWEST: "newest",
    Order.OLDEST: "oldest",
    Order.RATING: "critics' score",
}
FILM_COMMANDS = {
    Intent.FILM_INFO: "film",
    Intent.REVIEWS: "review",
    Intent.SIMILAR: "similar",
    Intent.LOOKUP: "film",
}


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command and its options, as typed text (each command validates them as usual)."""

    command: str
    options: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, str]:
        return dict(self.options)


def route(query: Query) -> tuple[Invocation, Query] | None:
    """The command answering `query`, and the query as that command will apply it (one genre,
    country or language); None for questions no command answers (unknown, unsupported)."""
    if query.intent in FILM_COMMANDS:
        title = route_title(query)
        applied = query
        options: list[tuple[str, str]] = [("title", title)]
        if query.intent is Intent.SIMILAR:
            filters = _single(query.filters)
            options += _filter_options(filters)
            applied = replace(query, filters=filters)
        return Invocation(FILM_COMMANDS[query.intent], tuple(options)), applied
    if query.intent is Intent.PERSON_FILMS and query.person:
        filters = _single(query.filters)
        role = [("role", query.role.value)] if query.role else []
        applied = replace(query, filters=filters)
        if not filters:
            return Invocation("person", (("name", query.person), *role)), applied
        person = (("person", query.person), *role)
        return Invocation("films", (*person, *_filter_options(filters))), applied
    if query.intent in (Intent.DISCOVER, Intent.PICK):
        filters = _single(query.filters)
        command = "films" if query.intent is Intent.DISCOVER else "pick"
        return Invocation(command, tuple(_filter_options(filters))), replace(query, filters=filters)
    return None


def route_title(query: Query) -> str:
    """The title as typed, year included ("heat 1995"): the resolver reads it as everywhere."""
    film = query.film if query.film is not None else query.name or ""
    return f"{film} {query.film_year}" if query.film_year else film


def _single(filters: Filters) -> Filters:
    """One genre and one of country/language, as the commands take them."""
    genres = filters.genres
    if len(genres) > 1:
        rank = {g: i for i, g in enumerate(GENRES_BY_SIZE)}
        genres = (max(genres, key=lambda g: rank.get(g, len(rank))),)
    country, language = filters.country, filters.language
    if filters.either:
        # "french comedies": the language says more, except English, which most films share
        if language and language != "English":
            country = None
        else:
            language = None
    return replace(filters, genres=genres, country=country, language=language, either=False)


def _filter_options(filters: Filters) -> list[tuple[str, str]]:
    options = []
    if filters.genres:
        options.append(("genre", filters.genres[0]))
    if filters.years:
        first, last = filters.years.first or MIN_YEAR, filters.years.last or MAX_YEAR
        options.append(("years", str(first) if first == last else f"{first}-{last}"))
    if filters.country:
        options.append(("country", filters.country))
    if filters.language:
        options.append(("language", filters.language))
    if filters.order:
        options.append(("order", ORDER_CHOICES[filters.order]))
    return options
