"""Film commands everyone can run: /review and /similar, and the title autocomplete."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.info import computed_similar
from bot.core.discovery import parse_years
from bot.core.film_replies import review_reply, similar_reply
from bot.core.rating_replies import member_review_field, server_verdict
from bot.core.ratings import co_rating_suggestions
from bot.core.replies import Choice, Reply, choices, with_notice
from bot.core.similarity import Narrowing

MEMBER_REVIEWS_SHOWN = 200  # newest members' reviews /review pages through (25 pages of 8)
CO_RATED_SHOWN = 5  # "members who liked X also liked Y" suggestions at most
CO_RATED_READ = 100  # narrowed by genre or years: the favourites read to find CO_RATED_SHOWN that fit


async def review(ctx: Context, title: str, page: int = 1) -> Reply:
    """Review snippets for the film `title` means, and in a server its members' ratings and reviews."""
    film, notice = await ctx.resolved(title)
    guild = ctx.caller.guild_id
    critics = await ctx.deps.catalogue.reviews(film.id, guild)
    if not guild:  # members' ratings belong to a server
        return with_notice(review_reply(film, critics, page - 1), notice)
    average = await ctx.deps.ratings.average(guild, film.id)
    # Public: no viewer, so a hidden review shows to nobody here (its author sees it in /my-ratings).
    members = await ctx.deps.ratings.reviews(guild, film.id, 0, 0, MEMBER_REVIEWS_SHOWN)
    fields = [member_review_field(r) for r in members.items]
    reply = review_reply(film, critics, page - 1, fields, server_verdict(average) if average.count else ())
    return with_notice(reply, notice)


async def similar(
    ctx: Context, title: str, genre: str | None = None, years: str | None = None, page: int = 1
) -> Reply:
    """Films like the one `title` means, each with its reason: curated links first; in a server,
    then what its members who liked it liked; then films computed from what they share. With a
    genre or years, only suggestions of that genre and those years."""
    narrowing = Narrowing(genre, parse_years(years) if years else None)
    film, notice = await ctx.resolved(title)
    guild = ctx.caller.guild_id
    curated = await ctx.deps.catalogue.similar(film.id, guild)
    suggestions = [s for s in curated if narrowing.admits(s.film.year, s.film.genres)]
    if guild:
        shown = {s.film.id for s in suggestions}
        # Narrowed, the members' favourites are read further down, the first few that fit kept
        liked = await ctx.deps.ratings.liked_together(
            guild, film.id, CO_RATED_READ if narrowing else CO_RATED_SHOWN
        )
        liked = [c for c in liked if narrowing.admits(c.film.year, c.film.genres)]
        suggestions += [
            s for s in co_rating_suggestions(film, liked, CO_RATED_SHOWN) if s.film.id not in shown
        ]
    exclude = {film.id, *(s.film.id for s in suggestions)}
    suggestions += await computed_similar(ctx, film, exclude, narrowing)
    return with_notice(similar_reply(film, suggestions, page - 1, str(narrowing)), notice)


async def film_choices(ctx: Context, typed: str) -> list[Choice]:
    """Title choices for what has been typed so far (in-memory work: fast)."""
    return choices(ctx.deps.index.complete(typed, ctx.caller.guild_id))
