"""/films and /pick at any catalogue size: every film's facets in memory, each answer bounded work.

Films get slots numbered in the "oldest first" order (year, then best known, then id), so a span
of years is a span of slots. Each genre, country and language holds the sorted slots of its films
(a posting), and a common one also a bitset. The other orders (best known, newest, critics) are
precomputed arrays of slots, with each slot's rank in them.

A query starts from its rarest filter: when few films can match, their slots are checked against
the other filters and ranked (work grows with that rarest posting, never with the catalogue);
when every filter is common, the bitsets are ANDed and the chosen order is walked, keeping the
slots that match, until the page is full (work grows with the page over the share that matches).

Films changed since the index was built are kept apart (`fresh`), checked one by one at each
query and merged in; their old slots are marked dead. Past FRESH_LIMIT of them a rebuild from the
store is due (bot.store.film_info reads the rows; bot.core.facet_sync follows the change log).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bot.core.discovery import Discovery, Order
from bot.core.facet_rows import NO_YEAR, FacetColumns, FacetRow, order_key
from bot.core.limits import MAX_YEAR, MIN_YEAR
from bot.core.models import SEED_GUILD
from bot.core.normalise import fold

# Postings this long (or 1/DENSE_SHARE of the films) also get a bitset of N/8 bytes: filters that
# common are ANDed word by word. Up to SPARSE_LIMIT candidates are instead checked one by one and
# ranked. Both chosen before measuring (a bitset of 1M films is 125 KB, ANDed in ~20 µs; 32k
# candidates ranked in ~1 ms); bench/discovery.py measures the result.
SPARSE_LIMIT = 1 << 15
DENSE_SHARE = 64
WALK_CHUNK = 4096  # slots of an order tested per step of a walk
WALK_LIMIT = 1 << 17  # slots walked before ranking every match instead (matches bunched at the end)
FRESH_LIMIT = 2000  # films changed since the build before a rebuild is due (each costs ~0.3 µs a query)
Slots = NDArray[np.int32]
Words = NDArray[np.uint64]
ONE = np.uint64(1)


@dataclass(frozen=True, slots=True)
class Found:
    """A discovery answer: the films of the page, in order, and how many match in all."""

    film_ids: list[int]
    total: int


def _bits(slots: Slots, size: int) -> Words:
    words = np.zeros((size + 63) // 64, dtype=np.uint64)
    np.bitwise_or.at(words, slots >> 6, ONE << (slots & 63).astype(np.uint64))
    return words


def _test(words: Words, slots: Slots) -> NDArray[np.bool_]:
    found: NDArray[np.bool_] = ((words[slots >> 6] >> (slots & 63).astype(np.uint64)) & ONE).astype(bool)
    return found


def _slots(words: Words) -> Slots:
    return np.flatnonzero(np.unpackbits(words.view(np.uint8), bitorder="little")).astype(np.int32)


@dataclass(frozen=True, slots=True)
class _Filter:
    slots: Slots  # sorted, within the query's years
    bits: Words | None  # the whole posting as a bitset, when it is common


class FacetIndex:
    def __init__(self, columns: FacetColumns | None = None) -> None:
        c = columns or FacetColumns()
        ids, years = np.array(c.ids, dtype=np.int64), np.array(c.years, dtype=np.int32)
        fame, critics = np.array(c.fame, dtype=np.int64), np.array(c.critics, dtype=np.int32)
        oldest = np.lexsort((ids, -fame, years))  # slot order: year, best known, id
        n = self.size = len(ids)
        self.ids, self.years, self.fame, self.critics = (
            ids[oldest],
            years[oldest],
            fame[oldest],
            critics[oldest],
        )
        self.by_id = np.argsort(self.ids, kind="stable").astype(np.int32)  # film ids -> slots
        self.sorted_ids = self.ids[self.by_id]
        newest = np.where(self.years == NO_YEAR, -1, self.years)
        self.orders: dict[Order, Slots] = {
            Order.OLDEST: np.arange(n, dtype=np.int32),
            Order.BEST_KNOWN: np.lexsort((self.ids, -self.fame)).astype(np.int32),
            Order.NEWEST: np.lexsort((self.ids, -self.fame, -newest)).astype(np.int32),
            Order.CRITICS: np.lexsort((self.ids, -self.fame, -self.critics)).astype(np.int32),
        }
        self.ranks: dict[Order, Slots] = {}
        for order, walk in self.orders.items():
            self.ranks[order] = np.empty(n, dtype=np.int32)
            self.ranks[order][walk] = np.arange(n, dtype=np.int32)
        # Postings: each facet's slots, sorted, cut out of one array grouped by facet
        facet_slots = self.slots_at(np.array(c.facet_films, dtype=np.int64))
        facet_keys = np.array(c.facet_keys, dtype=np.int32)
        grouped = np.lexsort((facet_slots, facet_keys))
        facet_slots, facet_keys = facet_slots[grouped], facet_keys[grouped]
        bounds = np.searchsorted(facet_keys, np.arange(len(c.keys) + 1))
        self.postings = {
            key: facet_slots[bounds[number] : bounds[number + 1]] for key, number in c.keys.items()
        }
        common = min(SPARSE_LIMIT, n // DENSE_SHARE)
        self.dense = {key: _bits(found, n) for key, found in self.postings.items() if len(found) >= common}
        # Films a server added are seen in that server only
        guilds = np.array(c.guilds, dtype=np.int64)[oldest]
        self.guild_of = {int(s): int(guilds[s]) for s in np.flatnonzero(guilds != SEED_GUILD)}
        self.foreign = _bits(np.array(sorted(self.guild_of), dtype=np.int32), n)
        self.dead = np.zeros_like(self.foreign)  # slots whose film changed since the build
        self.fresh: dict[int, FacetRow] = {}

    def slots_at(self, film_ids: NDArray[np.int64]) -> Slots:
        """The slot of each film id (every id must be held)."""
        if not len(film_ids):
            return np.zeros(0, dtype=np.int32)
        return self.by_id[np.searchsorted(self.sorted_ids, film_ids)]

    def needs_rebuild(self) -> bool:
        return len(self.fresh) > FRESH_LIMIT

    def replace(self, film_ids: Iterable[int], rows: Iterable[FacetRow]) -> None:
        """These films changed: `rows` is what they are now (a film without a row was removed)."""
        for film_id in film_ids:
            self.fresh.pop(film_id, None)
            slot = self.slots_of([film_id])
            if len(slot):
                self.dead[slot >> 6] |= ONE << (slot & 63).astype(np.uint64)
        for row in rows:
            self.fresh[row.film_id] = row

    def slots_of(self, film_ids: Sequence[int]) -> Slots:
        """The slots of these films (those the index holds), sorted."""
        wanted = np.unique(np.asarray(film_ids, dtype=np.int64))
        if not self.size or not len(wanted):
            return np.zeros(0, dtype=np.int32)
        at = np.minimum(np.searchsorted(self.sorted_ids, wanted), self.size - 1)
        return np.sort(self.by_id[at[self.sorted_ids[at] == wanted]])

    def find(
        self, query: Discovery, guild_id: int, limit: int, person_films: Sequence[int] | None = None
    ) -> Found:
        """The first `limit` films meeting every filter, in the query's order, and how many do."""
        slots, words = self._match(query, guild_id, person_films)
        fresh = self._fresh(query, guild_id, person_films)
        total = (len(slots) if slots is not None else _count(words)) + len(fresh)
        first = self._first(slots, words, query.order, limit)
        if not fresh:
            return Found([int(i) for i in self.ids[first]], total)
        keyed = [(self._slot_key(query.order, int(s)), int(self.ids[s])) for s in first]
        keyed += [(row.key(query.order), row.film_id) for row in fresh]
        return Found([film_id for _, film_id in sorted(keyed)[:limit]], total)

    def pick(
        self, query: Discovery, guild_id: int, rng: random.Random, person_films: Sequence[int] | None = None
    ) -> int | None:
        """One film meeting every filter, each as likely; None when none does."""
        slots, words = self._match(query, guild_id, person_films)
        fresh = self._fresh(query, guild_id, person_films)
        counts = np.cumsum(np.bitwise_count(words)) if words is not None else None
        base = (
            len(slots) if slots is not None else int(counts[-1]) if counts is not None and len(counts) else 0
        )
        if not base + len(fresh):
            return None
        nth = rng.randrange(base + len(fresh))
        if nth >= base:
            return fresh[nth - base].film_id
        if slots is not None:
            return int(self.ids[slots[nth]])
        assert words is not None and counts is not None
        word = int(np.searchsorted(counts, nth, "right"))
        within = nth - (int(counts[word - 1]) if word else 0)
        bit = int(
            np.flatnonzero(np.unpackbits(words[word : word + 1].view(np.uint8), bitorder="little"))[within]
        )
        return int(self.ids[word * 64 + bit])

    def _slot_key(self, order: Order, slot: int) -> tuple[int, ...]:
        return order_key(
            order, int(self.years[slot]), int(self.fame[slot]), int(self.critics[slot]), int(self.ids[slot])
        )

    def _filters(
        self, query: Discovery, start: int, stop: int, person_films: Sequence[int] | None
    ) -> list[_Filter] | None:
        found: list[_Filter] = []
        for kind, value in (("genre", query.genre), ("country", query.country), ("language", query.language)):
            if value:
                posting = self.postings.get((kind, fold(value)))
                if posting is None:
                    return None
                within = posting[np.searchsorted(posting, start) : np.searchsorted(posting, stop)]
                found.append(_Filter(within, self.dense.get((kind, fold(value)))))
        if person_films is not None:
            slots = self.slots_of(person_films)
            found.append(_Filter(slots[(slots >= start) & (slots < stop)], None))
        return found

    def _match(
        self, query: Discovery, guild_id: int, person_films: Sequence[int] | None
    ) -> tuple[Slots | None, Words | None]:
        """The matching slots: as a sorted array when few, else as a bitset."""
        lo, hi = query.years or (None, None)
        start = 0 if lo is None else int(np.searchsorted(self.years, lo, "left"))
        stop = self.size if hi is None else int(np.searchsorted(self.years, hi, "right"))
        filters = self._filters(query, start, stop, person_films)
        if filters is None or stop <= start:
            return np.zeros(0, dtype=np.int32), None
        filters.sort(key=lambda f: len(f.slots))
        if filters and len(filters[0].slots) <= SPARSE_LIMIT:
            slots = filters[0].slots
            for other in filters[1:]:
                slots = slots[_member(other, slots)]
            slots = slots[~_test(self.dead, slots)]
            return slots[self._visible(slots, guild_id)], None
        words = np.zeros_like(self.dead)
        words[start >> 6 : (stop + 63) >> 6] = ~np.uint64(0)
        _clip(words, start, stop)
        for f in filters:
            words &= f.bits if f.bits is not None else _bits(f.slots, self.size)
        own = np.array([s for s, g in self.guild_of.items() if g == guild_id], dtype=np.int32)
        own = own[_test(words, own)]
        words &= ~(self.dead | self.foreign)
        if len(own):
            own = own[~_test(self.dead, own)]
            np.bitwise_or.at(words, own >> 6, ONE << (own & 63).astype(np.uint64))
        if _count(words) <= SPARSE_LIMIT:
            return _slots(words), None
        return None, words

    def _visible(self, slots: Slots, guild_id: int) -> NDArray[np.bool_]:
        seen = ~_test(self.foreign, slots)
        for at in np.flatnonzero(~seen):
            seen[at] = self.guild_of[int(slots[at])] == guild_id
        return seen

    def _first(self, slots: Slots | None, words: Words | None, order: Order, limit: int) -> Slots:
        if slots is None:
            assert words is not None
            walk, found, taken = self.orders[order], [], 0
            for begin in range(0, min(self.size, WALK_LIMIT), WALK_CHUNK):
                chunk = walk[begin : begin + WALK_CHUNK]
                hits = chunk[_test(words, chunk)]
                found.append(hits)
                taken += len(hits)
                if taken >= limit:
                    return np.concatenate(found)[:limit]
            slots = _slots(words)  # matches bunched at the far end of the order: rank them all
        if order is Order.OLDEST:
            return slots[:limit]
        ranks = self.ranks[order][slots]
        if len(slots) > limit:
            part = np.argpartition(ranks, limit - 1)[:limit] if limit else np.zeros(0, dtype=np.int64)
            return slots[part[np.argsort(ranks[part])]]
        return slots[np.argsort(ranks)]

    def _fresh(self, query: Discovery, guild_id: int, person_films: Sequence[int] | None) -> list[FacetRow]:
        """The changed films meeting every filter (checked one by one: there are few)."""
        if not self.fresh:
            return []
        wanted = {
            (k, fold(v))
            for k, v in (("genre", query.genre), ("country", query.country), ("language", query.language))
            if v
        }
        people = set(person_films) if person_films is not None else None
        lo, hi = query.years or (MIN_YEAR, MAX_YEAR)
        return [
            row
            for row in self.fresh.values()
            if row.guild_id in (SEED_GUILD, guild_id)
            and wanted <= row.facets
            and (people is None or row.film_id in people)
            and (query.years is None or (row.year is not None and lo <= row.year <= hi))
        ]


def _member(f: _Filter, slots: Slots) -> NDArray[np.bool_]:
    if f.bits is not None:
        return _test(f.bits, slots)
    if not len(f.slots):
        return np.zeros(len(slots), dtype=bool)
    at = np.minimum(np.searchsorted(f.slots, slots), len(f.slots) - 1)
    return np.asarray(f.slots[at] == slots)


def _clip(words: Words, start: int, stop: int) -> None:
    """Clear the bits below `start` and from `stop` on, in the words the span cuts."""
    if start & 63:
        words[start >> 6] &= ~((ONE << np.uint64(start & 63)) - ONE)
    if stop & 63:
        words[stop >> 6] &= (ONE << np.uint64(stop & 63)) - ONE


def _count(words: Words | None) -> int:
    return int(np.bitwise_count(words).sum()) if words is not None else 0
