"""Cleaning text that people type or files carry: one line, no invisible or control characters.

Escaping for a medium (Discord markdown) is the front-end's job: see bot/app/markdown.py."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Controls, zero-width spaces, direction marks, overrides and isolates, byte order marks, and lone
# surrogates (which cannot be stored as UTF-8). Zero-width (non-)joiners U+200C/U+200D stay: emoji
# sequences (👨‍👩‍👧) and Persian spelling (می‌خواهم) need them.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
MAX_INTEGER = 2**63 - 1  # SQLite's integers are 64-bit; a larger id would overflow, not just miss


def plain(text: str) -> str:
    """The one cleaning rule for text from people and files: invisible characters that can hide
    or reorder text removed, whitespace collapsed to single spaces."""
    return " ".join(_INVISIBLE.sub("", text).split())


def digits_hint(text: str) -> str:
    """What to add to a 'not a number' message when the digits are Unicode ones ('²⁰²¹', '٢٠٢١')."""
    return " (write it with the digits 0-9)" if text.strip().isdigit() and not text.isascii() else ""


def whole_number(text: str) -> int | None:
    """The number written with the digits 0-9, or None.

    str.isdigit() accepts '²⁰²¹' (which int() refuses) and int() accepts '٢٠٢١'; both are refused
    here, as is anything SQLite cannot hold."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_INTEGER)):
        return None
    number = int(text)
    return number if number <= MAX_INTEGER else None


def visible(text: str) -> str:
    """Invisible and control characters removed, runs of spaces made one; edges kept as typed
    (a piece of a longer text keeps the space that separates it from the next)."""
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", text))


# Characters that would let a link close its markdown early and start text of its own
# (`[Read](<url>)` closes at `>` or `)`); real links carry them percent-encoded.
_URL_BREAKERS = {c: f"%{ord(c):02X}" for c in '<>()[]`\\"|{}'}
# Letters that draw nothing: Unicode calls them letters or symbols, but they show as a gap.
_BLANK_LETTERS = frozenset("\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def url_problem(url: str) -> str | None:
    """Why `url` is not a plain http(s) link safe to show as a masked link, or None if it is.

    The one rule for every path that accepts a link (command, form, YAML seed or upload)."""
    scheme, sep, _ = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return "a link must start with https:// (or http://)"
    for char in url:
        if char in _URL_BREAKERS:
            return f"a link cannot contain {char}: write it as {_URL_BREAKERS[char]}"
        if char.isascii():
            if not char.isprintable() or char.isspace():
                return "a link cannot contain spaces or control characters: write a space as %20"
        elif char in _BLANK_LETTERS or unicodedata.category(char)[0] not in "LNM":
            return f"a link cannot contain blank or invisible characters (U+{ord(char):04X} found)"
    try:
        host = urlsplit(url).hostname
        urlsplit(url).port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "the link is malformed: copy it again from the browser's address bar"
    if not host:
        return "a link needs a host, like https://example.com/review"
    return None


def counted(number: int, noun: str) -> str:
    """'1 rating', '2 ratings', '1,200 films': a count with its noun, plural only when it is."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
