"""/catalogue commands for members' reviews: hide (with a reason), restore, delete, and settings.

Hiding and restoring are recorded in /catalogue history. A hidden review disappears from every
listing except its author's own /my-ratings, where the reason is shown.
"""

from __future__ import annotations

from bot.commands.context import Context
from bot.core.errors import InvalidInput
from bot.core.limits import MAX_CHOICE_NAME, MAX_CHOICES, clip
from bot.core.rating_replies import settings_reply
from bot.core.ratings import parse_hide_reason, parse_min_ratings
from bot.core.replies import Choice, Reply, done
from bot.core.rich import rich, strong

RATING_REF = "rating:"


def rating_id(value: str) -> int:
    """The rating a picked choice names ('rating:42'); typed words are not guessed at."""
    number = value.strip().removeprefix(RATING_REF)
    if not (number.isascii() and number.isdigit()) or len(number) > 19:
        raise InvalidInput("Pick the review from the list as you type (its film or words).")
    return int(number)


async def hide_review(ctx: Context, review: str, reason: str) -> Reply:
    """Hide a member's review, with the reason its author will see."""
    who = ctx.caller
    hidden = await ctx.deps.moderation.hide(
        who.guild_id, who.user_id, rating_id(review), parse_hide_reason(reason)
    )
    return done(
        rich("Hid the review of ", strong(hidden.film_label), f". Its author still sees it, with: {reason}")
    )


async def restore_review(ctx: Context, review: str) -> Reply:
    """Show a hidden review again."""
    who = ctx.caller
    restored = await ctx.deps.moderation.restore(who.guild_id, who.user_id, rating_id(review))
    return done(rich("Restored the review of ", strong(restored.film_label), "."))


async def delete_rating(ctx: Context, review: str) -> Reply:
    """Delete a member's rating and its review outright."""
    who = ctx.caller
    deleted = await ctx.deps.moderation.delete(who.guild_id, who.user_id, rating_id(review))
    return done(
        rich(
            "Deleted a member's rating of ", strong(deleted.film_label), f" ({deleted.stars}) and its review."
        )
    )


async def ratings_settings(
    ctx: Context, min_ratings: int | None = None, review_role: int | None = None, anyone_reviews: bool = False
) -> Reply:
    """How many ratings /top needs, and whether writing a review needs a role."""
    store, who = ctx.deps.moderation, ctx.caller
    if review_role is not None and anyone_reviews:
        raise InvalidInput("Choose either a role for reviews or anyone_reviews, not both.")
    settings = await store.settings(who.guild_id)
    if min_ratings is not None:
        settings = await store.set_min_ratings(who.guild_id, who.user_id, parse_min_ratings(min_ratings))
    if review_role is not None or anyone_reviews:
        settings = await store.set_review_role(who.guild_id, who.user_id, review_role)
    return settings_reply(settings)


async def member_review_choices(ctx: Context, typed: str) -> list[Choice]:
    """This server's members' reviews whose film or words match what was typed, newest first."""
    found = await ctx.deps.moderation.recent_reviews(ctx.caller.guild_id, typed, MAX_CHOICES)
    choices = []
    for rating in found:
        state = " [hidden]" if rating.hidden else ""
        name = " ".join(f"{rating.film_label} {rating.stars}{state} — “{rating.review}”".split())
        choices.append(Choice(clip(name, MAX_CHOICE_NAME), f"{RATING_REF}{rating.id}"))
    return choices
