"""The reply model: what the bot says, independent of Discord or the terminal.

Builders here enforce Discord's limits by construction (every text is clipped to its field's
limit, fields are capped and the embed total is kept under 6,000 characters), so an adapter
can render a Reply without checking anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.core import limits
from bot.core.errors import AmbiguousTitle, DataFileError, FilmbotError, FilmNotFound
from bot.core.limits import clip
from bot.core.models import Film, Match, Review, Suggestion
from bot.core.resolution import Resolution, film_ref
from bot.core.text import escape, quote, url_problem

PAGE_SIZE = 8  # reviews or suggestions per page: keeps each page far below the embed limits


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Option:
    """A choice offered in a reply ("which one did you mean?"); value re-runs `command`."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Choice:
    """An autocomplete choice: shown name, and the value sent back when picked."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Reply:
    title: str | None = None
    description: str = ""
    fields: tuple[Field, ...] = ()
    footer: str | None = None
    ephemeral: bool = False
    error: bool = False
    command: str | None = None
    options: tuple[Option, ...] = ()
    pages: tuple[tuple[Field, ...], ...] = field(default=())
    confirm: str | None = None  # a destructive action waiting for the invoker's confirmation
    attachment: Attachment | None = None

    def size(self) -> int:
        """Characters Discord counts towards the 6,000 embed total."""
        parts = [self.title or "", self.description, self.footer or ""]
        parts += [f.name + f.value for f in self.fields]
        return sum(len(p) for p in parts)


def make_reply(
    *,
    title: str | None = None,
    description: str = "",
    fields: Iterable[Field] = (),
    footer: str | None = None,
    ephemeral: bool = False,
    error: bool = False,
    command: str | None = None,
    options: tuple[Option, ...] = (),
    pages: tuple[tuple[Field, ...], ...] = (),
    confirm: str | None = None,
    attachment: Attachment | None = None,
) -> Reply:
    """Build a Reply whose every part fits Discord's limits."""
    clipped_title = clip(title, limits.MAX_EMBED_TITLE) if title else None
    clipped_footer = clip(footer, limits.MAX_FOOTER) if footer else None
    description = clip(description, limits.MAX_EMBED_DESCRIPTION)
    budget = limits.MAX_EMBED_TOTAL - len(clipped_title or "") - len(clipped_footer or "") - len(description)
    kept: list[Field] = []
    for item in list(fields)[: limits.MAX_EMBED_FIELDS]:
        fitted = Field(clip(item.name, limits.MAX_FIELD_NAME), clip(item.value, limits.MAX_FIELD_VALUE))
        cost = len(fitted.name) + len(fitted.value)
        if cost > budget:
            break
        kept.append(fitted)
        budget -= cost
    return Reply(
        title=clipped_title,
        description=description,
        fields=tuple(kept),
        footer=clipped_footer,
        ephemeral=ephemeral,
        error=error,
        command=command,
        options=options,
        pages=pages,
        confirm=confirm,
        attachment=attachment,
    )


def _film_header(film: Film) -> str:
    lines = []
    if film.synopsis:
        lines.append(escape(clip(film.synopsis, 350)))
    credits = []
    if film.director:
        credits.append(f"Directed by {escape(film.director)}")
    if film.cast:
        names = ", ".join(escape(member.name) for member in film.cast[:4])
        credits.append(f"Starring {names}")
    if credits:
        lines.append(" · ".join(credits))
    if film.genres:
        lines.append("Genres: " + ", ".join(escape(g) for g in film.genres))
    if film.release:
        lines.append(f"Release: {escape(film.release)}")
    return "\n".join(lines)


def review_field(review: Review) -> Field:
    by = f" — {review.author}" if review.author else ""
    name = escape(f"{review.source}{by}")
    value = f"“{escape(review.quote)}”"
    if review.verdict:
        value += f"\n**Verdict:** {escape(review.verdict)}"
    if review.url and url_problem(review.url) is None:  # a link stored before the rule was checked
        value += f"\n[Read the full review](<{review.url}>)"
    return Field(name, value)


def paginate(items: Sequence[Field]) -> tuple[tuple[Field, ...], ...]:
    return tuple(tuple(items[i : i + PAGE_SIZE]) for i in range(0, len(items), PAGE_SIZE))


