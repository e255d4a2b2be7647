"""A person as the catalogue knows them, and the folded words of a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.normalise import fold

# Letters NFKD leaves alone but people type as plain Latin.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name: "Jean-Pierre Jeunet" -> ("jean", "pierre", "jeunet")."""
    return tuple(_WORD.findall(fold(name).translate(_EXTRA_FOLDS)))


@dataclass(frozen=True, slots=True)
class Person:
    """One person as the catalogue knows them: what they did, when, and how well known."""

    id: int
    name: str
    roles: tuple[str, ...]  # main roles first: ("director",), ("director", "actor")
    first_year: int | None = None
    last_year: int | None = None
    weight: int = 0  # sum of their films' notability
    # The servers whose own films are all this person is credited on; empty: the shared
    # catalogue credits them, and every server sees them (roles, years and weight then count
    # the shared films only, so no server's films show in another's).
    guilds: tuple[int, ...] = ()

    def visible_in(self, guild_id: int) -> bool:
        return not self.guilds or guild_id in self.guilds

    @property
    def label(self) -> str:
        """How a choice reads: "Christopher Nolan (director, 1998-2014)"."""
        years = ""
        if self.first_year is not None:
            years = str(self.first_year)
            if self.last_year is not None and self.last_year != self.first_year:
                years += f"-{self.last_year}"
        what = ", ".join([*self.roles, years] if years else self.roles)
        return f"{self.name} ({what})"


# Directing or writing a film says more about a career than one of forty cast credits.
ROLE_WEIGHTS = {"director": 3, "writer": 2, "actor": 1}
MINOR_ROLE_SHARE = 1 / 3  # a second role is named when it has this share of the first's weight


def main_roles(credits: dict[str, int]) -> tuple[str, ...]:
    """The one or two roles a person is known for, from their credit counts per role."""
    weighted = sorted(((n * ROLE_WEIGHTS.get(r, 1), r) for r, n in credits.items() if n > 0), reverse=True)
    if not weighted:
        return ()
    first = weighted[0][0]
    return tuple(r for w, r in weighted[:2] if w >= first * MINOR_ROLE_SHARE)
