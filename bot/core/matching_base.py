"""The matcher's immutable lookup structures (a `_Base`), built in one pass over the names.

Split from bot/core/matching.py, which searches them; bot/core/index_arrays.py saves and maps them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from bot.core.models import SEED_GUILD
from bot.core.normalise import compact

if TYPE_CHECKING:
    from bot.core.matching import TitleIndex

MIN_TYPO_WORD = 3  # shorter words and 3-digit numbers: exact or prefix only ("211" is not "21")
PREFIX_CACHED, PREFIX_CACHE_MIN = 3, 2000  # prefixes this short with more keys: answered at build
PREFIX_TOP = 40  # most-voted keys taken from a prefix range: bounded work however short the prefix
POSTING_CAP = 300  # from a commoner word, only its most-voted titles are candidates
RARE_WORD = 3000  # a word in at most this many titles narrows the search: all its titles count
ALIVE, ALIAS = 1, 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _typo_worthy(word: str) -> bool:
    return len(word) > MIN_TYPO_WORD or (len(word) == MIN_TYPO_WORD and word.isalpha())


_POPCOUNT = np.array([bin(n).count("1") for n in range(256)], dtype=np.uint8)


def fingerprints(keys: Sequence[str]) -> np.ndarray:
    """Each key's letter pairs (and its first and last letter) hashed into one 64-bit mask: two
    keys spelled alike share most bits. Computed over all keys at once, as one UTF-8 array."""
    if not keys:
        return np.zeros(0, dtype=np.uint64)
    text = np.frombuffer(("\x00" + "\x00".join(keys) + "\x00").encode(), dtype=np.uint8)
    pairs = text[:-1].astype(np.uint32) * np.uint32(0x9E3779B1) + text[1:].astype(np.uint32) * np.uint32(
        0x85EBCA6B
    )
    bits = np.left_shift(np.uint64(1), (pairs >> np.uint32(26)).astype(np.uint64))
    starts = np.flatnonzero(text[:-1] == 0)  # each key's pairs begin at the separator before it
    return np.bitwise_or.reduceat(bits, starts)


def resemblance(query: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Dice overlap (0-1) of a query's fingerprint with each of `masks`: a vectorised stand-in for
    comparing the spellings, without reading the keys themselves."""
    shared = _POPCOUNT[(masks & query).view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.float64)
    sizes = _POPCOUNT[masks.view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.float64)
    total = sizes + float(_POPCOUNT[np.atleast_1d(query).view(np.uint8)].sum())
    return 2.0 * shared / np.maximum(total, 1.0)


