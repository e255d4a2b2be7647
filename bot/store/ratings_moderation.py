"""Curators' actions on members' reviews, ratings settings, and each member's own data.

The RatingModeration of bot/core/ports/ratings.py. Curator actions are recorded in the server's
catalogue history in the same transaction. The history names the review by number and film, not
its author, so forgetting a member leaves nothing of theirs behind in it.
"""

from __future__ import annotations

from typing import Any

from bot.core.errors import AlreadyExists, InvalidInput
from bot.core.ratings import (
    DEFAULT_MIN_RATINGS,
    Rating,
    RatingSettings,
    check_server,
    parse_hide_reason,
    parse_min_ratings,
    stars_number,
)
from bot.store.curation import record
from bot.store.ratings import Clock, rating_from_row, stamp, utc_now
from bot.store.sql import Sql


class SqliteRatingModeration:
    def __init__(self, db: Sql, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock

    # -- settings ------------------------------------------------------------------------------

    async def settings(self, guild_id: int) -> RatingSettings:
        row = await self.db.fetchone(
            "SELECT min_ratings, review_role_id FROM rating_settings WHERE guild_id = ?", (guild_id,)
        )
        return RatingSettings(row[0], row[1]) if row else RatingSettings()

    async def set_min_ratings(self, guild_id: int, curator_id: int, value: int) -> RatingSettings:
        check_server(guild_id)
        value = parse_min_ratings(value)
        async with self.db.transaction() as db:
            await db.execute(
                "INSERT INTO rating_settings (guild_id, min_ratings) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET min_ratings = excluded.min_ratings",
                (guild_id, value),
            )
            await record(db, guild_id, curator_id, "ratings", f"set the minimum for /top to {value} ratings")
        return await self.settings(guild_id)

    async def set_review_role(self, guild_id: int, curator_id: int, role_id: int | None) -> RatingSettings:
        check_server(guild_id)
        async with self.db.transaction() as db:
            await db.execute(
                "INSERT INTO rating_settings (guild_id, min_ratings, review_role_id) VALUES (?, ?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET review_role_id = excluded.review_role_id",
                (guild_id, DEFAULT_MIN_RATINGS, role_id),
            )
            detail = "any member may write reviews" if role_id is None else f"reviews need role {role_id}"
            await record(db, guild_id, curator_id, "ratings", detail)
        return await self.settings(guild_id)

    # -- curators' actions on reviews ----------------------------------------------------------

    async def review(self, guild_id: int, rating_id: int) -> Rating:
        row = await self.db.fetchone(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.id = ? AND r.guild_id = ?",
            (rating_id, guild_id),
        )
        if row is None:
            raise InvalidInput(f"No rating numbered {rating_id} in this server: pick one from the list.")
        return rating_from_row(row)

    async def recent_reviews(self, guild_id: int, typed: str, limit: int) -> list[Rating]:
        """This server's members' reviews whose film or words contain `typed`, newest first."""
        rows = await self.db.fetchall(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.guild_id = :guild AND r.review IS NOT NULL"
            " AND (instr(lower(f.title), :typed) OR instr(lower(r.review), :typed))"
            " ORDER BY r.updated_at DESC, r.id DESC LIMIT :limit",
            {"guild": guild_id, "typed": typed.strip().lower(), "limit": limit},
        )
        return [rating_from_row(row) for row in rows]

    async def hide(self, guild_id: int, curator_id: int, rating_id: int, reason: str) -> Rating:
        reason = parse_hide_reason(reason)
        async with self.db.transaction() as db:
            rating = await self.review(guild_id, rating_id)
            if rating.review is None:
                raise InvalidInput("That rating has no review to hide.")
            if rating.hidden:
                raise AlreadyExists("That review is already hidden.")
            await db.execute(
                "UPDATE ratings SET hidden = 1, hidden_reason = ?, hidden_by = ? WHERE id = ?",
                (reason, curator_id, rating_id),
            )
            await record(
                db,
                guild_id,
                curator_id,
                "hide review",
                f"hid review {rating_id} of {rating.film_label}: {reason}",
            )
        return await self.review(guild_id, rating_id)

    async def restore(self, guild_id: int, curator_id: int, rating_id: int) -> Rating:
        async with self.db.transaction() as db:
            rating = await self.review(guild_id, rating_id)
            if not rating.hidden:
                raise InvalidInput("That review isn't hidden: nothing to restore.")
            await db.execute(
                "UPDATE ratings SET hidden = 0, hidden_reason = NULL, hidden_by = NULL WHERE id = ?",
                (rating_id,),
            )
            await record(
                db,
                guild_id,
                curator_id,
                "restore review",
                f"restored review {rating_id} of {rating.film_label}",
            )
        return await self.review(guild_id, rating_id)

    async def delete(self, guild_id: int, curator_id: int, rating_id: int) -> Rating:
        async with self.db.transaction() as db:
            rating = await self.review(guild_id, rating_id)
            await db.execute("DELETE FROM ratings WHERE id = ?", (rating_id,))
            await record(
                db,
                guild_id,
                curator_id,
                "delete review",
                f"deleted rating {rating_id} of {rating.film_label} and its review",
            )
        return rating

    # -- a member's own data, across every server ----------------------------------------------

    async def export_member(self, user_id: int) -> dict[str, Any]:
        ratings = await self.db.fetchall(
            "SELECT r.*, f.title, f.year FROM ratings r JOIN films f ON f.id = r.film_id"
            " WHERE r.user_id = ? ORDER BY r.guild_id, r.created_at, r.id",
            (user_id,),
        )
        actions = await self.db.fetchall(
            "SELECT guild_id, at, action, detail FROM history WHERE user_id = ? ORDER BY id", (user_id,)
        )
        # Snowflakes as text: JSON readers that use doubles would round them.
        return {
            "member": str(user_id),
            "exported_at": stamp(self.clock()),
            "ratings": [_exported(rating_from_row(row)) for row in ratings],
            "curator_actions": [
                {"server": str(row[0]), "at": row[1], "action": row[2], "detail": row[3]} for row in actions
            ],
        }

    async def forget_member(self, user_id: int) -> int:
        async with self.db.transaction() as db:
            cursor = await db.execute("DELETE FROM ratings WHERE user_id = ?", (user_id,))
            deleted = int(cursor.rowcount)
            # Reviews this member hid as a curator stay hidden, no longer naming them.
            await db.execute("UPDATE ratings SET hidden_by = NULL WHERE hidden_by = ?", (user_id,))
        return deleted


def _exported(rating: Rating) -> dict[str, Any]:
    return {
        "server": str(rating.guild_id),
        "film": rating.film_label,
        "film_id": rating.film_id,
        "stars": float(stars_number(rating.halves)),
        "review": rating.review,
        "spoiler": rating.spoiler,
        "created_at": rating.created_at,
        "updated_at": rating.updated_at,
        "hidden_by_curators": rating.hidden,
        "hidden_reason": rating.hidden_reason,
    }
