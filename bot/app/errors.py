"""The one error handler for Discord: whatever reaches it becomes one private reply.

Domain errors never get here (the command runner answers them); what does is discord.py's own
refusals, answered in plain words, and bugs, logged with a reference id that the person sees.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.app.respond import send
from bot.commands.runner import unexpected
from bot.core.errors import FilmbotError, InvalidInput
from bot.core.replies import Reply, error_reply

log = logging.getLogger(__name__)


def unwrap(error: BaseException) -> BaseException:
    """The exception a command raised, out of discord.py's CommandInvokeError wrappers."""
    while isinstance(original := getattr(error, "original", None), BaseException):
        error = original
    return error


def reply_for(interaction: discord.Interaction, error: BaseException) -> Reply:
    cause = unwrap(error)
    if isinstance(cause, FilmbotError):
        return error_reply(cause)
    if isinstance(cause, app_commands.NoPrivateMessage):
        return error_reply(InvalidInput("This command only works inside a server."))
    if isinstance(cause, app_commands.MissingPermissions | app_commands.CheckFailure):
        return error_reply(InvalidInput("You don't have permission to use this command here."))
    if isinstance(cause, app_commands.TransformerError):
        return error_reply(InvalidInput(f"That value doesn't fit this option: {cause.value!r:.60}"))
    command = interaction.command
    return unexpected(cause, repr(command.qualified_name if command else f"interaction {interaction.id}"))


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    try:
        await send(interaction, reply_for(interaction, error))
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id, exc_info=True)
