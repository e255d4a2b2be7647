"""Members' ratings and reviews: /rate, /unrate, /my-ratings, /my-data, /forget-me, /top.

Everything a member writes belongs to the server they wrote it in and to them: these commands
only work in a server, answer privately, and read and write that server's ratings only, except
/my-data and /forget-me, which cover the member in every server.
"""

from __future__ import annotations

import asyncio
import json

from bot.commands.context import Context
from bot.core.errors import InvalidInput
from bot.core.rating_replies import my_ratings_reply, rated_reply, top_reply, unrated_reply
from bot.core.ratings import check_may_review, check_server, parse_stars, parse_top_filter
from bot.core.ratings_text import clean_review
from bot.core.replies import Attachment, Confirm, Continuation, Reply, done, make_reply
from bot.core.rich import code, rich
from bot.core.text import counted

LISTED = 500  # a member's ratings /my-ratings pages through (newest first)
TOP_SHOWN = 50  # films /top pages through


async def rate(
    ctx: Context, title: str, stars: str | None = None, review: str | None = None, spoiler: bool = False
) -> Reply:
    """Rate a film from 0.5 to 5 stars, with a short review if you like; rating again replaces it."""
    who = ctx.caller
    check_server(who.guild_id)
    if stars is None:
        raise InvalidInput("Give the stars too, like /rate Heat 4.5 (0.5 to 5 in half steps).")
    halves = parse_stars(stars)
    text = clean_review(review)
    if text is not None:
        check_may_review(await ctx.deps.moderation.settings(who.guild_id), who)
    film = await ctx.film(title)
    ctx.deps.limiter.check(who.user_id)
    result = await ctx.deps.ratings.rate(who.guild_id, who.user_id, film.id, halves, text, spoiler)
    return rated_reply(result)


async def unrate(ctx: Context, title: str) -> Reply:
    """Remove your rating (and review) of a film in this server."""
    check_server(ctx.caller.guild_id)
    film = await ctx.film(title)
    removed = await ctx.deps.ratings.unrate(ctx.caller.guild_id, ctx.caller.user_id, film.id)
    return unrated_reply(removed, film)


async def my_ratings(ctx: Context, page: int = 1) -> Reply:
    """Your ratings and reviews in this server, newest first (only you see them)."""
    check_server(ctx.caller.guild_id)
    found = await ctx.deps.ratings.member_ratings(ctx.caller.guild_id, ctx.caller.user_id, 0, LISTED)
    return my_ratings_reply(found.items, page - 1)


async def my_data(ctx: Context) -> Reply:
    """Everything filmbot holds about you, in every server, as a JSON file (only you see it)."""
    data = await ctx.deps.moderation.export_member(ctx.caller.user_id)
    encoded = await asyncio.to_thread(lambda: json.dumps(data, ensure_ascii=False, indent=2).encode())
    return make_reply(
        description=rich(
            f"Everything filmbot holds about you: {counted(len(data['ratings']), 'rating')} (with any "
            "reviews) in every server, and your curator actions. ",
            code("/forget-me"),
            " deletes your ratings and reviews.",
        ),
        ephemeral=True,
        attachment=Attachment(f"filmbot-my-data-{ctx.caller.user_id}.json", encoded),
    )


async def forget_me(ctx: Context, confirm: int | None = None) -> Reply:
    """Delete every rating and review you wrote, in every server (asks first)."""
    if confirm is None:
        return make_reply(
            description="This deletes every rating and review you wrote, in every server, for good. "
            "Only you can press the button.",
            ephemeral=True,
            confirm=Confirm("Delete all my ratings and reviews", Continuation(args=(("confirm", 1),))),
        )
    deleted = await ctx.deps.moderation.forget_member(ctx.caller.user_id)
    if not deleted:
        return done("filmbot holds no ratings or reviews of yours: nothing to delete.")
    return done(f"Deleted your {counted(deleted, 'rating')} and their reviews, in every server.")


async def top(ctx: Context, genre: str | None = None, decade: str | None = None, page: int = 1) -> Reply:
    """This server's best-rated films, optionally of one genre or decade."""
    check_server(ctx.caller.guild_id)
    where = parse_top_filter(genre, decade)
    least = (await ctx.deps.moderation.settings(ctx.caller.guild_id)).min_ratings
    entries = await ctx.deps.ratings.top(ctx.caller.guild_id, where, least, TOP_SHOWN)
    return top_reply(entries, where, least, page - 1)
