"""Answering an interaction exactly once, within Discord's 3-second deadline.

`send` uses the initial response when it is still free and a followup otherwise, so no code path
can acknowledge twice; both paths carry the reply's file and remember the message a view is on.
`answer` gives the work ANSWER_BUDGET_S to finish and defers ("thinking") if it has not, so a
slow database never makes Discord drop the interaction.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable

import discord

from bot.app.embeds import to_embed
from bot.core.limits import ANSWER_BUDGET_S
from bot.core.replies import Reply

NO_PINGS = discord.AllowedMentions.none()
DEFERRED = "filmbot_deferred_public"
ViewFor = Callable[[Reply], discord.ui.View | None]


def _files(reply: Reply) -> list[discord.File]:
    if reply.attachment is None:
        return []
    return [discord.File(io.BytesIO(reply.attachment.data), filename=reply.attachment.name)]


def _remember(view: discord.ui.View | None, message: discord.Message) -> None:
    """Views remove their controls when they expire: they need the message they are on."""
    if view is not None:
        view.message = message  # type: ignore[attr-defined]


async def send(interaction: discord.Interaction, reply: Reply, view: discord.ui.View | None = None) -> None:
    embed = to_embed(reply)
    attach = view if view is not None else discord.utils.MISSING
    if not interaction.response.is_done():
        await interaction.response.send_message(
            embed=embed,
            ephemeral=reply.ephemeral,
            allowed_mentions=NO_PINGS,
            view=attach,
            files=_files(reply),
        )
        if view is not None:
            _remember(view, await interaction.original_response())
        return
    if reply.ephemeral and interaction.extras.get(DEFERRED):
        # A public "thinking…" placeholder would turn a private error public: remove it first.
        interaction.extras[DEFERRED] = False
        await interaction.delete_original_response()
    message = await interaction.followup.send(
        embed=embed,
        ephemeral=reply.ephemeral,
        allowed_mentions=NO_PINGS,
        view=attach,
        files=_files(reply),
        wait=True,
    )
    _remember(view, message)


async def defer(interaction: discord.Interaction, *, private: bool) -> None:
    if not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=private)
        interaction.extras[DEFERRED] = not private


async def answer(
    interaction: discord.Interaction,
    work: Awaitable[Reply],
    view_for: ViewFor = lambda reply: None,
    *,
    private: bool = False,
) -> None:
    """Run `work`; defer if it outlives the budget; send its reply. Errors reach the tree handler.

    `private` commands (curation) defer privately, since all their answers are private."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=ANSWER_BUDGET_S)
    if not done:
        await defer(interaction, private=private)
    reply = await task
    await send(interaction, reply, view_for(reply))
