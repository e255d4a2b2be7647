"""Tab completion for the terminal: commands, their options and titles, from the command table.

Titles come from `Commands.complete`, the same autocomplete Discord shows as people type. Each
candidate is the whole line as it would read once completed, so readline can offer it as is.
"""

from __future__ import annotations

from bot.commands.runner import Commands
from bot.commands.spec import Option
from bot.console.parse import find
from bot.core.models import Caller
from bot.core.replies import Choice

# Commands of the terminal alone (bot/console/session.py), completed like the table's.
TERMINAL_COMMANDS = ("suggest", "next", "prev", "guild", "as", "confirm", "quit", "exit")


def _quote(value: str) -> str:
    return f'"{value}"' if " " in value or "'" in value else value


async def complete_line(commands: Commands, caller: Caller, line: str) -> list[str]:
    """The completed lines for what has been typed so far (up to the cursor)."""
    if not line.startswith("/"):
        return []
    words = line[1:]
    if " " not in words:  # the command's name
        names = {c.group or c.name for c in commands.all} | set(TERMINAL_COMMANDS) | {"help"}
        return sorted(f"/{name} " for name in names if name.startswith(words.lower()))
    command, rest = find(commands.by_path, words)
    if command is None:
        first, _, typed = words.partition(" ")
        subcommands = [c.name for c in commands.all if c.group == first.lower()]
        return [f"/{first} {name} " for name in sorted(subcommands) if name.startswith(typed.strip().lower())]
    head = line[: len(line) - len(rest)] if rest else line.rstrip() + " "
    visible = command.visible()
    key, sep, value = rest.rpartition(" ")[2].partition("=")
    if sep:  # key=value: complete the value of that option
        option = next((o for o in visible if o.name == key.replace("-", "_")), None)
        before = line[: len(line) - len(value)]
        if option is None:
            return []
        if option.choices:
            return [f"{before}{choice} " for choice in option.choices if choice.startswith(value)]
        if option.autocomplete:
            found = await commands.complete(command.path, option.name, caller, value.strip('"'))
            return [f"{before}{_quote(_typed(choice))} " for choice in found]
        return []
    lead = visible[0] if visible else None
    if lead is not None and lead.autocomplete and "=" not in rest:
        found = await commands.complete(command.path, lead.name, caller, rest.strip())
        titles = [f"{head}{_typed(choice)}" for choice in found]
        return titles or _option_names(command.visible(), head, rest)
    return _option_names(visible, head, rest)


def _typed(choice: Choice) -> str:
    """What to type for a choice: a film by its title; anything else (a review) by its id, since
    its name is a description, so a curator sees the review ids where they remove one."""
    return choice.name if choice.value.startswith("film:") else f"{choice.value}  # {choice.name}"


def _option_names(options: tuple[Option, ...], head: str, rest: str) -> list[str]:
    typed = rest.rpartition(" ")[2]
    before = (head + rest)[: len(head + rest) - len(typed)]
    names = [option.name for option in options]
    return [f"{before}{name}=" for name in names if name.startswith(typed) and f"{name}=" not in rest]
