"""Film commands everyone can run: /review and /similar, and the title autocomplete."""

from __future__ import annotations

from bot.commands.context import Context
from bot.core.film_replies import review_reply, similar_reply
from bot.core.replies import Choice, Reply, choices, with_notice


async def review(ctx: Context, title: str, page: int = 0) -> Reply:
    """Review snippets for the film `title` means."""
    film, notice = await ctx.resolved(title)
    reply = review_reply(film, await ctx.deps.catalogue.reviews(film.id, ctx.caller.guild_id), page)
    return with_notice(reply, notice)


async def similar(ctx: Context, title: str, page: int = 0) -> Reply:
    """Films like the one `title` means, each with its reason."""
    film, notice = await ctx.resolved(title)
    reply = similar_reply(film, await ctx.deps.catalogue.similar(film.id, ctx.caller.guild_id), page)
    return with_notice(reply, notice)


async def film_choices(ctx: Context, typed: str) -> list[Choice]:
    """Title choices for what has been typed so far (in-memory work: fast)."""
    return choices(ctx.deps.index.complete(typed, ctx.caller.guild_id))
