"""The starter catalogue: Wikidata's CC0 film data, as extracted into data/starter/ (see data/README.md).

The extract keeps the source's values as published (names joined by ", ", genres as listed); every
cleaning rule lives here, applied on the way in, so a fix never needs the source package again:

- names are split at commas but keep their suffixes: "William Broyles, Jr." is one person and
  "Jr." is never a person of its own (also Sr., II, III, IV);
- names and titles keep their accents; matching folds them (bot.core.normalise);
- genres are kept as listed; the similarity code weighs them low where a film lists many;
- a release date on 1 January is Wikidata's year-only precision, so the day is unknown;
- title + year name a film; the few pairs that still collide keep their Wikidata id in the key.

Pure functions only: reading a file is the caller's business (`read_extract` takes lines).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.core.normalise import fold

FORMAT = "filmbot-wikidata-films"
VERSION = 1
# The extract's columns, in order; a row is a JSON list of these values (None where unknown).
COLUMNS = (
    "qid",
    "imdb",
    "title",
    "year",
    "rating",
    "runtime",
    "genre",
    "released",
    "director",
    "writer",
    "cast",
    "metacritic",
    "language",
    "country",
    "awards",
    "oscars",
    "rt_meter",
    "rt_reviews",
)
# Generational suffixes: written after a comma in the source ("Ed Begley, Jr."), so a naive split
# at commas would make "Jr." the most frequent actor in the catalogue (114 films).
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NOMINATED = re.compile(r"Nominated for (\d+) Oscars?")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Notability weights, chosen so the figure reads as "about this many critics' reviews": an Oscar
# won counts like 20 more reviews, a nomination like 5, each credited person like one (how much
# Wikidata's editors recorded about a film is itself a sign of how well known it is).
OSCAR_WON_WEIGHT = 20
OSCAR_NOMINATION_WEIGHT = 5


class ExtractError(ValueError):
    """The extract is not one this reader understands (wrong format, version or shape)."""


@dataclass(frozen=True, slots=True)
class StarterFilm:
    """One film of the starter catalogue, cleaned."""

    key: str  # "title-year", or "title-year-q<id>" for the few pairs that collide
    qid: int  # Wikidata item number (Q...)
    imdb_id: str | None
    title: str
    year: int
    directors: tuple[str, ...]
    writers: tuple[str, ...]
    cast: tuple[str, ...]  # as the source lists it: alphabetical, not by billing
    genres: tuple[str, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    runtime: int | None  # minutes
    release_date: str | None  # ISO date, only when the day is known
    mpaa_rating: str | None
    rt_meter: int | None  # Rotten Tomatoes Tomatometer, percent
    rt_reviews: int | None  # critics' reviews counted by Rotten Tomatoes
    metacritic: int | None
    oscars_won: int
    oscar_nominations: int
    notability: int


def split_names(text: str | None) -> tuple[str, ...]:
    """Split "A, B, William Broyles, Jr." into people, keeping suffixes with their name."""
    people: list[str] = []
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if not name:
            continue
        if name.casefold() in NAME_SUFFIXES:
            if people:  # "Jr." alone at the very start has no one to belong to: dropped
                people[-1] = f"{people[-1]}, {name}"
            continue
        people.append(name)
    return _unique(people)


def split_list(text: str | None) -> tuple[str, ...]:
    """Split a ", "-joined list of genres, countries or languages; order and spelling kept."""
    return _unique(" ".join(part.split()) for part in (text or "").split(",") if part.strip())


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def release_date(text: str | None) -> str | None:
    """An ISO date when the day is known; Wikidata's year-only dates read as 1 January."""
    if not text or not _ISO_DATE.match(text) or text.endswith("-01-01"):
        return None
    return text


def oscar_nominations(awards: str | None) -> int:
    """Nominations from the source's text ("Won 1 Oscar. Nominated for 3 Oscars.")."""
    found = _NOMINATED.search(awards or "")
    return int(found.group(1)) if found else 0


def notability(rt_reviews: int | None, oscars_won: int, nominations: int, credits: int) -> int:
    """How well known a film is, in critics'-review equivalents (see the weights above)."""
    return (
        (rt_reviews or 0)
        + OSCAR_WON_WEIGHT * oscars_won
        + OSCAR_NOMINATION_WEIGHT * max(nominations, oscars_won)
        + credits
    )


def film_key(title: str, year: int, qid: int) -> str:
    """The stable text key of a film in the seed's style ("amelie-2001": a-z, 0-9 and dashes)."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join([*words, str(year)]) if words else f"q{qid}-{year}"


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ExtractError(f"expected a number, got {value!r}")
    return int(value)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ExtractError(f"expected text, got {value!r}")
    return value.strip() or None


def clean_row(row: dict[str, object], key: str) -> StarterFilm:
    """One extract row (column name -> value) as a cleaned film."""
    title, year = _text(row["title"]), _int(row["year"])
    if title is None or year is None:
        raise ExtractError(f"film {row.get('qid')!r} has no title or year")
    directors, writers = split_names(_text(row["director"])), split_names(_text(row["writer"]))
    cast = split_names(_text(row["cast"]))
    won = _int(row["oscars"]) or 0
    nominations = max(oscar_nominations(_text(row["awards"])), won)
    rt_reviews = _int(row["rt_reviews"])
    credits = len({*directors, *writers, *cast})
    return StarterFilm(
        key=key,
        qid=_int(row["qid"]) or 0,
        imdb_id=_text(row["imdb"]),
        title=title,
        year=year,
        directors=directors,
        writers=writers,
        cast=cast,
        genres=split_list(_text(row["genre"])),
        countries=split_list(_text(row["country"])),
        languages=split_list(_text(row["language"])),
        runtime=_int(row["runtime"]),
        release_date=release_date(_text(row["released"])),
        mpaa_rating=_text(row["rating"]),
        rt_meter=_int(row["rt_meter"]),
        rt_reviews=rt_reviews,
        metacritic=_int(row["metacritic"]),
        oscars_won=won,
        oscar_nominations=nominations,
        notability=notability(rt_reviews, won, nominations, credits),
    )


def header(count: int, source: dict[str, str]) -> dict[str, object]:
    """The extract's first line: what it is, how many films follow and where they came from."""
    return {"format": FORMAT, "version": VERSION, "columns": list(COLUMNS), "count": count, **source}


def read_extract(lines: Iterable[str]) -> Iterator[StarterFilm]:
    """Parse an extract (its text lines, header first) into cleaned films, checking its shape."""
    it = iter(lines)
    try:
        head = json.loads(next(it))
    except (StopIteration, json.JSONDecodeError) as error:
        raise ExtractError("the extract has no header line") from error
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise ExtractError(f"not a {FORMAT} file")
    if head.get("version") != VERSION or head.get("columns") != list(COLUMNS):
        raise ExtractError(f"extract version {head.get('version')!r}; this reader reads {VERSION}")
    rows = []
    for number, line in enumerate(it, start=2):
        values = json.loads(line)
        if not isinstance(values, list) or len(values) != len(COLUMNS):
            raise ExtractError(f"line {number}: expected {len(COLUMNS)} values")
        rows.append(dict(zip(COLUMNS, values, strict=True)))
    if len(rows) != head.get("count"):
        raise ExtractError(f"the header promises {head.get('count')} films, found {len(rows)}")
    keys = [film_key(str(row["title"]), _int(row["year"]) or 0, _int(row["qid"]) or 0) for row in rows]
    shared = {key for key, n in Counter(keys).items() if n > 1}
    for row, key in zip(rows, keys, strict=True):
        yield clean_row(row, f"{key}-q{row['qid']}" if key in shared else key)
