"""/catalogue commands that change films, reviews, links and aliases of one server.

Who may run them is declared in bot/commands/table.py and checked by the runner on every call,
including a confirmation pressed minutes later: a member whose role was taken away meanwhile is
refused and nothing changes.
"""

from __future__ import annotations

from bot.commands.context import Context
from bot.core.curation import (
    EDITABLE_FIELDS,
    clean_text,
    parse_cast,
    parse_credits,
    parse_genres,
    parse_names,
    parse_url,
    parse_year,
    slug,
)
from bot.core.errors import AlreadyExists, FilmNotFound, InvalidInput
from bot.core.limits import MAX_BUTTON_LABEL, clip
from bot.core.models import Film, Review
from bot.core.normalise import compact, fold, title_key
from bot.core.replies import Choice, Confirm, Continuation, Reply, done, make_reply
from bot.core.resolution import film_ref
from bot.core.review_ids import parse_review_id, reviews_listing
from bot.core.review_ids import review_choices as review_choices_for
from bot.core.rich import rich, strong
from bot.core.text import counted


async def add_film(
    ctx: Context,
    title: str,
    year: int | None = None,
    director: str | None = None,
    writers: str | None = None,
    cast: str | None = None,
    genres: str | None = None,
    synopsis: str | None = None,
    release: str | None = None,
) -> Reply:
    """Add a film to this server's catalogue."""
    name, when = clean_text(title, "title", required=True) or "", parse_year(year)
    draft = Film(
        id=0,
        title=name,
        year=when,
        credits=parse_credits(director, cast, writers),
        genres=await _spelled(ctx, parse_genres(genres)),
        synopsis=clean_text(synopsis, "synopsis"),
        release=clean_text(release, "release"),
        key=slug(name, when),
    )
    film = await ctx.deps.curation.add_film(ctx.caller.guild_id, ctx.caller.user_id, draft)
    return done(rich("Added ", strong(film.label), " to this server's catalogue."))


async def _spelled(ctx: Context, genres: tuple[str, ...]) -> tuple[str, ...]:
    """Genres as the catalogue already spells them ('sci-fi' -> 'Sci-Fi'), so cards and lists agree;
    a genre the catalogue does not have yet stays as typed."""
    if ctx.deps.info is None:
        return genres
    spelled = []
    for genre in genres:
        known = await ctx.deps.info.facet_values("genre", genre, 5)
        spelled.append(next((k for k in known if fold(k) == fold(genre)), genre))
    return tuple(spelled)


async def edit_film(ctx: Context, film: str, field: str, value: str) -> Reply:
    """Change one field of a film this server added."""
    target = await ctx.film(film)
    parsed: object
    if field == "year":
        parsed = parse_year(value)
    elif field == "cast":
        parsed = parse_cast(value)
    elif field in ("director", "writers"):
        parsed = parse_names(value, field)
    elif field == "genres":
        parsed = await _spelled(ctx, parse_genres(value))
    elif field in EDITABLE_FIELDS:
        parsed = clean_text(value, field, required=field == "title")
    else:
        raise InvalidInput(f"{field!r:.40} can't be edited; choose one of {', '.join(EDITABLE_FIELDS)}.")
    who = ctx.caller
    updated = await ctx.deps.curation.edit_film(who.guild_id, who.user_id, target.id, field, parsed)
    return done(rich(f"Updated the {field} of ", strong(updated.label), "."))


async def remove_film(ctx: Context, film: str, confirm: int | None = None) -> Reply:
    """Remove a film this server added; asks first when it has reviews.

    The question is bound to the film it showed: pressing Confirm removes exactly that film (by
    its id), never whatever the typed words match by then, and a second press changes nothing."""
    try:
        return await _remove_film(ctx, film_ref(confirm) if confirm is not None else film, confirm)
    except FilmNotFound:
        if confirm is None:
            raise
        # Removed by an earlier press, or by another press still in flight (the store removes and
        # records in one transaction, and refuses a film no longer there).
        return done("That film was already removed; nothing changed.")


