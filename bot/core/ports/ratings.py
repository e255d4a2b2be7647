"""What handlers need from a ratings backend. bot/store/ratings*.py is the SQLite one.

Every method is scoped by guild except the member-data ones, which span every server because
a member's data belongs to the member. Each write is one transaction.
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.core.ratings import (
    Average,
    CoRating,
    Page,
    RateResult,
    Rating,
    RatingSettings,
    TopEntry,
    TopFilter,
)


class RatingStore(Protocol):
    """Members rating films, and what the server thinks."""

    async def rate(
        self, guild_id: int, user_id: int, film_id: int, halves: int, review: str | None, spoiler: bool
    ) -> RateResult:
        """Add or replace the member's rating of a film this server sees (FilmNotFound if none)."""
        ...

    async def unrate(self, guild_id: int, user_id: int, film_id: int) -> Rating | None:
        """Remove the member's rating of the film; the removed rating, or None if there was none."""
        ...

    async def rating(self, guild_id: int, user_id: int, film_id: int) -> Rating | None: ...

    async def average(self, guild_id: int, film_id: int) -> Average: ...

    async def reviews(
        self, guild_id: int, film_id: int, viewer_id: int, offset: int, limit: int
    ) -> Page[Rating]:
        """Ratings with a review, newest first. Hidden ones only for their author (`viewer_id`)."""
        ...

    async def member_ratings(self, guild_id: int, user_id: int, offset: int, limit: int) -> Page[Rating]:
        """The member's own ratings in this server, newest first, hidden ones included."""
        ...

    async def top(self, guild_id: int, where: TopFilter, min_ratings: int, limit: int) -> list[TopEntry]:
        """Best average first (then most ratings), films with at least `min_ratings` only."""
        ...

    async def liked_together(self, guild_id: int, film_id: int, limit: int) -> list[CoRating]:
        """Other films rated highly by members who rated this one highly, with how many."""
        ...


class RatingModeration(Protocol):
    """Curators' actions and settings, and each member's data across every server."""

    async def settings(self, guild_id: int) -> RatingSettings: ...

    async def set_min_ratings(self, guild_id: int, curator_id: int, value: int) -> RatingSettings: ...

    async def set_review_role(
        self, guild_id: int, curator_id: int, role_id: int | None
    ) -> RatingSettings: ...

    async def review(self, guild_id: int, rating_id: int) -> Rating:
        """One rating with a review in this server (InvalidInput when there is none)."""
        ...

    async def recent_reviews(self, guild_id: int, typed: str, limit: int) -> list[Rating]:
        """This server's members' reviews whose film or words contain `typed`, newest first."""
        ...

    async def hide(self, guild_id: int, curator_id: int, rating_id: int, reason: str) -> Rating: ...

    async def restore(self, guild_id: int, curator_id: int, rating_id: int) -> Rating: ...

    async def delete(self, guild_id: int, curator_id: int, rating_id: int) -> Rating:
        """Delete a member's rating and its review outright."""
        ...

    async def export_member(self, user_id: int) -> dict[str, Any]:
        """Everything held about the member, in every server, ready for json.dumps."""
        ...

    async def forget_member(self, user_id: int) -> int:
        """Delete every rating and review of the member in every server; how many were deleted."""
        ...
