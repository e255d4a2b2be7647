"""Rendering a Reply as a Discord embed, within every embed limit."""

from __future__ import annotations

import discord

from bot.app.markdown import escape, render
from bot.core import limits
from bot.core.limits import clip
from bot.core.replies import Reply
from bot.core.rich import Text

ANSWER_COLOUR = discord.Colour.from_rgb(229, 160, 13)
ERROR_COLOUR = discord.Colour.red()


def _plain(text: str | None, limit: int) -> str | None:
    """A plain-string part (title, field name): escaped, cut before escaping so it fits."""
    if not text:
        return None
    escaped = escape(text)
    while len(escaped) > limit:
        text = clip(text, max(len(text) - (len(escaped) - limit) - 1, 1))
        escaped = escape(text)
    return escaped


def _text(text: Text, limit: int) -> str:
    return render(text, limit) or "…"


def to_embed(reply: Reply) -> discord.Embed:
    title = _plain(reply.title, limits.MAX_EMBED_TITLE)
    description = render(reply.description, limits.MAX_EMBED_DESCRIPTION) or None
    footer = clip(reply.footer, limits.MAX_FOOTER) if reply.footer else None  # footers show no markdown
    embed = discord.Embed(
        title=title, description=description, colour=ERROR_COLOUR if reply.error else ANSWER_COLOUR
    )
    room = limits.MAX_EMBED_TOTAL - len(title or "") - len(description or "") - len(footer or "")
    for field in reply.fields[: limits.MAX_EMBED_FIELDS]:
        name = _plain(field.name, limits.MAX_FIELD_NAME) or "…"
        value = _text(field.value, limits.MAX_FIELD_VALUE)
        room -= len(name) + len(value)
        if room < 0:  # never reached for replies built by core (pages are sized for the worst case)
            break
        embed.add_field(name=name, value=value, inline=False)
    if footer:
        embed.set_footer(text=footer)
    return embed
