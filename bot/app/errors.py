"""The one error handler: domain errors become friendly private replies; anything else is
logged with a reference id, and the person sees only that id."""

from __future__ import annotations

import logging
import uuid

import discord
from discord import app_commands

from bot.app.respond import send
from bot.core.errors import FilmbotError, InvalidInput
from bot.core.replies import error_reply, internal_error_reply

log = logging.getLogger(__name__)


def unwrap(error: BaseException) -> BaseException:
    """The exception a command raised, out of discord.py's CommandInvokeError wrappers."""
    while isinstance(original := getattr(error, "original", None), BaseException):
        error = original
    return error


def _command_name(interaction: discord.Interaction) -> str | None:
    command = interaction.command
    return command.name if command is not None else None


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    cause = unwrap(error)
    if isinstance(cause, FilmbotError):
        reply = error_reply(cause, command=_command_name(interaction))
    elif isinstance(cause, app_commands.NoPrivateMessage):
        reply = error_reply(InvalidInput("This command only works inside a server."))
    elif isinstance(cause, app_commands.MissingPermissions | app_commands.CheckFailure):
        reply = error_reply(InvalidInput("You don't have permission to use this command here."))
    elif isinstance(cause, app_commands.TransformerError):
        reply = error_reply(InvalidInput(f"That value doesn't fit this option: {cause.value!r:.60}"))
    else:
        reference = uuid.uuid4().hex[:8]
        log.error("unhandled error (ref %s) in %r", reference, _command_name(interaction), exc_info=cause)
        reply = internal_error_reply(reference)
    view = None
    if reply.options and reply.command:
        from bot.app.commands import choice_view  # avoids an import cycle: commands use report()

        view = choice_view(interaction, reply)
    try:
        await send(interaction, reply, view)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id, exc_info=True)
