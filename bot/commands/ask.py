"""/ask: a question in plain words, answered by the command that answers it.

The question is parsed (bot.core.questions), routed to /film, /person, /films, /pick, /similar or
/review with the options a person would have typed, and that command's own handler answers, so
/ask can never disagree with it. The answer starts with how the question was understood.
"""

from __future__ import annotations

import dataclasses

from bot.commands.context import Context
from bot.commands.info import find_person
from bot.commands.spec import Access, Command, convert
from bot.core.errors import AmbiguousTitle, FilmbotError, FilmNotFound
from bot.core.questions import Intent, Query, Topic, parse
from bot.core.questions.explain import understood
from bot.core.questions.route import Invocation, route, route_title
from bot.core.questions.topics import MESSAGES
from bot.core.replies import Continuation, Reply, error_reply, make_reply, with_notice
from bot.core.rich import code, join, rich

# Options a command lacks that it applies all the same: a filmography lists each role apart, so
# "what did tarantino write" is understood and shown as his films written (among the rest).
_QUIET = {("person", "role")}


async def ask(ctx: Context, question: str) -> Reply:
    """Answer a question about films in plain words: who directed memento, 80s horror films…"""
    query = parse(question)
    if query.intent is Intent.UNSUPPORTED:
        if query.topic is Topic.PLOT and query.film:
            return await _plot(ctx, query)
        return _unsupported(query)
    found = route(query)
    if found is None:
        return not_understood(query)
    invocation, applied = found
    if query.intent is Intent.LOOKUP:
        return await _lookup(ctx, query, invocation)
    return await _run(ctx, invocation, applied)


async def _run(ctx: Context, invocation: Invocation, applied: Query) -> Reply:
    command = _command(ctx, invocation.command)
    if command is None:
        line = understood(applied)
        return make_reply(
            description=rich(f"I understood “{line}”, but /{invocation.command} isn't available here."),
            ephemeral=True,
        )
    raw = {name: value for name, value in invocation.options if _declares(command, name)}
    skipped = [name for name, _ in invocation.options if name not in raw]
    noted = [name for name in skipped if (command.path, name) not in _QUIET]
    applied = _without(applied, noted)
    args = convert(command, raw)
    film_label = None
    try:
        if "title" in args:
            film_label = (await ctx.film(args["title"])).label
        reply = await command.handler(ctx, **args)
    except (AmbiguousTitle, FilmNotFound) as error:
        return with_notice(which_one(command, args, error), understood(applied))
    line = understood(applied, film=film_label, person=_person_name(ctx, applied))
    if noted:
        line += f" (/{command.path} can't narrow by {', '.join(noted)})"
    return with_notice(reply, line)


def _person_name(ctx: Context, query: Query) -> str | None:
    """The name of the person the command found (the same search), for the understood line."""
    if query.person is None or ctx.deps.people is None:
        return None
    try:
        return find_person(ctx.deps.people, query.person, ctx.caller.guild_id)[0].name
    except FilmbotError:
        return None


async def _lookup(ctx: Context, query: Query, invocation: Invocation) -> Reply:
    """ "tell me about X": the film X if there is one, else the person X."""
    person = _command(ctx, "person")
    if person is not None and query.name:
        try:
            await ctx.film(invocation.as_dict()["title"])
        except FilmNotFound:
            person_query = Query(Intent.PERSON_FILMS, person=query.name)
            return await _run(ctx, Invocation("person", (("name", query.name),)), person_query)
        except FilmbotError:
            pass  # ambiguous: the film command asks which one
    return await _run(ctx, invocation, query)


async def _plot(ctx: Context, query: Query) -> Reply:
    """The synopsis, for the films that have one (curated films do); otherwise say so plainly."""
    try:
        film, notice = await ctx.resolved(route_title(query))
    except FilmbotError:
        return _unsupported(query)
    if not film.synopsis:
        text = f"I don't have a plot summary for {film.label}, only the facts on its card."
        return make_reply(description=text, ephemeral=True)
    line = f"Plot of {film.label}" + (f". {notice}" if notice else "")
    return with_notice(make_reply(title=film.label, description=film.synopsis), line)


def which_one(command: Command, args: dict[str, object], error: FilmbotError) -> Reply:
    """The "which film?" answer, continuing `command` with the picked film (as it would itself)."""
    reply = error_reply(error)
    query = getattr(error, "query", None)
    fill = next((name for name, value in args.items() if value == query), None)
    if not reply.options or fill is None:
        return dataclasses.replace(reply, options=())
    return dataclasses.replace(reply, pick=Continuation(command.path, tuple(args.items()), fill))


def _command(ctx: Context, path: str) -> Command | None:
    """A command /ask may run for anyone: everyone's, read-only, usable anywhere."""
    command = next((c for c in ctx.commands if c.path == path), None)
    if command is None or command.access is not Access.EVERYONE or command.guild_only:
        return None
    return command


def _declares(command: Command, option: str) -> bool:
    return any(o.name == option for o in command.options)


def _without(query: Query, skipped: list[str]) -> Query:
    """The query as the command will apply it: without the options it doesn't have."""
    f = query.filters
    filters = dataclasses.replace(
        f,
        genres=() if "genre" in skipped else f.genres,
        years=None if "years" in skipped else f.years,
        country=None if "country" in skipped else f.country,
        language=None if "language" in skipped else f.language,
        order=None if "order" in skipped else f.order,
    )
    role = None if "role" in skipped else query.role
    return dataclasses.replace(query, filters=filters, role=role)


def not_understood(query: Query) -> Reply:
    """A short private answer with three example questions close to what was asked."""
    first = f"{query.problem} " if query.problem else ""
    tries = join(rich("• ", code(f"/ask {example}")) for example in query.examples)
    text = rich(first, "I didn't understand that question. Questions I can answer look like:\n", tries)
    return make_reply(description=text, ephemeral=True, error=True)


def _unsupported(query: Query) -> Reply:
    assert query.topic is not None
    text = MESSAGES[query.topic]
    subject = query.film or query.person
    if subject:
        asks = ("who directed", "films like") if query.topic is not Topic.PERSONAL else ("films with",)
        more = join((code(f"/ask {a} {subject}") for a in asks), " or ")
        return make_reply(description=rich(text, " I can answer ", more, "."), ephemeral=True)
    return make_reply(description=text, ephemeral=True)
