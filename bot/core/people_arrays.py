"""The people index as flat arrays: a million films credit about 2.5 million people, too many for
one Python object each (that alone would take most of the bot's 1 GiB). Arrays can also be saved
next to the database and memory-mapped at the next start (bot/store/people_file.py), so a later
start reads no names at all.

People are numbered by rank: best known first (the sum of their films' notability), ties by id.
So every list of people held here, kept in rank order, is also in the order results are shown.

- names: one UTF-8 blob with offsets; ids, weights, years and roles: one array each;
- scopes: for a person credited on servers' own films only, those servers (most have none: the
  shared catalogue credits them and every server sees them);
- words: the folded words of every name, sorted (a prefix is a range of word numbers); for each
  word its people (postings, in rank order); for each person the numbers of their words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.person import Person, name_words

Arrays = dict[str, np.ndarray]
FORMAT = 2  # bump when the arrays change: a saved file of another format is rebuilt
ROLES = ("", "director", "writer", "actor")
MAX_TYPO_WORDS = 3  # spellings tried per mistyped word
TYPO_CUTOFF = 80  # rapidfuzz ratio: "christoper" ~ "christopher" (95), "nolan" ~ "nolen" (80)
MIN_TYPO_LENGTH = 4  # shorter words have too many near-misses to guess from
CHUNK = 4096  # candidates checked at a time for a word being typed, best known first


def _blob(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [t.encode() for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(e) for e in encoded])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def _texts(blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    data = blob.tobytes()
    ends = offsets.tolist()
    return [data[a:b].decode() for a, b in pairwise(ends)]


def build(people: Iterable[Person]) -> Arrays:
    """The arrays for these people (any order)."""
    ranked = sorted(people, key=lambda p: (-p.weight, p.id))
    count = len(ranked)
    words_of = [sorted(set(name_words(p.name))) for p in ranked]
    vocabulary = sorted({w for words in words_of for w in words})
    number = {w: n for n, w in enumerate(vocabulary)}
    person_words = np.fromiter((number[w] for words in words_of for w in words), dtype=np.int32)
    per_person = np.fromiter((len(words) for words in words_of), dtype=np.int64, count=count)
    owner = np.repeat(np.arange(count, dtype=np.int32), per_person)
    order = np.lexsort((owner, person_words))  # by word, then rank
    postings = owner[order]
    post_offsets = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    post_offsets[1:] = np.cumsum(np.bincount(person_words, minlength=len(vocabulary)))
    word_offsets = np.zeros(count + 1, dtype=np.int64)
    word_offsets[1:] = np.cumsum(per_person)
    names, name_offsets = _blob([p.name for p in ranked])
    vocab_blob, vocab_offsets = _blob(vocabulary)
    ids = np.fromiter((p.id for p in ranked), dtype=np.int64, count=count)
    scope_offsets = np.zeros(count + 1, dtype=np.int64)
    scope_offsets[1:] = np.cumsum(np.fromiter((len(p.guilds) for p in ranked), dtype=np.int64, count=count))
    scopes = np.fromiter((g for p in ranked for g in p.guilds), dtype=np.int64, count=int(scope_offsets[-1]))
    return {
        "ids": ids,
        "by_id": np.argsort(ids, kind="stable").astype(np.int32),
        "weights": np.fromiter((p.weight for p in ranked), dtype=np.int64, count=count),
        "first": np.fromiter((p.first_year or 0 for p in ranked), dtype=np.int16, count=count),
        "last": np.fromiter((p.last_year or 0 for p in ranked), dtype=np.int16, count=count),
        "roles": np.fromiter(  # up to two roles, main first: one number of two base-4 digits
            (sum(ROLES.index(r) * 4**n for n, r in enumerate(p.roles[:2])) for p in ranked), np.uint8, count
        ),
        "scopes": scopes,
        "scope_offsets": scope_offsets,
        "names": names,
        "name_offsets": name_offsets,
        "vocabulary": vocab_blob,
        "vocabulary_offsets": vocab_offsets,
        "postings": postings,
        "posting_offsets": post_offsets,
        "person_words": person_words,
        "person_word_offsets": word_offsets,
    }


class PersonArrays:
    """Searching the arrays: each method returns ranks (ascending: best known first)."""

    def __init__(self, arrays: Arrays) -> None:
        self.a = arrays
        self.words = _texts(arrays["vocabulary"], arrays["vocabulary_offsets"])
        self._ids = arrays["ids"]
        self._posting_offsets = arrays["posting_offsets"]
        self._postings = arrays["postings"]
        # The best-known person of each word (its first posting): what ranks the completions.
        self._best = self._postings[self._posting_offsets[:-1]] if self.words else np.zeros(0, np.int32)
        # Ranks of the people only some servers see, and (per entry of `scopes`) whose entry it is.
        counts = np.diff(arrays["scope_offsets"])
        self._scoped = np.flatnonzero(counts).astype(np.int32)
        self._scope_owner = np.repeat(np.arange(len(counts), dtype=np.int32), counts)

    def __len__(self) -> int:
        return len(self._ids)

    def person(self, rank: int) -> Person:
        a = self.a
        start, end = int(a["name_offsets"][rank]), int(a["name_offsets"][rank + 1])
        code = int(a["roles"][rank])
        first, last = int(a["first"][rank]), int(a["last"][rank])
        scopes = a["scopes"][int(a["scope_offsets"][rank]) : int(a["scope_offsets"][rank + 1])]
        return Person(
            int(self._ids[rank]),
            a["names"][start:end].tobytes().decode(),
            tuple(ROLES[c] for c in (code % 4, code // 4) if c),
            first or None,
            last or None,
            int(a["weights"][rank]),
            tuple(int(g) for g in scopes),
        )

    def unseen(self, guild_id: int) -> np.ndarray:
        """Ranks (ascending) of the people this server does not see: other servers' own people."""
        if not len(self._scoped):
            return self._scoped
        return np.setdiff1d(self._scoped, self._scope_owner[self.a["scopes"] == guild_id])

    def rank_of(self, person_id: int) -> int | None:
        by_id = self.a["by_id"]
        at = bisect_left(range(len(by_id)), person_id, key=lambda i: int(self._ids[by_id[i]]))
        if at < len(by_id) and int(self._ids[by_id[at]]) == person_id:
            return int(by_id[at])
        return None

    def _posted(self, word: int) -> np.ndarray:
        return self._postings[self._posting_offsets[word] : self._posting_offsets[word + 1]]

    def word_matches(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(ranks, scores) of people with a word matching `word`: 100 exactly, else its typos."""
        at = bisect_left(self.words, word)
        if at < len(self.words) and self.words[at] == word:
            found = self._posted(at)
            return found, np.full(len(found), 100.0)
        if len(word) < MIN_TYPO_LENGTH:
            return np.zeros(0, np.int32), np.zeros(0)
        # A typo. Compare with words of the same initial only: a wrong first letter is rare when
        # typing a name and would multiply the work.
        lo, hi = bisect_left(self.words, word[0]), bisect_left(self.words, word[0] + "\U0010ffff")
        spellings = process.extract(
            word, self.words[lo:hi], scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=MAX_TYPO_WORDS
        )
        if not spellings:
            return np.zeros(0, np.int32), np.zeros(0)
        ranks = np.concatenate([self._posted(lo + i) for _, _, i in spellings])
        scores = np.concatenate([np.full(len(self._posted(lo + i)), s - 5.0) for _, s, i in spellings])
        order = np.lexsort((-scores, ranks))  # a typo never beats a match; best spelling per person
        ranks, scores = ranks[order], scores[order]
        first = np.ones(len(ranks), dtype=bool)
        first[1:] = ranks[1:] != ranks[:-1]
        return ranks[first], scores[first]

    def _range(self, typed: str) -> tuple[int, int]:
        return bisect_left(self.words, typed), bisect_left(self.words, typed + "\U0010ffff")

    def begun(self, typed: str, limit: int) -> np.ndarray:
        """Ranks of people with a word starting with `typed`: the best known of the `limit`
        completions whose best-known person is best known."""
        lo, hi = self._range(typed)
        if lo == hi:
            return np.zeros(0, np.int32)
        best = self._best[lo:hi]
        chosen = np.argsort(best, kind="stable")[:limit] if hi - lo > limit else np.arange(hi - lo)
        found = np.unique(np.concatenate([self._posted(lo + int(i))[:limit] for i in chosen]))
        return found[:limit]

    def having(self, ranks: np.ndarray, typed: str, limit: int) -> np.ndarray:
        """Positions in `ranks` of the first `limit` people with a word starting with `typed`."""
        lo, hi = self._range(typed)
        if lo == hi:
            return np.zeros(0, dtype=np.int64)
        offsets, words = self.a["person_word_offsets"], self.a["person_words"]
        kept: list[np.ndarray] = []
        total = 0
        for start in range(0, len(ranks), CHUNK):
            chunk = ranks[start : start + CHUNK]
            begin, end = offsets[chunk], offsets[chunk + 1]
            owner = np.repeat(np.arange(len(chunk)), end - begin)
            flat = np.arange(len(owner)) - np.repeat(np.cumsum(end - begin) - (end - begin), end - begin)
            theirs = words[np.repeat(begin, end - begin) + flat]
            hit = np.zeros(len(chunk), dtype=bool)
            hit[owner[(theirs >= lo) & (theirs < hi)]] = True
            kept.append(start + np.flatnonzero(hit))
            total += int(hit.sum())
            if total >= limit:
                break
        return np.concatenate(kept)[:limit] if kept else np.zeros(0, dtype=np.int64)


def intersect(
    ranks: np.ndarray, scores: np.ndarray, other: np.ndarray, other_scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """People in both (rank-sorted) lists, their scores added."""
    if len(other) < len(ranks):
        ranks, scores, other, other_scores = other, other_scores, ranks, scores
    at = np.searchsorted(other, ranks)
    at[at == len(other)] = 0
    both = other[at] == ranks if len(other) else np.zeros(len(ranks), dtype=bool)
    return ranks[both], scores[both] + other_scores[at[both]]
