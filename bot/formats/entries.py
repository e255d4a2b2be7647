"""A film read from a file, with where it was read: every reader's output, for reports about it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import Problem
from bot.core.models import Film


@dataclass(frozen=True, slots=True)
class FilmEntry:
    """The core film record (id 0, with its key and aliases), and the file and line it came from."""

    film: Film
    line: int = 0
    file: str = ""


@dataclass(frozen=True, slots=True)
class HeaderNote(Problem):
    """A remark about a file's header (columns ignored): reported, but no row was lost over it."""
