"""The reply model: what the bot says, independent of Discord or the terminal.

A Reply holds plain strings (title, field names, footer) and structured text (bot.core.rich) for
the rest; adapters escape and mark up for their medium. Builders here keep every part within
Discord's limits by construction: texts are clipped to their field's limit, fields are capped,
and pages are cut so that a page fits the 6,000-character embed total even if every character
had to be escaped (the worst case doubles it), so no adapter ever has to drop anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core import limits
from bot.core.errors import AmbiguousTitle, DataFileError, FilmbotError, FilmNotFound
from bot.core.limits import clip
from bot.core.models import Film, Match
from bot.core.resolution import Resolution, film_ref
from bot.core.rich import Part, Span, Text, code, em, join, length, rich
from bot.core.text import counted, plain

PAGE_SIZE = 8  # entries per page at most: a page people can take in at a glance
ESCAPED = 2  # worst-case growth of a text when a front-end escapes it (every character escaped)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: Text


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate offered in a reply ("which one did you mean?")."""

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
class Continuation:
    """What to run next on the same command: its name, its arguments, and the option a picked
    value fills in. Made where the command ran, so a follow-up can never run anything else."""

    command: str = ""
    args: tuple[tuple[str, Any], ...] = ()
    fill: str | None = None

    def with_args(self, extra: Mapping[str, Any]) -> Continuation:
        merged = {**dict(self.args), **extra}
        return dataclasses.replace(self, args=tuple(merged.items()))


@dataclass(frozen=True, slots=True)
class Confirm:
    """A destructive action waiting for its invoker: the button's label and what pressing runs."""

    label: str
    then: Continuation


@dataclass(frozen=True, slots=True)
class Action:
    """A button offering another command on the same record (the /film card's /review and
    /similar of that film): its label and what pressing runs, bound to the record's id."""

    label: str
    then: Continuation


@dataclass(frozen=True, slots=True)
class Page:
    fields: tuple[Field, ...]
    footer: str | None


@dataclass(frozen=True, slots=True)
class Reply:
    title: str | None = None
    description: Text = ()
    fields: tuple[Field, ...] = ()
    footer: str | None = None
    ephemeral: bool = False
    error: bool = False
    options: tuple[Option, ...] = ()
    pick: Continuation | None = None  # runs with the picked option's value
    pages: tuple[Page, ...] = ()
    page: int = 0
    confirm: Confirm | None = None
    attachment: Attachment | None = None
    actions: tuple[Action, ...] = ()

    def size(self) -> int:
        """Characters of text, unescaped (what Discord counts, before any escaping)."""
        parts = len(self.title or "") + length(self.description) + len(self.footer or "")
        return parts + sum(len(f.name) + length(f.value) for f in self.fields)

    def turn(self, page: int) -> Reply:
        """The same reply showing another of its pages."""
        if not self.pages:
            return self
        page = min(max(page, 0), len(self.pages) - 1)
        shown = self.pages[page]
        return dataclasses.replace(self, fields=shown.fields, footer=shown.footer, page=page)


def clip_text(text: Text, limit: int) -> Text:
    """Cut structured text to at most `limit` characters, marking the cut with an ellipsis."""
    if length(text) <= limit:
        return text
    kept: list[Span] = []
    room = limit
    for span in text:
        if len(span.text) < room:
            kept.append(span)
            room -= len(span.text)
            continue
        if span.style in ("plain", "strong", "em", "spoiler", "code") and room > 1:
            kept.append(dataclasses.replace(span, text=clip(span.text, room)))
        elif room >= 1:
            kept.append(Span("…"))
        break
    return tuple(kept)


