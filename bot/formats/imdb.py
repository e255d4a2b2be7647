"""IMDb's TSV files: title.basics, with title.ratings, title.principals and name.basics beside it.

The real files hold about 10 million titles and 90 million principal rows, of which this bot
keeps the films' (movies and TV movies, about 1.2 million). Memory stays flat in the number of
films: their ids are one bit each in a bitmap (bot.formats.imdb_ids), and the rows kept from the
other files (votes, the first credits, the names these need) go to a staging store as the files
stream past (bot.store.imdb_stage: a scratch SQLite file), read back one film at a time as
title.basics is read again.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from bot.core.errors import Problem
from bot.core.limits import FIELD_LIMITS
from bot.core.models import Credit, Film
from bot.core.text import plain, whole_number
from bot.formats.columns import runtime_of
from bot.formats.entries import FilmEntry
from bot.formats.imdb_ids import Bits, id_number
from bot.formats.reading import FileProgress, checked, lines, title, year

FILM_TYPES = frozenset({"movie", "tvMovie"})
ROLES = {"director": "director", "writer": "writer", "actor": "cast", "actress": "cast", "self": "cast"}
BILLED = 4  # writers and cast kept per film: the principals a reply names
Row = FilmEntry | Problem
Staged = tuple[str, str, str | None, str | None]  # a film's principal row: role, nconst, character, name
Lines = Iterable[tuple[int, str]]


class Staging(Protocol):
    """Where the rows kept from the big files wait until their film is read (bot.store.imdb_stage)."""

    def votes(self, rows: Iterator[tuple[int, int]]) -> None: ...

    def credits(self, rows: Iterator[tuple[int, int, str, str, str | None]]) -> None: ...

    def names(self, rows: Iterator[tuple[str, str]]) -> None: ...

    def film(self, title: int) -> tuple[int, list[Staged]]: ...


StagingOpener = Callable[[], AbstractContextManager[Staging]]


def sibling(path: Path, name: str) -> Path | None:
    for candidate in (path.parent / name, path.parent / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def read_imdb(
    path: Path,
    text: io.TextIOWrapper,
    reading: FileProgress | None = None,
    staging: StagingOpener | None = None,
) -> Iterator[Row]:
    """title.basics.tsv[.gz], with title.ratings, title.principals and name.basics beside it if
    present (and somewhere to stage their rows: without, the films come without votes or credits)."""
    ratings = sibling(path, "title.ratings.tsv")
    principals, names = sibling(path, "title.principals.tsv"), sibling(path, "name.basics.tsv")
    if staging is None or not (ratings or (principals and names)):
        yield from _films(path, text, None)
        return
    with staging() as stage:
        films = film_ids(lines(path, reading))
        if ratings:
            stage.votes(kept_votes(lines(ratings, reading), films))
        if principals and names:
            people = Bits()
            stage.credits(kept_principals(lines(principals, reading), films, people))
            stage.names(kept_names(lines(names, reading), people))
        yield from _films(path, text, stage)


def film_ids(rows: Lines) -> Bits:
    """The films of title.basics (not series, episodes, shorts or adult titles)."""
    films = Bits()
    for _, line in rows:
        fields = line.split("\t", 5)  # tconst, titleType, two titles, isAdult: all a film needs
        if len(fields) == 6 and fields[1] in FILM_TYPES and fields[4] != "1":
            number = id_number(fields[0], "tt")
            if number is not None:
                films.add(number)
    return films


def kept_votes(rows: Lines, films: Bits) -> Iterator[tuple[int, int]]:
    """title.ratings (tconst, averageRating, numVotes): the films' vote counts."""
    for _, line in rows:
        fields = line.split("\t")
        number = id_number(fields[0], "tt") if len(fields) >= 3 else None
        count = whole_number(fields[2]) if number is not None and number in films else None
        if number is not None and count is not None:
            yield number, count


def kept_principals(
    rows: Lines, films: Bits, people: Bits
) -> Iterator[tuple[int, int, str, str, str | None]]:
    """title.principals (tconst, ordering, nconst, category, job, characters): the films'
    directors and first writers and cast, as (title, line, role, nconst, character); the people
    named are added to `people`. 90 M rows: a row of another title is skipped on its first
    field, and the verdict is reused while the title stays the same (the file is sorted)."""
    last, keep, number, billed = "", False, 0, {"writer": 0, "cast": 0}
    for seq, line in rows:
        tconst = line[: line.find("\t")]
        if tconst != last:
            last, billed = tconst, {"writer": 0, "cast": 0}
            found = id_number(tconst, "tt")
            keep, number = found is not None and found in films, found or 0
        if not keep:
            continue
        fields = line.split("\t")
        role = ROLES.get(fields[3]) if len(fields) >= 6 else None
        person = id_number(fields[2], "nm") if role else None
        if role is None or person is None:
            continue
        if role != "director":
            if billed[role] >= BILLED:
                continue  # credits_of applies the limit again, for a file not sorted by title
            billed[role] += 1
        character = None if role != "cast" or fields[5] == "\\N" else fields[5].strip('[]"').split('","')[0]
        people.add(person)
        yield number, seq, role, fields[2], character or None


def kept_names(rows: Lines, people: Bits) -> Iterator[tuple[str, str]]:
    """name.basics (nconst, primaryName, …): the names of the people credited."""
    for _, line in rows:
        nconst = line[: line.find("\t")]
        number = id_number(nconst, "nm")
        if number is not None and number in people:
            fields = line.split("\t", 2)
            if len(fields) > 1:
                yield nconst, fields[1]


def _films(path: Path, text: io.TextIOWrapper, stage: Staging | None) -> Iterator[Row]:
    header = text.readline()
    if not header.startswith("tconst\ttitleType\tprimaryTitle"):
        yield Problem(
            str(path), 1, "expected the IMDb title.basics header (tconst, titleType, primaryTitle, …)"
        )
        return
    for number, line in enumerate(text, start=2):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 9:
            yield Problem(str(path), number, f"expected 9 tab-separated fields, found {len(fields)}")
            continue
        if fields[1] not in FILM_TYPES or fields[4] == "1":
            continue  # series, episodes and adult titles are not films for this bot
        try:
            checked(line)
            genres = () if fields[8] == "\\N" else tuple(g.lower() for g in fields[8].split(","))
            ident = id_number(fields[0], "tt")
            votes, staged = stage.film(ident) if stage and ident is not None else (0, [])
            film = Film(
                0, title(fields[2]), year(fields[5]), credits=credits_of(staged), genres=genres,
                votes=votes, runtime=runtime_of(fields[7].replace("\\N", "")), key=f"imdb:{fields[0]}",
            )  # fmt: skip
            yield FilmEntry(film, number, str(path))
        except ValueError as exc:
            yield Problem(str(path), number, str(exc))


def credits_of(staged: list[Staged]) -> tuple[Credit, ...]:
    """Credits from a film's staged principal rows, in file order: every director, the first
    BILLED writers and cast members with a name; each person keeps IMDb's id (nm…), so
    namesakes stay different people."""
    found: list[Credit] = []
    for role, person, character, name in staged:
        cleaned = plain(name or "")[: FIELD_LIMITS["name"]]
        order = sum(1 for c in found if c.role == role)
        if not cleaned or (role != "director" and order >= BILLED):
            continue
        cut = character and plain(character)[: FIELD_LIMITS["role"]]
        found.append(Credit(cleaned, role, order, cut or None, f"imdb:{person}"))
    return tuple(found)
