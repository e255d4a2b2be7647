"""/help: the commands this person can use here, generated from the command table."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.spec import Access
from bot.core.replies import Field, Reply, make_reply
from bot.core.rich import code, rich


async def help_reply(ctx: Context) -> Reply:
    """What filmbot can do: one line per command, with its options."""
    everyone = [c for c in ctx.commands if c.access is Access.EVERYONE]
    curating = [c for c in ctx.commands if c.access is not Access.EVERYONE]
    fields = [Field(c.usage(), rich(c.description)) for c in everyone]
    if curating and ctx.caller.guild_id:
        names = ", ".join(f"/{c.path}" for c in curating)
        fields.append(Field("Curators (Manage Server or a curator role)", rich(names)))
    text = rich(
        "Titles are matched however you type them: ", code("backtrce"), ", ", code("Backtrace 2021"), "."
    )
    return make_reply(title="filmbot commands", description=text, fields=fields, ephemeral=True)
