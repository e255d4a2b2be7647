"""The index saved as arrays and read back answers exactly as the index it was made from."""

import bisect
import random

import numpy as np
import pytest

from bot.core.index_arrays import from_arrays, to_arrays
from bot.core.matching import TitleIndex
from bot.core.models import TitleEntry
from bot.core.resolution import resolve
from bot.core.title_arrays import Reordered, StrColumn, bisect_left, bisect_right, strings
from tests.core.test_resolution import LOOK_ALIKES

QUERIES = ["godfather 2", "plup fiction", "alien", "ali", "a", "kill bill vol 1", "titanic 1997",
           "shawshank", "infernal afairs", "Godfather Part", "coco", "drive", "zz"]  # fmt: skip


def build() -> TitleIndex:
    entries = [
        TitleEntry(fid, title, year, votes=votes, label=f"{title} ({year})")
        for fid, title, year, votes in LOOK_ALIKES
    ]
    entries.append(TitleEntry(500, "Own Film", 2020, guild_id=7, label="Own Film (2020)"))
    entries.append(
        TitleEntry(12, "Il Padrino", 1972, votes=1_600_000, label="The Godfather (1972)", is_alias=True)
    )
    return TitleIndex(entries)


def round_trip(index: TitleIndex) -> TitleIndex:
    arrays, scalars = to_arrays(index)
    return from_arrays({k: np.array(v) for k, v in arrays.items()}, scalars)


@pytest.mark.parametrize("query", QUERIES)
def test_same_answers_after_loading(query: str) -> None:
    built = build()
    loaded = round_trip(built)
    assert loaded.search(query, 7, 25) == built.search(query, 7, 25)
    assert loaded.complete(query, 0, 25) == built.complete(query, 0, 25)


def test_loaded_index_takes_changes() -> None:
    loaded = round_trip(build())
    assert len(loaded) == len(build())
    assert resolve(loaded, "il padrino", 0).film_id == 12
    assert loaded.film(500, 7) is not None and loaded.film(500, 8) is None
    loaded.add(TitleEntry(900, "Zebra Crossing", 2022, label="Zebra Crossing (2022)"))
    assert resolve(loaded, "zebra crossing", 0).film_id == 900
    loaded.remove_film(13)
    assert all(m.film_id != 13 for m in loaded.search("godfather part ii"))
    loaded.compact()
    assert resolve(loaded, "zebra crossing", 0).film_id == 900


def test_arrays_that_do_not_fit_are_refused() -> None:
    arrays, scalars = to_arrays(build())
    with pytest.raises(ValueError):
        from_arrays(arrays, {**scalars, "slots": scalars["slots"] + 1})
    arrays["words.offsets"] = arrays["words.offsets"][:-1]
    with pytest.raises(ValueError):
        from_arrays(arrays, scalars)


def test_mapped_columns_search_as_sorted_strings() -> None:
    """The mapped column's binary search compares UTF-8 bytes: the same order as the strings,
    accents, CJK and the highest code point (the prefix search's upper bound) included."""
    words = sorted({"", "a", "ab", "abc", "b", "été", "ete", "zzz", "東京", "ü", "u", "\u00ff", "\u0100x"})
    column = StrColumn(*strings(words))
    probes = [*words, "aa", "e", "étf", "z", "\U0010ffff", "a\U0010ffff", "東", "\u00fe"]
    for probe in probes:
        assert column.bisect_left(probe) == bisect.bisect_left(words, probe), probe
        assert column.find(probe) == (words.index(probe) if probe in words else -1), probe
    assert column.bisect_left("b", 2, 4) == bisect.bisect_left(words, "b", 2, 4)
    assert list(column) == words


def test_mapped_column_search_across_fence_posts() -> None:
    rng = random.Random(5)
    letters = "abcdeéü東z"
    words = sorted({"".join(rng.choices(letters, k=rng.randint(1, 5))) for _ in range(700)})
    column = StrColumn(*strings(words))
    for probe in [*words, *("".join(rng.choices(letters, k=rng.randint(0, 6))) for _ in range(700))]:
        assert column.bisect_left(probe) == bisect.bisect_left(words, probe), probe
        assert column.bisect_left(probe, 100, 300) == bisect.bisect_left(words, probe, 100, 300), probe


def test_sorted_keys_search_across_fence_posts() -> None:
    rng = random.Random(6)
    keys = ["".join(rng.choices("abcé東", k=rng.randint(1, 4))) for _ in range(900)]  # repeats
    order = np.asarray(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int32)
    ordered = Reordered(keys, order)
    listed = [keys[i] for i in order]
    for probe in [*keys, *("".join(rng.choices("abcé東z", k=rng.randint(0, 5))) for _ in range(500))]:
        assert bisect_left(ordered, probe) == bisect.bisect_left(listed, probe), probe
        assert bisect_right(ordered, probe, 50) == bisect.bisect_right(listed, probe, 50), probe
        assert bisect_left(ordered, probe, 10, 700) == bisect.bisect_left(listed, probe, 10, 700), probe
