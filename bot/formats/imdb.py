"""IMDb's TSV files: title.basics, with title.ratings, title.principals and name.basics beside it.

The real files hold about 10 million titles and 90 million principal rows, of which this bot
keeps the films' (movies and TV movies, about 1.2 million). Memory stays flat in the number of
films: their ids are one bit each in a bitmap indexed by the number in the id (tt0068646 ->
68646), and the rows kept from the other files (votes, the first credits, the names these need)
are staged in a private SQLite file in the temp folder (TMPDIR), read back one film at a time as
title.basics is read again, and deleted at the end (bot.formats.imdb_stage).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from bot.core.errors import Problem
from bot.core.limits import FIELD_LIMITS
from bot.core.models import Credit, Film
from bot.core.text import plain
from bot.formats.columns import runtime_of
from bot.formats.entries import FilmEntry
from bot.formats.imdb_stage import BILLED, Bits, Stage, id_number
from bot.formats.reading import FileProgress, checked, lines, title, year

FILM_TYPES = frozenset({"movie", "tvMovie"})
Row = FilmEntry | Problem


def sibling(path: Path, name: str) -> Path | None:
    for candidate in (path.parent / name, path.parent / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def film_ids(path: Path, reading: FileProgress | None) -> Bits:
    """The films of title.basics (not series, episodes, shorts or adult titles)."""
    films = Bits()
    for _, line in lines(path, reading):
        fields = line.split("\t", 5)  # tconst, titleType, two titles, isAdult: all a film needs
        if len(fields) == 6 and fields[1] in FILM_TYPES and fields[4] != "1":
            number = id_number(fields[0], "tt")
            if number is not None:
                films.add(number)
    return films


def read_imdb(path: Path, text: io.TextIOWrapper, reading: FileProgress | None = None) -> Iterator[Row]:
    """title.basics.tsv[.gz], with title.ratings, title.principals and name.basics beside it if present."""
    ratings = sibling(path, "title.ratings.tsv")
    principals, names = sibling(path, "title.principals.tsv"), sibling(path, "name.basics.tsv")
    with tempfile.TemporaryDirectory(prefix="filmbot-imdb-") as folder, closing(Stage(Path(folder))) as stage:
        if ratings or (principals and names):
            films = film_ids(path, reading)
            if ratings:
                stage.votes(lines(ratings, reading), films)
            if principals and names:
                stage.principals(lines(principals, reading), films)
                stage.names(lines(names, reading))
        yield from _films(path, text, stage)


def _films(path: Path, text: io.TextIOWrapper, stage: Stage) -> Iterator[Row]:
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
            votes, staged = stage.film(ident) if ident is not None else (0, [])
            film = Film(
                0, title(fields[2]), year(fields[5]), credits=credits_of(staged), genres=genres, votes=votes,
                runtime=runtime_of(fields[7].replace("\\N", "")), key=f"imdb:{fields[0]}",
            )  # fmt: skip
            yield FilmEntry(film, number, str(path))
        except ValueError as exc:
            yield Problem(str(path), number, str(exc))


def credits_of(staged: list[tuple[str, str, str | None, str | None]]) -> tuple[Credit, ...]:
    """Credits from a film's staged principal rows (role, nconst, character, name), in file
    order: every director, the first BILLED writers and cast members with a name; each person
    keeps IMDb's id (nm…), so namesakes stay different people."""
    found: list[Credit] = []
    for role, person, character, name in staged:
        cleaned = plain(name or "")[: FIELD_LIMITS["name"]]
        order = sum(1 for c in found if c.role == role)
        if not cleaned or (role != "director" and order >= BILLED):
            continue
        cut = character and plain(character)[: FIELD_LIMITS["role"]]
        found.append(Credit(cleaned, role, order, cut or None, f"imdb:{person}"))
    return tuple(found)
