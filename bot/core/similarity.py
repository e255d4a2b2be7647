"""Computed "if you liked this" suggestions, each with the reason the two films belong together.

Signals, strongest first: the same title or series (a remake or sequel), the same director, shared
leading cast, the same writer, then the same decade and genres. A suggestion always has at least
one shared signal; the reason names them in that order ("same director Michael Mann; also stars
Al Pacino"). Genres are noisy in the source (Memento is listed as horror; Heat has seven genres),
so a genre counts for less the more genres a film lists and the more common it is.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.core.normalise import fold, title_key

# Weights of each signal; a suggestion's score is their sum. Series and director outrank any
# number of shared actors below the cap; genres alone never outrank a shared person.
SERIES_WEIGHT = 8.0
DIRECTOR_WEIGHT = 6.0
ACTOR_WEIGHT = 2.0  # for an actor with ACTOR_FAME films or more; less for one seen rarely
ACTOR_FAME = 10  # films: the source lists cast alphabetically, so this stands in for billing
MAX_ACTORS_COUNTED = 3  # a fourth shared actor adds little a user would notice
WRITER_WEIGHT = 2.5
DECADE_WEIGHT = 0.5
GENRE_WEIGHT = 1.5  # times the genres' shared weight (at most 1)
MIN_GENRE_SHARE = 0.34  # a third of the genre weight: below, two films share only noisy genres
MAX_SAME_DIRECTOR = 2  # suggestions by one director, unless nothing else qualifies
MAX_NAMED = 2  # people named per kind in a reason
MIN_SERIES_KEY = 9  # characters: "oceans eleven" is a remake by title alone, "heat" is not
# How the source's genre labels read in a sentence ("also a 1980s science-fiction horror film").
GENRE_WORDS = {"Sci-Fi": "science-fiction", "Film-Noir": "film noir"}


class Who(NamedTuple):
    """A credited person: id, name as shown, and how many catalogue films they are credited in."""

    id: int
    name: str
    films: int = 1


@dataclass(frozen=True, slots=True)
class FilmFacts:
    """What similarity needs to know about one film."""

    film_id: int
    title: str
    year: int | None
    label: str
    directors: tuple[Who, ...] = ()
    writers: tuple[Who, ...] = ()
    cast: tuple[Who, ...] = ()
    genres: tuple[str, ...] = ()
    notability: int = 0


@dataclass(frozen=True, slots=True)
class Computed:
    film: FilmFacts
    reason: str
    score: float
    directors: frozenset[int] = field(default_factory=frozenset)  # shared, for the director cap


@dataclass(frozen=True, slots=True)
class GenreStats:
    """How common each genre is in the catalogue: rarer genres say more about a film."""

    counts: Mapping[str, int]
    films: int
    _weights: dict[str, float] = field(default_factory=dict, compare=False, repr=False)  # computed once each

    @classmethod
    def of(cls, genre_lists: Iterable[Iterable[str]]) -> GenreStats:
        counts: Counter[str] = Counter()
        films = 0
        for genres in genre_lists:
            films += 1
            counts.update(set(genres))
        return cls(counts, films)

    def weight(self, genre: str) -> float:
        """Inverse document frequency, 0 for a genre every film has."""
        found = self._weights.get(genre)
        if found is None:
            found = self._weights[genre] = math.log((self.films + 1) / (self.counts.get(genre, 0) + 1))
        return found


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Suggestions of one genre or from some years only: "films like Alien from the 2000s"."""

    genre: str | None = None
    years: tuple[int, int] | None = None  # inclusive

    def __bool__(self) -> bool:
        return bool(self.genre or self.years)

    def admits(self, year: int | None, genres: Iterable[str]) -> bool:
        """Whether a film of this year and these genres (as listed) may be suggested."""
        if self.years is not None and (year is None or not self.years[0] <= year <= self.years[1]):
            return False
        return self.genre is None or fold(self.genre) in {fold(g) for g in genres}

    @property
    def genre_key(self) -> str | None:
        return fold(self.genre) if self.genre else None

    def __str__(self) -> str:
        """ "comedy, 2000-2009": how the narrowing is named above the suggestions."""
        parts = [GENRE_WORDS.get(self.genre, self.genre.lower())] if self.genre else []
        if self.years is not None:
            first, last = self.years
            parts.append(str(first) if first == last else f"{first}-{last}")
        return ", ".join(parts)


NO_NARROWING = Narrowing()


@functools.lru_cache(maxsize=1 << 16)  # every candidate's title, at every /similar: worth keeping
def series_key(title: str) -> str:
    """The part of a title a sequel or remake shares: before a colon or dash, without a number."""
    key = title_key(title.replace("–", ":").replace(" - ", ":").split(":")[0])
    words = key.split()
    while len(words) > 1 and (words[-1].isdigit() or words[-1] in _NUMERALS):
        words.pop()
    return " ".join(words)


