"""/film, /person, /films, /pick and /about: the catalogue's facts, and its choices as you type."""

from __future__ import annotations

import random
import re

from bot.commands.context import Context
from bot.core.discovery import Discovery, Listed, Order, parse_years
from bot.core.errors import FilmbotError, InvalidInput
from bot.core.film_info import FilmInfo, as_seen, card_fields, filmography_lines
from bot.core.limits import MAX_CHOICE_NAME, MAX_CHOICES, clip
from bot.core.models import Film, Suggestion
from bot.core.people import Person, PersonIndex
from bot.core.ports.film_info import FilmInfoReader
from bot.core.replies import Action, Choice, Continuation, Field, Reply, make_reply, paged, with_notice
from bot.core.resolution import film_ref
from bot.core.rich import join, rich, strong
from bot.core.similarity import NO_NARROWING, Narrowing, similar_to

MAX_LISTED = 200  # films a /films answer pages through: 25 pages, more than anyone turns
COMPUTED_SIMILAR = 8  # computed suggestions after the curated ones: one page
NO_MATCH = "No film in the catalogue matches all of that: try fewer filters."
PERSON_REF = re.compile(r"^person:(\d+)$")
ABOUT = rich(
    "Films, directors, writers, cast, genres, runtimes, countries, languages, release dates, "
    "ratings, critics' scores and Oscars come from ",
    strong("Wikidata"),
    " (CC0 public domain, by Wikidata's "
    "contributors), via the Bokeh project's sample data (bokeh-sampledata 2026.1, snapshot of "
    "18 October 2026): 17,472 films released 1940-2014. Review snippets and similar-film reasons "
    "are written or chosen by this bot's curators. The cast lists are alphabetical in the source, "
    "so cards name the best-known first; people are told apart by name only.",
)


class NoCatalogueData(FilmbotError):
    def __init__(self) -> None:
        super().__init__("The film catalogue is not loaded here, so there is nothing to show yet.")


def _info(ctx: Context) -> FilmInfoReader:
    if ctx.deps.info is None:
        raise NoCatalogueData
    return ctx.deps.info


def _people(ctx: Context) -> PersonIndex:
    if ctx.deps.people is None:
        raise NoCatalogueData
    return ctx.deps.people


def card_reply(info: FilmInfo, footer: str | None = None) -> Reply:
    fields = [Field(name, rich(value)) for name, value in card_fields(info)]
    hint = f"/review {info.label} · /similar {info.label}"
    same_film = (("title", film_ref(info.film_id)),)  # bound to this film, whatever its title
    actions = [
        Action("Reviews", Continuation("review", same_film)),
        Action("Similar films", Continuation("similar", same_film)),
    ]
    return make_reply(
        title=info.label,
        description=info.synopsis or "",
        fields=fields,
        footer=footer or hint,
        actions=actions,
    )


async def film(ctx: Context, title: str) -> Reply:
    """A film's card: credits, genres, runtime, country, language, release, rating, critics, Oscars."""
    found, notice = await ctx.resolved(title)
    info = await _info(ctx).film_info(found.id, ctx.caller.guild_id)
    if info is None:
        info = FilmInfo(found.id, found.title, found.year, synopsis=found.synopsis)
    return with_notice(card_reply(info), notice)


def find_person(index: PersonIndex, name: str, guild_id: int) -> tuple[Person, list[Person]]:
    """The person `name` means (an autocomplete id, or the best match) among those this server
    sees, and namesakes to mention."""
    ref = PERSON_REF.match(name.strip())
    if ref:
        person = index.person(int(ref.group(1)), guild_id)
        if person is not None:
            return person, []
    found = index.search(name, MAX_CHOICES, guild_id=guild_id)
    if not found:
        raise InvalidInput(
            f"No one called '{clip(name, 80)}' is in the catalogue: pick a name from the list as you type."
        )
    best = found[0].person
    namesakes = [m.person for m in found[1:] if m.person.name == best.name]
    return best, namesakes


async def person(ctx: Context, name: str, page: int = 1) -> Reply:
    """Who someone is in the catalogue: the films they directed, wrote and acted in, by year."""
    who, namesakes = find_person(_people(ctx), name, ctx.caller.guild_id)
    credits = await _info(ctx).filmography(who.id, ctx.caller.guild_id)
    who = as_seen(who, credits)
    items = [Field(heading, join(labels, ", ")) for heading, labels in filmography_lines(credits).items()]
    note = ""
    if namesakes:
        others = "; ".join(p.label for p in namesakes)
        note = f"Another person has this name ({others}): pick them from the list as you type."
    if not items:
        return make_reply(title=who.label, description=note or "No films in this catalogue yet.")
    return paged(title=who.label, description=note, items=_split(items), noun="list", page=page - 1)


def _split(items: list[Field], per_field: int = 30) -> list[Field]:
    """Long filmographies over several fields (a field holds 1,024 characters)."""
    split: list[Field] = []
    for item in items:
        labels = "".join(span.text for span in item.value).split(", ")
        for start in range(0, len(labels), per_field):
            name = item.name if start == 0 else f"{item.name} (continued)"
            split.append(Field(name, rich(", ".join(labels[start : start + per_field]))))
    return split


