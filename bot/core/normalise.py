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
    # A title of only emoji or punctuation ("!!!", "🎬🍿") keeps its symbols, or it could be
    # added but never found.
    return " ".join(words) or " ".join(fold(title).split())


# Sequel numbers are part of a title, however they are written: "Godfather II", "godfather 2" and
# "The Godfather Part II" must meet. Roman numerals of two letters or more become digits anywhere
# ("Rocky IV"); a lone I, V or X only after a sequel word, since elsewhere it is a letter ("Malcolm X").
_ROMAN = {
    r: str(n)
    for n, r in enumerate(
        [
            "i",
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xvii",
            "xviii",
            "xix",
            "xx",
        ],
        start=1,
    )
}
_SEQUEL_WORDS = {"part", "pt", "chapter", "chap", "vol", "volume"}
_SPELLED = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}


def _numeral(word: str, after_sequel_word: bool) -> str | None:
    if word.isdecimal():  # isdigit() would let '፩' through to int(), which refuses it
        return str(int(word)) if len(word) <= 2 else word  # "02" is 2; "1917" stays a title
    roman = _ROMAN.get(word)
    if roman is not None and (len(word) > 1 or after_sequel_word):
        return roman
    return _SPELLED.get(word) if after_sequel_word else None


def match_key(title: str) -> str:
    """`title_key` with sequel numbers written one way: 'The Godfather Part II' -> 'godfather 2'.

    Only the matcher uses it; stored keys (films.title_key) stay `title_key`, so a change here
    needs no migration.
    """
    words = title_key(title).split()
    out: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        if word in _SEQUEL_WORDS and following is not None and _numeral(following, True) is not None:
            continue  # "part 2" is "2"
        number = _numeral(word, i > 0 and words[i - 1] in _SEQUEL_WORDS)
        out.append(number if number is not None else word)
    return " ".join(out)


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
