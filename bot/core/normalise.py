"""Title normalisation: one function for the index and for queries alike.

`title_key` folds everything people vary when typing a title: case, accents, full-width letters,
punctuation, "&" versus "and", and a leading or trailing article ("The Matrix", "Matrix, The").
`split_year` separates a trailing year ("Backtrace 2021", "Backtrace (2021)") from the title.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = ("the", "a", "an")
# Trailing articles as catalogues write them ("Matrix, The"); checked before punctuation goes.
_TRAILING_ARTICLE = re.compile(r"^(?P<rest>.+?),\s*(?P<article>the|a|an)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(?P<rest>.*?)[\s,.:/-]*[(\[]?\s*(?P<year>(18[89]|19\d|20\d)\d)\s*[)\]]?\s*$")
# Characters that never carry meaning in a title: controls, zero-width joiners, bidi overrides.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}
_APOSTROPHES = "'’‘`´ʼ"
_APOSTROPHE_ONLY = str.maketrans("", "", _APOSTROPHES)
# ASCII punctuation becomes a space, apostrophes vanish ("Schindler's" -> "schindlers").
_PUNCTUATION = str.maketrans(
    {c: " " for c in (chr(i) for i in range(128)) if not c.isalnum() and c not in _APOSTROPHES}
    | {c: None for c in _APOSTROPHES if c.isascii()}
)


_ASCII_CONTROLS = "".join(chr(c) for c in range(32)) + "\x7f"
_DROP_ASCII_CONTROLS = str.maketrans("", "", _ASCII_CONTROLS)


def fold(text: str) -> str:
    """Case-, width- and accent-fold text; drop invisible characters. 'ＡＭＥＬＩＥ' -> 'amelie'."""
    if text.isascii():  # most titles: nothing to decompose, and this is the index build's hot path
        return text.lower().translate(_DROP_ASCII_CONTROLS)
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn" or category in _INVISIBLE:
            continue
        kept.append(char)
    return "".join(kept)


def title_key(title: str) -> str:
    """The normalised form of a title used for indexing and for matching queries."""
    text = fold(title)
    trailing = _TRAILING_ARTICLE.match(text)
    if trailing:
        text = trailing.group("rest")
    text = text.replace("&", " and ").replace("+", " and ")
    text = text.translate(_PUNCTUATION if text.isascii() else _APOSTROPHE_ONLY)
    words = (text if text.isascii() else "".join(c if c.isalnum() else " " for c in text)).split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def split_year(text: str) -> tuple[str, int | None]:
    """Split a trailing year off a typed title: 'Backtrace (2021)' -> ('Backtrace', 2021).

    A title that is only a number ('1917') keeps it: there is nothing else to search for.
    """
    match = _YEAR.match(text.strip())
    if not match or not title_key(match.group("rest")):
        return text.strip(), None
    return match.group("rest").strip(), int(match.group("year"))


def compact(key: str) -> str:
    """A key with its spaces removed, so 'back trace' finds 'backtrace'."""
    return key.replace(" ", "")
