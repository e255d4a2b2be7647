"""Readers for film datasets: plain CSV, MovieLens movies.csv and the IMDb TSV files.

Each reader streams rows as `FilmEntry`s (the core Film, keyed by source, and its line), or `Problem`s naming the line of a malformed row, so an
import of a million rows never holds the whole file in memory and never stops at one bad line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path

from bot.core.errors import DataFileError, Problem
from bot.core.models import Film, credits_of
from bot.core.text import whole_number
from bot.formats.columns import (
    ALIASES,
    Columns,
    count_of,
    normalise,
    people_of,
    runtime_of,
    spoken_title,
    year_of,
)
from bot.formats.entries import FilmEntry, HeaderNote
from bot.formats.imdb import StagingOpener, read_imdb
from bot.formats.reading import DAMAGED, Damaged, FileProgress, Progress, damage, open_text
from bot.formats.reading import checked as _text
from bot.formats.reading import title as _title
from bot.formats.reading import year as _year

MOVIELENS_TITLE = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})(?:[-–]\d{0,4})?\)\s*$")
IMDB_ID = re.compile(r"^tt\d{7,10}$")


Row = FilmEntry | Problem  # a film's key is stable per source: a re-import updates, never duplicates
__all__ = ["FileProgress", "Progress", "Row", "detect", "open_text", "read_rows"]


def detect(path: Path, mapping: Mapping[str, str] | None = None) -> str:
    """'imdb', 'movielens', 'csv' or 'yaml', from the file name and header."""
    name = path.name.lower()
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.startswith("title.basics.tsv"):
        return "imdb"
    text, _ = open_text(path)
    try:
        with text:
            header = text.readline().strip()
    except DAMAGED as exc:
        raise DataFileError([damage(path, 1, exc)]) from None
    if header == "movieId,title,genres":
        return "movielens"
    columns = {normalise(c) for c in next(csv.reader([header]), [])}
    known = {alias for aliases in ALIASES.values() for alias in aliases}
    if mapping or "title" in columns or (columns & set(ALIASES["title"]) and len(columns & known) > 1):
        return "csv"  # 'name' alone could be anything: it needs a year, a genre or an id beside it
    raise DataFileError([Problem(str(path), 1, "unknown format: expected a CSV with a title column (or --map title=<column>), "
                                 "MovieLens movies.csv, IMDb title.basics.tsv or a catalogue YAML file")])  # fmt: skip


def read_csv(path: Path, text: io.TextIOWrapper, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """A header naming a title column (any alias, or --map); see bot.formats.columns for the rest."""
    reader = csv.reader(text, strict=True)  # strict: an unclosed quote is an error, not a merged row
    try:
        columns = Columns(next(reader, []), mapping)
    except ValueError as exc:
        yield Problem(str(path), 1, str(exc))
        return
    if "title" not in columns.at:
        yield Problem(str(path), 1, "no title column: name it with --map title=<column>")
        return
    if columns.unknown:
        yield HeaderNote(str(path), 1, f"ignoring unknown columns: {', '.join(columns.unknown)}")
    for line, fields in records(path, reader):
        if isinstance(fields, Problem):
            yield fields
            continue
        try:
            yield FilmEntry(_csv_film(columns, [_text(f) for f in fields]), line, str(path))
        except ValueError as exc:
            yield Problem(str(path), line, str(exc))


def _csv_film(columns: Columns, fields: list[str]) -> Film:
    raw_title = columns.value(fields, "title")
    if "\n" in raw_title or "\r" in raw_title:
        raise ValueError("the title runs over several lines: is a quote left open?")
    year = year_of(columns.value(fields, "year"))
    title = _title(spoken_title(raw_title, year))
    credits = credits_of(
        people_of(columns.value(fields, "director")),
        [(name, None) for name in people_of(columns.value(fields, "cast"))],
        people_of(columns.value(fields, "writer")),
    )
    imdb, ident = columns.value(fields, "imdb"), columns.value(fields, "id")
    if imdb and not IMDB_ID.match(imdb):
        raise ValueError(f"IMDb id {imdb!r} is not like tt0068646")
    if imdb:
        key = f"imdb:{imdb}"  # the same film from any dataset carrying its IMDb id
    elif ident:
        source = "movielens" if columns.column("id") == "movieid" else "csv"  # MovieLens's own ids
        key = f"{source}:{ident}"
    else:
        key = f"csv:{title.casefold()}:{year or ''}"
    return Film(
        0, title, year, credits=credits, genres=columns.genres(fields),
        votes=count_of(columns.value(fields, "votes"), "votes"),
        runtime=runtime_of(columns.value(fields, "runtime")), key=key,
    )  # fmt: skip


def records(path: Path, reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str] | Problem]]:
    """Each CSV record with the line it starts on; a record csv refuses becomes a Problem there.

    csv raises for a field over its 131,072-character limit and, being strict, for a quote that
    is never closed; it then carries on at the next line."""
    done = 1
    while True:
        start = done + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                message = "a quote opened on this line is never closed, so nothing after it was read"
            elif "field larger than field limit" in str(exc):
                message = f"a field is longer than {csv.field_size_limit():,} characters"
            else:
                message = f"malformed CSV ({exc}): check the quotes on this line"
            yield start, Problem(str(path), start, message)
            done = reader.line_num  # type: ignore[attr-defined]
            continue
        done = reader.line_num  # type: ignore[attr-defined]
        yield start, fields


def read_movielens(path: Path, text: io.TextIOWrapper) -> Iterator[Row]:
    """movieId,title,genres with the year inside the title: 'Matrix, The (1999)'."""
    reader = csv.reader(text, strict=True)
    next(reader, None)
    for line, row in records(path, reader):
        if isinstance(row, Problem):
            yield row
            continue
        try:
            _text(",".join(row))
            if len(row) != 3 or whole_number(row[0]) is None:
                raise ValueError("expected movieId,title,genres")
            match = MOVIELENS_TITLE.match(row[1])
            title, year = (match.group("title"), _year(match.group("year"))) if match else (row[1], None)
            title = spoken_title(title, year)  # MovieLens writes "Matrix, The": say it as people do
            genres = () if row[2] == "(no genres listed)" else tuple(g.lower() for g in row[2].split("|"))
            yield FilmEntry(
                Film(0, _title(title), year, genres=genres, key=f"movielens:{row[0]}"), line, str(path)
            )
        except ValueError as exc:
            yield Problem(str(path), line, str(exc))


READERS = {"csv": read_csv, "movielens": read_movielens, "imdb": read_imdb}


def read_rows(
    kind: str,
    path: Path,
    text: io.TextIOWrapper,
    mapping: Mapping[str, str] | None = None,
    reading: FileProgress | None = None,
    staging: StagingOpener | None = None,
) -> Generator[Row, None, None]:
    """The rows of a dataset file; a damaged or cut-short file ends with one Problem naming it
    and the line reached, after every row read before the damage. `staging` holds what an IMDb
    import keeps of the files beside title.basics (bot.store.imdb_stage)."""
    line = 0
    try:
        if kind == "csv":
            rows = read_csv(path, text, mapping)
        elif kind == "imdb":
            rows = read_imdb(path, text, reading, staging)
        else:
            rows = READERS[kind](path, text)
        for row in rows:
            line = row.line or line
            yield row
    except Damaged as damaged:
        yield damaged.problem
    except DAMAGED as exc:
        yield damage(path, line + 1, exc)
