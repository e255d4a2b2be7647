"""Finding a person by name as people type it: "nolan", "christoper nolan", "jean-pierre jeunet".

Names are matched word by word after folding (case, accents, and the letters Unicode does not
decompose: "Wladyslaw" finds "Władysław"). Every typed word must match a word of the name:
exactly, as a prefix while typing, or within one or two typos when nothing matches exactly.
Among people who match equally well, the better known come first (the sum of their films'
notability), so "nolan" is Christopher Nolan before Nolan North.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.normalise import fold

MAX_TYPO_WORDS = 3  # spellings tried per mistyped word
TYPO_CUTOFF = 80  # rapidfuzz ratio: "christoper" ~ "christopher" (95), "nolan" ~ "nolen" (80)
SHORT_PREFIX_WORDS = 25  # Discord's 25 choices: no more completions are ever shown
MIN_TYPO_LENGTH = 4  # shorter words have too many near-misses to guess from
# Letters NFKD leaves alone but people type as plain Latin.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name: "Jean-Pierre Jeunet" -> ("jean", "pierre", "jeunet")."""
    return tuple(_WORD.findall(fold(name).translate(_EXTRA_FOLDS)))


@dataclass(frozen=True, slots=True)
class Person:
    """One person as the catalogue knows them: what they did, when, and how well known."""

    id: int
    name: str
    roles: tuple[str, ...]  # main roles first: ("director",), ("director", "actor")
    first_year: int | None = None
    last_year: int | None = None
    weight: int = 0  # sum of their films' notability

    @property
    def label(self) -> str:
        """How a choice reads: "Christopher Nolan (director, 1998-2014)"."""
        years = ""
        if self.first_year is not None:
            years = str(self.first_year)
            if self.last_year is not None and self.last_year != self.first_year:
                years += f"-{self.last_year}"
        what = ", ".join([*self.roles, years] if years else self.roles)
        return f"{self.name} ({what})"


# Directing or writing a film says more about a career than one of forty cast credits.
ROLE_WEIGHTS = {"director": 3, "writer": 2, "actor": 1}
MINOR_ROLE_SHARE = 1 / 3  # a second role is named when it has this share of the first's weight


def main_roles(credits: dict[str, int]) -> tuple[str, ...]:
    """The one or two roles a person is known for, from their credit counts per role."""
    weighted = sorted(((n * ROLE_WEIGHTS.get(r, 1), r) for r, n in credits.items() if n > 0), reverse=True)
    if not weighted:
        return ()
    first = weighted[0][0]
    return tuple(r for w, r in weighted[:2] if w >= first * MINOR_ROLE_SHARE)


@dataclass(frozen=True, slots=True)
class PersonMatch:
    person: Person
    score: float  # 100 = every word typed matched exactly


class PersonIndex:
    """Word index over people's names; built once, then searched as people type."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._people: dict[int, Person] = {}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for person in people:
            self._people[person.id] = person
            for word in set(name_words(person.name)):
                postings[word].append(person.id)
        weight = {pid: p.weight for pid, p in self._people.items()}
        # Each word's people, best known first, so a prefix can take the top of each list.
        self._postings = {w: sorted(ids, key=lambda i: -weight[i]) for w, ids in postings.items()}
        self._words = sorted(self._postings)
        self._by_initial: defaultdict[str, list[str]] = defaultdict(list)
        for word in self._words:
            self._by_initial[word[0]].append(word)
        # One or two letters typed begin thousands of words: their best-known completions are
        # kept ready, so the first keystrokes cost no more than the later ones.
        short: defaultdict[str, list[str]] = defaultdict(list)
        for word in self._words:
            for typed in {word[:1], word[:2]}:
                short[typed].append(word)
        self._short = {typed: self._best_words(words, SHORT_PREFIX_WORDS) for typed, words in short.items()}

    def __len__(self) -> int:
        return len(self._people)

    def person(self, person_id: int) -> Person | None:
        return self._people.get(person_id)

    def search(self, query: str, limit: int = 5) -> list[PersonMatch]:
        """People whose name has every word typed (typos allowed), best first."""
        return self._find(name_words(query), limit, prefix=False)

    def complete(self, typed: str, limit: int = 25) -> list[PersonMatch]:
        """Autocomplete: as `search`, but the last word may be unfinished."""
        return self._find(name_words(typed), limit, prefix=not typed[-1:].isspace())

    def _find(self, words: tuple[str, ...], limit: int, prefix: bool) -> list[PersonMatch]:
        if not words:
            return []
        whole, typing = (words[:-1], words[-1]) if prefix else (words, None)
        scores: dict[int, float] | None = None
        for word in whole:
            found = self._word_matches(word)
            scores = found if scores is None else {p: s + found[p] for p, s in scores.items() if p in found}
            if not scores:
                return []
        if typing is not None:
            if scores is None:
                scores = self._begun(typing, limit)
            else:  # the other words already narrowed it down: check the few names left
                scores = {
                    pid: s + 100.0
                    for pid, s in scores.items()
                    if any(w.startswith(typing) for w in name_words(self._people[pid].name))
                }
            if not scores and len(typing) >= MIN_TYPO_LENGTH:  # not a word begun: maybe a typo
                return self._find(words, limit, prefix=False)
        assert scores is not None
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -self._people[kv[0]].weight, kv[0]))
        return [PersonMatch(self._people[pid], s / len(words)) for pid, s in ranked[:limit]]

    def _begun(self, typed: str, limit: int) -> dict[int, float]:
        """People with a word starting with `typed`: the best known of each completion."""
        if len(typed) <= 2 and limit <= SHORT_PREFIX_WORDS:
            best = self._short.get(typed, [])[:limit]
        else:
            start, end = bisect_left(self._words, typed), bisect_left(self._words, typed + "\uffff")
            best = self._best_words(self._words[start:end], limit)
        return {pid: 100.0 for word in best for pid in self._postings[word][:limit]}

    def _best_words(self, words: list[str], count: int) -> list[str]:
        """The `count` words whose best-known person is best known."""
        return heapq.nlargest(count, words, key=lambda w: self._people[self._postings[w][0]].weight)

    def _word_matches(self, word: str) -> dict[int, float]:
        """Person id -> how well one of their name's words matches `word` (100 = exactly)."""
        found: dict[int, float] = dict.fromkeys(self._postings.get(word, ()), 100.0)
        if found or len(word) < MIN_TYPO_LENGTH:
            return found
        # No exact match: a typo. Compare against words of the same initial only; a wrong first
        # letter is rare when typing a name and would multiply the work.
        spellings = process.extract(
            word,
            self._by_initial.get(word[0], ()),
            scorer=fuzz.ratio,
            score_cutoff=TYPO_CUTOFF,
            limit=MAX_TYPO_WORDS,
        )
        for other, score, _ in spellings:
            for pid in self._postings[other]:
                found[pid] = max(found.get(pid, 0.0), score - 5.0)  # a typo never beats a match
        return found
