"""Replies about films: review snippets and "if you liked this" lists."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.limits import clip
from bot.core.models import Film, Review, Suggestion
from bot.core.replies import Field, Reply, make_reply, paged
from bot.core.rich import Part, Text, join, link, rich, strong
from bot.core.text import url_problem


def film_header(film: Film) -> Text:
    lines: list[Part] = []
    if film.synopsis:
        lines.append(clip(film.synopsis, 350))
    credits = []
    if film.director:
        credits.append(f"Directed by {film.director}")
    if film.cast:
        credits.append("Starring " + ", ".join(member.name for member in film.cast[:4]))
    if credits:
        lines.append(" · ".join(credits))
    if film.genres:
        lines.append("Genres: " + ", ".join(film.genres))
    if film.release:
        lines.append(f"Release: {film.release}")
    return join(lines)


def review_field(review: Review) -> Field:
    by = f" — {review.author}" if review.author else ""
    parts: list[Part] = [f"“{review.quote}”"]
    if review.verdict:
        parts.append(rich(strong("Verdict:"), f" {review.verdict}"))
    if review.url and url_problem(review.url) is None:  # a link stored before the rule was checked
        parts.append(link("Read the full review", review.url))
    return Field(f"{review.source}{by}", join(parts))


def review_reply(
    film: Film,
    reviews: Sequence[Review],
    page: int = 0,
    members: Sequence[Field] = (),
    verdict: Part = (),
) -> Reply:
    """Critics' snippets, then (in a server) its members' verdict and reviews, newest first."""
    header = join([part for part in (film_header(film), rich(verdict)) if part], "\n\n")
    if not reviews and not members:
        return make_reply(
            title=film.label,
            description=join([header, "No reviews yet for this film."], "\n\n")
            if header
            else "No reviews yet.",
            footer=f"Try /similar {film.title} for films like it.",
        )
    items = [review_field(r) for r in reviews] + list(members)
    return paged(title=film.label, description=header, items=items, noun="review", page=page)


def similar_reply(film: Film, suggestions: Sequence[Suggestion], page: int = 0, narrowed: str = "") -> Reply:
    """The suggestions; `narrowed` names the genre and years they were kept to ("comedy, 2000-2009")."""
    title = f"If you liked {film.label}" + (f": {narrowed}" if narrowed else "")
    if narrowed and not suggestions:
        text = f"No films like {film.label} found for {narrowed}: try without the genre or the years."
        return make_reply(title=title, description=text)
    if not suggestions:
        return make_reply(title=title, description="No similar films are linked to this one yet.")
    items = [Field(s.film.label, rich(s.reason)) for s in suggestions]
    return paged(title=title, items=items, noun="suggestion", page=page)