def review_reply(film: Film, reviews: Sequence[Review], page: int = 0) -> Reply:
    header = _film_header(film)
    if not reviews:
        return make_reply(
            title=escape(film.label),
            description=f"{header}\n\nNo reviews yet for this film.".strip(),
            footer=f"Try /similar {film.title} for films like it.",
        )
    pages = paginate([review_field(r) for r in reviews])
    page = min(max(page, 0), len(pages) - 1)
    footer = f"{len(reviews)} review{'s' if len(reviews) != 1 else ''}"
    if len(pages) > 1:
        footer += f" · page {page + 1} of {len(pages)}"
    return make_reply(
        title=escape(film.label), description=header, fields=pages[page], footer=footer, pages=pages
    )


def similar_reply(film: Film, suggestions: Sequence[Suggestion], page: int = 0) -> Reply:
    title = f"If you liked {escape(film.label)}"
    if not suggestions:
        return make_reply(title=title, description="No similar films are linked to this one yet.")
    pages = paginate([Field(escape(s.film.label), escape(s.reason)) for s in suggestions])
    page = min(max(page, 0), len(pages) - 1)
    footer = f"{len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''}"
    if len(pages) > 1:
        footer += f" · page {page + 1} of {len(pages)}"
    return make_reply(title=title, description="", fields=pages[page], footer=footer, pages=pages)


def choices(matches: Iterable[Match]) -> list[Choice]:
    """Autocomplete choices: 'Title (Year)' names (1-100 chars), exact film ids as values."""
    found: list[Choice] = []
    for match in matches:
        name = clip(" ".join(match.label.split()), limits.MAX_CHOICE_NAME) or f"Film {match.film_id}"
        found.append(Choice(name, film_ref(match.film_id)))
        if len(found) == limits.MAX_CHOICES:
            break
    return found


def _options(matches: Iterable[Match]) -> tuple[Option, ...]:
    return tuple(
        Option(clip(m.label, limits.MAX_SELECT_LABEL), film_ref(m.film_id))
        for m in list(matches)[: limits.MAX_SELECT_OPTIONS]
    )


def error_reply(error: FilmbotError, command: str | None = None) -> Reply:
    """The friendly, private answer for a domain error."""
    if isinstance(error, AmbiguousTitle):
        names = "\n".join(f"• {escape(m.label)}" for m in error.candidates[:10])
        return make_reply(
            description=f"{quote(error.query)} could mean more than one film. Which one?\n{names}",
            ephemeral=True,
            error=True,
            command=command,
            options=_options(error.candidates),
        )
    if isinstance(error, FilmNotFound):
        text = f"I couldn't find a film matching {quote(error.query)}."
        if error.suggestions:
            text += " Did you mean:\n" + "\n".join(f"• {escape(m.label)}" for m in error.suggestions)
        else:
            text += " Check the spelling, or pick a title from the suggestions as you type."
        return make_reply(
            description=text, ephemeral=True, error=True, command=command, options=_options(error.suggestions)
        )
    if isinstance(error, DataFileError):
        lines = [escape(str(p)) for p in error.problems[:20]]
        more = len(error.problems) - len(lines)
        if more > 0:
            lines.append(f"…and {more} more")
        return make_reply(
            description="The file was not imported:\n" + "\n".join(lines), ephemeral=True, error=True
        )
    return make_reply(description=escape(error.message), ephemeral=True, error=True)


def internal_error_reply(reference: str) -> Reply:
    return make_reply(
        description=f"Something went wrong on our side. It has been logged as `{reference}`; "
        "please try again, and quote that reference if you report it.",
        ephemeral=True,
        error=True,
    )


# -- How the film was chosen (issue 16): a line the film's reply starts with -------------------


def resolution_notice(resolution: Resolution, film: Film) -> str | None:
    """What the person should know about the choice: a typed year that no film of the title has."""
    if resolution.year_not_found is None:
        return None
    return f"No {escape(film.title)} from {resolution.year_not_found}; showing {escape(film.label)}."


def with_notice(reply: Reply, notice: str | None) -> Reply:
    """The reply with `notice` as its first paragraph (clipped to the description's limit)."""
    if not notice:
        return reply
    description = f"*{notice}*\n\n{reply.description}".strip()
    return replace(reply, description=clip(description, limits.MAX_EMBED_DESCRIPTION))
