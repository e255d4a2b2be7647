"""Members' review text, cleaned once when written.

Stored text is what the member wrote, minus characters that only hide or reorder text. How it is
shown safely (escaped, no pings, no links, spoiler marks, cuts between graphemes) is the Discord
adapter's job: bot/app/markdown.py, tested with reviews in tests/app/test_markdown_reviews.py.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.errors import InvalidInput
from bot.core.ratings import MAX_REVIEW

# Hidden or reordering characters: C0/C1 controls (not tab/newline), zero-width space, direction
# marks, embeddings, overrides and isolates, BOM. Joiners stay: emoji and many scripts need them.
_HIDDEN = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_LINES = re.compile("\r\n|[\r\u2028\u2029\u0085]")
_BLANK_RUN = re.compile(r"\n{3,}")


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
