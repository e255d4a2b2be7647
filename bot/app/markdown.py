"""Rendering structured text (bot.core.rich) as Discord markdown that nothing can break out of.

Every character of people's text that markdown would read is escaped, mentions are defused (the
client also sends allowed_mentions=none), a bare web address is shown as text, not a link, and
a link's label is escaped and its URL, already validated where it entered, is wrapped in <> with
the characters that could end it encoded.
`render` fits the result to a limit by cutting the text before escaping it, so a cut never
falls inside an escape, a link, a spoiler mark or a grapheme (an emoji, a flag, an accent).
"""

from __future__ import annotations

import re
from itertools import accumulate

from bot.core.limits import graphemes
from bot.core.rich import Span, Text
from bot.core.text import plain, visible

_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()#<-])")
_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,20}):(?=//)")
_URL_UNSAFE = {">": "%3E", "<": "%3C", ")": "%29", "(": "%28", " ": "%20", "`": "%60", "|": "%7C"}


def escape(text: str) -> str:
    """People's text shown literally: markdown escaped, @everyone and @here defused, one line per line."""
    lines = (visible(part) for part in text.split("\n"))
    escaped = "\n".join(_MARKDOWN.sub(r"\\\1", line) for line in lines)
    # A zero-width space after a link's scheme: Discord no longer makes it a link; people still read it.
    escaped = _SCHEME.sub("\\1\u200b:", escaped)
    return _MENTION.sub(lambda m: "@\u200b" + m.group(1), escaped)


def _url(url: str) -> str:
    return "".join(_URL_UNSAFE.get(char, char) for char in url if not char.isspace())


def span_markdown(span: Span) -> str:
    if span.style == "strong":
        return f"**{escape(span.text)}**"
    if span.style == "em":
        return f"*{escape(span.text)}*"
    if span.style == "code":
        return "`" + plain(span.text).replace("`", "ˋ") + "`"
    if span.style == "link":
        return f"[{escape(span.text)}](<{_url(span.target)}>)"
    if span.style == "user" and span.target.isdigit():
        return f"<@{span.target}>"
    if span.style == "role" and span.target.isdigit():
        return f"<@&{span.target}>"
    if span.style == "spoiler":
        return f"||{escape(span.text)}||"
    return escape(span.text)


def _cut(span: Span, room: int) -> str:
    """The longest start of a text span whose markdown, with an ellipsis, fits `room`."""
    if span.style not in ("plain", "strong", "em", "spoiler", "code"):
        return "…" if room >= 1 else ""
    ends = [0, *accumulate(map(len, graphemes(span.text)))]  # cut only between graphemes
    low, high = 0, len(ends) - 1
    best = "…" if room >= 1 else ""
    while low <= high:
        middle = (low + high) // 2
        candidate = span_markdown(Span(span.text[: ends[middle]].rstrip() + "…", span.style))
        if len(candidate) <= room:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def render(text: Text, limit: int) -> str:
    """Markdown for `text`, at most `limit` characters."""
    out: list[str] = []
    room = limit
    for span in text:
        piece = span_markdown(span)
        if len(piece) > room:
            out.append(_cut(span, room))
            break
        out.append(piece)
        room -= len(piece)
    return "".join(out)
