"""Replies about members' ratings: confirmations, the server's verdict, lists and /top.

A member's review is people's text: it is carried as plain (or spoiler) spans and each front-end
escapes it, so it can never ping, link or break out of its embed. Authors appear as user
references, which the Discord adapter renders as mentions that notify nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.models import Film
from bot.core.ratings import Average, RateResult, Rating, RatingSettings, TopEntry, TopFilter, stars_number
from bot.core.replies import Field, Reply, done, make_reply, paged
from bot.core.rich import Part, Text, em, join, rich, role, spoiler, strong, user
from bot.core.text import counted


def rated_reply(result: RateResult) -> Reply:
    rating, before = result.rating, result.previous
    lines: list[Part] = [
        rich("You rated ", strong(rating.film_label), f" {rating.stars} ({stars_number(rating.halves)} / 5).")
    ]
    if before is not None:
        replaced = f"This replaces your earlier rating ({before.stars}"
        lines.append(replaced + (" and its review)." if before.review else ")."))
    if rating.review:
        lines.append(
            "Your review is saved, its text hidden behind a spoiler warning."
            if rating.spoiler
            else "Your review is saved."
        )
    if rating.hidden:
        lines.append(
            f"Your review stays hidden by this server's curators ({rating.hidden_reason}) until one restores it."
        )
    return done(join(lines))


def unrated_reply(removed: Rating | None, film: Film) -> Reply:
    if removed is None:
        return done(rich("You haven't rated ", strong(film.label), " in this server: nothing to remove."))
    what = "rating and review" if removed.review else "rating"
    return done(rich("Removed your ", what, " of ", strong(film.label), f" ({removed.stars})."))


def review_text(rating: Rating) -> Text:
    """A member's words: behind spoiler marks when they said it spoils."""
    if not rating.review:
        return rich(em("No review."))
    return rich(spoiler(rating.review) if rating.spoiler else rating.review)


def member_review_field(rating: Rating) -> Field:
    """One member's review in /review: stars and date as the name, author and words as the value."""
    name = f"{rating.stars} {stars_number(rating.halves)} / 5 · {rating.updated_at[:10]}"
    return Field(name, rich(user(rating.user_id), ": ", review_text(rating)))


def server_verdict(average: Average) -> Text:
    return rich(strong("This server's members: "), average.describe())


def my_ratings_reply(ratings: Sequence[Rating], page: int = 0) -> Reply:
    if not ratings:
        return done("You haven't rated any film in this server yet. Try /rate <title> <stars>.")
    items = []
    for rating in ratings:
        value = review_text(rating)
        if rating.hidden:
            value = rich(value, "\n", em(f"Hidden by the curators: {rating.hidden_reason}"))
        items.append(Field(f"{rating.film_label} — {rating.stars} {stars_number(rating.halves)}", value))
    return paged(title="Your ratings in this server", items=items, noun="rating", page=page, ephemeral=True)


def top_reply(entries: Sequence[TopEntry], where: TopFilter, min_ratings: int, page: int = 0) -> Reply:
    scope = " ".join(part for part in (where.genre, f"{where.decade}s" if where.decade else None) if part)
    title = f"This server's best-rated {scope} films" if scope else "This server's best-rated films"
    if not entries:
        return make_reply(
            title=title,
            description=f"No film here has {counted(min_ratings, 'rating')} yet (the least /top needs). "
            "Rate films with /rate to fill it.",
        )
    items = [
        Field(f"{n}. {entry.film.label}", rich(entry.average.describe()))
        for n, entry in enumerate(entries, start=1)
    ]
    note = f"Films with at least {counted(min_ratings, 'rating')} from this server's members."
    return paged(title=title, description=note, items=items, noun="film", page=page)


def settings_reply(settings: RatingSettings) -> Reply:
    who = (
        "any member may write reviews"
        if settings.review_role_id is None
        else rich("writing a review needs the role ", role(settings.review_role_id))
    )
    return done(rich(f"/top lists films with at least {counted(settings.min_ratings, 'rating')}; ", who, "."))
