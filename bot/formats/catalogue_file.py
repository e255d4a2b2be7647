"""The catalogue file format (data/*.yaml, admin uploads): schema checks with file:line errors.

A file holds any of four lists: `films`, `reviews`, `similar` and `aliases`. Every problem found is
collected, so a person fixes a file in one pass rather than one error per attempt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import DataFileError, Problem
from bot.core.limits import DEFAULT_FIELD_LIMIT, FIELD_LIMITS, MAX_KEY, MAX_VOTES, MAX_YEAR, MIN_YEAR
from bot.core.models import Film, credits_of, title_label
from bot.core.normalise import title_key
from bot.core.text import digits_hint, plain, url_problem, whole_number
from bot.formats.entries import FilmEntry
from bot.formats.yamlfile import Located, decode, parse

KEY = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_KEY - 1}}}$")
FILM_FIELDS = {
    "id", "title", "year", "director", "writers", "cast", "genres", "synopsis", "release", "votes", "aliases"
}  # fmt: skip
REVIEW_FIELDS = {"film", "quote", "source", "author", "verdict", "url"}
SIMILAR_FIELDS = {"film", "like", "reason"}
ALIAS_FIELDS = {"film", "alias"}


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    film: str
    quote: str
    source: str
    author: str | None = None
    verdict: str | None = None
    url: str | None = None
    line: int = 0
    file: str = ""


@dataclass(frozen=True, slots=True)
class SimilarRecord:
    film: str
    like: str
    reason: str
    line: int = 0
    file: str = ""


@dataclass(frozen=True, slots=True)
class AliasRecord:
    film: str
    alias: str
    line: int = 0
    file: str = ""


@dataclass
class CatalogueData:
    films: list[FilmEntry] = field(default_factory=list)
    reviews: list[ReviewRecord] = field(default_factory=list)
    similar: list[SimilarRecord] = field(default_factory=list)
    aliases: list[AliasRecord] = field(default_factory=list)

    def extend(self, other: CatalogueData) -> None:
        self.films += other.films
        self.reviews += other.reviews
        self.similar += other.similar
        self.aliases += other.aliases


class _Checker:
    """Reads Located values against the schema, recording problems instead of stopping."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, f"{where}: {message}"))

    def mapping(self, item: Located, where: str, allowed: set[str]) -> dict[str, Located] | None:
        if not isinstance(item.value, dict):
            self.fail(item.line, where, "expected a mapping of fields (`field: value`)")
            return None
        for key, value in item.value.items():
            if key not in allowed:
                self.fail(value.line, where, f"unknown field {key!r} (expected {', '.join(sorted(allowed))})")
        return item.value

    def text(
        self,
        fields: dict[str, Located],
        key: str,
        where: str,
        *,
        required: bool = False,
        at: int | None = None,
    ) -> str | None:
        """A text field; `at` is the entry's line, reported when a required field is missing."""
        item = fields.get(key)
        if item is None or item.value is None:
            if required:
                line = item.line if item else at
                self.fail(line, f"{where}.{key}" if item else where, f"missing required field {key!r}")
            return None
        if not isinstance(item.value, str):
            self.fail(item.line, f"{where}.{key}", "expected text")
            return None
        return self.clean(
            item.value, item.line, f"{where}.{key}", FIELD_LIMITS.get(key, DEFAULT_FIELD_LIMIT), required
        )

    def clean(self, value: str, line: int, where: str, limit: int, required: bool = True) -> str | None:
        if any(ord(char) < 32 and not char.isspace() for char in value):
            self.fail(line, where, "contains control characters")
        value = plain(value)  # the one cleaning rule, as for typed and imported text
        if not value:
            if required:
                self.fail(line, where, "must not be empty")
            return None
        if len(value) > limit:
            self.fail(line, where, f"is {len(value)} characters; the limit is {limit}")
        return value

    def integer(self, fields: dict[str, Located], key: str, where: str, low: int, high: int) -> int | None:
        item = fields.get(key)
        if item is None or item.value is None:
            return None
        number = whole_number(item.value) if isinstance(item.value, str) else None
        if number is None:
            self.fail(
                item.line,
                f"{where}.{key}",
                f"expected a whole number, got {item.value!r}{digits_hint(str(item.value))}",
            )
            return None
        if not low <= number <= high:
            self.fail(item.line, f"{where}.{key}", f"{number} is outside {low}..{high}")
            return None
        return number

    def texts(self, fields: dict[str, Located], key: str, where: str, limit_key: str) -> tuple[str, ...]:
        item = fields.get(key)
        if item is None or item.value is None:
            return ()
        if not isinstance(item.value, list):
            self.fail(item.line, f"{where}.{key}", "expected a list")
            return ()
        found = []
        for index, entry in enumerate(item.value):
            if not isinstance(entry.value, str):
                self.fail(entry.line, f"{where}.{key}[{index}]", "expected text")
                continue
            value = self.clean(entry.value, entry.line, f"{where}.{key}[{index}]", FIELD_LIMITS[limit_key])
            if value:
                found.append(value)
        return tuple(found)

    def names(self, fields: dict[str, Located], key: str, where: str) -> tuple[str, ...]:
        """People named by one text or a list of texts ('director: Lana Wachowski' or a list)."""
        item = fields.get(key)
        if item is not None and isinstance(item.value, str):
            name = self.clean(item.value, item.line, f"{where}.{key}", FIELD_LIMITS["name"])
            return (name,) if name else ()
        return self.texts(fields, key, where, "name")

    def cast(self, fields: dict[str, Located], where: str) -> tuple[tuple[str, str | None], ...]:
        item = fields.get("cast")
        if item is None or item.value is None:
            return ()
        if not isinstance(item.value, list):
            self.fail(item.line, f"{where}.cast", "expected a list of names or {name, role} mappings")
            return ()
        members: list[tuple[str, str | None]] = []
        for index, entry in enumerate(item.value):
            here = f"{where}.cast[{index}]"
            if isinstance(entry.value, str):
                name = self.clean(entry.value, entry.line, here, FIELD_LIMITS["name"])
                if name:
                    members.append((name, None))
                continue
            member = self.mapping(entry, here, {"name", "role"})
            if member is not None:
                name = self.text(member, "name", here, required=True, at=entry.line)
                if name:
                    members.append((name, self.text(member, "role", here)))
        return tuple(members)

    def key(self, fields: dict[str, Located], name: str, where: str, at: int) -> str | None:
        value = self.text(fields, name, where, required=True, at=at)
        if value is not None and not KEY.match(value):
            self.fail(fields[name].line, f"{where}.{name}", f"{value!r} is not an id like 'backtrace-2021'")
            return None
        return value


