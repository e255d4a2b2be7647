"""From an interaction to the command runner and back: who is asking, and what a reply's
controls do. Every follow-up (a pick, a confirmation, a form) continues the same command."""

from __future__ import annotations

from typing import Any

import discord

from bot.app.respond import ViewFor, answer, defer, send
from bot.app.views import ActionView, ChoiceView, ConfirmView, FormModal, PagerView, Picked
from bot.commands.runner import Commands
from bot.commands.spec import Command
from bot.core.models import Caller
from bot.core.replies import Continuation, Reply


def caller(interaction: discord.Interaction) -> Caller:
    """Who is asking, as Discord resolved it for this interaction (permissions include Administrator)."""
    roles = frozenset(role.id for role in getattr(interaction.user, "roles", ()))
    return Caller(
        guild_id=interaction.guild_id or 0,
        user_id=interaction.user.id,
        can_manage_guild=bool(interaction.guild_id) and interaction.permissions.manage_guild,
        role_ids=roles,
    )


class Dispatcher:
    def __init__(self, commands: Commands) -> None:
        self.commands = commands

    async def handle(self, interaction: discord.Interaction, command: Command, raw: dict[str, Any]) -> None:
        form = command.form
        if form is not None and raw.get(form.opens_without) is None:
            await self._open_form(interaction, command, raw)
            return
        if command.slow:  # uploads and exports: acknowledge before any of the work
            await defer(interaction, private=command.private)
        work = self.commands.run(command.path, caller(interaction), raw)
        await answer(interaction, work, self.views(interaction), private=command.private)

    def views(self, interaction: discord.Interaction) -> ViewFor:
        invoker = interaction.user.id

        def view_for(reply: Reply) -> discord.ui.View | None:
            if reply.pick is not None and reply.options:
                return ChoiceView(invoker, reply.options, self._picked(reply.pick))
            if reply.confirm is not None:
                then = reply.confirm.then

                async def pressed(presser: discord.Interaction) -> Reply:
                    return await self.commands.resume(then, caller(presser))

                return ConfirmView(invoker, reply.confirm.label, pressed)
            if reply.pages:
                return PagerView(invoker, reply)
            if reply.actions:
                return ActionView(invoker, reply.actions, self._run)
            return None

        return view_for

    async def _run(self, interaction: discord.Interaction, then: Continuation) -> None:
        """A button's command, as the presser, answered in a new message."""
        private = self.commands.by_path[then.command].private
        work = self.commands.resume(then, caller(interaction))
        await answer(interaction, work, self.views(interaction), private=private)

    def _picked(self, then: Continuation) -> Picked:
        private = self.commands.by_path[then.command].private

        async def picked(interaction: discord.Interaction, value: str) -> None:
            work = self.commands.resume(then, caller(interaction), value)
            await answer(interaction, work, self.views(interaction), private=private)

        return picked

    async def _open_form(
        self, interaction: discord.Interaction, command: Command, raw: dict[str, Any]
    ) -> None:
        refusal = await self.commands.refusal(command.path, caller(interaction))
        form = command.form
        if refusal is not None or form is None:
            await send(interaction, refusal or Reply())
            return

        async def submitted(submit: discord.Interaction, values: dict[str, str]) -> None:
            typed: dict[str, Any] = {name: value for name, value in values.items() if value.strip()}
            typed.setdefault(form.opens_without, "")  # never a second form: an empty field is refused
            await self.handle(submit, command, {**raw, **typed})

        await interaction.response.send_modal(FormModal(form, submitted))
