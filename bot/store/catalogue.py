"""Reading the catalogue: films, reviews, similar films and searchable names, scoped per guild."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Iterable

from bot.core.models import CastMember, Film, Review, Suggestion, TitleEntry, title_label
from bot.store.database import Database


def cast_json(cast: Iterable[tuple[str, str | None]]) -> str:
    """The films.cast_json column: [{"name": ..., "role": ...}], read back by film_from_row."""
    return json.dumps([{"name": name, "role": role} for name, role in cast], ensure_ascii=False)


def genres_json(genres: Iterable[str]) -> str:
    return json.dumps(list(genres), ensure_ascii=False)


def film_from_row(row: sqlite3.Row) -> Film:
    cast = tuple(CastMember(m["name"], m.get("role")) for m in json.loads(row["cast_json"]))
    return Film(
        id=row["id"],
        title=row["title"],
        year=row["year"],
        guild_id=row["guild_id"],
        director=row["director"],
        cast=cast,
        genres=tuple(json.loads(row["genres_json"])),
        synopsis=row["synopsis"],
        release=row["release"],
        votes=row["votes"],
    )


CHUNK = 10_000  # rows fetched at a time when streaming the whole catalogue


class Catalogue:
    """Read-only queries. A guild sees the seed catalogue (guild 0) plus its own rows."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def film(self, film_id: int, guild_id: int) -> Film | None:
        async with self.db.execute(
            """
            SELECT id, guild_id, title, year, director, cast_json, genres_json, synopsis, release, votes
            FROM films WHERE id = ? AND guild_id IN (0, ?)
            """,
            (film_id, guild_id),
        ) as cursor:
            row = await cursor.fetchone()
        return film_from_row(row) if row else None

    async def reviews(self, film_id: int, guild_id: int) -> list[Review]:
        async with self.db.execute(
            "SELECT id, film_id, guild_id, quote, source, author, verdict, url FROM reviews"
            " WHERE film_id = ? AND guild_id IN (0, ?) ORDER BY guild_id, id",
            (film_id, guild_id),
        ) as cursor:
            rows = await cursor.fetchall()
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
        async with self.db.execute(
            """
            SELECT s.reason, f.id, f.guild_id, f.title, f.year, f.director, f.cast_json,
                   f.genres_json, f.synopsis, f.release, f.votes
            FROM similar s
            JOIN films f ON f.id = CASE WHEN s.film_id = :film THEN s.similar_id ELSE s.film_id END
            WHERE (s.film_id = :film OR s.similar_id = :film)
              AND s.guild_id IN (0, :guild) AND f.guild_id IN (0, :guild)
            ORDER BY s.guild_id, s.id
            """,
            {"film": film_id, "guild": guild_id},
        ) as cursor:
            rows = await cursor.fetchall()
        return [Suggestion(film_from_row(row), row["reason"]) for row in rows]

    async def title_entries(self, film_id: int | None = None) -> AsyncIterator[TitleEntry]:
        """Every searchable name of every film (or of one), streamed in chunks: the whole catalogue
        builds the matcher's index at start-up without a million rows sitting in memory."""
        queries = (
            (
                "SELECT id, guild_id, title, year, votes, title AS name, 0 AS is_alias FROM films"
                " WHERE :film IS NULL OR id = :film",
                {"film": film_id},
            ),
            (
                "SELECT f.id, a.guild_id, f.title, f.year, f.votes, a.alias AS name, 1 AS is_alias"
                " FROM aliases a JOIN films f ON f.id = a.film_id WHERE :film IS NULL OR a.film_id = :film",
                {"film": film_id},
            ),
        )
        for sql, params in queries:
            async with self.db.execute(sql, params) as cursor:
                while rows := await cursor.fetchmany(CHUNK):
                    for row in rows:
                        yield _entry(row, row["name"], is_alias=bool(row["is_alias"]))


def _entry(row: sqlite3.Row, name: str, *, is_alias: bool) -> TitleEntry:
    year = row["year"]
    label = title_label(row["title"], year)
    return TitleEntry(row["id"], name, year, row["guild_id"], row["votes"], label, is_alias)