def _top_in_range(base: _Base, lo: int, hi: int, typed: int, count: int) -> list[int]:
    """Of the sorted keys [lo, hi) sharing a prefix `typed` long: the most-voted, the shortest,
    and the most-voted of those of which most has been typed (2.5 times the prefix at most)."""
    if hi - lo <= count:
        return base.sorted_slots[lo:hi].tolist()
    votes, lengths = base.sorted_votes[lo:hi], base.sorted_lengths[lo:hi]
    top = np.argpartition(-votes, count)[:count]
    short = np.argpartition(lengths, count // 2)[: count // 2]
    fits = np.flatnonzero(lengths <= typed * 2.5)
    if len(fits) > count // 2:
        fits = fits[np.argpartition(-votes[fits], count // 2)[: count // 2]]
    return base.sorted_slots[lo + np.union1d(np.union1d(top, short), fits)].tolist()


class _Base:
    """Immutable lookup structures over slots [0, covers), built in one pass (or read back from
    their arrays: bot/core/index_arrays.py, hence the read-only types)."""

    sorted_keys: Sequence[str]
    compact_keys: Sequence[str]
    compact_slots: Sequence[int] | np.ndarray
    fingerprints: np.ndarray
    words: Mapping[str, np.ndarray]
    sorted_words: Sequence[str]
    common: Mapping[str, np.ndarray]
    common_top: Mapping[str, np.ndarray]
    typos: Mapping[str, tuple[str, ...]]
    buckets: Mapping[tuple[str, int], Sequence[str]]
    prefix_tops: Mapping[tuple[str, int], list[int]]

    def __init__(self, index: TitleIndex, covers: int) -> None:
        self.covers = covers
        self.bits: dict[str, np.ndarray] = {}
        keys = index._keys
        live = [s for s in range(covers) if index._flags[s] & ALIVE and keys[s]]
        live.sort(key=keys.__getitem__)
        self.sorted_keys = [keys[s] for s in live]
        self.sorted_slots = np.asarray(live, dtype=np.int32)
        # A copy, never a view: compact() may run in a thread while add() appends to the array,
        # and an array whose buffer is exported cannot grow.
        votes = np.frombuffer(index._votes[:covers], dtype=np.int64) if covers else np.zeros(0, np.int64)
        self.sorted_votes = votes[self.sorted_slots] if live else np.zeros(0, np.int64)
        guilds = np.frombuffer(index._guild[:covers], dtype=np.int64) if covers else np.zeros(0, np.int64)
        self.sorted_guilded = guilds[self.sorted_slots] != SEED_GUILD if live else np.zeros(0, bool)
        self.fingerprints = fingerprints(keys[:covers])
        self.sorted_lengths = np.fromiter((len(k) for k in self.sorted_keys), dtype=np.int32, count=len(live))
        multi = sorted((compact(keys[s]), s) for s in live if " " in keys[s])
        self.compact_keys = [k for k, _ in multi]
        self.compact_slots = [s for _, s in multi]
        postings: dict[str, list[int]] = defaultdict(list)
        for slot in live:
            for word in set(keys[slot].split()):
                postings[word].append(slot)
        words: dict[str, np.ndarray] = {}
        for word, slots in postings.items():
            arr = np.asarray(slots, dtype=np.int32)
            if len(arr) > 1:
                arr = arr[np.argsort(-votes[arr], kind="stable")]
            words[word] = arr
        self.words = words
        self.sorted_words = sorted(self.words)
        self.word_sizes = np.fromiter(
            (len(self.words[w]) for w in self.sorted_words), np.int64, len(self.words)
        )
        # Common words, slot-ordered, to credit every candidate that contains them.
        self.common = {w: np.sort(arr) for w, arr in self.words.items() if len(arr) > RARE_WORD}
        self.common_top = {w: np.sort(self.words[w][:POSTING_CAP]) for w in self.common}
        self.word_counts = np.ones(covers, dtype=np.float32)
        for slot in live:
            self.word_counts[slot] = keys[slot].count(" ") + 1
        typos: dict[str, list[str]] = defaultdict(list)
        for word in self.sorted_words:
            if _typo_worthy(word):
                for variant in _deletes(word):
                    typos[variant].append(word)
        self.typos = {variant: tuple(known) for variant, known in typos.items()}  # tuples: not GC-tracked
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.sorted_words:
            if _typo_worthy(word):
                buckets[(word[0], len(word))].append(word)
        self.buckets = dict(buckets)
        top = np.argsort(-self.sorted_votes, kind="stable")[:200]
        self.popular: list[int] = self.sorted_slots[top].tolist()
        # The first letters typed cover huge ranges of keys: their answers are computed here once.
        prefix_tops: dict[tuple[str, int], list[int]] = {}
        self.prefix_tops = prefix_tops
        for length in range(1, PREFIX_CACHED + 1):
            lo = 0
            while lo < len(self.sorted_keys):
                prefix = self.sorted_keys[lo][:length]
                hi = bisect.bisect_left(self.sorted_keys, prefix + "\U0010ffff", lo)
                if len(prefix) == length and hi - lo > PREFIX_CACHE_MIN:
                    for count in (PREFIX_TOP, PREFIX_TOP // 2):
                        prefix_tops[(prefix, count)] = _top_in_range(self, lo, hi, length, count)
                lo = hi if len(prefix) == length else lo + 1
        self.max_votes = int(votes.max()) if covers else 0

    def containing(self, word: str, slots: np.ndarray) -> np.ndarray:
        """Which of `slots` have common `word`: one gather each from the word's bitmap over the
        slots (125 KB at a million names, so cache-resident), where a binary search of its
        sorted titles cost a cache miss per step. Each bitmap is made when first needed."""
        bits = self.bits.get(word)
        if bits is None:
            mask = np.zeros(self.covers, dtype=bool)
            mask[self.common[word]] = True
            bits = self.bits[word] = np.packbits(mask, bitorder="little")
        return (bits[slots >> 3] >> (slots & 7).astype(np.uint8) & 1).astype(bool)
