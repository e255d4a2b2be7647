"""Text with light structure: what replies are made of, before any front-end renders them.

Core never writes Discord markdown or mention syntax. A reply's text is a tuple of spans; each
span is plain text with one style (emphasis, a link, a reference to a user or role, a spoiler).
The Discord adapter escapes and marks them up; the terminal prints them readably. So a title full
of asterisks, `@everyone` or `[a](b)` is only ever text, in every front-end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Style = Literal["plain", "strong", "em", "code", "link", "user", "role", "spoiler"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = "plain"
    target: str = ""  # the URL of a link, the id of a user or role


Text = tuple[Span, ...]
Part = str | Span | Text


def rich(*parts: Part) -> Text:
    """Join strings (plain), spans and texts into one text, dropping empty pieces."""
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                spans.append(Span(part))
        elif isinstance(part, Span):
            if part.text or part.style in ("user", "role"):
                spans.append(part)
        else:
            spans.extend(part)
    return tuple(spans)


def join(texts: Iterable[Part], separator: str = "\n") -> Text:
    """Texts one after another, with `separator` (plain) between them."""
    out: list[Part] = []
    for number, text in enumerate(texts):
        if number:
            out.append(separator)
        out.append(text)
    return rich(*out)


def strong(text: str) -> Span:
    return Span(text, "strong")


def em(text: str) -> Span:
    return Span(text, "em")


def code(text: str) -> Span:
    return Span(text, "code")


def link(label: str, url: str) -> Span:
    """A link whose URL was validated where it entered the catalogue (core.curation.parse_url)."""
    return Span(label, "link", url)


def user(user_id: int) -> Span:
    return Span(f"user {user_id}", "user", str(user_id))


def role(role_id: int) -> Span:
    return Span(f"role {role_id}", "role", str(role_id))


def spoiler(text: str) -> Span:
    return Span(text, "spoiler")


def plain_text(text: Text) -> str:
    """The text without structure, as a person would read it aloud."""
    return "".join(span.text for span in text)


def length(text: Text) -> int:
    return sum(len(span.text) for span in text)
