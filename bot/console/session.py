"""One terminal conversation: parses `/command arguments` lines and runs the shared handlers."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.console.catalogue import Handler, run_catalogue
from bot.console.render import render, render_choices
from bot.core.errors import FilmbotError, InvalidInput
from bot.core.models import Caller
from bot.core.replies import Option, Reply, error_reply, internal_error_reply
from bot.curation_handlers import CurationHandlers
from bot.handlers import Handlers

log = logging.getLogger(__name__)

HINT = (
    "filmbot terminal. Try /review backtrce or /similar Backtrace. "
    "/suggest <text> shows autocomplete, /help lists commands, /quit leaves."
)
HELP = """Commands:
  /review <title>     review snippets for a film
  /similar <title>    films like it, with the reason for each
  /suggest <text>     the autocomplete choices Discord would offer
  /catalogue help     server curation commands (add films, reviews, links, import, export…)
  /guild <id>         act inside that server (0 = outside any server)
  /as admin|member    act with or without the Manage Server permission
  /confirm            go ahead with the action that asked for confirmation
  /help               this list
  /quit               leave (Ctrl-D works too)
Titles are matched however you type them: backtrce, Backtrace 2021, back trace."""


class ConsoleSession:
    def __init__(
        self, handlers: Handlers, curation: CurationHandlers | None = None, caller: Caller | None = None
    ) -> None:
        self.handlers = handlers
        self.curation = curation
        self.caller = caller or Caller()
        self._offered: tuple[Option, ...] = ()
        self._offered_command = "review"
        self._pending: Handler | None = None
        self.commands: dict[str, Callable[[str], Awaitable[Reply]]] = {
            "review": lambda text: self.handlers.review(self.caller, text),
            "similar": lambda text: self.handlers.similar(self.caller, text),
            "catalogue": self._catalogue,
            "confirm": self._confirm,
        }

    async def run_line(self, line: str) -> tuple[str, bool]:
        """Run one typed line. Returns the text to print and whether it was an error."""
        line = line.strip()
        if not line:
            return "", False
        if line.isdigit() and self._offered:
            return await self._pick(int(line))
        if not line.startswith("/"):
            return "Commands start with '/': try /review Backtrace, or /help.", True
        name, _, argument = line[1:].partition(" ")
        name = name.lower()
        if name in ("help", "?"):
            return HELP, False
        if name == "suggest":
            return render_choices(self.handlers.autocomplete(self.caller, argument)), False
        if name in ("as", "guild"):
            return self._switch(name, argument.strip())
        if name not in self.commands:
            return f"Unknown command /{name}: type /help for the list.", True
        return await self._run(name, argument)

    def _switch(self, name: str, value: str) -> tuple[str, bool]:
        if name == "as" and value in ("admin", "member"):
            self.caller = dataclasses.replace(self.caller, can_manage_guild=value == "admin")
        elif name == "guild" and value.isdigit():
            self.caller = dataclasses.replace(self.caller, guild_id=int(value))
        else:
            return "Use /as admin, /as member or /guild <server id>.", True
        role = "admin (Manage Server)" if self.caller.can_manage_guild else "member"
        where = f"server {self.caller.guild_id}" if self.caller.guild_id else "outside any server"
        return f"Now acting as {role}, {where}.", False

    async def _catalogue(self, text: str) -> Reply:
        if self.curation is None:
            raise InvalidInput("Catalogue commands are not available here.")
        reply, self._pending = await run_catalogue(self.curation, self.caller, text)
        attachment = reply.attachment
        if attachment is not None:
            target = text.split()[1:] if text.startswith("export") else []
            if target:
                Path(target[0]).write_bytes(attachment.data)
                reply = dataclasses.replace(reply, description=f"Wrote {target[0]}.", attachment=None)
            else:
                reply = dataclasses.replace(
                    reply, description=attachment.data.decode("utf-8"), attachment=None
                )
        return reply

    async def _confirm(self, _: str) -> Reply:
        pending, self._pending = self._pending, None
        if pending is None:
            raise InvalidInput("Nothing is waiting for confirmation.")
        return await pending(self.caller)

    async def _pick(self, number: int) -> tuple[str, bool]:
        if not 1 <= number <= len(self._offered):
            return f"Pick a number from 1 to {len(self._offered)}.", True
        return await self._run(self._offered_command, self._offered[number - 1].value)

    async def _run(self, name: str, argument: str) -> tuple[str, bool]:
        try:
            reply = await self.commands[name](argument)
        except FilmbotError as exc:
            reply = error_reply(exc, command=name)
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("console command /%s failed (ref %s)", name, reference)
            reply = internal_error_reply(reference)
        self._offered, self._offered_command = reply.options, reply.command or name
        return render(reply), reply.error
