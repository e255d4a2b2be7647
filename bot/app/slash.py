"""Discord's slash commands, generated from the command table (bot/commands/table.py).

Each declaration becomes an app command whose parameters carry the declared limits (so Discord
checks them as people type), descriptions, choices and autocomplete; its callback hands the
values to the dispatcher, which runs the command through the same runner as the terminal.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Optional

import discord
from discord import app_commands

from bot.app.dispatch import Dispatcher, caller
from bot.commands.spec import Access, Command, Option, Upload

log = logging.getLogger(__name__)

Callback = Callable[..., Coroutine[Any, Any, None]]
Completer = Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]
DISCORD_INT = 2**53  # Discord's integer options are at most 2^53 in magnitude


def annotation(option: Option) -> Any:
    """The Python type discord.py reads an option's kind and limits from."""
    kind: Any
    if option.kind == "text":
        kind = str if option.choices else app_commands.Range[str, option.min_length, option.max_length]
    elif option.kind == "integer":
        low = option.min_value if option.min_value is not None else -DISCORD_INT
        high = option.max_value if option.max_value is not None else DISCORD_INT
        kind = app_commands.Range[int, low, high]
    elif option.kind == "number":
        kind = float
    elif option.kind == "boolean":
        kind = bool
    elif option.kind == "file":
        kind = discord.Attachment
    else:
        kind = discord.Role
    return kind if option.required else Optional[kind]  # noqa: UP045 (discord.py reads Optional)


def raw_value(value: Any) -> Any:
    """Discord's objects as the runner's plain values: an uploaded file, a role's id."""
    if isinstance(value, discord.Attachment):
        return Upload(value.filename, value.size, value.read)
    if isinstance(value, discord.Role):
        return value.id
    return value


def _completer(dispatcher: Dispatcher, command: Command, option: Option) -> Completer:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            found = await dispatcher.commands.complete(
                command.path, option.name, caller(interaction), current
            )
        except Exception:
            # Autocomplete has no message to show: offer nothing, log why.
            log.exception("autocomplete failed for %r", current[:50])
            return []
        return [app_commands.Choice(name=c.name, value=c.value) for c in found]

    return complete


def _callback(dispatcher: Dispatcher, command: Command) -> Callback:
    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        raw = {name: raw_value(value) for name, value in values.items() if value is not None}
        await dispatcher.handle(interaction, command, raw)

    visible = command.visible()
    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    # Discord lists required options first; the declaration's order is kept within each.
    for option in sorted(visible, key=lambda o: not o.required):
        default = inspect.Parameter.empty if option.required else None
        parameters.append(
            inspect.Parameter(
                option.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation(option)
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    if visible:
        app_commands.describe(**{o.name: o.description for o in visible})(callback)
    choices = {
        o.name: [app_commands.Choice(name=c, value=c) for c in o.choices] for o in visible if o.choices
    }
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {o.name: _completer(dispatcher, command, o) for o in visible if o.autocomplete}
    if completers:
        app_commands.autocomplete(**completers)(callback)
    return callback


def _manage_guild(command: Command) -> discord.Permissions | None:
    # Only hides the command from members; the runner checks permission on every call.
    return None if command.access is Access.EVERYONE else discord.Permissions(manage_guild=True)


def build(
    dispatcher: Dispatcher, groups: dict[str, str]
) -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Every declared command as a top-level app command or a subcommand of its group."""
    made: dict[str, app_commands.Group] = {}
    top: list[app_commands.Command[Any, ..., Any] | app_commands.Group] = []
    for command in dispatcher.commands.all:
        parent = None
        if command.group is not None:
            parent = made.get(command.group)
            if parent is None:
                parent = app_commands.Group(
                    name=command.group,
                    description=groups[command.group],
                    guild_only=command.guild_only,
                    default_permissions=_manage_guild(command),
                )
                made[command.group] = parent
                top.append(parent)
        slash: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=command.name,
            description=command.description,
            callback=_callback(dispatcher, command),
            parent=parent,
        )
        if parent is not None:
            parent.add_command(slash)
            continue
        if command.guild_only:
            slash.guild_only = True
        slash.default_permissions = _manage_guild(command)
        top.append(slash)
    return top
