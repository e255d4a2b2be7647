"""Film commands everyone can run: /review and /similar, and the title autocomplete."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.info import computed_similar
from bot.core.film_replies import review_reply, similar_reply
from bot.core.rating_replies import member_review_field, server_verdict
from bot.core.ratings import co_rating_suggestions
from bot.core.replies import Choice, Reply, choices, with_notice

MEMBER_REVIEWS_SHOWN = 200  # newest members' reviews /review pages through (25 pages of 8)
CO_RATED_SHOWN = 5  # "members who liked X also liked Y" suggestions at most


async def review(ctx: Context, title: str, page: int = 0) -> Reply:
    """Review snippets for the film `title` means, and in a server its members' ratings and reviews."""
    film, notice = await ctx.resolved(title)
    guild = ctx.caller.guild_id
    critics = await ctx.deps.catalogue.reviews(film.id, guild)
    if not guild:  # members' ratings belong to a server
        return with_notice(review_reply(film, critics, page), notice)
    average = await ctx.deps.ratings.average(guild, film.id)
    # Public: no viewer, so a hidden review shows to nobody here (its author sees it in /my-ratings).
    members = await ctx.deps.ratings.reviews(guild, film.id, 0, 0, MEMBER_REVIEWS_SHOWN)
    fields = [member_review_field(r) for r in members.items]
    reply = review_reply(film, critics, page, fields, server_verdict(average) if average.count else ())
    return with_notice(reply, notice)


async def similar(ctx: Context, title: str, page: int = 0) -> Reply:
    """Films like the one `title` means, each with its reason: curated links first; in a server,
    then what its members who liked it liked; then films computed from what they share."""
    film, notice = await ctx.resolved(title)
    guild = ctx.caller.guild_id
    suggestions = await ctx.deps.catalogue.similar(film.id, guild)
    if guild:
        shown = {s.film.id for s in suggestions}
        liked = await ctx.deps.ratings.liked_together(guild, film.id, CO_RATED_SHOWN)
        suggestions += [s for s in co_rating_suggestions(film, liked) if s.film.id not in shown]
    suggestions += await computed_similar(ctx, film, {film.id, *(s.film.id for s in suggestions)})
    return with_notice(similar_reply(film, suggestions, page), notice)


async def film_choices(ctx: Context, typed: str) -> list[Choice]:
    """Title choices for what has been typed so far (in-memory work: fast)."""
    return choices(ctx.deps.index.complete(typed, ctx.caller.guild_id))
