"""Opening dataset files (plain or gzipped) and reading their lines, with progress and damage.

Shared by the CSV/MovieLens readers (bot.formats.datasets) and the IMDb reader (bot.formats.imdb).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from bot.core.errors import Problem
from bot.core.limits import MAX_TITLE, MAX_YEAR, MIN_YEAR
from bot.core.text import digits_hint, plain, whole_number

# What reading a damaged file raises: not gzip (BadGzipFile is an OSError), cut short (EOFError),
# corrupt compressed data (zlib.error).
DAMAGED = (OSError, EOFError, zlib.error)

FileProgress = Callable[[str, float], None]  # (file name, fraction read): shown while reading
PROGRESS_EVERY = 50_000  # lines between progress reports: several a second, negligible cost


class Damaged(Exception):
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


def lines(path: Path, reading: FileProgress | None = None) -> Iterator[tuple[int, str]]:
    """The lines after the header, numbered from 2, without their line ending; progress is
    reported as the file starts (so it shows from the first second), every PROGRESS_EVERY lines
    and at the end. A damaged file raises Damaged with the last line read."""
    text, position = open_text(path)
    number = 1
    if reading:
        reading(path.name, 0.0)
    with text:
        try:
            next(text, None)
            for number, line in enumerate(text, start=2):
                if not number % PROGRESS_EVERY and reading:
                    reading(path.name, min(position.fraction(), 0.99))  # 100 % once, at the end
                yield number, line.rstrip("\r\n")
        except DAMAGED as exc:
            raise Damaged(path, number, exc) from None
    if reading:
        reading(path.name, 1.0)


def year(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text or text == "\\N":
        return None
    number = whole_number(text)
    if number is None or not MIN_YEAR <= number <= MAX_YEAR:
        raise ValueError(f"year {text!r} is not a year between {MIN_YEAR} and {MAX_YEAR}{digits_hint(text)}")
    return number


def checked(value: str) -> str:
    """`value`, unless it holds bytes that were not UTF-8 (kept as surrogates by open_text)."""
    if any("\udc80" <= char <= "\udcff" for char in value):
        raise ValueError("not valid UTF-8: save the file as UTF-8")
    return value


def title(text: str | None) -> str:
    cleaned = plain(checked(text or ""))  # the one cleaning rule, as for typed and uploaded titles
    if not cleaned:
        raise ValueError("empty title")
    if len(cleaned) > MAX_TITLE:
        raise ValueError(f"title is {len(cleaned)} characters; the limit is {MAX_TITLE}")
    return cleaned
