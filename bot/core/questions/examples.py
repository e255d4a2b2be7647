"""Example questions: shown when a question is not understood, closest to what was asked first."""

from __future__ import annotations

from rapidfuzz import fuzz, process

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
DEFAULT = ("who directed memento", "80s horror films", "films like alien")
SHOWN = 3


def closest(question: str) -> tuple[str, ...]:
    """The three examples most like the question (the defaults when nothing is alike)."""
    if not question.strip():
        return DEFAULT
    found = process.extract(question, EXAMPLES, scorer=fuzz.WRatio, limit=SHOWN, score_cutoff=40)
    picked = [example for example, _, _ in found]
    return tuple(picked + [d for d in DEFAULT if d not in picked])[:SHOWN]
