"""Is a found title the film someone meant? Decided from evidence, never from one score.

The ranking finds the likeliest titles; this module says whether the best of them is *explained*
by what was typed. A title is a confident answer when every meaningful word of the query is in it
(spelled right, or within the few typos a word of that length can carry), its sequel numbers are
the query's, and nothing of it is left out except small words, or the query is the start of a
title that no other title shares. Otherwise it is only a look-alike ("inception" and *Infection*
are two letters apart, "drive" is one word of *Sex Drive*) and is offered, not answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rapidfuzz.distance import OSA

from bot.core.normalise import compact

# Words that carry no identity of their own: leaving one out, or adding one, says nothing.
SMALL_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "to", "for", "at", "with", "from", "by", "or", "is"}
    | {"de", "la", "le", "les", "el", "los", "das", "der", "die", "du"}
)
PARTIAL_SHARE = 3 / 4  # a partly typed title is an answer only with this much of it typed
ONE_WORD_TYPO = 6  # a one-word query is read as mistyped only from this length ("selma" is not Salma)


class Vocabulary(Protocol):
    """What the evidence needs to know about the whole catalogue."""

    def has_word(self, word: str) -> bool: ...
    def titles_with(self, words: list[str], enough: int = 2) -> int: ...


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """How well a title explains a query; the smaller, the better explained (sortable)."""

    partial: bool  # the query is only the start of the title
    edits: int  # letters typed wrong over the whole query


def typos_allowed(length: int) -> int:
    """Typos a word or title of this many letters can carry and still be recognised.

    None under four letters ("ray" is not *Ran*), one in four to nine ("memnto"), two from ten
    letters on ("dragged accross concrte"): a nine-letter word two letters from another is a
    different word ("inception", *Infection*).
    """
    return 0 if length < 4 else 1 if length < 10 else 2


def _numbers(words: list[str]) -> list[str]:
    return sorted(w for w in words if w.isdigit())


def explain(query: str, title: str, vocabulary: Vocabulary) -> Evidence | None:
    """Evidence that match key `title` is what match key `query` means, or None if it is not."""
    if query == title or compact(query) == compact(title):
        return Evidence(False, 0)
    asked, found = query.split(), title.split()
    if _numbers(asked) != _numbers(found):  # "alien 3" is not "Alien"; "toy story" not "Toy Story 3"
        return None
    meaningful = [w for w in asked if w not in SMALL_WORDS]
    if len(meaningful) == 1 and len(meaningful[0]) < ONE_WORD_TYPO and meaningful[0] not in found:
        return _partial(asked, found, vocabulary)  # one short word, not in the title: only as its start
    return _by_words(asked, found, vocabulary) or _partial(asked, found, vocabulary)


def _word_edits(typed: str, word: str, vocabulary: Vocabulary, among_others: bool) -> int | None:
    """Typos between a typed word and a title's word, or None if it is another word.

    A typed word that is itself a word of some title was typed on purpose: "angel" is not
    *Angels*, "session" not *Sessions*. Short words get a typo only among other words.
    """
    if typed == word:
        return 0
    allowed = typos_allowed(len(word)) if len(typed) >= 3 else 0
    if among_others and len(word) >= 2 and len(typed) >= 2:
        allowed = max(allowed, 1)  # "white goed", "boys df abu ghraib"
    if allowed == 0 or vocabulary.has_word(typed) or typed.rstrip("s") == word.rstrip("s"):
        return None  # a plural is another title: "alien" is not *Aliens*
    distance = OSA.distance(typed, word, score_cutoff=allowed)
    return distance if distance <= allowed else None


def _small_word_typo(typed: str, vocabulary: Vocabulary) -> bool:
    """ "teh", "th", "fo": a small word mistyped, which says as little as the small word. A word
    of some title is no typo ("the other son" is not *The Other*)."""
    if len(typed) < 2 or vocabulary.has_word(typed):
        return False
    return any(OSA.distance(typed, small, score_cutoff=1) <= 1 for small in SMALL_WORDS)


def _by_words(asked: list[str], found: list[str], vocabulary: Vocabulary) -> Evidence | None:
    """Every meaningful word of the query is a word of the title, within its typos; the title has
    nothing else but small words, or it is only started (`_partial`)."""
    unused = list(range(len(found)))
    matched: list[int] = []
    edits = 0
    among_others = sum(w not in SMALL_WORDS for w in asked) > 1
    for typed in asked:
        best, best_edits = -1, 0
        for i in unused:
            distance = _word_edits(typed, found[i], vocabulary, among_others)
            if distance is not None and (best < 0 or distance < best_edits):
                best, best_edits = i, distance
        if best < 0:
            if typed in SMALL_WORDS:
                continue
            if among_others and _small_word_typo(typed, vocabulary):
                edits += 1
                continue
            return None  # a meaningful word of the query is not in the title
        unused.remove(best)
        matched.append(best)
        edits += best_edits
    if not matched or edits > typos_allowed(len(compact(" ".join(found)))):
        return None
    if any(found[i] not in SMALL_WORDS for i in unused):
        return None  # the title says more than was typed (unless only its end is missing: `_partial`)
    if edits and matched != sorted(matched):
        return None  # words moved *and* mistyped: "war horse" is not *House War*
    return Evidence(False, edits)


def _partial(asked: list[str], found: list[str], vocabulary: Vocabulary) -> Evidence | None:
    """The start of a title, typed exactly, most of it, and no other title has those words."""
    typed = [w for w in asked if w not in SMALL_WORDS]
    title = [w for w in found if w not in SMALL_WORDS]
    begun = title[: len(typed)]
    if (
        not typed
        or len(begun) < len(typed)
        or begun[:-1] != typed[:-1]
        or not begun[-1].startswith(typed[-1])
    ):
        return None  # the last word may be half typed ("shawshank redemp")
    if len("".join(typed)) < PARTIAL_SHARE * len("".join(title)):
        return None
    return Evidence(True, 0) if vocabulary.titles_with(begun) == 1 else None