Record = FilmEntry | ReviewRecord | SimilarRecord | AliasRecord


def _read_section(
    check: _Checker,
    items: list[Located],
    section: str,
    allowed: set[str],
    build: Callable[[dict[str, Located], str, Located], Record],
) -> list[Record]:
    """Check each entry of a section; keep the entries that raised no problem."""
    records = []
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        fields = check.mapping(item, where, allowed)
        if fields is None:
            continue
        before = len(check.problems)
        record = build(fields, where, item)
        if len(check.problems) == before:
            records.append(record)
    return records


def _films(check: _Checker, items: list[Located]) -> list[Record]:
    def build(fields: dict[str, Located], where: str, item: Located) -> Record:
        directors = check.names(fields, "director", where)
        writers = check.names(fields, "writers", where)
        film = Film(
            id=0,
            key=check.key(fields, "id", where, item.line) or "",
            title=check.text(fields, "title", where, required=True, at=item.line) or "",
            year=check.integer(fields, "year", where, MIN_YEAR, MAX_YEAR),
            credits=credits_of(directors, check.cast(fields, where), writers),
            genres=check.texts(fields, "genres", where, "genre"),
            synopsis=check.text(fields, "synopsis", where),
            release=check.text(fields, "release", where),
            votes=check.integer(fields, "votes", where, 0, MAX_VOTES) or 0,
            aliases=check.texts(fields, "aliases", where, "alias"),
        )
        return FilmEntry(film, item.line, check.name)

    return _read_section(check, items, "films", FILM_FIELDS, build)


def _reviews(check: _Checker, items: list[Located]) -> list[Record]:
    def build(fields: dict[str, Located], where: str, item: Located) -> Record:
        url = check.text(fields, "url", where)
        problem = url_problem(url) if url is not None else None
        if problem:
            check.fail(fields["url"].line, f"{where}.url", problem)
        return ReviewRecord(
            film=check.key(fields, "film", where, item.line) or "",
            quote=check.text(fields, "quote", where, required=True, at=item.line) or "",
            source=check.text(fields, "source", where, required=True, at=item.line) or "",
            author=check.text(fields, "author", where),
            verdict=check.text(fields, "verdict", where),
            url=url,
            line=item.line,
            file=check.name,
        )

    return _read_section(check, items, "reviews", REVIEW_FIELDS, build)


