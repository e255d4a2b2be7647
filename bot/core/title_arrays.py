"""The title index as flat numpy arrays, so it can be saved once and memory-mapped by every process.

A built index holds Python dicts and lists; its arrays form (`to_arrays`) holds the same facts as
sorted string columns and CSR tables (offsets into one flat array), and the read-only views below
answer the lookups the matcher makes (`words[w]`, `typos.get(v)`, bisect over sorted strings)
straight from those arrays, decoding only the few strings a lookup touches. Nothing here does file
I/O: bot/store/index_file.py writes and maps the arrays.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

Arrays = dict[str, np.ndarray]
# A sorted column's binary search starts from every FENCE_STEP-th item (at most MAX_FENCES of
# them, a few MB for a million titles), leaving about three comparisons in Python.
FENCE_STEP, MAX_FENCES = 8, 1 << 15
FOUND_KEPT = 1 << 14  # positions of keys looked up recently, per table (about 1 MB at most)


def strings(items: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """A column of strings as one UTF-8 blob and offsets (len + 1)."""
    encoded = [s.encode() for s in items]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class StrColumn(Sequence[str]):
    """Read-only strings over a blob and offsets; decodes an item when it is read."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._offsets, self._size = blob, offsets, len(offsets) - 1
        # Plain buffers: reading an item through them costs a fraction of numpy's scalar indexing
        # and slicing, and a binary search reads some twenty items per lookup.
        self._data = np.ascontiguousarray(blob, dtype=np.uint8).data
        self._ends = np.ascontiguousarray(offsets, dtype=np.int64).data.cast("B").cast("q")
        # Every step-th item, read on the first search: a short list bisected in C.
        self._step = max(FENCE_STEP, -(-self._size // MAX_FENCES))
        self._fences: list[bytes] | None = None

    def __len__(self) -> int:
        return self._size

    def _bytes(self, i: int) -> bytes:
        return self._data[self._ends[i] : self._ends[i + 1]].tobytes()

    def bisect_left(self, key: str, lo: int = 0, hi: int | None = None) -> int:
        """`bisect.bisect_left` over a sorted column, comparing UTF-8 bytes (which order as the
        strings do): fence posts narrow the search in C to a few items, each compared undecoded."""
        target = key.encode()
        if self._fences is None:
            self._fences = [self._bytes(i) for i in range(0, self._size, self._step)]
        post = bisect.bisect_left(self._fences, target)  # items[(post-1)*step] < key <= items[post*step]
        low, high = max(0, (post - 1) * self._step + 1), min(self._size, post * self._step)
        while low < high:
            mid = (low + high) // 2
            if self._bytes(mid) < target:
                low = mid + 1
            else:
                high = mid
        return min(max(low, lo), self._size if hi is None else hi)  # a sorted column: clamp

    def find(self, key: str) -> int:
        """Where `key` is in a sorted column, or -1."""
        at = self.bisect_left(key)
        return at if at < self._size and self._bytes(at) == key.encode() else -1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if not -self._size <= i < self._size:
            raise IndexError(i)
        return self._bytes(i % self._size).decode()


class Reordered(Sequence[str]):
    """`column[order[i]]`: the index's keys in sorted order without a second copy."""

    def __init__(self, column: Sequence[str], order: np.ndarray) -> None:
        self._column, self._order = column, order
        raw = np.ascontiguousarray(order).data.cast("B")  # a buffer: cheaper to index than numpy
        self._at = raw.cast("i") if order.itemsize == 4 else raw.cast("q")
        self._step = max(FENCE_STEP, -(-len(order) // MAX_FENCES))
        self._fences: list[str] | None = None  # every step-th key (the column's own strings)

    def bisect(self, key: str, lo: int = 0, hi: int | None = None, right: bool = False) -> int:
        """`bisect.bisect_left` (or `_right`) over the sorted keys: fence posts searched in C
        narrow the search to a few Python-level reads of a million-key column."""
        if self._fences is None:
            self._fences = [self._column[i] for i in self._at[:: self._step]]
        find = bisect.bisect_right if right else bisect.bisect_left
        post = find(self._fences, key)
        low, high = max(0, (post - 1) * self._step + 1), min(len(self), post * self._step)
        return min(max(find(self, key, low, high), lo), len(self) if hi is None else hi)

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._column[int(s)] for s in self._order[i]]
        return self._column[self._at[i]]


class Table(Mapping[str, np.ndarray]):
    """Sorted string keys, each with a run of a flat array (CSR): `table[key]` is that run."""

    def __init__(self, keys: Sequence[str], offsets: np.ndarray, flat: np.ndarray) -> None:
        self.keys_, self._offsets, self._flat = keys, offsets, flat
        self._found: dict[str, int] = {}

    def _find(self, key: str) -> int:
        # One lookup reads the same few words four or five times (their sizes rank them): found
        # positions are kept, a dict hit instead of a binary search.
        at = self._found.get(key)
        if at is None:
            if isinstance(self.keys_, StrColumn):
                at = self.keys_.find(key)
            else:
                at = bisect.bisect_left(self.keys_, key)
                at = at if at < len(self.keys_) and self.keys_[at] == key else -1
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            self._found[key] = at
        return at

    def __getitem__(self, key: str) -> np.ndarray:
        at = self._find(key)
        if at < 0:
            raise KeyError(key)
        return self._flat[self._offsets[at] : self._offsets[at + 1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


class Named(Mapping[Any, tuple[str, ...]]):
    """A Table whose runs are word numbers, read back as the words (typo variants, buckets)."""

    def __init__(self, table: Table, words: Sequence[str], label: Any = str) -> None:
        self._table, self._words, self._label = table, words, label

    def __getitem__(self, key: Any) -> tuple[str, ...]:
        return tuple(self._words[int(n)] for n in self._table[self._label(key)])

    def __contains__(self, key: object) -> bool:
        return self._label(key) in self._table

    def __iter__(self) -> Iterator[Any]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def bisect_left(items: Sequence[str], key: str, lo: int = 0, hi: int | None = None) -> int:
    """`bisect.bisect_left` over sorted strings, a list or a mapped column."""
    if isinstance(items, StrColumn):
        return items.bisect_left(key, lo, hi)
    if isinstance(items, Reordered):
        return items.bisect(key, lo, hi)
    return bisect.bisect_left(items, key, lo, len(items) if hi is None else hi)


def bisect_right(items: Sequence[str], key: str, lo: int = 0) -> int:
    """`bisect.bisect_right` over sorted strings, a list or the mapped index's sorted keys."""
    if isinstance(items, Reordered):
        return items.bisect(key, lo, right=True)
    return bisect.bisect_right(items, key, lo)


def bucket_label(key: tuple[str, int]) -> str:
    return f"{key[0]}\t{key[1]}"


def prefix_label(key: tuple[str, int]) -> str:
    return f"{key[0]}\t{key[1]}"


def table(prefix: str, rows: Mapping[str, Sequence[int] | np.ndarray], dtype: Any = np.int32) -> Arrays:
    """Arrays of a Table: sorted keys, offsets and the flat runs, under `prefix`."""
    keys = sorted(rows)
    blob, offsets = strings(keys)
    sizes = np.fromiter((len(rows[k]) for k in keys), dtype=np.int64, count=len(keys))
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(sizes, out=starts[1:])
    flat = np.concatenate([np.asarray(rows[k], dtype=dtype) for k in keys]) if keys else np.zeros(0, dtype)
    return {
        f"{prefix}.blob": blob,
        f"{prefix}.keys": offsets,
        f"{prefix}.offsets": starts,
        f"{prefix}.flat": flat,
    }


def read_table(arrays: Arrays, prefix: str) -> Table:
    keys = StrColumn(arrays[f"{prefix}.blob"], arrays[f"{prefix}.keys"])
    offsets, flat = arrays[f"{prefix}.offsets"], arrays[f"{prefix}.flat"]
    if len(offsets) != len(keys) + 1 or (len(offsets) and int(offsets[-1]) != len(flat)):
        raise ValueError(f"{prefix}: offsets do not match the data")
    return Table(keys, offsets, flat)


class FilmSlots:
    """Film id -> its slots: sorted arrays for a loaded index, a dict for what changed since."""

    def __init__(self, films: np.ndarray | None = None, order: np.ndarray | None = None) -> None:
        self._order = order if order is not None else np.zeros(0, np.int64)
        self._films = films[self._order] if films is not None and len(self._order) else np.zeros(0, np.int64)
        self._changed: dict[int, list[int]] = {}

    def get(self, film_id: int) -> list[int]:
        changed = self._changed.get(film_id)
        if changed is not None:
            return changed
        lo = int(np.searchsorted(self._films, film_id))
        hi = int(np.searchsorted(self._films, film_id, side="right"))
        return [int(s) for s in self._order[lo:hi]]

    def add(self, film_id: int, slot: int) -> None:
        self._changed[film_id] = [*self.get(film_id), slot]

    def pop(self, film_id: int) -> list[int]:
        slots = self.get(film_id)
        self._changed[film_id] = []
        return slots


class GrowingColumn(StrColumn):
    """A mapped column that names added later extend (labels: read a few per query, so they are
    decoded when read rather than all at start-up)."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        super().__init__(blob, offsets)
        self._mapped = self._size
        self._added: list[str] = []

    def __len__(self) -> int:
        return self._mapped + len(self._added)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if 0 <= i < self._mapped:
            return super().__getitem__(i)
        return self._added[i - self._mapped]

    def append(self, item: str) -> None:
        self._added.append(item)
