"""Reading a typed line into a command and its option values, against the command table.

`/review Schindler's List` gives the whole rest of the line to the first option (apostrophes and
all); `/rate escape plan 4.5` gives the last words to the other required options; options can
also be typed `key=value` (quote values with spaces).
Values stay text here: bot.commands.spec.convert checks them, as it does for Discord.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

from bot.commands.spec import Command, Option, Upload, UsageError
from bot.core.errors import InvalidInput

COMMENT = "  # "  # what Tab completion appends after an id: the review it is, for the reader
_KEYED = re.compile(r"(?:^|\s)[A-Za-z_][\w-]*=")


def find(commands: dict[str, Command], words: str) -> tuple[Command | None, str]:
    """The command a line names ('review …', 'catalogue add-film …') and the rest of the line."""
    first, _, rest = words.strip().partition(" ")
    command = commands.get(first.lower())
    if command is not None:
        return command, rest
    second, _, after = rest.strip().partition(" ")
    return commands.get(f"{first.lower()} {second.lower()}"), after


def _upload(path_text: str) -> Upload:
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise InvalidInput(f"No file at {path}: give the path of the file to send.")

    async def read() -> bytes:
        return path.read_bytes()

    return Upload(path.name, path.stat().st_size, read)


def _free_text(visible: tuple[Option, ...], rest: str) -> dict[str, Any]:
    """`/rate escape plan 4.5`: the other required options take the last words, in order, and the
    first option (a title, usually) takes all the words before them. With quotes grouping the
    words (`/catalogue add-film "Zebra Crossing" 2022`), values go to the options in order."""
    try:
        words = shlex.split(rest)
    except ValueError:  # an apostrophe in a title ("Schindler's List"), or a stray quote
        words = rest.split()
    else:
        if any(quote in rest for quote in "\"'") and len(words) <= len(visible):
            # Quotes group the words: the values are typed in the declared order.
            return {option.name: word for option, word in zip(visible, words, strict=False)}
    return _grouped(visible, words)


def _grouped(options: tuple[Option, ...] | list[Option], words: list[str]) -> dict[str, Any]:
    """Unquoted words for `options`: the required ones after the first take the last words, the
    first takes all the words before them (`Zebra Crossing year=2022` is one title)."""
    required = [option for option in options[1:] if option.required]
    if len(words) <= len(required):  # too few: in order, and the runner names what is missing
        return {option.name: word for option, word in zip(options, words, strict=False)}
    first = words[: len(words) - len(required)]
    values: dict[str, Any] = {options[0].name: " ".join(first)}
    values.update({option.name: word for option, word in zip(required, words[len(first) :], strict=True)})
    return values


def parse(command: Command, rest: str) -> dict[str, Any]:
    """Option values by name, as typed. Unknown names are left for `convert` to refuse."""
    visible = command.visible()
    rest = rest.partition(COMMENT)[0].strip()
    if not rest:
        return {}
    if visible and visible[0].kind == "text" and not _KEYED.search(rest):
        return _free_text(visible, rest)
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise UsageError(f"Couldn't read the options ({exc}): close your quotes.") from None
    values: dict[str, Any] = {}
    positional = []
    for word in words:
        key, sep, value = word.partition("=")
        if sep and key and key.replace("-", "_").replace("_", "").isalnum():
            values[key.replace("-", "_")] = value
        else:
            positional.append(word)
    free = [option for option in visible if option.name not in values]
    if positional and free and free[0].kind == "text" and not any(quote in rest for quote in "\"'"):
        values.update(_grouped(free, positional))  # unquoted words beside key=value options
    else:
        if len(positional) > len(free):
            raise UsageError(f"Too many values. Usage: {command.usage()}")
        for option, word in zip(free, positional, strict=False):
            values[option.name] = word
    for option in visible:
        if option.kind == "file" and isinstance(values.get(option.name), str):
            values[option.name] = _upload(values[option.name])
    return values
