"""Example questions: shown when a question is not understood, closest to what was asked first.

Closeness is shared words, each weighted by how few examples use it (so "directed" counts for more
than "the"), with words compared by their first four letters ("director" meets "directed").
"""

from __future__ import annotations

import math
import re
from collections import Counter

EXAMPLES = (
    "who directed memento",
    "who wrote the godfather",
    "who's in heat 1995",
    "when did jaws come out",
    "how long is the godfather part 2",
    "is alien rated R",
    "what genre is blade runner",
    "rotten tomatoes score of gravity",
    "films by david fincher",
    "movies with al pacino from the 70s",
    "what did tarantino write",
    "80s horror films",
    "french comedies from the 2000s",
    "best known sci-fi of 1999",
    "films like alien from the 2000s",
    "something like heat but a comedy",
    "what should we watch tonight",
    "pick a random western",
    "reviews of memento",
    "what do critics say about backtrace",
    "tell me about amelie",
)
DEFAULT = ("who directed memento", "80s horror films", "films like alien from the 2000s")
SHOWN = 3
_SMALL = frozenset({"the", "a", "an", "of", "is", "in", "to", "do", "it", "and", "or", "on", "at"})
_WORD = re.compile(r"[^\W_]+")


def _keys(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {w[:4] if len(w) >= 4 else w for w in words if w not in _SMALL}


_EXAMPLE_KEYS = [_keys(example) for example in EXAMPLES]
_USES = Counter(key for keys in _EXAMPLE_KEYS for key in keys)
_WEIGHT = {key: math.log((len(EXAMPLES) + 1) / uses) for key, uses in _USES.items()}


def closest(question: str) -> tuple[str, ...]:
    """The three examples sharing the most telling words with the question; the defaults fill in."""
    asked = _keys(question[:1000])
    scored = [(sum(_WEIGHT[k] for k in keys & asked), -i) for i, keys in enumerate(_EXAMPLE_KEYS)]
    ranked = [EXAMPLES[-i] for score, i in sorted(scored, reverse=True) if score > 0][:SHOWN]
    return tuple(ranked + [d for d in DEFAULT if d not in ranked])[:SHOWN]
