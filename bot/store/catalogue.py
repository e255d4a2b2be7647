"""Reading the catalogue (SQLite): films, reviews, similar films, searchable names and people."""

from __future__ import annotations

from collections.abc import AsyncIterator

from bot.core.models import Film, Person, Review, Suggestion, TitleEntry, title_label
from bot.core.normalise import title_key
from bot.store.films import film_from_row
from bot.store.sql import Row, Sql

CHUNK = 10_000  # rows fetched at a time when streaming the whole catalogue


class SqliteCatalogue:
    """Read-only queries (bot.core.ports.CatalogueReader). A guild sees the seed catalogue
    (guild 0) plus its own rows."""

    def __init__(self, db: Sql) -> None:
        self.db = db

    async def film(self, film_id: int, guild_id: int) -> Film | None:
        row = await self.db.fetchone(
            "SELECT f.* FROM film_rows f WHERE f.id = ? AND f.guild_id IN (0, ?)",
            (film_id, guild_id),
        )
        return film_from_row(row) if row else None

    async def reviews(self, film_id: int, guild_id: int) -> list[Review]:
        rows = await self.db.fetchall(
            "SELECT id, film_id, guild_id, quote, source, author, verdict, url FROM reviews"
            " WHERE film_id = ? AND guild_id IN (0, ?) ORDER BY guild_id, id",
            (film_id, guild_id),
        )
        return [
            Review(
                r["id"],
                r["film_id"],
                r["quote"],
                r["source"],
                r["author"],
                r["verdict"],
                r["url"],
                r["guild_id"],
            )
            for r in rows
        ]

    async def similar(self, film_id: int, guild_id: int) -> list[Suggestion]:
        """Films linked to this one in either direction, seed links first, oldest first."""
        rows = await self.db.fetchall(
            """
            SELECT s.reason, f.* FROM "similar" s
            JOIN film_rows f ON f.id = CASE WHEN s.film_id = :film THEN s.similar_id ELSE s.film_id END
            WHERE (s.film_id = :film OR s.similar_id = :film)
              AND s.guild_id IN (0, :guild) AND f.guild_id IN (0, :guild)
            ORDER BY s.guild_id, s.id
            """,
            {"film": film_id, "guild": guild_id},
        )
        return [Suggestion(film_from_row(row), row["reason"]) for row in rows]

    async def people_named(self, name: str, limit: int = 10) -> list[Person]:
        rows = await self.db.fetchall(
            "SELECT id, name FROM people WHERE name_key = ? ORDER BY id LIMIT ?", (title_key(name), limit)
        )
        return [Person(int(row[0]), row[1]) for row in rows]

    async def films_with(self, person_id: int, guild_id: int, role: str | None = None) -> list[Film]:
        """One query over the credits_by_person index."""
        rows = await self.db.fetchall(
            """
            SELECT f.* FROM film_rows f
            WHERE f.id IN (SELECT film_id FROM credits
                           WHERE person_id = :person AND (CAST(:role AS TEXT) IS NULL OR role = :role))
              AND f.guild_id IN (0, :guild)
            ORDER BY f.votes DESC, f.id
            """,
            {"person": person_id, "role": role, "guild": guild_id},
        )
        return [film_from_row(row) for row in rows]

    async def title_entries(self, film_id: int | None = None) -> AsyncIterator[TitleEntry]:
        """Every searchable name of every film (or of one), streamed in chunks: the whole catalogue
        builds the matcher's index at start-up without a million rows sitting in memory."""
        async for entry in self._entries(
            "SELECT id, guild_id, title, year, votes, title AS name, 0 AS is_alias FROM films"
            " WHERE CAST(:film AS BIGINT) IS NULL OR id = :film",
            "SELECT f.id, a.guild_id, f.title, f.year, f.votes, a.alias AS name, 1 AS is_alias"
            " FROM aliases a JOIN films f ON f.id = a.film_id WHERE CAST(:film AS BIGINT) IS NULL OR a.film_id = :film",
            {"film": film_id},
        ):
            yield entry

    async def changed_entries(self, after: int, until: int) -> AsyncIterator[TitleEntry]:
        """The searchable names now of the films changed between two change-log positions."""
        async for entry in self._entries(
            "SELECT id, guild_id, title, year, votes, title AS name, 0 AS is_alias FROM films"
            " WHERE id IN (SELECT film_id FROM changes WHERE seq > :after AND seq <= :until)",
            "SELECT f.id, a.guild_id, f.title, f.year, f.votes, a.alias AS name, 1 AS is_alias"
            " FROM aliases a JOIN films f ON f.id = a.film_id"
            " WHERE a.film_id IN (SELECT film_id FROM changes WHERE seq > :after AND seq <= :until)",
            {"after": after, "until": until},
        ):
            yield entry

    async def _entries(
        self, titles: str, aliases: str, params: dict[str, int | None]
    ) -> AsyncIterator[TitleEntry]:
        for sql in (titles, aliases):
            async with self.db.execute(sql, params) as cursor:
                while rows := await cursor.fetchmany(CHUNK):
                    for row in rows:
                        yield _entry(row)


def _entry(row: Row) -> TitleEntry:
    year = row["year"]
    label = title_label(row["title"], year)
    return TitleEntry(
        row["id"], row["name"], year, row["guild_id"], row["votes"], label, bool(row["is_alias"])
    )
