"""The catalogue file format (data/*.yaml, admin uploads): schema checks with file:line errors.

A file holds any of four lists: `films`, `reviews`, `similar` and `aliases`. Every problem found is
collected, so a person fixes a file in one pass rather than one error per attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import DataFileError, Problem
from bot.core.limits import MAX_RUNTIME, MAX_VOTES, MAX_YEAR, MIN_YEAR
from bot.core.models import Film, credits_of, title_label
from bot.core.normalise import title_key
from bot.core.text import url_problem
from bot.formats.checker import Checker
from bot.formats.entries import FilmEntry
from bot.formats.yamlfile import Located, decode, parse

FILM_FIELDS = {
    "id", "title", "year", "director", "writers", "cast", "genres", "synopsis", "release", "votes", "aliases",
    "runtime",
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


Record = FilmEntry | ReviewRecord | SimilarRecord | AliasRecord


def _read_section(
    check: Checker,
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


def _films(check: Checker, items: list[Located]) -> list[Record]:
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
            runtime=check.integer(fields, "runtime", where, 1, MAX_RUNTIME),
        )
        return FilmEntry(film, item.line, check.name)

    return _read_section(check, items, "films", FILM_FIELDS, build)


def _reviews(check: Checker, items: list[Located]) -> list[Record]:
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


def _similar(check: Checker, items: list[Located]) -> list[Record]:
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


def _aliases(check: Checker, items: list[Located]) -> list[Record]:
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
    check = Checker(name)
    data = CatalogueData()
    top = check.mapping(root, "file", set(SECTIONS)) if root.value != {} else {}
    for section, reader in (top or {}).items():
        if section not in SECTIONS:
            continue
        if section_items := _section_list(check, reader, section):
            records = SECTIONS[section](check, section_items)
            getattr(data, section).extend(records)
    return data, check.problems


def _section_list(check: Checker, item: Located, section: str) -> list[Located]:
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
