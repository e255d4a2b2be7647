"""The Discord client: non-privileged intents, no mentions, one paced command tree, one error handler."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import discord
from discord import app_commands

from bot.app.dispatch import Dispatcher
from bot.app.errors import report
from bot.app.pacing import Turnstile
from bot.app.slash import build
from bot.commands.table import GROUPS
from bot.settings import Settings
from bot.wiring import Services

log = logging.getLogger(__name__)


class PacedTree(app_commands.CommandTree):
    """The command tree, with every command and autocomplete waiting its turn (bot.app.pacing)."""

    def __init__(self, client: discord.Client) -> None:
        super().__init__(client)
        self.turnstile = Turnstile()

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        await self.turnstile.turn()
        return True


class FilmBot(discord.Client):
    def __init__(self, services: Services, settings: Settings, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # not privileged: lets interactions resolve their server
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none(), **options)
        self.services = services
        self.settings = settings
        self.tree = PacedTree(self)
        self.tree.error(self._on_tree_error)
        for command in build(Dispatcher(services.commands), GROUPS):
            self.tree.add_command(command)

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report(interaction, error)

    async def setup_hook(self) -> None:
        await self.sync_commands()

    def command_digest(self) -> str:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self) -> bool:
        """Sync to the development guild, or globally only when the commands changed.

        Discord limits command creation per day; restarting an unchanged bot must not spend it.
        """
        if self.settings.guild_id:
            guild = discord.Object(id=self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to guild %s", self.settings.guild_id)
            return True
        key = f"command_digest:{self.application_id}"
        digest = self.command_digest()
        if await self.services.meta.get(key) == digest:
            log.info("global commands unchanged since the last sync")
            return False
        await self.tree.sync()
        await self.services.meta.put(key, digest)
        log.info("global commands synced")
        return True

    async def on_ready(self) -> None:
        log.info("connected as %s (%s)", self.user, self.user.id if self.user else "?")
