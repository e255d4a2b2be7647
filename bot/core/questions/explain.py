"""The short line that says how a question was understood, so a misreading is visible.

"Films directed by David Fincher, 1990-1999". The resolver passes the names it found (the film's
"Title (Year)" label, the person's name); without them the names are shown as typed.
"""

from __future__ import annotations

from bot.core.models import title_label
from bot.core.questions.model import Field, Filters, Intent, Order, Query, Role
from bot.core.questions.topics import MESSAGES

_FIELDS = {
    Field.DIRECTOR: "Director of {}",
    Field.WRITER: "Writers of {}",
    Field.CAST: "Cast of {}",
    Field.YEAR: "Release date of {}",
    Field.RUNTIME: "Running time of {}",
    Field.RATING: "Age rating of {}",
    Field.SCORES: "Critics' scores for {}",
    Field.GENRES: "Genres of {}",
    Field.COUNTRY: "Country of {}",
    Field.LANGUAGE: "Language of {}",
    Field.OSCARS: "Oscars of {}",
    Field.ALL: "{}",
}
_ROLES = {
    Role.DIRECTOR: "films directed by {}",
    Role.WRITER: "films written by {}",
    Role.ACTOR: "films with {}",
    None: "films by {}",
}
_ORDERS = {
    Order.BEST_KNOWN: "best known first",
    Order.NEWEST: "newest first",
    Order.OLDEST: "oldest first",
    Order.RATING: "highest rated first",
}
NOT_UNDERSTOOD = "I didn't understand that question."
_WITH_THE = {"Netherlands", "Czech Republic", "People's Republic of China", "Soviet Union", "Philippines"}


def understood(query: Query, film: str | None = None, person: str | None = None) -> str:
    """One line saying what the answer below it is."""
    film = film or _typed_film(query)
    person = person or query.person or ""
    f = query.filters
    if query.intent is Intent.FILM_INFO:
        return _FIELDS[query.field or Field.ALL].format(film)
    if query.intent is Intent.PERSON_FILMS:
        return _sentence(_genres(f) + _ROLES[query.role].format(person), f)
    if query.intent is Intent.DISCOVER:
        return _sentence(_genres(f) + "films", f)
    if query.intent is Intent.SIMILAR:
        return _sentence(f"films like {film}" + (f", {_genres(f)}only" if f.genres else ""), f)
    if query.intent is Intent.PICK:
        return _sentence("a random " + _genres(f) + "film", f)
    if query.intent is Intent.REVIEWS:
        return f"Reviews of {film}"
    if query.intent is Intent.LOOKUP:
        return film if film else query.name or ""
    if query.intent is Intent.UNSUPPORTED and query.topic is not None:
        return MESSAGES[query.topic]
    return NOT_UNDERSTOOD


def _typed_film(query: Query) -> str:
    if query.film is None:
        return query.name or ""
    return title_label(query.film, query.film_year)


def _genres(f: Filters) -> str:
    return " and ".join(g.lower() if g != "Sci-Fi" else g for g in f.genres) + " " if f.genres else ""


def _place(country: str) -> str:
    """'the United Kingdom', 'France'."""
    return f"the {country}" if country in _WITH_THE or country.startswith("United ") else country


def _sentence(head: str, f: Filters) -> str:
    parts = [head]
    country = _place(f.country) if f.country else None
    if country and f.language and f.either:
        parts[0] += f" from {country} or in {f.language}"
    else:
        parts[0] += (f" from {country}" if country else "") + (f" in {f.language}" if f.language else "")
    if f.years:
        parts.append(str(f.years))
    if f.order:
        parts.append(_ORDERS[f.order])
    text = ", ".join(parts)
    return text[0].upper() + text[1:]
