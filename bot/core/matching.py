"""Fuzzy title matching over an in-memory index built for a million titles.

Scoring every title with rapidfuzz is too slow at scale (about 3.4 s at a million titles) and too
loose for short queries, so a lookup is two steps. First, cheap candidate generation from
indexes: exact and spaceless keys and key prefixes (binary search over sorted keys, most-voted
first), and word postings reached through the typed words, their one-edit typo variants and,
for the last word, its completions; two words' titles intersected when both are too common to
take whole. The word-matched titles are narrowed by matched words and by spelling, then rapidfuzz
re-scores that small candidate set in vectorised calls. Votes break ties; a typed year promotes
films of that year.

Entries live in append-only columns (slots). A bulk-built `_Base` covers the slots that existed
when it was built; slots added later (admin edits) form a small delta that is scored by brute
force until `compact()` folds it into a new base. Removal is a tombstone, so every change is
visible to the next keystroke without rebuilding anything.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from bot.core.limits import MAX_QUERY
from bot.core.matching_base import (
    ALIAS,
    ALIVE,
    POSTING_CAP,
    PREFIX_TOP,
    RARE_WORD,
    _Base,
    _deletes,
    _top_in_range,
    _typo_worthy,
    fingerprints,
    resemblance,
)
from bot.core.matching_rank import (
    FEW,
    article_adjusted,
    best_films,
    similarity,
    typed_article,
    year_adjusted,
)
from bot.core.models import SEED_GUILD, Match, TitleEntry, title_label
from bot.core.normalise import compact, match_key, split_year, title_key
from bot.core.title_arrays import FilmSlots, GrowingColumn, bisect_left, bisect_right

SIMILAR_LIMIT = 10  # indexed words taken as what one typed word may mean: the likeliest
RESCORE_LIMIT = 80  # word-matched candidates re-scored with rapidfuzz per query variant
PRESELECT = 400  # word-matched candidates compared by spelling to choose those re-scored
# Bounds on one query's work, so the slowest lookups stay near the typical ones: titles taken from
# the words matched (shared by the query's words), at least MIN_POSTINGS per matched word;
# candidates credited for common words; titles of the rarer of two common words checked together.
POSTINGS_BUDGET, MIN_POSTINGS, CREDIT_LIMIT, TOGETHER_LIMIT = 8000, 40, 6000, 30000
DELTA_COMPACT = 20_000  # unindexed additions worth folding into a new base
COMPLETIONS = 6  # vocabulary completions tried for a partly typed last word
DISTINCTIVE_WORDS = 4  # query words used to find candidates: the rarest ones
MAX_WORDS = 12  # words of a query looked up at all: titles are shorter, pasted text is not
WEIGHT_BITS, WORD_BITS = 20, 4  # a packed match: slot, query word (< 2 ** WORD_BITS), weight
SLOT_SHIFT, WEIGHT_MASK = WEIGHT_BITS + WORD_BITS, (1 << WEIGHT_BITS) - 1
WEIGHT_SCALE = WEIGHT_MASK / 20.0  # weights (at most idf 19, a billion titles) to 1/52,000
assert DISTINCTIVE_WORDS <= 1 << WORD_BITS  # query words numbered in a packed match
# Postings are most-voted first: this small decreasing bonus breaks ties by popularity.
RAMP = 1.0 + 0.05 * np.linspace(1.0, 0.0, RARE_WORD + 1)


def _pack(slots: np.ndarray, words: np.ndarray, weights: np.ndarray) -> np.ndarray:
    quantised = np.minimum(np.rint(weights * WEIGHT_SCALE), WEIGHT_MASK).astype(np.int64)
    return (slots.astype(np.int64) << SLOT_SHIFT) | (words.astype(np.int64) << WEIGHT_BITS) | quantised


class TitleIndex:
    """Searchable names (titles and aliases) of films, scoped per guild."""

    def __init__(self, entries: Iterable[TitleEntry] = ()) -> None:
        self._keys: list[str] = []
        # The film's title, for labels (an alias slot keeps the title); mapped when loaded.
        self._titles: list[str] | GrowingColumn = []
        self._film = array("q")
        self._year = array("h")  # 0 = unknown
        self._votes = array("q")
        self._guild = array("q")
        self._flags = bytearray()
        self._by_film = FilmSlots()
        self._guild_slots: dict[int, list[int]] = defaultdict(list)
        for entry in entries:
            self._append(entry)
        self._base = _Base(self, len(self._keys))

    def __len__(self) -> int:
        """Live names (titles and aliases)."""
        return len(self._flags) - self._flags.count(0) - self._flags.count(ALIAS)

    # -- updates -------------------------------------------------------------------------------

    def _append(self, entry: TitleEntry) -> None:
        key = match_key(entry.name)
        self._slot(entry, key, entry.is_alias)
        plain = title_key(entry.name)
        if plain != key:  # "godfather part" is still typed on the way to "godfather part ii"
            self._slot(entry, plain, True)

    def _slot(self, entry: TitleEntry, key: str, is_alias: bool) -> None:
        slot = len(self._keys)
        self._keys.append(key)
        suffix = f" ({entry.year})"
        label = entry.label or entry.name
        self._titles.append(label[: -len(suffix)] if entry.year and label.endswith(suffix) else label)
        self._film.append(entry.film_id)
        self._year.append(entry.year or 0)
        self._votes.append(max(entry.votes, 0))
        self._guild.append(entry.guild_id)
        self._flags.append(ALIVE | (ALIAS if is_alias else 0))
        self._by_film.add(entry.film_id, slot)
        if entry.guild_id != SEED_GUILD:
            self._guild_slots[entry.guild_id].append(slot)

    def add(self, entry: TitleEntry) -> None:
        """Searchable from the next lookup on: new slots are scored directly until compacted."""
        self._append(entry)

    def remove_film(self, film_id: int) -> None:
        for slot in self._by_film.pop(film_id):
            self._flags[slot] &= ~ALIVE & 0xFF

    def replace_film(self, film_id: int, entries: Iterable[TitleEntry]) -> None:
        self.remove_film(film_id)
        for entry in entries:
            self.add(entry)

    def needs_compaction(self) -> bool:
        return len(self._keys) - self._base.covers > DELTA_COMPACT

    def compact(self) -> None:
        """Fold added slots into a new base. Safe to run in a thread: lookups keep using the old
        base until the new one is swapped in with a single assignment."""
        self._base = _Base(self, len(self._keys))

    # -- lookups -------------------------------------------------------------------------------

    def _match(self, slot: int, score: float) -> Match:
        year = self._year[slot] or None
        title = self._titles[slot]
        return Match(self._film[slot], title_label(title, year), score, year, self._votes[slot])

    def _visible(self, slot: int, guild_id: int) -> bool:
        return bool(self._flags[slot] & ALIVE) and self._guild[slot] in (SEED_GUILD, guild_id)

    def _visible_slots(self, slots: list[int], guild_id: int) -> np.ndarray:
        """The live slots of `slots` this guild can see, as an array (the order kept)."""
        if len(slots) <= FEW:
            return np.asarray([s for s in slots if self._visible(s, guild_id)], dtype=np.int64)
        found = np.asarray(slots, dtype=np.int64)
        alive = np.frombuffer(self._flags, dtype=np.uint8)[found] & ALIVE
        guilds = np.frombuffer(self._guild, dtype=np.int64)[found]
        return found[(alive != 0) & ((guilds == SEED_GUILD) | (guilds == guild_id))]

    def film(self, film_id: int, guild_id: int = SEED_GUILD) -> Match | None:
        """The film with this id if this guild can see it (ids from other guilds are not found)."""
        for slot in self._by_film.get(film_id):
            if self._visible(slot, guild_id) and not self._flags[slot] & ALIAS:
                return self._match(slot, 100.0)
        return None

    def names(self, film_id: int, guild_id: int = SEED_GUILD) -> list[str]:
        """The match keys of every name (title and aliases) of a film this guild can see."""
        return [self._keys[s] for s in self._by_film.get(film_id) if self._visible(s, guild_id)]

    def has_word(self, word: str) -> bool:
        """Whether `word` is a word of some indexed title."""
        return word in self._base.words

    def titles_with(self, words: list[str], enough: int = 2) -> int:
        """How many live titles contain all `words` (counting stops at `enough`)."""
        base = self._base
        wanted = set(words)
        if not wanted:
            return 0
        keys: set[str] = set()
        films: set[int] = set()  # a film's names are one title; remakes sharing a key are one too
        indexed = [base.words.get(w, np.zeros(0, np.int32)) for w in wanted]
        rarest = min(indexed, key=len)
        if len(rarest) > PRESELECT:
            return enough
        delta = range(base.covers, len(self._keys))  # added since the base was built: few
        probe = max(wanted, key=len)
        for slot in [*rarest.tolist(), *(s for s in delta if probe in self._keys[s])]:
            key = self._keys[slot]
            if self._flags[slot] & ALIVE and wanted <= set(key.split()):
                keys.add(key)
                films.add(self._film[slot])
                if min(len(keys), len(films)) >= enough:
                    break
        return min(len(keys), len(films))

    def popular(self, guild_id: int = SEED_GUILD, limit: int = 25) -> list[Match]:
        """Before anything is typed: the guild's own films (newest first), then the most voted."""
        slots = list(reversed(self._guild_slots.get(guild_id, [])))
        slots += self._base.popular
        slots += sorted(range(self._base.covers, len(self._keys)), key=lambda s: -self._votes[s])[:limit]
        found: dict[int, Match] = {}
        for slot in slots:
            if self._visible(slot, guild_id) and not self._flags[slot] & ALIAS:
                found.setdefault(self._film[slot], self._match(slot, 0.0))
            if len(found) == limit:
                break
        return list(found.values())

    def complete(self, prefix: str, guild_id: int = SEED_GUILD, limit: int = 25) -> list[Match]:
        """Autocomplete: what has been typed so far, matched like a query (prefixes score high)."""
        if not match_key(prefix[:MAX_QUERY]):
            return self.popular(guild_id, limit)
        return self.search(prefix, guild_id, limit, completing=True)

    def search(
        self, query: str, guild_id: int = SEED_GUILD, limit: int = 5, completing: bool = False
    ) -> list[Match]:
        """Films for a typed title, best first, one Match per film (`completing`: for a title
        still being typed)."""
        text = query[:MAX_QUERY]
        stripped, year = split_year(text)
        variants: list[tuple[str, int | None]] = [(match_key(text), None)]
        if year is not None:
            variants.append((match_key(stripped), year))
        base = self._base
        found: list[np.ndarray] = []
        scored: list[np.ndarray] = []
        # Transient views of the columns: never kept, so add() can still grow them.
        votes = np.frombuffer(self._votes, dtype=np.int64)
        # A title typed exactly outranks every fuzzy candidate, so the fuzzy search is skipped.
        exact = any(self._exact(base, key, guild_id) for key, _ in variants if key)
        article = typed_article(text) if completing else None
        for key, wanted_year in variants:
            if not key:
                continue
            # With a year typed, the title without it is the one searched for typos; the whole text
            # is looked up as typed ("Blade Runner 2049"), which halves the work of such queries.
            fuzzy = not exact and (year is None or wanted_year is not None)
            candidates = self._candidates(base, key, fuzzy=fuzzy)
            if article == key:  # only "the" typed: the best-known titles beginning with it too
                candidates = list({*candidates, *base.popular})
            slots = self._visible_slots(candidates, guild_id)
            if not len(slots):
                continue
            keys = [self._keys[s] for s in slots.tolist()]
            scores = similarity(key, keys, votes[slots], base.max_votes, completing)
            if article:
                found_slots = slots.tolist()
                scores = article_adjusted(scores, keys, found_slots, self._titles, votes[slots], article, key)
            years = np.frombuffer(self._year, dtype=np.int16)[slots]
            found.append(slots)
            scored.append(year_adjusted(scores, years, wanted_year))
        if not found:
            return []
        slots = np.concatenate(found)
        films = np.frombuffer(self._film, dtype=np.int64)[slots]
        ranked = best_films(slots, np.concatenate(scored), films, votes[slots], limit)
        return [self._match(slot, score) for score, slot in ranked]

    # -- internals -----------------------------------------------------------------------------

    def _prefix_range(self, keys: Sequence[str], prefix: str) -> tuple[int, int]:
        lo = bisect_left(keys, prefix)
        hi = bisect_left(keys, prefix + "\U0010ffff", lo)
        return lo, hi

    def _top_prefix(self, base: _Base, prefix: str, count: int) -> list[int]:
        """The most-voted titles starting with `prefix`, and the shortest (most nearly typed) ones."""
        cached = base.prefix_tops.get((prefix, count))
        if cached is not None:
            return cached
        lo, hi = self._prefix_range(base.sorted_keys, prefix)
        return _top_in_range(base, lo, hi, len(prefix), count)

    def _keyed(self, base: _Base, key: str, limit: int = 0) -> np.ndarray:
        """The indexed slots whose key is exactly `key` (films of the same title, any year); with a
        limit, only the most-voted of a crowded title (and every server's own film of it)."""
        lo = bisect_left(base.sorted_keys, key)
        hi = bisect_right(base.sorted_keys, key, lo)
        if not limit or hi - lo <= limit:
            return base.sorted_slots[lo:hi]
        top = np.argpartition(-base.sorted_votes[lo:hi], limit)[:limit]
        own = np.flatnonzero(base.sorted_guilded[lo:hi])
        return base.sorted_slots[lo + np.union1d(top, own)]

    def _exact(self, base: _Base, key: str, guild_id: int) -> bool:
        if any(self._visible(int(slot), guild_id) for slot in self._keyed(base, key)):
            return True
        return any(
            self._keys[s] == key and self._visible(s, guild_id) for s in range(base.covers, len(self._keys))
        )

    def _candidates(self, base: _Base, key: str, fuzzy: bool = True) -> list[int]:
        found: set[int] = set()
        flat = compact(key)
        for probe in {key, flat}:  # exact keys: "back trace" also finds "Backtrace"
            found.update(self._keyed(base, probe, PREFIX_TOP).tolist())
        lo = bisect_left(base.compact_keys, flat)
        while lo < len(base.compact_keys) and base.compact_keys[lo] == flat:
            found.add(int(base.compact_slots[lo]))
            lo += 1
        completing = self._top_prefix(base, key, PREFIX_TOP)
        found.update(completing)
        # Titles start with what was typed: someone is typing a title, not misspelling one.
        fuzzy = fuzzy and not completing
        if fuzzy:
            if len(key) >= 6:  # a typo late in the title: titles sharing its first half
                found.update(self._top_prefix(base, key[: len(key) // 2], PREFIX_TOP // 2))
            found.update(self._word_candidates(base, key))
        found.update(range(base.covers, len(self._keys)))  # the unindexed delta: small, scored directly
        return list(found)

    def _word_candidates(self, base: _Base, key: str) -> list[int]:
        """Titles matching the most query words, rarest words counting most.

        Each query word contributes once per title (its best match: exact, typo or completion),
        and totals are divided by the larger of the title's and the query's word counts, so a
        title matching one rare look-alike word cannot outrank one that matches every word.
        """
        words = key.split()[:MAX_WORDS]
        matches = [
            self._similar_words(base, w, partial=i == len(words) - 1, alone=len(words) == 1)
            for i, w in enumerate(words)
        ]
        if len(words) == 1:  # a one-word title: the films titled exactly like a word it may be
            return self._titled(base, matches[0]) + self._by_words(base, key, matches)
        return self._by_words(base, key, matches)

    def _titled(self, base: _Base, similar: list[tuple[str, float]]) -> list[int]:
        found: list[int] = []
        for known, _ in similar:
            found += self._keyed(base, known, PREFIX_TOP).tolist()
        return found

    def _by_words(self, base: _Base, key: str, matches: list[list[tuple[str, float]]]) -> list[int]:
        words = key.split()[: len(matches)]
        best = [self._best(w, m) for w, m in zip(words, matches, strict=True)]
        if len(matches) > DISTINCTIVE_WORDS:  # long titles: their rarest words identify them
            rarity = [
                max((w * (len(base.sorted_keys) / len(base.words[k])) for k, w in m), default=0)
                for m in matches
            ]
            keep = sorted(range(len(matches)), key=rarity.__getitem__, reverse=True)[:DISTINCTIVE_WORDS]
            matches = [matches[i] for i in sorted(keep)]
            best = [best[i] for i in sorted(keep)]
        together = self._together(base, best)
        # Each match is packed into one integer, slot | query word | weight, so that a single
        # sort groups them by slot and by word with each group's best weight last.
        taken: list[np.ndarray] = []  # runs of slots; for each run its query word and weight
        numbers: list[int] = []
        scales: list[float] = []
        ramped: list[bool] = []  # postings, most-voted first (not the titles found together)
        for number, similar in enumerate(matches):
            # Bounded work per query word: its likeliest words first (exact, then typos, rarest
            # first), each bringing its most-voted titles while the word's budget lasts.
            budget = POSTINGS_BUDGET // len(matches)
            for known, weight in sorted(similar, key=lambda kw: (-kw[1], len(base.words[kw[0]]))):
                postings = titles = base.words[known]
                # Exact and one-edit words keep all their titles when rare; guesses (completions,
                # two-edit look-alikes) and common words bring only their most-voted ones.
                if len(postings) > RARE_WORD or weight < 0.7:
                    postings = postings[:POSTING_CAP]
                postings = postings[: max(budget, MIN_POSTINGS)]
                budget -= len(postings)
                scale = weight * math.log(1 + len(base.sorted_keys) / len(titles))
                taken.append(postings)
                numbers.append(number)
                scales.append(scale)
                ramped.append(True)
                if together is not None and known in together[1]:
                    taken.append(together[0])
                    numbers.append(number)
                    scales.append(scale)
                    ramped.append(False)
        if not taken:
            return []
        counts = np.fromiter(map(len, taken), dtype=np.int64, count=len(taken))
        along = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        ramp = np.where(np.repeat(ramped, counts), RAMP[np.minimum(along, RARE_WORD)], 1.0)
        weights = np.repeat(scales, counts) * ramp
        ordered = np.sort(_pack(np.concatenate(taken), np.repeat(numbers, counts), weights))
        pairs = ordered >> WEIGHT_BITS
        last = np.empty(len(ordered), dtype=bool)  # each query word counts once per title: its best
        last[-1] = True
        last[:-1] = pairs[1:] != pairs[:-1]
        ordered = ordered[last]
        owners = ordered >> SLOT_SHIFT
        starts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
        slots = owners[starts]
        if len(slots) <= RESCORE_LIMIT:
            return slots.tolist()
        totals = np.add.reduceat((ordered & WEIGHT_MASK).astype(np.float64), starts) / WEIGHT_SCALE
        if len(slots) > CREDIT_LIMIT:  # only the leaders can still be lifted into the preselection
            top = np.sort(np.argpartition(-totals, CREDIT_LIMIT)[:CREDIT_LIMIT])  # slots stay sorted
            slots, totals = slots[top], totals[top]
        for known, weight in best:  # a common word: credit every candidate containing it
            if known in base.common and weight >= 0.7:
                has = base.containing(known, slots)
                # Its most-voted titles were credited above: found among the (sorted, unique)
                # candidates from their side, a few hundred searches instead of thousands.
                top = base.common_top[known]
                at = np.minimum(np.searchsorted(slots, top), len(slots) - 1)
                has[at[slots[at] == top]] = False
                totals[has] += weight * math.log(1 + len(base.sorted_keys) / len(base.common[known]))
        totals = totals / np.sqrt(np.maximum(base.word_counts[slots], len(words)))
        if len(slots) > PRESELECT:
            top = np.argpartition(-totals, PRESELECT)[:PRESELECT]
            slots, totals = slots[top], totals[top]
        # Half by matched words, half by spelling: among many titles sharing the query's rare word,
        # the one that also looks like the rest of the query (letter pairs in common, compared
        # through fingerprints: reading 400 keys scattered over memory cost more than the rest).
        close = resemblance(fingerprints([key])[0], base.fingerprints[slots])
        half = RESCORE_LIMIT // 2
        chosen = np.union1d(np.argpartition(-totals, half)[:half], np.argpartition(-close, half)[:half])
        return slots[chosen].tolist()

    @staticmethod
    def _best(word: str, similar: list[tuple[str, float]]) -> tuple[str, float]:
        """The likeliest indexed word meant by a typed word ("", 0.0 if none)."""
        top = max((weight for _, weight in similar), default=0.0)
        return max(
            (kw for kw in similar if kw[1] == top),
            key=lambda kw: (-OSA.distance(word, kw[0]), fuzz.ratio(word, kw[0])),
            default=("", 0.0),
        )

    def _together(self, base: _Base, best: list[tuple[str, float]]) -> tuple[np.ndarray, set[str]] | None:
        """Titles containing the best matches of two query words whose titles were cut to the
        most-voted: a less-voted film is still found by two of its words together."""
        cut = []
        for known, weight in best:
            if known:
                size = len(base.words[known])
                if size > RARE_WORD or weight < 0.7:
                    cut.append((size, known))
        if len(cut) < 2:
            return None
        (_, first), (_, second) = sorted(cut)[:2]
        if first == second:
            return None
        # The rarer word's most-voted titles, looked up among the other word's titles.
        some = base.words[first][:TOGETHER_LIMIT]
        if second in base.common:
            return some[base.containing(second, some)], {first, second}
        other = np.sort(base.words[second])  # not common: at most RARE_WORD titles
        at = np.minimum(np.searchsorted(other, some), len(other) - 1)
        return some[other[at] == some], {first, second}

    def _similar_words(
        self, base: _Base, word: str, partial: bool, alone: bool = False
    ) -> list[tuple[str, float]]:
        """Indexed words close to a typed word: itself, one-edit typos and (if last) completions."""
        similar: dict[str, float] = {}
        if word in base.words:
            similar[word] = 1.0
        if _typo_worthy(word):
            for variant in _deletes(word) | {word}:
                for known in base.typos.get(variant, ()):
                    similar.setdefault(known, 0.7)
                if variant in base.words:
                    similar.setdefault(variant, 0.7)
            if alone or not similar:  # maybe two edits: compare with words of similar length
                for length in range(len(word) - 2, len(word) + 3):
                    bucket = base.buckets.get((word[0], length))
                    if bucket:
                        for known, _, _ in extract(word, bucket, scorer=fuzz.ratio, limit=3, score_cutoff=60):
                            similar.setdefault(known, 0.5)
        elif len(word) == 2 and word.isalpha():  # "vn": a letter left out of a short word
            for known in base.typos.get(word, ()):
                similar.setdefault(known, 0.7)
        if partial and len(word) >= 2:
            lo, hi = self._prefix_range(base.sorted_words, word)
            if hi - lo > COMPLETIONS:  # the commonest completions
                common = np.argpartition(-base.word_sizes[lo:hi], COMPLETIONS)[:COMPLETIONS]
                completions = [base.sorted_words[lo + i] for i in common.tolist()]
            else:
                completions = list(base.sorted_words[lo:hi])
            # A word that exists as typed is probably finished: its completions count for less.
            for known in completions:
                similar.setdefault(known, 0.3 if word in base.words else 0.8)
        if len(similar) > SIMILAR_LIMIT:  # a short word has dozens of one-letter neighbours
            ranked = sorted(similar.items(), key=lambda kw: (-kw[1], -len(base.words[kw[0]])))
            return ranked[:SIMILAR_LIMIT]
        return list(similar.items())
