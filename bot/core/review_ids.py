"""Review snippets as curators see them where they remove one: each carries its id (issue 13).

The id is what `/catalogue remove-review` takes; autocomplete offers "#12 — critic on Film:
“quote…”" choices whose value is the id, and `/catalogue reviews <film>` lists a film's
snippets with their ids, saying which ones this server may remove.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.limits import MAX_CHOICE_NAME, MAX_CHOICES, clip
from bot.core.models import Film, Review
from bot.core.replies import Choice, Field, Reply, make_reply, paged
from bot.core.rich import code, join, rich

REVIEW_REF = "review:"  # an autocomplete value: the id behind the description picked
MAX_ID_DIGITS = 18  # an INTEGER id; anything longer is not one of ours


def review_label(review_id: int, critic: str, quote: str, title: str | None = None) -> str:
    """'#12 — Roger Ebert on Heat: “A film that…”', within a choice name's limit."""
    on = f" on {title}" if title else ""
    return clip(" ".join(f"#{review_id} — {critic}{on}: “{quote}”".split()), MAX_CHOICE_NAME)


def review_choices(own: Sequence[tuple[int, str, str, str]], typed: str) -> list[Choice]:
    """Choices among this server's reviews (id, film title, critic, quote), newest first, for
    what was typed: words of the film, the critic or the quote, or the id ('12', '#12': that
    review first)."""
    words = typed.casefold().split()
    wanted = parse_review_id(typed)
    found: list[Choice] = []
    for review_id, title, critic, quote in own:
        haystack = f"{title} {critic} {quote}".casefold()
        if review_id == wanted or all(word in haystack for word in words):
            choice = Choice(review_label(review_id, critic, quote, title), f"{REVIEW_REF}{review_id}")
            if review_id == wanted:
                found.insert(0, choice)
            else:
                found.append(choice)
    return found[:MAX_CHOICES]


def parse_review_id(text: str) -> int | None:
    """The id in 'review:12' (an autocomplete value), '#12' or '12'; None for anything else."""
    digits = text.strip().removeprefix(REVIEW_REF).removeprefix("#").strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_ID_DIGITS:
        return None
    return int(digits)


def reviews_listing(film: Film, reviews: Sequence[Review], guild_id: int, page: int = 0) -> Reply:
    """A film's snippets with their ids, for a curator: this server's can be removed by id."""
    if not reviews:
        return make_reply(
            title=film.label, description="No review snippets for this film yet.", ephemeral=True
        )
    own = [r for r in reviews if r.guild_id == guild_id]
    items = []
    for review in reviews:
        by = f" — {review.author}" if review.author else ""
        how = (
            rich("This server's; to remove it: ", code(f"/catalogue remove-review #{review.id}"))
            if review.guild_id == guild_id
            else "From the shared catalogue: not this server's to remove."
        )
        items.append(Field(f"#{review.id} · {review.source}{by}", join([f"“{review.quote}”", how], "\n")))
    note = f"{len(own)} of {len(reviews)} added by this server." if own else "None added by this server."
    return paged(
        title=f"Reviews of {film.label}",
        description=note,
        items=items,
        noun="review",
        page=page,
        ephemeral=True,
    )  # ids are for the curator: the listing is private
