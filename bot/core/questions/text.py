"""From a typed question to tokens: cleaned text, each word with its span in that text.

Matching uses each token's folded (and typo-corrected) form; a name slot is cut from the cleaned
text by span, so the resolver gets the title exactly as typed ("Schindler's List", "Amélie").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.normalise import fold

MAX_QUESTION_CHARS = 300  # a question is a sentence; longer input is refused, never parsed whole
MAX_WORDS = 40  # bounds the pattern matcher's work; no real question is longer

# Discord mentions, channel links, custom emoji, everyone/here pings and links carry no question.
_NOISE = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|@everyone|@here|https?://\S+", re.IGNORECASE)
_MARKDOWN = str.maketrans({c: " " for c in "*_~`|>#\\"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼ"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*|-")
_DECADE_APOSTROPHE = re.compile(r"^(\d+)'s$")
_SPACE = re.compile(r"\s+")

# Contractions and their apostrophe-less spellings, as the words the patterns are written in.
_EXPANSIONS = {
    "whos": "who is",
    "whats": "what is",
    "wheres": "where is",
    "hows": "how is",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "cant": "can not",
    "cannot": "can not",
    "wanna": "want to",
    "gimme": "give me",
}
_SUFFIXES = {"n't": "not", "'re": "are", "'ve": "have", "'m": "am", "'ll": "will", "'d": "would"}
_IS_HOSTS = {"who", "what", "where", "when", "how", "that", "it", "there", "here", "he", "she"}
_IRREGULAR_NOT = {"ca": "can", "wo": "will", "ai": "is", "sha": "shall"}


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # folded word as the patterns spell it; typo-corrected later
    start: int  # span in the cleaned text
    end: int


def clean(question: str) -> str:
    """Drop mentions, links, markdown and invisible characters; one space between words."""
    text = unicodedata.normalize("NFKC", question[: MAX_QUESTION_CHARS * 4])
    text = _NOISE.sub(" ", text).translate(_MARKDOWN).translate(_DASHES).translate(_APOSTROPHES)
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    return _SPACE.sub(" ", text).strip()


def tokenize(text: str) -> list[Token]:
    """Words of cleaned text, contractions expanded; a dash is kept only between two numbers."""
    raw = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    tokens: list[Token] = []
    for i, (word, start, end) in enumerate(raw):
        if word == "-":
            if 0 < i < len(raw) - 1 and raw[i - 1][0].isdigit() and raw[i + 1][0][:1].isdigit():
                tokens.append(Token("-", start, end))
            continue
        folded = fold(word)
        cut = _split(folded)
        if cut is None:
            folded = _DECADE_APOSTROPHE.sub(r"\1s", folded)  # "80's" -> "80s"
            tokens.extend(Token(norm, start, end) for norm in _EXPANSIONS.get(folded, folded).split())
        else:  # "tarantino's": "tarantino" and "'s" get their own spans; a name ends before the "'s"
            host, meaning, length = cut
            tokens.extend((Token(host, start, end - length), Token(meaning, end - length, end)))
    return tokens


def _split(word: str) -> tuple[str, str, int] | None:
    """A word ending in a contraction or possessive: (host, meaning, suffix length), or None."""
    for suffix, meaning in _SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            host = word[: -len(suffix)]
            if suffix == "n't":
                host = _IRREGULAR_NOT.get(host, host)
            return host, meaning, len(suffix)
    if word.endswith("'s") and len(word) > 2 and not word[:-2].isdigit():
        host = word[:-2]
        return host, ("is" if host in _IS_HOSTS else "'s"), 2
    return None
