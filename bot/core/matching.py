"""Fuzzy title matching over an in-memory index.

Scoring every title with rapidfuzz is too slow for large catalogues and too loose for short
queries, so matching is two steps: cheap candidate generation from indexes (exact key, spaceless
key, key prefix, word postings, and one-deletion typo variants of words), then rapidfuzz
re-scoring of that small candidate set. Popularity (votes) breaks ties; a typed year promotes
films of that year. The index is updated entry by entry, so admin edits are searchable at once.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from bot.core.limits import MAX_QUERY
from bot.core.models import SEED_GUILD, Match, TitleEntry
from bot.core.normalise import compact, split_year, title_key

PREFIX_SCAN = 400  # keys examined per prefix lookup: bounded work however short the prefix
RESCORE_LIMIT = 400  # candidates re-scored with rapidfuzz per query
COMMON_WORD = 20_000  # a word in more titles than this only narrows, it never widens the search
MIN_TYPO_WORD = 4  # shorter words are matched exactly or by prefix only: "211" is not "21"
YEAR_BONUS = 3.0
YEAR_MISMATCH = 20.0


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class TitleIndex:
    """Searchable names (titles and aliases) of films, scoped per guild."""

    def __init__(self, entries: Iterable[TitleEntry] = ()) -> None:
        self._entries: list[TitleEntry | None] = []
        self._keys: list[str] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_compact: dict[str, list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_film: dict[int, list[int]] = defaultdict(list)
        self._typos: dict[str, set[str]] = defaultdict(set)
        self._sorted_keys: list[str] = []
        self._sorted_words: list[str] = []
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return sum(1 for entry in self._entries if entry is not None)

    # -- updates -------------------------------------------------------------------------------

    def add(self, entry: TitleEntry) -> None:
        key = title_key(entry.name)
        if not key:
            return
        slot = len(self._entries)
        self._entries.append(entry)
        self._keys.append(key)
        if key not in self._by_key:
            bisect.insort(self._sorted_keys, key)
        self._by_key[key].append(slot)
        self._by_compact[compact(key)].append(slot)
        self._by_film[entry.film_id].append(slot)
        for word in set(key.split()):
            if word not in self._by_word:
                bisect.insort(self._sorted_words, word)
                if len(word) >= MIN_TYPO_WORD:
                    for variant in _deletes(word):
                        self._typos[variant].add(word)
            self._by_word[word].append(slot)

    def remove_film(self, film_id: int) -> None:
        """Forget every name of a film. Slots are tombstoned; lookups skip them."""
        for slot in self._by_film.pop(film_id, []):
            self._entries[slot] = None

    def replace_film(self, film_id: int, entries: Iterable[TitleEntry]) -> None:
        self.remove_film(film_id)
        for entry in entries:
            self.add(entry)

    # -- lookups -------------------------------------------------------------------------------

    def search(self, query: str, guild_id: int = SEED_GUILD, limit: int = 5) -> list[Match]:
        """Films for a typed title, best first, one Match per film."""
        text = query[:MAX_QUERY]
        stripped, year = split_year(text)
        variants: list[tuple[str, int | None]] = [(title_key(text), None)]
        if year is not None:
            variants.append((title_key(stripped), year))
        best: dict[int, Match] = {}
        for key, wanted_year in variants:
            if not key:
                continue
            for slot in self._candidates(key):
                entry = self._visible(slot, guild_id)
                if entry is None:
                    continue
                score = _score(key, self._keys[slot]) + _year_adjustment(wanted_year, entry.year)
                current = best.get(entry.film_id)
                if current is None or score > current.score:
                    best[entry.film_id] = Match(
                        entry.film_id, entry.label or entry.name, score, entry.year, entry.votes
                    )
        ranked = sorted(best.values(), key=lambda m: (-round(m.score, 1), -m.votes, m.label))
        return ranked[:limit]

    def complete(self, prefix: str, guild_id: int = SEED_GUILD, limit: int = 25) -> list[Match]:
        """Autocomplete: titles starting with what was typed first, then fuzzy matches."""
        if not title_key(prefix[:MAX_QUERY]):
            return self.popular(guild_id, limit)
        return self.search(prefix, guild_id, limit)

    def film(self, film_id: int, guild_id: int = SEED_GUILD) -> Match | None:
        """The film with this id if this guild can see it (ids from other guilds are not found)."""
        for slot in self._by_film.get(film_id, ()):
            entry = self._visible(slot, guild_id)
            if entry is not None and not entry.is_alias:
                return Match(entry.film_id, entry.label or entry.name, 100.0, entry.year, entry.votes)
        return None

    def popular(self, guild_id: int = SEED_GUILD, limit: int = 25) -> list[Match]:
        """What to offer before anything is typed: the guild's own films, then the most voted."""
        seen: dict[int, Match] = {}
        for entry in self._entries:
            if entry is None or entry.is_alias or entry.guild_id not in (SEED_GUILD, guild_id):
                continue
            seen.setdefault(entry.film_id, Match(entry.film_id, entry.label, 0.0, entry.year, entry.votes))
        ranked = sorted(seen.values(), key=lambda m: (-m.votes, m.label))
        return ranked[:limit]

    # -- internals -----------------------------------------------------------------------------

    def _visible(self, slot: int, guild_id: int) -> TitleEntry | None:
        entry = self._entries[slot]
        if entry is None or entry.guild_id not in (SEED_GUILD, guild_id):
            return None
        return entry

    def _candidates(self, key: str) -> set[int]:
        found: set[int] = set()
        found.update(self._by_key.get(key, ()))
        found.update(self._by_compact.get(compact(key), ()))
        start = bisect.bisect_left(self._sorted_keys, key)
        for other in self._sorted_keys[start : start + PREFIX_SCAN]:
            if not other.startswith(key):
                break
            found.update(self._by_key[other])
        weights: dict[int, float] = defaultdict(float)
        words = key.split()
        for position, word in enumerate(words):
            is_last = position == len(words) - 1
            for similar, weight in self._similar_words(word, partial=is_last):
                postings = self._by_word[similar]
                if len(postings) > COMMON_WORD and len(words) > 1:
                    continue
                for slot in postings[:COMMON_WORD]:
                    weights[slot] += weight / (1 + len(postings) ** 0.5)
        ranked = sorted(weights, key=weights.__getitem__, reverse=True)
        found.update(ranked[:RESCORE_LIMIT])
        return found

    def _similar_words(self, word: str, partial: bool) -> list[tuple[str, float]]:
        """Indexed words close to a typed word: itself, one-edit typos and (if last) completions."""
        similar: dict[str, float] = {}
        if word in self._by_word:
            similar[word] = 1.0
        if len(word) >= MIN_TYPO_WORD:
            for variant in _deletes(word) | {word}:
                for known in self._typos.get(variant, ()):
                    similar.setdefault(known, 0.7)
            for known in _deletes(word):
                if known in self._by_word:
                    similar.setdefault(known, 0.7)
        if partial:
            start = bisect.bisect_left(self._sorted_words, word)
            for known in self._sorted_words[start : start + PREFIX_SCAN // 4]:
                if not known.startswith(word):
                    break
                similar.setdefault(known, 0.8)
        return list(similar.items())


def _score(query: str, key: str) -> float:
    if query == key:
        return 100.0
    if compact(query) == compact(key):
        return 99.0
    if key.startswith(query) and len(query) >= 3:
        # Below 95 however long the prefix: an exact title must beat titles it is a prefix of
        # ("Film 1" vs "Film 10") by more than the ambiguity margin.
        return 85.0 + 9.5 * len(query) / len(key)
    score = max(
        fuzz.ratio(query, key),
        fuzz.token_sort_ratio(query, key) - 2.0,
        fuzz.ratio(compact(query), compact(key)) - 1.0,
    )
    if len(query) >= 4 and len(key) > len(query):
        score = max(score, fuzz.ratio(query, key[: len(query)]) * 0.9)
    return float(score)


def _year_adjustment(wanted: int | None, actual: int | None) -> float:
    if wanted is None or actual is None:
        return 0.0
    if wanted == actual:
        return YEAR_BONUS
    return -YEAR_MISMATCH
