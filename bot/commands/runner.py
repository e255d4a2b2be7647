"""Running a declared command, whichever front-end it came from.

`run` converts the options against the declaration, checks who may run it, calls the handler,
and turns domain errors into friendly replies. A "which film?" question and a confirmation come
back as continuations of the same command with the same options: `resume` runs one, as the
person who answered, with permission checked again. Anything unexpected is left to the
front-end's one error handler, which calls `unexpected`.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from bot.commands.context import Context, Deps
from bot.commands.spec import Access, Command, convert
from bot.core.curation import require_manager
from bot.core.errors import AmbiguousTitle, FilmbotError, FilmNotFound, PermissionDenied
from bot.core.models import Caller
from bot.core.replies import Choice, Confirm, Continuation, Reply, error_reply, internal_error_reply

log = logging.getLogger(__name__)


def unexpected(error: BaseException, where: str) -> Reply:
    """A bug: logged with its traceback under a reference id; the person sees only the id."""
    reference = uuid.uuid4().hex[:8]
    log.error("unhandled error (ref %s) in %s", reference, where, exc_info=error)
    return internal_error_reply(reference)


class Commands:
    """The command table, bound to the services its handlers use."""

    def __init__(self, deps: Deps, commands: Iterable[Command], sources: Mapping[str, Any]) -> None:
        self.deps = deps
        self.all = tuple(commands)
        self.by_path = {command.path: command for command in self.all}
        self.sources = dict(sources)
        for command in self.all:
            for option in command.options:
                assert option.autocomplete is None or option.autocomplete in self.sources, option.name

    def context(self, caller: Caller) -> Context:
        return Context(caller, self.deps, self.all)

    async def check(self, command: Command, ctx: Context) -> None:
        if command.guild_only and not ctx.caller.guild_id:
            raise PermissionDenied(f"/{command.group or command.name} commands only work inside a server.")
        if command.access is Access.CURATOR:
            await ctx.require_curator()
        elif command.access is Access.MANAGER:
            require_manager(ctx.caller)

    async def refusal(self, path: str, caller: Caller) -> Reply | None:
        """Why `caller` may not run this command here, as a reply; None when they may."""
        try:
            await self.check(self.by_path[path], self.context(caller))
        except FilmbotError as error:
            return error_reply(error)
        return None

    async def call(self, path: str, caller: Caller, raw: Mapping[str, Any]) -> Reply:
        """Convert, check and run, raising domain errors (tests and operator tools use this)."""
        command = self.by_path[path]
        args = convert(command, raw)
        ctx = self.context(caller)
        await self.check(command, ctx)
        reply = await command.handler(ctx, **args)
        if reply.confirm is not None:
            then = Continuation(command.path, tuple(args.items())).with_args(dict(reply.confirm.then.args))
            reply = dataclasses.replace(reply, confirm=Confirm(reply.confirm.label, then))
        return reply

    async def run(self, path: str, caller: Caller, raw: Mapping[str, Any]) -> Reply:
        """Run a command for a front-end: a domain error becomes the friendly reply, and a "which
        film?" question carries the continuation that a picked film fills in."""
        try:
            return await self.call(path, caller, raw)
        except FilmbotError as error:
            return self._answer(self.by_path[path], raw, error)

    def _answer(self, command: Command, args: Mapping[str, Any], error: FilmbotError) -> Reply:
        reply = error_reply(error)
        if reply.options and isinstance(error, AmbiguousTitle | FilmNotFound):
            # The option that named the film is the one a picked candidate fills in.
            args = convert(command, args)  # valid: the handler ran with them
            fill = next((name for name, value in args.items() if value == error.query), None)
            if fill is None:
                return dataclasses.replace(reply, options=())
            reply = dataclasses.replace(reply, pick=Continuation(command.path, tuple(args.items()), fill))
        return reply

    async def resume(self, then: Continuation, caller: Caller, value: str | None = None) -> Reply:
        """Continue a command that asked a question, as `caller` (permission checked again)."""
        args = dict(then.args)
        if then.fill is not None:
            args[then.fill] = value
        return await self.run(then.command, caller, args)

    async def complete(self, path: str, option: str, caller: Caller, typed: str) -> list[Choice]:
        """Autocomplete choices for one option; none for someone who may not run the command."""
        command = self.by_path[path]
        source = next(o.autocomplete for o in command.options if o.name == option)
        ctx = self.context(caller)
        if command.access is not Access.EVERYONE:
            try:
                await self.check(command, ctx)
            except PermissionDenied:
                return []
        found: list[Choice] = await self.sources[source or ""](ctx, typed)
        return found
