"""A TitleIndex to and from flat arrays: what bot/store/index_file.py saves and memory-maps.

Loading does no matching work: the per-name strings are split out of one blob (the only per-process
copy), and every lookup structure (sorted keys, word postings, typo variants, prefix answers) is read
in place from the arrays, which the operating system shares between processes mapping one file.
This module reaches into the matcher's private structures on purpose: it is their other half.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from bot.core.matching import TitleIndex
from bot.core.matching_base import _Base
from bot.core.title_arrays import (
    Arrays,
    FilmSlots,
    GrowingColumn,
    Named,
    Reordered,
    StrColumn,
    Table,
    bucket_label,
    prefix_label,
    read_table,
    strings,
    table,
)

FORMAT_VERSION = 3  # bump when the arrays or their meaning change: older files are rebuilt
SEPARATOR = "\x00"  # between names in a blob: never part of a cleaned title or key


def _joined(items: Sequence[str]) -> np.ndarray:
    if any(SEPARATOR in item for item in items):
        raise ValueError("a name contains a NUL character")
    return np.frombuffer(SEPARATOR.join(items).encode(), dtype=np.uint8)


def _split(blob: np.ndarray, count: int) -> list[str]:
    items = bytes(blob).decode().split(SEPARATOR) if count else []
    if len(items) != count:
        raise ValueError("the names do not match their count")
    return items


def to_arrays(index: TitleIndex) -> tuple[Arrays, dict[str, int]]:
    """Every array of `index` and its scalars; compacts first so the base covers every name."""
    if index._base.covers != len(index._keys):
        index.compact()
    base = index._base
    film = np.frombuffer(index._film, dtype=np.int64).copy()
    arrays: Arrays = {
        "keys": _joined(index._keys),
        **dict(zip(("titles.blob", "titles.offsets"), strings(index._titles), strict=True)),
        "film": film,
        "film_order": np.argsort(film, kind="stable"),
        "year": np.frombuffer(index._year, dtype=np.int16).copy(),
        "votes": np.frombuffer(index._votes, dtype=np.int64).copy(),
        "guild": np.frombuffer(index._guild, dtype=np.int64).copy(),
        "flags": np.frombuffer(bytes(index._flags), dtype=np.uint8),
        "sorted_slots": np.asarray(base.sorted_slots, dtype=np.int32),
        "sorted_votes": base.sorted_votes,
        "sorted_guilded": base.sorted_guilded,
        "sorted_lengths": base.sorted_lengths,
        "compact_slots": np.asarray(base.compact_slots, dtype=np.int32),
        "word_counts": base.word_counts,
        "fingerprints": base.fingerprints,
        "popular": np.asarray(base.popular, dtype=np.int64),
    }
    arrays["compact.blob"], arrays["compact.offsets"] = strings(base.compact_keys)
    arrays |= table("words", base.words)
    arrays |= table("common", base.common)
    arrays |= table("common_top", base.common_top)
    number = {word: n for n, word in enumerate(sorted(base.words))}
    arrays |= table("typos", {v: [number[w] for w in known] for v, known in base.typos.items()})
    arrays |= table("buckets", {bucket_label(k): [number[w] for w in ws] for k, ws in base.buckets.items()})
    arrays |= table("prefix", {prefix_label(k): slots for k, slots in base.prefix_tops.items()}, np.int64)
    scalars = {"slots": len(index._keys), "covers": base.covers, "max_votes": base.max_votes}
    return arrays, scalars


class _Labelled(Mapping[tuple[str, int], list[int]]):
    def __init__(self, runs: Table) -> None:
        self._runs = runs

    def __getitem__(self, key: tuple[str, int]) -> list[int]:
        return [int(s) for s in self._runs[prefix_label(key)]]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for label in self._runs:
            prefix, count = label.rsplit("\t", 1)
            yield prefix, int(count)

    def __len__(self) -> int:
        return len(self._runs)


class _Buckets(Named):
    """Words of one first letter and length, decoded once per process when first needed."""

    def __init__(self, runs: Table, words: Sequence[str]) -> None:
        super().__init__(runs, words, bucket_label)
        self._decoded: dict[object, tuple[str, ...]] = {}

    def __getitem__(self, key: object) -> tuple[str, ...]:
        found = self._decoded.get(key)
        if found is None:
            found = self._decoded[key] = super().__getitem__(key)
        return found


def from_arrays(arrays: Arrays, scalars: Mapping[str, int]) -> TitleIndex:
    """The index those arrays describe; ValueError (or KeyError) if they do not fit together."""
    count, covers = int(scalars["slots"]), int(scalars["covers"])
    columns = ("film", "film_order", "year", "votes", "guild", "flags", "word_counts", "fingerprints")
    if covers != count or any(len(arrays[name]) != count for name in columns):
        raise ValueError("the per-name arrays disagree on the number of names")
    index = TitleIndex.__new__(TitleIndex)
    index._keys = _split(arrays["keys"], count)
    index._titles = GrowingColumn(arrays["titles.blob"], arrays["titles.offsets"])
    if len(index._titles) != count:
        raise ValueError("the labels do not match the names")
    index._film = array("q", arrays["film"].tobytes())
    index._year = array("h", arrays["year"].tobytes())
    index._votes = array("q", arrays["votes"].tobytes())
    index._guild = array("q", arrays["guild"].tobytes())
    index._flags = bytearray(arrays["flags"].tobytes())
    index._by_film = FilmSlots(arrays["film"], arrays["film_order"])
    index._guild_slots = defaultdict(list)
    for slot in np.flatnonzero(arrays["guild"]).tolist():
        index._guild_slots[int(arrays["guild"][slot])].append(slot)
    base = _Base.__new__(_Base)
    base.covers = covers
    base.bits = {}
    base.sorted_slots = arrays["sorted_slots"]
    if len(base.sorted_slots) and int(base.sorted_slots.max()) >= count:
        raise ValueError("a sorted slot points past the names")
    base.sorted_keys = Reordered(index._keys, base.sorted_slots)
    base.sorted_votes = arrays["sorted_votes"]
    base.sorted_guilded = arrays["sorted_guilded"]
    base.sorted_lengths = arrays["sorted_lengths"]
    base.compact_keys = StrColumn(arrays["compact.blob"], arrays["compact.offsets"])
    base.compact_slots = arrays["compact_slots"]
    words = read_table(arrays, "words")
    base.words = words
    base.sorted_words = words.keys_
    base.word_sizes = np.diff(arrays["words.offsets"])
    base.common = read_table(arrays, "common")
    base.common_top = read_table(arrays, "common_top")
    base.word_counts = arrays["word_counts"]
    base.fingerprints = arrays["fingerprints"]
    base.typos = Named(read_table(arrays, "typos"), words.keys_)
    base.buckets = _Buckets(read_table(arrays, "buckets"), words.keys_)
    base.popular = arrays["popular"].tolist()
    base.prefix_tops = _Labelled(read_table(arrays, "prefix"))
    base.max_votes = int(scalars["max_votes"])
    index._base = base
    return index
