"""What a plain-language question means: a structured query, with raw name slots.

The parser never sees the catalogue, so a film or person stays the text that was typed; the
resolver turns it into a record later with the same fuzzy matching as every other command.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    FILM_INFO = "film_info"  # one fact about a film (or the whole card): /film
    PERSON_FILMS = "person_films"  # a person's films, optionally narrowed: /person
    DISCOVER = "discover"  # films by genre, years, country, language: /films
    SIMILAR = "similar"  # films like a film: /similar
    PICK = "pick"  # one random film for tonight: /pick
    REVIEWS = "reviews"  # what critics said: /review
    LOOKUP = "lookup"  # "tell me about X": a film if one matches, else a person
    UNSUPPORTED = "unsupported"  # about something the catalogue does not hold
    UNKNOWN = "unknown"  # not understood: answer with example questions


class Field(StrEnum):
    """Which fact a film question asks for; the answer is the film card either way."""

    DIRECTOR = "director"
    WRITER = "writer"
    CAST = "cast"
    YEAR = "year"
    RUNTIME = "runtime"
    RATING = "rating"  # the MPAA age rating
    SCORES = "scores"  # critics' scores (Rotten Tomatoes, Metacritic)
    GENRES = "genres"
    COUNTRY = "country"
    LANGUAGE = "language"
    OSCARS = "oscars"
    ALL = "all"


class Role(StrEnum):
    DIRECTOR = "director"
    WRITER = "writer"
    ACTOR = "actor"


class Order(StrEnum):
    BEST_KNOWN = "best_known"
    NEWEST = "newest"
    OLDEST = "oldest"
    RATING = "rating"  # critics' score


class Topic(StrEnum):
    """Things people ask about that the catalogue does not hold."""

    PLOT = "plot"
    BOX_OFFICE = "box_office"
    STREAMING = "streaming"
    SHOWTIMES = "showtimes"
    TRAILER = "trailer"
    MUSIC = "music"
    CHARACTERS = "characters"
    PERSONAL = "personal"  # birthdays, ages, marriages
    LOCATIONS = "locations"
    QUOTES = "quotes"
    TV = "tv"
    SUBJECT = "subject"  # films about sharks, that film where...: no plots or keywords held


@dataclass(frozen=True, slots=True)
class YearRange:
    """Inclusive; None on one side means open-ended ("before 1960" is (None, 1959))."""

    first: int | None
    last: int | None

    def __str__(self) -> str:
        if self.first == self.last:
            return str(self.first)
        if self.first is None:
            return f"before {self.last + 1 if self.last is not None else ''}"
        if self.last is None:
            return f"{self.first} onwards"
        return f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Filters:
    """Narrowing shared by discovery, filmographies, similar films and picks.

    Country and language hold canonical English names ("France", "French"). When `either` is set
    (from an adjective: "french comedies"), a film matches by its country OR its language.
    """

    genres: tuple[str, ...] = ()  # canonical genre names, sorted
    years: YearRange | None = None
    country: str | None = None
    language: str | None = None
    either: bool = False
    order: Order | None = None

    def __bool__(self) -> bool:
        return bool(self.genres or self.years or self.country or self.language or self.order)


NO_FILTERS = Filters()


@dataclass(frozen=True, slots=True)
class Query:
    """One parsed question. Names are raw text as typed (markdown and mentions removed)."""

    intent: Intent
    field: Field | None = None  # FILM_INFO only
    role: Role | None = None  # PERSON_FILMS only; None means any role
    film: str | None = None
    film_year: int | None = None  # a year typed after the title: "heat 1995"
    person: str | None = None
    name: str | None = None  # LOOKUP: a film or a person
    filters: Filters = NO_FILTERS
    topic: Topic | None = None  # UNSUPPORTED only
    examples: tuple[str, ...] = ()  # UNKNOWN only: questions close to what was asked
    problem: str | None = None  # UNKNOWN only: why, when there is more to say than "not understood"

    def film_candidates(self) -> tuple[tuple[str, int | None], ...]:
        """(title, year) readings of the film slot, most likely first.

        "blade runner 2049" is read as "blade runner" from 2049 and as the title "blade runner
        2049"; the resolver tries both, so a year inside a title is never lost.
        """
        if self.film is None:
            return ()
        if self.film_year is None:
            return ((self.film, None),)
        return ((self.film, self.film_year), (f"{self.film} {self.film_year}", None))
