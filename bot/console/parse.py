"""Reading a typed line into a command and its option values, against the command table.

`/review Schindler's List` gives the whole rest of the line to the first option (apostrophes and
all); options can also be typed `key=value` (quote values with spaces) or in declared order.
Values stay text here: bot.commands.spec.convert checks them, as it does for Discord.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

from bot.commands.spec import Command, Upload, UsageError
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


def parse(command: Command, rest: str) -> dict[str, Any]:
    """Option values by name, as typed. Unknown names are left for `convert` to refuse."""
    visible = command.visible()
    rest = rest.partition(COMMENT)[0].strip()
    if not rest:
        return {}
    if visible and visible[0].kind == "text" and not _KEYED.search(rest):
        return {visible[0].name: rest}  # free text: the whole line is the first option
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
    if len(positional) > len(free):
        raise UsageError(f"Too many values. Usage: {command.usage()}")
    for option, word in zip(free, positional, strict=False):
        values[option.name] = word
    for option in visible:
        if option.kind == "file" and isinstance(values.get(option.name), str):
            values[option.name] = _upload(values[option.name])
    return values
