"""Members' review text: cleaned once when written, made safe and cut safely when shown.

Stored text is what the member wrote, minus characters that only hide or reorder text. Shown
text can never ping anyone, open a masked link or break out of its embed, and a cut never splits
a character, a grapheme (emoji, accented letter, flag), a markdown escape or a spoiler mark.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from bot.core.errors import InvalidInput
from bot.core.ratings import MAX_REVIEW
from bot.core.text import escape

# Hidden or reordering characters: C0/C1 controls (not tab/newline), zero-width space, direction
# marks, embeddings, overrides and isolates, BOM. Joiners stay: emoji and many scripts need them.
_HIDDEN = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_LINES = re.compile("\r\n|[\r\u2028\u2029\u0085]")
_BLANK_RUN = re.compile(r"\n{3,}")
_LINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,20}):(?=//)")
_GRAPHEME = regex.compile(r"\X")
ELLIPSIS = "…"
SPOILER = "||"


def clean_review(text: str | None) -> str | None:
    """The review as stored: normalised, hidden characters removed, at most one blank line in a
    row. None when nothing is left; InvalidInput when it is longer than MAX_REVIEW."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", _LINES.sub("\n", text)).replace("\t", " ")
    text = _HIDDEN.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text).strip()
    if len(text) > MAX_REVIEW:
        raise InvalidInput(
            f"Your review is {len(text)} characters long; keep it to {MAX_REVIEW}. Nothing was saved."
        )
    return text or None


def review_markdown(text: str, limit: int, *, spoiler: bool = False) -> str:
    """Discord markdown showing `text` literally in at most `limit` characters: markdown escaped,
    mentions defused, links plain (not clickable), inside spoiler marks when `spoiler`."""
    shown = "\n".join(_plain_links(escape(line)) for line in text.split("\n"))
    if not spoiler:
        return clip(shown, limit)
    return SPOILER + clip(shown, limit - 2 * len(SPOILER)) + SPOILER


def _plain_links(line: str) -> str:
    # A zero-width space after the scheme: Discord no longer sees a link, people still read it.
    return _LINK.sub("\\1\u200b:", line)


def clip(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a grapheme boundary, ending with an ellipsis.

    Never keeps half of a markdown escape (a lone backslash) at the end: it would show as a
    stray backslash or escape what follows."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    kept, used = [], 0
    for grapheme in _GRAPHEME.findall(text):
        if used + len(grapheme) > limit - len(ELLIPSIS):
            break
        kept.append(grapheme)
        used += len(grapheme)
    head = "".join(kept).rstrip()
    trailing = len(head) - len(head.rstrip("\\"))
    if trailing % 2:
        head = head[:-1]
    return head + ELLIPSIS


def graphemes(text: str) -> list[str]:
    """The user-perceived characters of `text` (Unicode extended grapheme clusters)."""
    return list(_GRAPHEME.findall(text))