def discovery(
    ctx: Context,
    genre: str | None,
    person: str | None,
    years: str | None,
    country: str | None,
    language: str | None,
    order: str | None = None,
) -> Discovery:
    """The query /films and /pick were given (their options, declared once as DISCOVERY)."""
    person_id = find_person(_people(ctx), person, ctx.caller.guild_id)[0].id if person else None
    return Discovery(
        genre=genre,
        person_id=person_id,
        years=parse_years(years) if years else None,
        country=country,
        language=language,
        order=Order(order) if order else Order.BEST_KNOWN,
    )


async def discover(ctx: Context, query: Discovery, limit: int) -> tuple[list[Listed], int]:
    """The first `limit` films and how many match: from the facet index once it is built (the
    first use starts the build), from the store's SQL until then."""
    guild = ctx.caller.guild_id
    follower = ctx.deps.facets
    if follower is None or follower.index is None:
        if follower is not None:
            follower.start()
        found = await _info(ctx).discover(query, guild, limit)
        return found, (await _info(ctx).count(query, guild) if found else 0)
    films = await follower.source.films_of(query.person_id) if query.person_id is not None else None
    result = follower.index.find(query, guild, limit, films)
    return await follower.source.listed(result.film_ids), result.total


async def chosen(ctx: Context, query: Discovery, rng: random.Random) -> int | None:
    """One matching film at random, each as likely (the index once built, else SQL)."""
    follower = ctx.deps.facets
    if follower is None or follower.index is None:
        if follower is not None:
            follower.start()
        found = await _info(ctx).pick(query, ctx.caller.guild_id, rng)
        return found.film_id if found else None
    films = await follower.source.films_of(query.person_id) if query.person_id is not None else None
    return follower.index.pick(query, ctx.caller.guild_id, rng, films)


async def films(
    ctx: Context,
    genre: str | None = None,
    person: str | None = None,
    years: str | None = None,
    country: str | None = None,
    language: str | None = None,
    order: str | None = None,
    page: int = 1,
) -> Reply:
    """Discover films by genre, person, years, country and language, best known first."""
    query = discovery(ctx, genre, person, years, country, language, order)
    found, total = await discover(ctx, query, MAX_LISTED)
    if not found:
        return make_reply(description=NO_MATCH)
    shown = f"The first {len(found)} of {total:,}, {query.order.value} first." if total > len(found) else ""
    return paged(
        title="Films", description=shown, items=[_listed(f) for f in found], noun="film", page=page - 1
    )


def _listed(listed: Listed) -> Field:
    return Field(listed.label, rich(listed.line))


async def pick(
    ctx: Context,
    genre: str | None = None,
    person: str | None = None,
    years: str | None = None,
    country: str | None = None,
    language: str | None = None,
) -> Reply:
    """One film at random for movie night, with the same filters as /films."""
    film_id = await chosen(ctx, discovery(ctx, genre, person, years, country, language), random.Random())
    if film_id is None:
        return make_reply(description=NO_MATCH)
    card = await _info(ctx).film_info(film_id, ctx.caller.guild_id)
    if card is None:  # removed in between: say so rather than guess
        return make_reply(description="That film was just removed: try /pick again.")
    return card_reply(card, footer=f"Picked at random · /pick again for another · /similar {card.label}")


async def about(ctx: Context) -> Reply:
    """Where the film data comes from, and its licence."""
    return make_reply(title="About filmbot's films", description=ABOUT)


async def computed_similar(
    ctx: Context, film: Film, exclude: set[int], narrowing: Narrowing = NO_NARROWING
) -> list[Suggestion]:
    """Suggestions computed from shared people, series, decade and genres, each with its reason
    (of the narrowing's genre and years only)."""
    if ctx.deps.info is None:
        return []
    found = await ctx.deps.info.similarity_facts(film.id, ctx.caller.guild_id, narrowing)
    if found is None:
        return []
    target, candidates = found
    candidates = [c for c in candidates if c.film_id not in exclude]
    stats = await ctx.deps.info.genre_stats()
    return [
        Suggestion(Film(c.film.film_id, c.film.title, c.film.year, genres=c.film.genres), c.reason)
        for c in similar_to(target, candidates, stats, COMPUTED_SIMILAR)
    ]


async def people_choices(ctx: Context, typed: str) -> list[Choice]:
    """Names as they are typed: "Name (director, 1998-2014)", carrying the person's id."""
    if ctx.deps.people is None or not typed.strip():
        return []
    return [
        Choice(clip(m.person.label, MAX_CHOICE_NAME), f"person:{m.person.id}")
        for m in ctx.deps.people.complete(typed, MAX_CHOICES, guild_id=ctx.caller.guild_id)
    ]


async def _facet_choices(ctx: Context, kind: str, typed: str) -> list[Choice]:
    if ctx.deps.info is None:
        return []
    values = await ctx.deps.info.facet_values(kind, typed.strip(), MAX_CHOICES)
    return [Choice(clip(v, MAX_CHOICE_NAME), clip(v, MAX_CHOICE_NAME)) for v in values]


async def genre_choices(ctx: Context, typed: str) -> list[Choice]:
    return await _facet_choices(ctx, "genre", typed)


async def country_choices(ctx: Context, typed: str) -> list[Choice]:
    return await _facet_choices(ctx, "country", typed)


async def language_choices(ctx: Context, typed: str) -> list[Choice]:
    return await _facet_choices(ctx, "language", typed)