def make_reply(
    *,
    title: str | None = None,
    description: Part = (),
    fields: Iterable[Field] = (),
    footer: str | None = None,
    ephemeral: bool = False,
    error: bool = False,
    options: tuple[Option, ...] = (),
    pages: Sequence[Page] = (),
    confirm: Confirm | None = None,
    attachment: Attachment | None = None,
    actions: Sequence[Action] = (),
) -> Reply:
    """Build a Reply whose every part fits Discord's limits."""
    clipped_title = clip(" ".join(title.split()), limits.MAX_EMBED_TITLE) if title else None
    clipped_footer = clip(footer, limits.MAX_FOOTER) if footer else None
    text = clip_text(rich(description), limits.MAX_EMBED_DESCRIPTION // ESCAPED)
    budget = limits.MAX_EMBED_TOTAL - ESCAPED * (len(clipped_title or "") + length(text))
    budget -= len(clipped_footer or "")
    kept: list[Field] = []
    for item in list(fields)[: limits.MAX_EMBED_FIELDS]:
        fitted = _fit(item)
        cost = ESCAPED * (len(fitted.name) + length(fitted.value))
        if cost > budget:
            break
        kept.append(fitted)
        budget -= cost
    return Reply(
        title=clipped_title,
        description=text,
        fields=tuple(kept),
        footer=clipped_footer,
        ephemeral=ephemeral,
        error=error,
        options=options,
        pages=tuple(pages),
        confirm=confirm,
        attachment=attachment,
        actions=tuple(
            Action(clip(a.label, limits.MAX_BUTTON_LABEL), a.then) for a in actions[: limits.MAX_ACTIONS]
        ),
    )


def _fit(item: Field) -> Field:
    name = clip(" ".join(item.name.split()), limits.MAX_FIELD_NAME // ESCAPED) or "…"
    return Field(name, clip_text(item.value, limits.MAX_FIELD_VALUE // ESCAPED) or rich("…"))


def paged(
    *, title: str, description: Part = (), items: Sequence[Field], noun: str, page: int = 0, **extra: Any
) -> Reply:
    """A reply listing `items` over as many pages as they need, each page within the limits.

    Every page's footer counts all the items and says which page it is, and no item is dropped:
    a page ends where the next item would not fit."""
    head = ESCAPED * (len(title) + length(rich(description))) + 100  # the footer's own room
    chunks: list[list[Field]] = [[]]
    room = limits.MAX_EMBED_TOTAL - head
    for item in map(_fit, items):
        cost = ESCAPED * (len(item.name) + length(item.value))
        if chunks[-1] and (len(chunks[-1]) == PAGE_SIZE or cost > room):
            chunks.append([])
            room = limits.MAX_EMBED_TOTAL - head
        chunks[-1].append(item)
        room -= cost
    total = counted(len(items), noun)
    pages = [
        Page(tuple(chunk), total + (f" · page {n + 1} of {len(chunks)}" if len(chunks) > 1 else ""))
        for n, chunk in enumerate(chunks)
    ]
    reply = make_reply(
        title=title,
        description=description,
        fields=pages[0].fields,
        footer=pages[0].footer,
        pages=pages if len(pages) > 1 else (),
        **extra,
    )
    return reply.turn(page)


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
        Option(clip(" ".join(m.label.split()), limits.MAX_SELECT_LABEL), film_ref(m.film_id))
        for m in list(matches)[: limits.MAX_SELECT_OPTIONS]
    )


def said(query: str, limit: int = 80) -> Text:
    """Echo what someone typed back to them: quoted, one line, and short."""
    return rich("“", clip(plain(query), limit), "”")  # plain: nothing invisible, no lone surrogate


def error_reply(error: FilmbotError) -> Reply:
    """The friendly, private answer for a domain error."""
    if isinstance(error, AmbiguousTitle):
        names = join(f"• {m.label}" for m in error.candidates[:10])
        text = rich(said(error.query), " could mean more than one film. Which one?\n", names)
        # a question, not a failure: shown in the answer colour (one-shot runs still exit non-zero)
        return make_reply(description=text, ephemeral=True, options=_options(error.candidates))
    if isinstance(error, FilmNotFound):
        if error.suggestions:
            found = join(f"• {m.label}" for m in error.suggestions)
            more = rich(" Did you mean:\n", found)
        else:
            more = rich(" Check the spelling, or pick a title from the suggestions as you type.")
        text = rich("I couldn't find a film matching ", said(error.query), ".", more)
        return make_reply(description=text, ephemeral=True, error=True, options=_options(error.suggestions))
    if isinstance(error, DataFileError):
        lines = [str(p) for p in error.problems[:20]]
        more_lines = len(error.problems) - len(lines)
        if more_lines > 0:
            lines.append(f"…and {more_lines} more")
        text = rich("The file was not imported:\n", join(lines))
        return make_reply(description=text, ephemeral=True, error=True)
    return make_reply(description=error.message, ephemeral=True, error=True)


def internal_error_reply(reference: str) -> Reply:
    text = rich(
        "Something went wrong on our side. It has been logged as ",
        code(reference),
        "; please try again, and quote that reference if you report it.",
    )
    return make_reply(description=text, ephemeral=True, error=True)


def done(text: Part, fields: Sequence[Field] = ()) -> Reply:
    """A private confirmation (curation results, settings)."""
    return make_reply(description=text, fields=fields, ephemeral=True)


# -- How the film was chosen: a line the film's reply starts with ---------------------------------


def resolution_notice(resolution: Resolution, film: Film) -> str | None:
    """What the person should know about the choice: a typed year that no film of the title has."""
    if resolution.year_not_found is None:
        return None
    return f"No {film.title} from {resolution.year_not_found}; showing {film.label}."


def with_notice(reply: Reply, notice: str | None) -> Reply:
    """The reply with `notice` as its first paragraph (within the description's limit)."""
    if not notice:
        return reply
    text = join([rich(em(notice)), reply.description], "\n\n") if reply.description else rich(em(notice))
    return dataclasses.replace(reply, description=clip_text(text, limits.MAX_EMBED_DESCRIPTION // ESCAPED))