def _similar(check: _Checker, items: list[Located]) -> list[Record]:
    def build(fields: dict[str, Located], where: str, item: Located) -> Record:
        record = SimilarRecord(
            film=check.key(fields, "film", where, item.line) or "",
            like=check.key(fields, "like", where, item.line) or "",
            reason=check.text(fields, "reason", where, required=True, at=item.line) or "",
            line=item.line,
            file=check.name,
        )
        if record.film and record.film == record.like:
            check.fail(item.line, where, "a film cannot be similar to itself")
        return record

    return _read_section(check, items, "similar", SIMILAR_FIELDS, build)


def _aliases(check: _Checker, items: list[Located]) -> list[Record]:
    def build(fields: dict[str, Located], where: str, item: Located) -> Record:
        return AliasRecord(
            film=check.key(fields, "film", where, item.line) or "",
            alias=check.text(fields, "alias", where, required=True, at=item.line) or "",
            line=item.line,
            file=check.name,
        )

    return _read_section(check, items, "aliases", ALIAS_FIELDS, build)


SECTIONS = {"films": _films, "reviews": _reviews, "similar": _similar, "aliases": _aliases}


def read_text(text: str, name: str) -> tuple[CatalogueData, list[Problem]]:
    """Parse one file's text. Problems are returned, not raised, so several files report together."""
    try:
        root = parse(text, name)
    except DataFileError as exc:
        return CatalogueData(), exc.problems
    check = _Checker(name)
    data = CatalogueData()
    top = check.mapping(root, "file", set(SECTIONS)) if root.value != {} else {}
    for section, reader in (top or {}).items():
        if section not in SECTIONS:
            continue
        if section_items := _section_list(check, reader, section):
            records = SECTIONS[section](check, section_items)
            getattr(data, section).extend(records)
    return data, check.problems


def _section_list(check: _Checker, item: Located, section: str) -> list[Located]:
    if item.value is None:
        return []
    if not isinstance(item.value, list):
        check.fail(item.line, section, "expected a list (each entry starts with '- ')")
        return []
    return list(item.value)


def cross_check(data: CatalogueData, known: Iterable[str] = ()) -> list[Problem]:
    """Ids must be unique and every reference must name a film in this data or in `known`."""
    problems: list[Problem] = []
    seen: set[str] = set()
    titles: set[tuple[str, int | None]] = set()
    for entry in data.films:
        film = entry.film
        if film.key in seen:
            problems.append(Problem(entry.file, entry.line, f"duplicate film id {film.key!r}"))
        seen.add(film.key)
        signature = (title_key(film.title), film.year)
        if signature in titles:
            listed = title_label(repr(film.title), film.year)
            problems.append(Problem(entry.file, entry.line, f"{listed} is listed twice"))
        titles.add(signature)
    ids = set(seen) | set(known)
    for review in data.reviews:
        if review.film not in ids:
            problems.append(Problem(review.file, review.line, f"review of unknown film id {review.film!r}"))
    for link in data.similar:
        for ref in (link.film, link.like):
            if ref not in ids:
                problems.append(Problem(link.file, link.line, f"similar link to unknown film id {ref!r}"))
    for alias in data.aliases:
        if alias.film not in ids:
            problems.append(Problem(alias.file, alias.line, f"alias for unknown film id {alias.film!r}"))
    return problems


def seed_files(folder: Path) -> list[Path]:
    """The *.yaml files of a seed folder; DataFileError naming each *.yaml that is not a file."""
    files, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            problems.append(Problem(str(path), None, "is a folder, not a YAML file: rename or remove it"))
        else:
            problems.append(Problem(str(path), None, "is a link to a file that does not exist: remove it"))
    if problems:
        raise DataFileError(problems)
    return files


def load_folder(folder: Path) -> CatalogueData:
    """Read and check every *.yaml file in a folder; raise DataFileError listing all problems."""
    data = CatalogueData()
    problems: list[Problem] = []
    for path in seed_files(folder):
        try:
            text = decode(path.read_bytes(), str(path))
        except OSError as exc:
            problems.append(Problem(str(path), None, f"cannot be read: {exc.strerror or exc}"))
            continue
        except DataFileError as exc:
            problems += exc.problems
            continue
        part, found = read_text(text, str(path))
        problems += found
        data.extend(part)
    problems += cross_check(data)
    if problems:
        raise DataFileError(problems)
    return data
