"""The slash commands. Each parses, calls the shared handler, and answers: nothing more."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.app.respond import answer
from bot.app.views import ChoiceView, PagerView
from bot.core.limits import MAX_QUERY
from bot.core.models import Caller
from bot.core.replies import Reply
from bot.handlers import Handlers

log = logging.getLogger(__name__)

TITLE_HELP = "The film: start typing and pick it from the list"


def caller(interaction: discord.Interaction) -> Caller:
    """Who is asking, as Discord resolved it for this interaction (permissions include Administrator)."""
    roles = frozenset(role.id for role in getattr(interaction.user, "roles", ()))
    return Caller(
        guild_id=interaction.guild_id or 0,
        user_id=interaction.user.id,
        can_manage_guild=bool(interaction.guild_id) and interaction.permissions.manage_guild,
        role_ids=roles,
    )


def title_autocomplete(
    handlers: Handlers,
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete_title(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            found = handlers.autocomplete(caller(interaction), current)
        except Exception:
            # Autocomplete has no message to show: offer nothing, log why.
            log.exception("autocomplete failed for %r", current[:50])
            return []
        return [app_commands.Choice(name=c.name, value=c.value) for c in found]

    return complete_title


def choice_view(interaction: discord.Interaction, reply: Reply) -> ChoiceView:
    handlers: Handlers = interaction.client.handlers  # type: ignore[attr-defined]
    run = handlers.similar if reply.command == "similar" else handlers.review
    who = caller(interaction)
    return ChoiceView(interaction.user.id, reply.options, lambda ref: run(who, ref))


def film_commands(handlers: Handlers) -> list[app_commands.Command]:
    complete_title = title_autocomplete(handlers)

    async def respond(interaction: discord.Interaction, command: str, title: str) -> None:
        run = handlers.review if command == "review" else handlers.similar
        who = caller(interaction)

        def pager(reply: Reply) -> discord.ui.View | None:
            if len(reply.pages) < 2:
                return None
            return PagerView(interaction.user.id, lambda page: run(who, title, page), len(reply.pages))

        await answer(interaction, run(who, title), pager)

    @app_commands.command(name="review")
    @app_commands.describe(title=TITLE_HELP)
    @app_commands.autocomplete(title=complete_title)
    async def review(interaction: discord.Interaction, title: app_commands.Range[str, 1, MAX_QUERY]) -> None:
        """Review snippets for a film: short quotes with their source and author."""
        await respond(interaction, "review", title)

    @app_commands.command(name="similar")
    @app_commands.describe(title=TITLE_HELP)
    @app_commands.autocomplete(title=complete_title)
    async def similar(interaction: discord.Interaction, title: app_commands.Range[str, 1, MAX_QUERY]) -> None:
        """If you liked this film: similar films, each with the reason it is suggested."""
        await respond(interaction, "similar", title)

    return [review, similar]
