"""Every film as discovery sees it (bot.core.facets): read by the store one film or one column at a time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.core.discovery import Order

NO_YEAR = 9999  # a film of unknown year sorts last among the oldest, as the SQL it replaces did


@dataclass(frozen=True, slots=True)
class FacetRow:
    """One film as discovery sees it: the store reads these, the index keeps them."""

    film_id: int
    guild_id: int
    year: int | None
    notability: int
    critics: int  # Metacritic, else the Rotten Tomatoes meter, else -1
    facets: frozenset[tuple[str, str]] = frozenset()  # (kind, folded value)

    def key(self, order: Order) -> tuple[int, ...]:
        """Where the film goes in `order` (the same as the slot orders below)."""
        year = self.year if self.year is not None else NO_YEAR
        return order_key(order, year, self.notability, self.critics, self.film_id)


def order_key(order: Order, year: int, fame: int, critics: int, film_id: int) -> tuple[int, ...]:
    if order is Order.OLDEST:
        return (year, -fame, film_id)
    if order is Order.NEWEST:
        return (-(year if year != NO_YEAR else -1), -fame, film_id)
    if order is Order.CRITICS:
        return (-critics, -fame, film_id)
    return (-fame, film_id)


@dataclass
class FacetColumns:
    """Every film's discovery facts, column by column, as the store reads them (no object per film)."""

    ids: list[int] = field(default_factory=list)
    guilds: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # NO_YEAR when unknown
    fame: list[int] = field(default_factory=list)
    critics: list[int] = field(default_factory=list)
    facet_films: list[int] = field(default_factory=list)  # one entry per (film, facet)
    facet_keys: list[int] = field(default_factory=list)  # index into `keys`
    keys: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, folded value) -> number

    def add_film(self, film_id: int, guild_id: int, year: int | None, fame: int, critics: int) -> None:
        self.ids.append(film_id)
        self.guilds.append(guild_id)
        self.years.append(year if year is not None else NO_YEAR)
        self.fame.append(fame)
        self.critics.append(critics)

    def add_facet(self, film_id: int, kind: str, value_key: str) -> None:
        self.facet_films.append(film_id)
        self.facet_keys.append(self.keys.setdefault((kind, value_key), len(self.keys)))

    @classmethod
    def of(cls, rows: Iterable[FacetRow]) -> FacetColumns:
        columns = cls()
        for row in rows:
            columns.add_film(row.film_id, row.guild_id, row.year, row.notability, row.critics)
            for kind, value in sorted(row.facets):
                columns.add_facet(row.film_id, kind, value)
        return columns
