"""Members' ratings in SQLite: the RatingStore of bot/core/ports/ratings.py.

Every query is scoped by the server (guild_id): a rating is visible only in the server where it
was written. Writes are one transaction each; the connection's write lock queues concurrent ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from bot.core.errors import FilmNotFound
from bot.core.models import title_label
from bot.core.ratings import (
    LIKED_HALVES,
    MIN_CO_RATERS,
    Average,
    CoRating,
    Page,
    RateResult,
    Rating,
    TopEntry,
    TopFilter,
    check_halves,
    check_server,
)
from bot.core.ratings_text import clean_review
from bot.store.films import film_from_row
from bot.store.sql import Row, Sql

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """Sortable UTC text with microseconds, so 'newest first' holds within a second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def rating_from_row(row: Row | Mapping[str, Any]) -> Rating:
    """A row of `SELECT r.*, f.title, f.year FROM ratings r JOIN films f ...`."""
    return Rating(
        id=row["id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        film_id=row["film_id"],
        halves=row["stars"],
        review=row["review"],
        spoiler=bool(row["spoiler"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        hidden=bool(row["hidden"]),
        hidden_reason=row["hidden_reason"],
        film_label=title_label(row["title"], row["year"]),
    )


class SqliteRatings:
    def __init__(self, db: Sql, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock

    async def rate(
        self, guild_id: int, user_id: int, film_id: int, halves: int, review: str | None, spoiler: bool
    ) -> RateResult:
        check_server(guild_id)
        check_halves(halves)
        review = clean_review(review)
        # Read the film before the write lock (its server never changes), so the transaction
        # holds the lock for two statements: a burst of members rating queues on it briefly.
        film = await self.db.fetchone(
            "SELECT title, year FROM films WHERE id = ? AND guild_id IN (0, ?)", (film_id, guild_id)
        )
        if film is None:
            raise FilmNotFound(f"film:{film_id}")
        try:
            async with self.db.transaction() as db:
                before = await self._one(guild_id, user_id, film_id)
                # Re-rating replaces stars, text and spoiler flag. A hidden review stays hidden
                # while the member keeps a review: only a curator's restore shows it again.
                row = await db.fetchone(
                    """
                    INSERT INTO ratings (guild_id, user_id, film_id, stars, review, spoiler,
                                         created_at, updated_at)
                    VALUES (:guild, :user, :film, :stars, :review, :spoiler, :now, :now)
                    ON CONFLICT (guild_id, user_id, film_id) DO UPDATE SET
                        stars = excluded.stars, review = excluded.review, spoiler = excluded.spoiler,
                        updated_at = excluded.updated_at,
                        hidden = CASE WHEN excluded.review IS NULL THEN 0 ELSE ratings.hidden END,
                        hidden_reason = CASE WHEN excluded.review IS NULL THEN NULL ELSE ratings.hidden_reason END,
                        hidden_by = CASE WHEN excluded.review IS NULL THEN NULL ELSE ratings.hidden_by END
                    RETURNING *
                    """,
                    {
                        "guild": guild_id,
                        "user": user_id,
                        "film": film_id,
                        "stars": halves,
                        "review": review,
                        "spoiler": int(spoiler and review is not None),
                        "now": stamp(self.clock()),
                    },
                )
        except self.db.conflicts:  # the film was removed in between: as if never there
            raise FilmNotFound(f"film:{film_id}") from None
        assert row is not None
        after = rating_from_row({**dict(row), "title": film["title"], "year": film["year"]})
        return RateResult(after, before)

    async def unrate(self, guild_id: int, user_id: int, film_id: int) -> Rating | None:
        async with self.db.transaction() as db:
            before = await self._one(guild_id, user_id, film_id)
            if before is not None:
                await db.execute("DELETE FROM ratings WHERE id = ?", (before.id,))
        return before

    async def rating(self, guild_id: int, user_id: int, film_id: int) -> Rating | None:
        return await self._one(guild_id, user_id, film_id)

    async def _one(self, guild_id: int, user_id: int, film_id: int) -> Rating | None:
        row = await self.db.fetchone(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.guild_id = ? AND r.user_id = ? AND r.film_id = ?",
            (guild_id, user_id, film_id),
        )
        return rating_from_row(row) if row else None

    async def average(self, guild_id: int, film_id: int) -> Average:
        row = await self.db.fetchone(
            "SELECT count(*), coalesce(sum(stars), 0) FROM ratings WHERE guild_id = ? AND film_id = ?",
            (guild_id, film_id),
        )
        return Average(int(row[0]), int(row[1])) if row else Average(0, 0)

    async def reviews(
        self, guild_id: int, film_id: int, viewer_id: int, offset: int, limit: int
    ) -> Page[Rating]:
        params = {"guild": guild_id, "film": film_id, "viewer": viewer_id, "limit": limit, "offset": offset}
        total = await self.db.fetchone(
            "SELECT count(*) FROM ratings WHERE guild_id = :guild AND film_id = :film"
            " AND review IS NOT NULL AND (hidden = 0 OR user_id = :viewer)",
            params,
        )
        rows = await self.db.fetchall(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.guild_id = :guild AND r.film_id = :film AND r.review IS NOT NULL"
            " AND (r.hidden = 0 OR r.user_id = :viewer)"
            " ORDER BY r.updated_at DESC, r.id DESC LIMIT :limit OFFSET :offset",
            params,
        )
        return Page(tuple(map(rating_from_row, rows)), int(total[0]) if total else 0, offset)

    async def member_ratings(self, guild_id: int, user_id: int, offset: int, limit: int) -> Page[Rating]:
        total = await self.db.fetchone(
            "SELECT count(*) FROM ratings WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        rows = await self.db.fetchall(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.guild_id = ? AND r.user_id = ? ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?",
            (guild_id, user_id, limit, offset),
        )
        return Page(tuple(map(rating_from_row, rows)), int(total[0]) if total else 0, offset)

    async def top(self, guild_id: int, where: TopFilter, min_ratings: int, limit: int) -> list[TopEntry]:
        rows = await self.db.fetchall(
            """
            SELECT f.*, best.n, best.total FROM (
                SELECT r.film_id, count(*) AS n, sum(r.stars) AS total, fl.title
                FROM ratings r JOIN films fl ON fl.id = r.film_id
                WHERE r.guild_id = :guild
                  AND (CAST(:decade AS INTEGER) IS NULL OR fl.year BETWEEN :decade AND :decade + 9)
                  AND (CAST(:genre AS TEXT) IS NULL OR EXISTS (
                        SELECT 1 FROM json_each(fl.genres_json) g WHERE lower(g.value) = :genre))
                GROUP BY r.film_id, fl.title
                HAVING count(*) >= :min
                ORDER BY CAST(sum(r.stars) AS REAL) / count(*) DESC, count(*) DESC, fl.title, r.film_id
                LIMIT :limit
            ) best JOIN film_rows f ON f.id = best.film_id
            ORDER BY CAST(best.total AS REAL) / best.n DESC, best.n DESC, best.title, best.film_id
            """,
            {
                "guild": guild_id,
                "decade": where.decade,
                "genre": where.genre,
                "min": min_ratings,
                "limit": limit,
            },
        )
        return [TopEntry(film_from_row(row), Average(row["n"], row["total"])) for row in rows]

    async def liked_together(self, guild_id: int, film_id: int, limit: int) -> list[CoRating]:
        rows = await self.db.fetchall(
            """
            SELECT f.*, liked.members FROM (
                SELECT other.film_id, count(*) AS members, fl.title
                FROM ratings mine
                JOIN ratings other ON other.guild_id = mine.guild_id AND other.user_id = mine.user_id
                                   AND other.film_id <> mine.film_id
                JOIN films fl ON fl.id = other.film_id
                WHERE mine.guild_id = :guild AND mine.film_id = :film
                  AND mine.stars >= :liked AND other.stars >= :liked
                GROUP BY other.film_id, fl.title
                HAVING count(*) >= :enough
                ORDER BY members DESC, fl.title, other.film_id
                LIMIT :limit
            ) liked JOIN film_rows f ON f.id = liked.film_id
            ORDER BY liked.members DESC, liked.title, liked.film_id
            """,
            {
                "guild": guild_id,
                "film": film_id,
                "liked": LIKED_HALVES,
                "enough": MIN_CO_RATERS,
                "limit": limit,
            },
        )
        return [CoRating(film_from_row(row), row["members"]) for row in rows]
