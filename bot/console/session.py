"""One terminal conversation: every command of the table, plus a few terminal-only ones.

Follow-ups work as on Discord: a "which one?" list is answered by typing a number, which
continues the same command with the same options; a confirmation is answered with /confirm, and
any other line cancels it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from bot.commands.runner import Commands, unexpected
from bot.commands.spec import Command
from bot.console.parse import find, parse
from bot.console.render import render, render_choices
from bot.core.errors import FilmbotError, InvalidInput
from bot.core.models import Caller
from bot.core.replies import Continuation, Reply, error_reply
from bot.core.text import whole_number

HINT = (
    "filmbot terminal. Ask in plain words (who directed memento?) or try /review backtrce. "
    "/suggest <text> shows autocomplete, /help lists commands, /quit leaves."
)
TERMINAL_HELP = """In the terminal:
  /suggest <text>     the autocomplete choices Discord would offer
  /next, /prev        other pages of a long answer
  /guild <id>         act inside that server (0 = outside any server)
  /as admin|member    act with or without the Manage Server permission
  /confirm            go ahead with the action that asked for confirmation
  /quit               leave (Ctrl-D works too)"""


QUIT_WORDS = ("/quit", "/exit", "quit", "exit")


def is_quit(line: str) -> bool:
    """'/quit', '/quit now', 'exit': the terminal's way out (Ctrl-D works too)."""
    return line.strip().split(" ", 1)[0].lower() in QUIT_WORDS


def listing(commands: Sequence[Command]) -> str:
    """One command per line: how it is typed, then what it does."""
    width = min(max((len(c.usage()) for c in commands), default=0), 48)
    return "\n".join(f"  {c.usage():<{width}}  {c.description}" for c in commands)


class ConsoleSession:
    def __init__(self, commands: Commands, caller: Caller | None = None, *, one_shot: bool = False) -> None:
        self.commands = commands
        self.one_shot = one_shot  # `filmbot ask`: nobody is there to type a number
        self.caller = caller or Caller()
        self.last: Reply | None = None  # the reply whose pages, options or confirmation are open
        self.saved_to = Path(".")

    async def run_line(self, line: str) -> tuple[str, bool]:
        """Run one typed line. Returns the text to print and whether it was an error."""
        line = line.strip()
        last, self.last = self.last, None  # any line answers or cancels what was open
        if not line:
            self.last = last
            return "", False
        if (number := whole_number(line)) is not None and last is not None and last.options:
            return await self._pick(last, number)
        if not line.startswith("/"):  # a question in plain words: /ask answers it
            return await self._answer("ask", {"question": line})
        name, _, argument = line[1:].partition(" ")
        name = name.lower()
        if name in ("next", "prev"):
            if last is None or not last.pages:
                return "Nothing to page through: /next and /prev turn the pages of a long answer.", True
            return self._show(last.turn(last.page + (1 if name == "next" else -1)))
        if name == "confirm":
            if last is None or last.confirm is None:
                return "Nothing is waiting for confirmation.", True
            return await self._resume(last.confirm.then)
        if name == "suggest":
            found = await self.commands.complete("review", "title", self.caller, argument)
            return render_choices(found), False
        if name in ("as", "guild"):
            return self._switch(name, argument.strip())
        if name in ("help", "?") and not argument.strip():
            listed = f"filmbot commands:\n{listing(self.commands.all)}"
            return (listed if self.one_shot else f"{listed}\n\n{TERMINAL_HELP}"), False
        if argument.strip().lower() in ("help", "?") and any(c.group == name for c in self.commands.all):
            return (
                f"The {name} commands:\n{listing([c for c in self.commands.all if c.group == name])}",
                False,
            )
        return await self._run(name, argument)

    def _switch(self, name: str, value: str) -> tuple[str, bool]:
        if name == "as" and value in ("admin", "member"):
            self.caller = dataclasses.replace(self.caller, can_manage_guild=value == "admin")
        elif name == "guild" and value.isascii() and value.isdigit() and len(value) < 20:
            self.caller = dataclasses.replace(self.caller, guild_id=int(value))
        else:
            return "Use /as admin, /as member or /guild <server id>.", True
        role = "admin (Manage Server)" if self.caller.can_manage_guild else "member"
        where = f"server {self.caller.guild_id}" if self.caller.guild_id else "outside any server"
        return f"Now acting as {role}, {where}.", False

    async def _pick(self, last: Reply, number: int) -> tuple[str, bool]:
        if not 1 <= number <= len(last.options) or last.pick is None:
            self.last = last
            return f"Pick a number from 1 to {len(last.options)}.", True
        return await self._resume(last.pick, last.options[number - 1].value)

    async def _resume(self, then: Continuation, value: str | None = None) -> tuple[str, bool]:
        try:
            reply = await self.commands.resume(then, self.caller, value)
        except Exception as error:
            reply = unexpected(error, f"console /{then.command}")
        return self._show(reply)

    async def _answer(self, path: str, options: dict[str, str]) -> tuple[str, bool]:
        try:
            reply = await self.commands.run(path, self.caller, options)
        except Exception as error:
            reply = unexpected(error, f"console /{path}")
        return self._show(reply)

    async def _run(self, name: str, argument: str) -> tuple[str, bool]:
        command, rest = find(self.commands.by_path, f"{name} {argument}")
        if command is None:
            group = [c for c in self.commands.all if c.group == name]
            if group:
                listed = listing(group)
                asked = argument.split(" ", 1)[0]
                problem = f"Unknown command /{name} {asked}." if asked else f"/{name} needs a subcommand."
                return f"{problem} The {name} commands:\n{listed}", True
            return f"Unknown command /{name}: type /help for the list.", True
        try:
            reply = await self.commands.run(command.path, self.caller, parse(command, rest))
        except FilmbotError as error:  # the line could not be read: nothing ran
            reply = error_reply(error)
        except Exception as error:
            reply = unexpected(error, f"console /{command.path}")
        return self._show(reply)

    def _show(self, reply: Reply) -> tuple[str, bool]:
        note = ""
        attachment = reply.attachment
        if attachment is not None:
            target = self.saved_to / Path(attachment.name).name
            try:
                target.write_bytes(attachment.data)
            except OSError as exc:
                problem = f"Couldn't save {target} ({exc.strerror}): nothing was written."
                return render(error_reply(InvalidInput(problem))), True
            note = f"\n\nSaved {target} ({len(attachment.data):,} bytes)."
            reply = dataclasses.replace(reply, attachment=None)
        if reply.options or reply.pages or reply.confirm:
            self.last = reply
        unanswered = self.one_shot and bool(reply.options)  # a one-shot run cannot be asked back
        return render(reply, one_shot=self.one_shot) + note, reply.error or unanswered
