"""`/catalogue ...` in the terminal: the same curation handlers, options typed as key=value."""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.core.errors import InvalidInput
from bot.core.models import Caller
from bot.core.replies import Reply
from bot.curation_handlers import CurationHandlers

USAGE = """Catalogue commands (need /as admin; options are key=value, quote values with spaces):
  /catalogue add-film title="Zebra Crossing" year=2022 director=... cast="A as Role; B" genres="drama, crime" synopsis=...
  /catalogue edit-film film="Zebra Crossing" field=year value=2023
  /catalogue remove-film film="Zebra Crossing"          (asks for /confirm when it has reviews)
  /catalogue add-review film=Backtrace quote="..." source="..." author=... verdict=... url=https://...
  /catalogue remove-review review=review:12
  /catalogue link film=Backtrace other=Memento reason="..."
  /catalogue unlink film=Backtrace other=Memento
  /catalogue alias film=211 alias="Two Eleven"
  /catalogue import FILE.yaml
  /catalogue export [FILE.yaml]
  /catalogue history
  /catalogue curators action=add|remove|list role=ROLE_ID"""

Handler = Callable[..., Awaitable[Reply]]


def parse_options(text: str) -> tuple[list[str], dict[str, str]]:
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise InvalidInput(f"Couldn't read the options ({exc}): close your quotes.") from None
    positional = [w for w in words if "=" not in w]
    options = dict(w.split("=", 1) for w in words if "=" in w)
    return positional, {k.replace("-", "_"): v for k, v in options.items()}


async def run_catalogue(
    curation: CurationHandlers, caller: Caller, text: str
) -> tuple[Reply, Handler | None]:
    """Run one /catalogue line. Returns the reply and, when it asks to confirm, the action to confirm."""
    sub, _, rest = text.strip().partition(" ")
    positional, options = parse_options(rest)
    if sub in ("", "help"):
        raise InvalidInput(USAGE)
    if sub == "import":
        path = Path(positional[0] if positional else options.get("file", ""))
        if not path.is_file():
            raise InvalidInput(f"No file at {path}: /catalogue import FILE.yaml")
        return await curation.import_file(caller, path.read_bytes(), path.name), None
    if sub == "curators":
        role = options.get("role")
        if role is not None and not role.isdigit():
            raise InvalidInput("role must be a role id (digits).")
        return await curation.curators(
            caller, options.get("action", "list"), int(role) if role else None
        ), None
    handlers: dict[str, Handler] = {
        "add-film": curation.add_film,
        "edit-film": curation.edit_film,
        "remove-film": curation.remove_film,
        "add-review": curation.add_review,
        "remove-review": curation.remove_review,
        "link": curation.link,
        "unlink": curation.unlink,
        "alias": curation.add_alias,
        "export": curation.export,
        "history": curation.history,
    }
    handler = handlers.get(sub)
    if handler is None:
        raise InvalidInput(f"Unknown catalogue command {sub!r}.\n{USAGE}")
    try:
        reply = await handler(caller, **options)
    except TypeError as exc:
        raise InvalidInput(f"Wrong options for {sub} ({exc}).\n{USAGE}") from None
    pending: Handler | None = None
    if reply.confirm:
        confirmed: dict[str, Any] = {**options, "confirmed": True}

        async def pending_action(again: Caller) -> Reply:
            return await handler(again, **confirmed)

        pending = pending_action
    return reply, pending
