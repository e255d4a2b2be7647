"""/films and /pick: what a discovery query asks for, parsed from what people type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.core.errors import InvalidInput
from bot.core.limits import MAX_YEAR, MIN_YEAR
from bot.core.text import whole_number


class Order(Enum):
    """How a discovery list is sorted; the value is the option's choice in every front-end."""

    BEST_KNOWN = "best known"
    NEWEST = "newest"
    OLDEST = "oldest"
    CRITICS = "critics' score"


@dataclass(frozen=True, slots=True)
class Discovery:
    """A discovery query: every field optional, all given ones must hold."""

    genre: str | None = None
    person_id: int | None = None
    years: tuple[int, int] | None = None
    country: str | None = None
    language: str | None = None
    order: Order = Order.BEST_KNOWN


@dataclass(frozen=True, slots=True)
class Listed:
    """One film of a discovery list."""

    film_id: int
    label: str
    directors: str | None = None
    genres: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        parts = [f"directed by {self.directors}" if self.directors else "", ", ".join(self.genres)]
        return " · ".join(p for p in parts if p) or "—"


_DECADE = re.compile(r"^(?:(?P<century>1[89]|20)?(?P<tens>\d)0)'?s$")
_RANGE = re.compile(r"^(?P<lo>\d{4})\s*(?:-|–|to|\.\.)\s*(?P<hi>\d{4})$")


def parse_years(text: str) -> tuple[int, int]:
    """ "1994", "1990s", "90s", "1990-1999" -> an inclusive range; InvalidInput naming the fix otherwise."""
    typed = " ".join(text.split()).lower()
    if len(typed) == 4 and (year := whole_number(typed)) is not None:
        lo = hi = year
    elif decade := _DECADE.match(typed):
        century = decade.group("century")
        tens = int(decade.group("tens"))
        start = int(century) * 100 if century else (1900 if tens >= 2 else 2000)
        lo, hi = start + tens * 10, start + tens * 10 + 9
    elif span := _RANGE.match(typed):
        lo, hi = sorted((int(span.group("lo")), int(span.group("hi"))))
    else:
        raise InvalidInput(f"'{text}' is not a year: try 1994, 1990-1999 or 1990s.")
    if lo < MIN_YEAR or hi > MAX_YEAR:
        raise InvalidInput(f"Years run from {MIN_YEAR} to {MAX_YEAR}; '{text}' is outside that.")
    return lo, hi