async def _remove_film(ctx: Context, film: str, confirm: int | None) -> Reply:
    target = await ctx.film(film)
    guild = ctx.caller.guild_id
    await ctx.deps.curation.own_film(guild, target.id)  # refuses shared films before asking
    reviews = await ctx.deps.curation.review_count(guild, target.id)
    if reviews and confirm is None:
        question = rich(
            strong(target.label),
            f" has {counted(reviews, 'review')}. Remove the film and its reviews and links?",
        )
        label = clip(f"Remove {target.label}", MAX_BUTTON_LABEL)
        then = Continuation(args=(("confirm", target.id),))
        return make_reply(description=question, ephemeral=True, confirm=Confirm(label, then))
    removed = await ctx.deps.curation.remove_film(guild, ctx.caller.user_id, target.id)
    return done(rich("Removed ", strong(removed.label), " from this server's catalogue."))


async def add_review(
    ctx: Context,
    film: str,
    quote: str | None = None,
    source: str | None = None,
    author: str | None = None,
    verdict: str | None = None,
    url: str | None = None,
) -> Reply:
    """Add a review snippet to a film, for this server."""
    target = await ctx.film(film)
    if quote is None or source is None:
        raise InvalidInput(
            "Add the review's quote and source (the publication). On Discord, leaving out the quote "
            "opens a form for them."
        )
    review = Review(
        id=0,
        film_id=target.id,
        quote=clean_text(quote, "quote", required=True) or "",
        source=clean_text(source, "source", required=True) or "",
        author=clean_text(author, "author"),
        verdict=clean_text(verdict, "verdict"),
        url=parse_url(url),
    )
    await ctx.deps.curation.add_review(ctx.caller.guild_id, ctx.caller.user_id, target, review)
    return done(rich("Added a review of ", strong(target.label), f" from {review.source}."))


async def remove_review(ctx: Context, review: str) -> Reply:
    """Remove a review snippet this server added."""
    review_id = parse_review_id(review)
    if review_id is None:
        raise InvalidInput(
            "Pick the review from the list that appears as you type, or give its id (#12): "
            "/catalogue reviews <film> lists a film's reviews with their ids."
        )
    detail = await ctx.deps.curation.remove_review(ctx.caller.guild_id, ctx.caller.user_id, review_id)
    return done(detail[0].upper() + detail[1:] + ".")


async def reviews(ctx: Context, film: str, page: int = 1) -> Reply:
    """A film's review snippets with their ids, saying which ones this server may remove."""
    target = await ctx.film(film)
    found = await ctx.deps.catalogue.reviews(target.id, ctx.caller.guild_id)
    return reviews_listing(target, found, ctx.caller.guild_id, page - 1)


async def link(ctx: Context, film: str, other: str, reason: str) -> Reply:
    """Link two films as similar, with the reason."""
    a, b = await ctx.film(film), await ctx.film(other)
    why = clean_text(reason, "reason", required=True) or ""
    await ctx.deps.curation.link(ctx.caller.guild_id, ctx.caller.user_id, a, b, why)
    return done(rich("Linked ", strong(a.label), " and ", strong(b.label), f": {why}"))


async def unlink(ctx: Context, film: str, other: str) -> Reply:
    """Remove a similar-film link this server added."""
    a, b = await ctx.film(film), await ctx.film(other)
    await ctx.deps.curation.unlink(ctx.caller.guild_id, ctx.caller.user_id, a, b)
    return done(rich("Unlinked ", strong(a.label), " and ", strong(b.label), "."))


async def add_alias(ctx: Context, film: str, alias: str) -> Reply:
    """Add another name a film can be found by, for this server."""
    target = await ctx.film(film)
    name = clean_text(alias, "alias", required=True) or ""
    await _refuse_another_films_title(ctx, target, name)
    await ctx.deps.curation.add_alias(ctx.caller.guild_id, ctx.caller.user_id, target, name)
    return done(rich(strong(target.label), f" can now be found as “{name}”."))


async def _refuse_another_films_title(ctx: Context, target: Film, name: str) -> None:
    """An alias that is another film's title would take that title over in this server."""
    guild = ctx.caller.guild_id
    for match in ctx.deps.index.search(name, guild, limit=5):
        if match.film_id == target.id:
            continue
        other = await ctx.deps.catalogue.film(match.film_id, guild)
        # Spaces aside too: "Back trace" would take over "Backtrace" as well.
        if other is not None and compact(title_key(other.title)) == compact(title_key(name)):
            raise AlreadyExists(
                f"“{name}” is the title of {other.label}, so it can't also be a name of {target.label}: "
                "choose another alias."
            )


async def review_choices(ctx: Context, typed: str) -> list[Choice]:
    """This server's own reviews matching what was typed (the runner checks permission first)."""
    return review_choices_for(await ctx.deps.curation.own_reviews(ctx.caller.guild_id), typed)
