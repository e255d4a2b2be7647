"""Domain errors. Each carries the data a reply needs; the adapters decide how to show it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Match


class FilmbotError(Exception):
    """Base class: anything raised on purpose, with a message fit to show a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(FilmbotError):
    """The person typed something we cannot use; the message says what to type instead."""


class PermissionDenied(FilmbotError):
    """The caller may not do this here; nothing was changed."""


class AlreadyExists(FilmbotError):
    """The thing being added is already there; nothing was changed."""


class FilmNotFound(FilmbotError):
    def __init__(self, query: str, suggestions: tuple[Match, ...] = ()) -> None:
        super().__init__(f"No film matches {query!r}.")
        self.query = query
        self.suggestions = suggestions


class AmbiguousTitle(FilmbotError):
    def __init__(self, query: str, candidates: tuple[Match, ...]) -> None:
        super().__init__(f"{query!r} could mean several films.")
        self.query = query
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a data file, located by file and line."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class DataFileError(FilmbotError):
    """A seed or import file is malformed. Holds every problem found, each with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid data file"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class ConfigError(FilmbotError):
    """Configuration is missing or malformed; the message names the variable and the fix."""
