"""One terminal conversation: parses `/command arguments` lines and runs the shared handlers."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from bot.console.render import render, render_choices
from bot.core.errors import FilmbotError
from bot.core.models import Caller
from bot.core.replies import Option, Reply, error_reply, internal_error_reply
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
  /help               this list
  /quit               leave (Ctrl-D works too)
Titles are matched however you type them: backtrce, Backtrace 2021, back trace."""


class ConsoleSession:
    def __init__(self, handlers: Handlers, caller: Caller | None = None) -> None:
        self.handlers = handlers
        self.caller = caller or Caller()
        self._offered: tuple[Option, ...] = ()
        self._offered_command = "review"
        self.commands: dict[str, Callable[[str], Awaitable[Reply]]] = {
            "review": lambda text: self.handlers.review(self.caller, text),
            "similar": lambda text: self.handlers.similar(self.caller, text),
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
        if name not in self.commands:
            return f"Unknown command /{name}: type /help for the list.", True
        return await self._run(name, argument)

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
