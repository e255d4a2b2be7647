"""Reading the CSV shapes people actually have, without an adapter.

A column is found by its name, compared case-insensitively and ignoring spaces, dashes and
underscores, under common aliases (`imdbID`, `movieId`, `numVotes`, `Runtime`, `Genre`, …);
`--map title=Name,year=Released` names the columns of any other shape. Values are read as the
usual exports write them: years as `1995`, `1995.0` or a release date, people as `;`- or
`,`-separated lists (a ", Jr." stays with its name), genres as one list or as 0/1 flag columns
(ggplot2's `movies`), runtimes as `175` or `175 min`, votes as `1,234,567`, titles written
`Godfather, The` as people say them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.core.limits import FIELD_LIMITS, MAX_RUNTIME, MAX_YEAR, MIN_YEAR
from bot.core.text import digits_hint, plain, whole_number
from bot.formats.wikidata import split_names

# The fields a row can fill, each with the column names (normalised) that mean it.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "primarytitle", "movietitle", "filmtitle", "film", "movie"),
    "year": ("year", "startyear", "releaseyear", "yearreleased"),
    "id": ("id", "movieid", "filmid"),
    "imdb": ("imdbid", "imdb", "tconst", "imdbtitleid"),
    "director": ("director", "directors", "directedby"),
    "writer": ("writer", "writers", "screenplay"),
    "cast": ("cast", "actors", "stars", "starring"),
    "genres": ("genres", "genre"),
    "votes": ("votes", "numvotes", "imdbvotes", "votecount"),
    "runtime": ("runtime", "runtimeminutes", "length", "duration", "minutes"),
}
# Genre flag columns (ggplot2's movies: Action, Animation, Comedy, … holding 0 or 1).
GENRE_FLAGS = frozenset(
    [
        "action",
        "adventure",
        "animation",
        "biography",
        "comedy",
        "crime",
        "documentary",
        "drama",
        "family",
        "fantasy",
        "filmnoir",
        "history",
        "horror",
        "music",
        "musical",
        "mystery",
        "romance",
        "scifi",
        "short",
        "sport",
        "thriller",
        "war",
        "western",
    ]
)
FLAG_SET = frozenset({"1", "true", "yes", "y", "x"})
EMPTY = frozenset({"", "\\n", "n/a", "na", "nan", "none", "null"})  # how exports write "unknown"
ARTICLE = re.compile(r"^(?P<rest>.+), (?P<article>The|A|An|Les|La|Le|L'|Il|El|Der|Die|Das)$")
_FLOAT_WHOLE = re.compile(r"^(\d+)\.0*$")  # pandas writes a year or count with a NaN as 1995.0
_DATE_YEAR = re.compile(
    r"^(?:(\d{4})-\d{1,2}(?:-\d{1,2})?|\d{1,2} [A-Za-z]{3,9}\.? (\d{4})|[A-Za-z]{3,9}\.? \d{1,2},? (\d{4}))$"
)
_RUNTIME = re.compile(r"^(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)(?:\.0*)?\s*(?:m|min|mins|minutes)?\.?)?$")
_CREDIT_NOTE = re.compile(r"\s*\([^)]*\)")  # OMDb: "Mario Puzo (screenplay by)"


def normalise(column: str) -> str:
    return re.sub(r"[\s_\-.]", "", column.strip().lower())


class Columns:
    """Which column of a header holds which field, and which columns are genre flags."""

    def __init__(self, header: list[str], mapping: Mapping[str, str] | None = None) -> None:
        names = self.names = [normalise(column) for column in header]
        self.at: dict[str, int] = {}
        self.flags: dict[int, str] = {}
        for field, column in (mapping or {}).items():
            if normalise(column) not in names:
                raise ValueError(f"--map {field}={column}: the file has no column {column!r}")
            self.at[field] = names.index(normalise(column))
        taken = set(self.at.values())
        for field, aliases in ALIASES.items():
            if field in self.at:
                continue
            for alias in aliases:  # the first alias in this order wins: 'title' before 'name'
                if alias in names and names.index(alias) not in taken:
                    self.at[field] = names.index(alias)
                    taken.add(self.at[field])
                    break
        if "genres" not in self.at:
            self.flags = {i: header[i].strip() for i, n in enumerate(names) if n in GENRE_FLAGS}
        self.unknown = [
            header[i].strip()
            for i in range(len(header))
            if names[i] and i not in taken and i not in self.flags
        ]

    def column(self, field: str) -> str:
        """The normalised name of the column holding `field`, or ''."""
        return self.names[self.at[field]] if field in self.at else ""

    def value(self, fields: list[str], field: str) -> str:
        index = self.at.get(field)
        if index is None or index >= len(fields):
            return ""
        value = fields[index].strip()
        return "" if value.casefold() in EMPTY else value

    def genres(self, fields: list[str]) -> tuple[str, ...]:
        if self.flags:
            flagged = [
                name
                for i, name in self.flags.items()
                if i < len(fields) and fields[i].strip().lower() in FLAG_SET
            ]
            return tuple(name.lower() for name in flagged)
        listed = self.value(fields, "genres")
        return tuple(dict.fromkeys(g.strip().lower() for g in re.split(r"[|,;]", listed) if g.strip()))


def parse_mapping(text: str) -> dict[str, str]:
    """'title=Name,year=Released' -> {'title': 'Name', 'year': 'Released'}; unknown fields refused."""
    mapping: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise ValueError(f"--map expects field=Column pairs separated by commas, not {part.strip()!r}")
        if field not in ALIASES:
            raise ValueError(f"--map: unknown field {field!r}; the fields are {', '.join(ALIASES)}")
        mapping[field] = column.strip()
    return mapping


def year_of(text: str) -> int | None:
    """1995, 1995.0, 1995-03-24, 24 Mar 1995 or March 24, 1995; empty is unknown."""
    if not text or text.casefold() in EMPTY:
        return None
    number = _FLOAT_WHOLE.match(text)
    date = _DATE_YEAR.match(text)
    if number:
        year: int | None = int(number.group(1))
    elif date:
        year = int(next(group for group in date.groups() if group))
    else:
        year = whole_number(text)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {text!r} is not a year between {MIN_YEAR} and {MAX_YEAR}{digits_hint(text)}")
    return year


def count_of(text: str, what: str) -> int:
    """A count written 1234567, 1,234,567 or 1234567.0; empty is 0."""
    if not text:
        return 0
    cleaned = text.replace(",", "").replace("_", "")
    number = _FLOAT_WHOLE.match(cleaned)
    value = int(number.group(1)) if number else whole_number(cleaned)
    if value is None:
        raise ValueError(f"{what} {text!r} is not a whole number{digits_hint(text)}")
    return value


def runtime_of(text: str) -> int | None:
    """Minutes from 175, 175 min, 2h 55min or 175.0; empty is unknown."""
    if not text:
        return None
    match = _RUNTIME.match(text.strip().lower())
    if not match or not any(match.groups()):
        raise ValueError(f"runtime {text!r} is not a number of minutes (like 142 or 142 min)")
    minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 0 < minutes <= MAX_RUNTIME:
        raise ValueError(f"runtime {text!r} is not between 1 and {MAX_RUNTIME:,} minutes")
    return minutes


def people_of(text: str) -> list[str]:
    """'A; B', 'A|B' or 'A, B, William Broyles, Jr.' -> cleaned names, each cut to the name limit."""
    if ";" in text or "|" in text:
        parts: tuple[str, ...] | list[str] = re.split(r"[;|]", text)
    else:
        parts = split_names(text)
    names = (plain(_CREDIT_NOTE.sub("", part)) for part in parts)
    unique = dict.fromkeys(
        name[: FIELD_LIMITS["name"]] for name in names if name and name.casefold() not in EMPTY
    )
    return list(unique)


def spoken_title(title: str, year: int | None) -> str:
    """'Godfather, The' -> 'The Godfather'; a trailing '(1995)' repeating the year is dropped."""
    title = title.strip()
    if year is not None and title.endswith(f"({year})"):
        title = title[: -len(f"({year})")].strip()
    moved = ARTICLE.match(title)
    return f"{moved.group('article')} {moved.group('rest')}" if moved else title
