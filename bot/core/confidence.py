"""Is a found title the film someone meant? Decided from evidence, never from one score.

The ranking finds the likeliest titles; this module says whether the best of them is *explained*
by what was typed. A title is a confident answer when every meaningful word of the query is in it
(spelled right, or within the few typos a word of that length can carry), its sequel numbers are
the query's, and nothing of it is left out except small words, or the query is the start of a
title that no other title shares. Otherwise it is only a look-alike ("inception" and *Infection*
are two letters apart, "drive" is one word of *Sex Drive*) and is offered, not answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.core.normalise import compact

# Words that carry no identity of their own: leaving one out, or adding one, says nothing.
SMALL_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "to",
        "for",
        "at",
        "with",
        "from",
        "by",
        "or",
        "is",
        "de",
        "la",
        "le",
        "les",
        "el",
        "los",
        "das",
        "der",
        "die",
        "du",
    ]
)


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


def explain(query: str, title: str, titles_with: Callable[[list[str]], int]) -> Evidence | None:
    """Evidence that match key `title` is what match key `query` means, or None if it is not.

    `titles_with(words)` counts the distinct titles containing all the words (at least up to 2):
    a partly typed title is an answer only when it is the one title those words begin.
    """
    if query == title or compact(query) == compact(title):
        return Evidence(False, 0)
    asked, found = query.split(), title.split()
    if _numbers(asked) != _numbers(found):  # "alien 3" is not "Alien"; "toy story" not "Toy Story 3"
        return None
    whole = _whole(query, title, asked, found)
    if whole is not None:
        return whole
    return _by_words(asked, found, titles_with)


def _whole(query: str, title: str, asked: list[str], found: list[str]) -> Evidence | None:
    """The whole title typed with a few typos, spaces aside; each word within its own allowance."""
    flat = compact(title)
    edits = OSA.distance(compact(query), flat, score_cutoff=typos_allowed(len(flat)))
    if edits > typos_allowed(len(flat)):
        return None
    if len(asked) == len(found):  # the same words in the same order: none may be mistyped beyond its length
        for typed, word in zip(asked, found, strict=True):
            if OSA.distance(typed, word) > max(typos_allowed(len(word)), 1 if len(asked) > 1 else 0):
                return None
    return Evidence(False, edits)


def _by_words(asked: list[str], found: list[str], titles_with: Callable[[list[str]], int]) -> Evidence | None:
    """Words in any order, small words aside; or the first words of a title only it begins with."""
    unused = list(range(len(found)))
    matched: list[int] = []
    edits = 0
    for typed in asked:
        best, best_edits = -1, 0
        for i in unused:
            distance = OSA.distance(typed, found[i], score_cutoff=typos_allowed(len(found[i])))
            if distance <= typos_allowed(len(found[i])) and (best < 0 or distance < best_edits):
                best, best_edits = i, distance
        if best < 0:
            if typed in SMALL_WORDS:
                continue
            return None  # a meaningful word of the query is not in the title
        unused.remove(best)
        matched.append(best)
        edits += best_edits
    if not matched:
        return None
    left_out = [found[i] for i in unused if found[i] not in SMALL_WORDS]
    if not left_out:
        return Evidence(False, edits)
    # A partly typed title ("shawshank"): its first words, exactly, and no other title has them.
    begins = all(found[i] in SMALL_WORDS for i in range(max(matched)) if i not in matched)
    content = [found[i] for i in matched]
    if begins and edits == 0 and titles_with(content) == 1:
        return Evidence(True, 0)
    return None
