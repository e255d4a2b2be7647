"""Rendering a Reply as a Discord embed (the Reply already fits Discord's limits)."""

from __future__ import annotations

import discord

from bot.core.replies import Reply

ANSWER_COLOUR = discord.Colour.from_rgb(229, 160, 13)
ERROR_COLOUR = discord.Colour.red()


def to_embed(reply: Reply) -> discord.Embed:
    embed = discord.Embed(
        title=reply.title,
        description=reply.description or None,
        colour=ERROR_COLOUR if reply.error else ANSWER_COLOUR,
    )
    for field in reply.fields:
        embed.add_field(name=field.name, value=field.value, inline=False)
    if reply.footer:
        embed.set_footer(text=reply.footer)
    return embed
