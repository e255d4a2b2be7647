"""How a command is declared: its name, options with their limits, who may run it, its handler.

Both front-ends are generated from these declarations (bot/app/slash.py for Discord,
bot/console/session.py for the terminal), and `convert` is the one validation every option value
goes through, whichever front-end it came from.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from bot.core.errors import InvalidInput
from bot.core.limits import MAX_MODAL_FIELDS, MAX_MODAL_TITLE, MAX_OPTION_DESCRIPTION

if TYPE_CHECKING:
    from bot.commands.context import Context
    from bot.core.replies import Choice, Reply

Kind = Literal["text", "integer", "number", "boolean", "file", "role"]
Handler = Callable[..., Awaitable["Reply"]]  # handler(ctx, **options) -> Reply
Source = Callable[["Context", str], Awaitable[list["Choice"]]]  # autocomplete: (ctx, typed) -> choices


class Access(Enum):
    EVERYONE = "everyone"
    CURATOR = "curator"  # Manage Server or one of the server's curator roles
    MANAGER = "manager"  # Manage Server only


class UsageError(InvalidInput):
    """An option value the declaration refuses; the message names the option and the usage."""


@dataclass(frozen=True, slots=True)
class Upload:
    """A file someone sent: its name, its size in bytes and how to read it (read only when needed)."""

    name: str
    size: int
    read: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    description: str
    kind: Kind = "text"
    required: bool = True
    min_length: int = 1
    max_length: int = 100
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[str, ...] = ()
    autocomplete: str | None = None  # the name of an autocomplete source (bot/commands/table.py)
    hidden: bool = False  # set by follow-ups (confirm buttons, pages), never typed or shown

    def __post_init__(self) -> None:
        assert len(self.description) <= MAX_OPTION_DESCRIPTION, self.name

    def usage(self) -> str:
        shown = "|".join(self.choices) or self.name
        return f"<{shown}>" if self.required else f"[{self.name}=…]"


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a form (Discord modal): it fills the option of the same name."""

    name: str
    label: str
    max_length: int
    long: bool = False
    required: bool = True
    placeholder: str = ""
    checkbox: bool = False  # a tick box for a boolean option ("true" when ticked)


@dataclass(frozen=True, slots=True)
class Form:
    """Long text is easier in a form than in options: when `opens_without` is left out, front-ends
    that have forms open this one, and its answers run the command with the typed options."""

    title: str
    opens_without: str
    fields: tuple[FormField, ...]

    def __post_init__(self) -> None:
        assert len(self.title) <= MAX_MODAL_TITLE and len(self.fields) <= MAX_MODAL_FIELDS


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    description: str
    handler: Handler
    options: tuple[Option, ...] = ()
    access: Access = Access.EVERYONE
    guild_only: bool = False
    group: str | None = None  # a subcommand of this group (/catalogue add-film)
    private: bool = False  # every answer is private (curation)
    slow: bool = False  # may take seconds (uploads, exports): acknowledge at once
    form: Form | None = None
    examples: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        assert len(self.description) <= MAX_OPTION_DESCRIPTION, self.name

    @property
    def path(self) -> str:
        """How it is typed: 'review', or 'catalogue add-film'."""
        return f"{self.group} {self.name}" if self.group else self.name

    def visible(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if not option.hidden)

    def usage(self) -> str:
        return " ".join([f"/{self.path}", *(option.usage() for option in self.visible())])


_TRUE, _FALSE = {"true", "yes", "y", "1", "on"}, {"false", "no", "n", "0", "off"}


def _integer(option: Option, value: object) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        # ASCII digits only: str.isdigit() also accepts '²⁰²¹', which int() then refuses.
        if not (text.removeprefix("-").isascii() and text.removeprefix("-").isdigit()) or len(text) > 19:
            raise ValueError
        number = int(text)
    low, high = option.min_value, option.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"between {low} and {high}" if low is not None and high is not None else ""
        bounds = bounds or (f"at least {low}" if low is not None else f"at most {high}")
        raise InvalidInput(f"{option.name} must be {bounds}; got {number}.")
    return number


def _convert(option: Option, value: object) -> object:
    if option.kind == "text":
        text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
        if len(text) < option.min_length:
            raise InvalidInput(f"{option.name} must not be empty.")
        if len(text) > option.max_length:
            raise InvalidInput(
                f"{option.name} is {len(text)} characters long; the limit is {option.max_length}."
            )
        if option.choices:
            canonical = {c.casefold(): c for c in option.choices}.get(text.casefold())
            if canonical is None:
                raise InvalidInput(
                    f"{option.name} must be one of {', '.join(option.choices)}; got {text!r:.40}."
                )
            return canonical
        return text
    if option.kind in ("integer", "role"):
        return _integer(option, value)
    if option.kind == "number":
        return float(str(value).replace(",", "."))
    if option.kind == "boolean":
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold()
        if word not in _TRUE | _FALSE:
            raise ValueError
        return word in _TRUE
    if not isinstance(value, Upload):
        raise InvalidInput(f"{option.name} must be a file.")
    return value


def convert(command: Command, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check and convert option values against the declaration: every option known, every
    required one present, every value of its kind and within its limits."""
    known = {option.name: option for option in command.options}
    args: dict[str, Any] = {}
    for name, value in raw.items():
        option = known.get(name)
        if option is None:
            raise UsageError(f"/{command.path} has no option {name!r:.40}. Usage: {command.usage()}")
        if value is None:
            continue
        try:
            args[name] = _convert(option, value)
        except (ValueError, OverflowError):
            expected = {"integer": "a whole number", "role": "a role id (digits)", "number": "a number"}
            what = expected.get(option.kind, "true or false")
            raise UsageError(
                f"{name} must be {what}; got {str(value)!r:.40}. Usage: {command.usage()}"
            ) from None
        except UsageError:
            raise
        except InvalidInput as exc:
            raise UsageError(f"{exc.message} Usage: {command.usage()}") from None
    missing = [o.name for o in command.options if o.required and o.name not in args]
    if missing:
        raise UsageError(f"/{command.path} needs {', '.join(missing)}. Usage: {command.usage()}")
    return args