_NUMERALS = {"ii", "iii", "iv", "v", "vi", "vii", "viii", "part", "chapter", "returns", "2", "3"}


def same_series(a: FilmFacts, b: FilmFacts, connected: bool) -> bool:
    """A remake or sequel: the same series key. A short one ("Heat", "Rage") is shared by
    unrelated films, so it counts only when the films also share a person."""
    key = series_key(a.title)
    return bool(key) and key == series_key(b.title) and (connected or len(key) >= MIN_SERIES_KEY)


def genre_share(a: Iterable[str], b: Iterable[str], stats: GenreStats) -> tuple[float, list[str]]:
    """How much two films' genres overlap, 0..1, and the shared genres, rarest first."""
    set_a, set_b = set(a), set(b)
    shared = sorted(set_a & set_b, key=lambda g: (-stats.weight(g), g))
    if not shared:
        return 0.0, []
    union = sum(stats.weight(g) for g in set_a | set_b)
    return (sum(stats.weight(g) for g in shared) / union if union else 0.0), shared


def decade(year: int | None) -> int | None:
    return None if year is None else year - year % 10


def _names(people: list[str]) -> str:
    return " and ".join(people[:MAX_NAMED])


class _People(NamedTuple):
    """The target's people by role, as sets: made once per /similar, not once per candidate."""

    directors: frozenset[int]
    writers: frozenset[int]
    cast: frozenset[int]

    @classmethod
    def of(cls, film: FilmFacts) -> _People:
        return cls(
            *(frozenset(who.id for who in people) for people in (film.directors, film.writers, film.cast))
        )


def compare(
    target: FilmFacts, other: FilmFacts, stats: GenreStats, people: _People | None = None
) -> Computed | None:
    """What `other` shares with `target`: None when nothing, else a scored reason."""
    if other.film_id == target.film_id:
        return None
    parts: list[str] = []
    score = 0.0
    directors, writers, cast = people or _People.of(target)
    shared_directors = [who for who in other.directors if who.id in directors]
    shared_writers = [who.name for who in other.writers if who.id in writers and who.id not in directors]
    shared_cast = sorted((who for who in other.cast if who.id in cast), key=lambda w: (-w.films, w.name))
    share, genres = genre_share(target.genres, other.genres, stats)
    same_decade = decade(target.year) is not None and decade(target.year) == decade(other.year)
    if same_series(target, other, bool(shared_directors or shared_writers or shared_cast)):
        score += SERIES_WEIGHT
        parts.append(
            f"same title: {other.label}"
            if title_key(other.title) == title_key(target.title)
            else "same series"
        )
    if shared_directors:
        score += DIRECTOR_WEIGHT
        parts.append(f"same director {_names([who.name for who in shared_directors])}")
    if shared_cast:
        fame = sum(min(who.films, ACTOR_FAME) / ACTOR_FAME for who in shared_cast[:MAX_ACTORS_COUNTED])
        score += ACTOR_WEIGHT * fame
        parts.append(f"also stars {_names([who.name for who in shared_cast])}")
    if shared_writers:
        score += WRITER_WEIGHT
        parts.append(f"same writer {_names(shared_writers)}")
    if share >= MIN_GENRE_SHARE or (genres and same_decade and parts):
        score += GENRE_WEIGHT * share + (DECADE_WEIGHT if same_decade else 0.0)
        if not parts:
            parts.append(_genre_phrase(other.year if same_decade else None, genres))
    if not parts:
        return None
    reason = "; ".join(parts)
    return Computed(
        other, reason[0].upper() + reason[1:], score, frozenset(who.id for who in shared_directors)
    )


def _genre_phrase(year: int | None, genres: list[str]) -> str:
    words = " ".join(GENRE_WORDS.get(g, g.lower()) for g in genres[:2])
    phrase = f"{decade(year)}s {words}" if year is not None else words
    article = "an" if phrase[0] in "aeiou8" or phrase.startswith("18") else "a"
    return f"also {article} {phrase} film"


def similar_to(
    target: FilmFacts, candidates: Iterable[FilmFacts], stats: GenreStats, limit: int = 5
) -> list[Computed]:
    """The best `limit` candidates by shared signals, notability breaking ties; at most
    MAX_SAME_DIRECTOR films by any one shared director unless nothing else qualifies."""
    people = _People.of(target)
    scored = [c for c in (compare(target, other, stats, people) for other in candidates) if c is not None]
    scored.sort(key=lambda c: (-c.score, -c.film.notability, c.film.label))
    chosen: list[Computed] = []
    held: list[Computed] = []
    per_director: Counter[int] = Counter()
    for item in scored:
        if len(chosen) == limit:
            break
        if item.directors and any(per_director[d] >= MAX_SAME_DIRECTOR for d in item.directors):
            held.append(item)
            continue
        per_director.update(item.directors)
        chosen.append(item)
    return chosen + held[: limit - len(chosen)]
