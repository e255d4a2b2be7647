"""Readers for film datasets: plain CSV, MovieLens movies.csv and the IMDb TSV files.

Each reader streams rows as `FilmEntry`s (the core Film, keyed by source, and its line), or `Problem`s naming the line of a malformed row, so an
import of a million rows never holds the whole file in memory and never stops at one bad line.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO

from bot.core.errors import DataFileError, Problem
from bot.core.limits import FIELD_LIMITS, MAX_TITLE, MAX_YEAR, MIN_YEAR
from bot.core.models import Credit, Film, credits_of
from bot.core.text import digits_hint, plain, whole_number
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

MOVIELENS_TITLE = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})(?:[-–]\d{0,4})?\)\s*$")
IMDB_FILM_TYPES = {"movie", "tvMovie"}
IMDB_ID = re.compile(r"^tt\d{7,10}$")


Row = FilmEntry | Problem  # a film's key is stable per source: a re-import updates, never duplicates

# What reading a damaged file raises: not gzip (BadGzipFile is an OSError), cut short (EOFError),
# corrupt compressed data (zlib.error).
DAMAGED = (OSError, EOFError, zlib.error)


class _Damaged(Exception):
    """A file (the one read or a sibling) cannot be read past `line`."""

    def __init__(self, path: Path, line: int, exc: BaseException) -> None:
        super().__init__(str(path))
        self.problem = damage(path, line, exc)


def damage(path: Path, line: int, exc: BaseException) -> Problem:
    if isinstance(exc, EOFError):
        reason = "the file is cut short (an incomplete download?)"
    elif isinstance(exc, gzip.BadGzipFile) or (path.name.endswith(".gz") and not isinstance(exc, OSError)):
        reason = "the file is not valid gzip: download it again or remove the .gz ending"
    else:
        reason = f"the file cannot be read ({exc})"
    return Problem(str(path), line, f"{reason}; nothing after this line was read")


class Progress:
    """How far through the input file we are, measured on the raw (possibly compressed) bytes."""

    def __init__(self, raw: IO[bytes], total: int) -> None:
        self.raw, self.total = raw, max(total, 1)

    def fraction(self) -> float:
        return min(self.raw.tell() / self.total, 1.0)


def open_text(path: Path) -> tuple[io.TextIOWrapper, Progress]:
    raw = path.open("rb")
    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if path.name.endswith(".gz") else raw  # type: ignore[assignment]
    # surrogateescape keeps undecodable bytes as markers, so each row can report its own line;
    # utf-8-sig drops the byte order mark Excel writes at the start of "CSV UTF-8" files.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    return text, Progress(raw, path.stat().st_size)


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


def _year(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text or text == "\\N":
        return None
    year = whole_number(text)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {text!r} is not a year between {MIN_YEAR} and {MAX_YEAR}{digits_hint(text)}")
    return year


def _text(value: str) -> str:
    if any("\udc80" <= char <= "\udcff" for char in value):
        raise ValueError("not valid UTF-8: save the file as UTF-8")
    return value


def _title(text: str | None) -> str:
    title = plain(_text(text or ""))  # the one cleaning rule, as for typed and uploaded titles
    if not title:
        raise ValueError("empty title")
    if len(title) > MAX_TITLE:
        raise ValueError(f"title is {len(title)} characters; the limit is {MAX_TITLE}")
    return title


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


def _sibling(path: Path, name: str) -> Path | None:
    for candidate in (path.parent / name, path.parent / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


FileProgress = Callable[[str, float], None]  # (file name, fraction read): shown while reading
PROGRESS_EVERY = 50_000  # lines between progress reports: several a second, negligible cost


def _tsv(path: Path, reading: FileProgress | None = None) -> Iterator[tuple[int, list[str]]]:
    text, position = open_text(path)
    number = 1
    if reading:
        reading(path.name, 0.0)
    with text:
        try:
            next(text, None)
            for number, line in enumerate(text, start=2):
                if reading and number % PROGRESS_EVERY == 0:
                    reading(path.name, position.fraction())
                yield number, line.rstrip("\n").split("\t")
        except DAMAGED as exc:
            raise _Damaged(path, number, exc) from None
    if reading:
        reading(path.name, 1.0)


def _film_ids(path: Path, reading: FileProgress | None) -> set[str]:
    """The ids of the films in title.basics: only their rows of the other files are kept, so the
    90 million principal rows of series and episodes never reach memory."""
    return {f[0] for _, f in _tsv(path, reading) if len(f) == 9 and f[1] in IMDB_FILM_TYPES and f[4] != "1"}


def read_imdb(path: Path, text: io.TextIOWrapper, reading: FileProgress | None = None) -> Iterator[Row]:
    """title.basics.tsv[.gz], with title.ratings, title.principals and name.basics beside it if present."""
    votes: dict[str, int] = {}
    ratings = _sibling(path, "title.ratings.tsv")
    principals, names = _sibling(path, "title.principals.tsv"), _sibling(path, "name.basics.tsv")
    films = _film_ids(path, reading) if ratings or (principals and names) else set()
    if ratings:
        for _, fields in _tsv(ratings, reading):
            count = whole_number(fields[2]) if len(fields) >= 3 and fields[0] in films else None
            if count is not None:
                votes[fields[0]] = count
    people = _people(path, films, reading)
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
        if fields[1] not in IMDB_FILM_TYPES or fields[4] == "1":
            continue  # series, episodes and adult titles are not films for this bot
        try:
            _text(line)
            genres = () if fields[8] == "\\N" else tuple(g.lower() for g in fields[8].split(","))
            film = Film(
                0, _title(fields[2]), _year(fields[5]), credits=people.get(fields[0], ()), genres=genres,
                votes=votes.get(fields[0], 0), runtime=runtime_of(fields[7].replace("\\N", "")),
                key=f"imdb:{fields[0]}",
            )  # fmt: skip
            yield FilmEntry(film, number, str(path))
        except ValueError as exc:
            yield Problem(str(path), number, str(exc))


IMDB_ROLES = {"director": "director", "writer": "writer", "actor": "cast", "actress": "cast", "self": "cast"}
IMDB_BILLED = 4  # writers and cast kept per film: the principals a reply names


def _people(path: Path, films: set[str], reading: FileProgress | None) -> dict[str, tuple[Credit, ...]]:
    """Directors, and the first writers and cast members, per title, when the principals files are
    there; each person keeps IMDb's id (nm…), so namesakes stay different people."""
    principals, names_file = _sibling(path, "title.principals.tsv"), _sibling(path, "name.basics.tsv")
    if principals is None or names_file is None:
        return {}
    wanted: dict[str, list[tuple[str, str, str | None]]] = {}
    for _, fields in _tsv(principals, reading):
        role = IMDB_ROLES.get(fields[3]) if len(fields) >= 6 and fields[0] in films else None
        if role is None:
            continue
        credits = wanted.setdefault(fields[0], [])
        if role == "director" or sum(1 for c in credits if c[0] == role) < IMDB_BILLED:
            character = (
                None if role != "cast" or fields[5] == "\\N" else fields[5].strip('[]"').split('","')[0]
            )
            credits.append((role, fields[2], character or None))
    needed = {person for credits in wanted.values() for _, person, _ in credits}
    names = {f[0]: f[1] for _, f in _tsv(names_file, reading) if len(f) > 1 and f[0] in needed}
    result = {}
    for title, credits in wanted.items():
        found: list[Credit] = []
        for role, person, character in credits:
            name = plain(names.get(person, ""))[: FIELD_LIMITS["name"]]
            if name:
                order = sum(1 for c in found if c.role == role)
                cut = character and plain(character)[: FIELD_LIMITS["role"]]
                found.append(Credit(name, role, order, cut or None, f"imdb:{person}"))
        result[title] = tuple(found)
    return result


READERS = {"csv": read_csv, "movielens": read_movielens, "imdb": read_imdb}


def read_rows(
    kind: str,
    path: Path,
    text: io.TextIOWrapper,
    mapping: Mapping[str, str] | None = None,
    reading: FileProgress | None = None,
) -> Iterator[Row]:
    """The rows of a dataset file; a damaged or cut-short file ends with one Problem naming it
    and the line reached, after every row read before the damage."""
    line = 0
    try:
        if kind == "csv":
            rows = read_csv(path, text, mapping)
        elif kind == "imdb":
            rows = read_imdb(path, text, reading)
        else:
            rows = READERS[kind](path, text)
        for row in rows:
            line = row.line or line
            yield row
    except _Damaged as damaged:
        yield damaged.problem
    except DAMAGED as exc:
        yield damage(path, line + 1, exc)
