"""What the in-memory facet index (bot.core.facets) reads from the store, on either engine."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bot.core.discovery import Listed
from bot.core.facet_rows import FacetColumns, FacetRow
from bot.core.models import title_label
from bot.store.sql import Sql

BATCH = 10_000  # rows read per step: the event loop runs between steps


class FacetReader:
    def __init__(self, db: Sql) -> None:
        self.db = db

    async def facet_columns(self) -> FacetColumns:
        """Every film's year, notability, critics' score and facets, read in steps."""
        columns = FacetColumns()
        async with self.db.execute(
            "SELECT f.id, f.guild_id, f.year, coalesce(d.notability, f.votes),"
            " coalesce(d.metacritic, d.rt_meter, -1) FROM films f LEFT JOIN film_details d ON d.film_id = f.id"
        ) as cursor:
            while rows := await cursor.fetchmany(BATCH):
                for film_id, guild_id, year, fame, critics in rows:
                    columns.add_film(film_id, guild_id, year, fame, critics)
        async with self.db.execute("SELECT film_id, kind, value_key FROM film_facets") as cursor:
            while rows := await cursor.fetchmany(BATCH):
                for film_id, kind, value_key in rows:
                    columns.add_facet(film_id, kind, value_key)
        return columns

    async def facet_rows(self, film_ids: Sequence[int]) -> list[FacetRow]:
        """These films as they are now (a removed film has no row)."""
        ids = json.dumps(sorted(set(film_ids)))
        facets: defaultdict[int, set[tuple[str, str]]] = defaultdict(set)
        for r in await self.db.fetchall(
            "SELECT film_id, kind, value_key FROM film_facets"
            " WHERE film_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))",
            (ids,),
        ):
            facets[r[0]].add((r[1], r[2]))
        rows = await self.db.fetchall(
            "SELECT f.id, f.guild_id, f.year, coalesce(d.notability, f.votes),"
            " coalesce(d.metacritic, d.rt_meter, -1) FROM films f LEFT JOIN film_details d ON d.film_id = f.id"
            " WHERE f.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))",
            (ids,),
        )
        return [FacetRow(r[0], r[1], r[2], r[3], r[4], frozenset(facets[r[0]])) for r in rows]

    async def films_of(self, person_id: int) -> list[int]:
        """The films someone is credited in, any role (the credits_by_person index)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT film_id FROM credits WHERE person_id = ?", (person_id,)
        )
        return [r[0] for r in rows]

    async def listed(self, film_ids: Sequence[int]) -> list[Listed]:
        """These films as a discovery list shows them, in this order (one statement: the page of
        a list is read at every /films)."""
        rows = await self.db.fetchall(
            "SELECT f.id, f.title, f.year, f.genres_json, c.billing, p.name FROM films f"
            " LEFT JOIN credits c ON c.film_id = f.id AND c.role = 'director' LEFT JOIN people p ON p.id = c.person_id"
            " WHERE f.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))",
            (json.dumps(list(film_ids)),),
        )
        films: dict[int, Any] = {}
        directors: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
        for r in rows:
            films[r[0]] = r
            if r[5] is not None:
                directors[r[0]].append((r[4], r[5]))
        return [
            Listed(
                f[0],
                title_label(f[1], f[2]),
                ", ".join(name for _, name in sorted(directors[f[0]])) or None,
                tuple(json.loads(f[3])),
            )
            for f in (films.get(film_id) for film_id in film_ids)
            if f is not None
        ]
