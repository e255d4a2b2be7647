import pytest

from bot.core.errors import AmbiguousTitle, FilmNotFound, InvalidInput
from bot.core.matching import TitleIndex
from bot.core.models import TitleEntry
from bot.core.resolution import film_ref, resolve

FILMS = [
    (1, "Backtrace", 2021, 500),
    (2, "Escape Plan", 2013, 900),
    (3, "Dragged Across Concrete", 2018, 400),
    (4, "American Heist", 2014, 300),
    (5, "Out of Death", 2021, 100),
    (6, "211", 2018, 200),
    (7, "Memento", 2000, 5000),
    (8, "Alice in Wonderland", 1951, 700),
    (9, "Alice in Wonderland", 2010, 800),
    (10, "The Matrix", 1999, 9000),
    (11, "Amélie", 2001, 3000),
    (12, "1917", 2019, 4000),
    (13, "NO", 2012, 50),
    (14, "Blade Runner", 1982, 6000),
    (15, "Blade Runner 2049", 2017, 5000),
]


def make_index() -> TitleIndex:
    return TitleIndex(
        TitleEntry(fid, title, year, votes=votes, label=f"{title} ({year})")
        for fid, title, year, votes in FILMS
    )


@pytest.fixture(scope="module")
def index() -> TitleIndex:
    return make_index()


@pytest.mark.parametrize(
    "typed",
    [
        "Backtrace",
        "backtrace",
        "backtrce",
        "Backtrace 2021",
        "Backtrace (2021)",
        "back trace",
        "BACKTRACE",
        "bactrace",
    ],
)
def test_backtrace_however_typed(index: TitleIndex, typed: str) -> None:
    assert resolve(index, typed, 0).film_id == 1


@pytest.mark.parametrize(
    ("typed", "film_id"),
    [
        ("matrix", 10),
        ("Matrix, The", 10),
        ("the matrix", 10),
        ("amelie", 11),
        ("ＡＭＥＬＩＥ", 11),
        ("1917", 12),
        ("NO", 13),
        ("211", 6),
        ("Blade Runner 2049", 15),
        ("blade runner 1982", 14),
        ("Alice in Wonderland (1951)", 8),
        ("alice in wonderland 2010", 9),
        ("dragged accross concrete", 3),
        ("escape pln", 2),
        ("memnto", 7),
        ("out of deaht", 5),
    ],
)
def test_resolves_variants(index: TitleIndex, typed: str, film_id: int) -> None:
    assert resolve(index, typed, 0).film_id == film_id


def test_shared_title_without_year_is_ambiguous(index: TitleIndex) -> None:
    with pytest.raises(AmbiguousTitle) as caught:
        resolve(index, "alice in wonderland", 0)
    assert {m.film_id for m in caught.value.candidates} == {8, 9}


def test_start_of_a_title_is_offered_not_answered(index: TitleIndex) -> None:
    with pytest.raises(FilmNotFound) as caught:  # a third of the title: many titles could start so
        resolve(index, "Dragged", 0)
    assert caught.value.suggestions[0].film_id == 3
    assert resolve(index, "dragged across conc", 0).film_id == 3  # most of it, and only this one


def test_nothing_close_is_not_found_with_suggestions(index: TitleIndex) -> None:
    with pytest.raises(FilmNotFound) as caught:
        resolve(index, "zzqx vvv", 0)
    assert caught.value.suggestions == ()
    with pytest.raises(FilmNotFound) as caught:
        resolve(index, "Memory Heist Plan", 0)
    assert caught.value.query == "Memory Heist Plan"


@pytest.mark.parametrize("typed", ["", "   ", "\u200b"])
def test_empty_input_is_invalid(index: TitleIndex, typed: str) -> None:
    with pytest.raises(InvalidInput):
        resolve(index, typed, 0)


def test_a_title_of_only_punctuation_is_a_title(index: TitleIndex) -> None:
    with pytest.raises(FilmNotFound):  # a search like any other (issue 15: "!!!" can be a film)
        resolve(index, "!!!", 0)


def test_film_ref_resolves_exactly(index: TitleIndex) -> None:
    assert resolve(index, film_ref(8), 0).film_id == 8
    assert resolve(index, film_ref(9), 0).film_id == 9
    with pytest.raises(FilmNotFound):
        resolve(index, film_ref(999), 0)


def test_guild_scoping() -> None:
    idx = make_index()
    idx.add(TitleEntry(100, "Guild Only Movie", 2020, guild_id=42, label="Guild Only Movie (2020)"))
    assert resolve(idx, "guild only movie", 42).film_id == 100
    with pytest.raises(FilmNotFound):
        resolve(idx, "guild only movie", 43)
    with pytest.raises(FilmNotFound):
        resolve(idx, film_ref(100), 43)
    assert all(m.film_id != 100 for m in idx.complete("guild", 43))


def test_incremental_add_and_remove() -> None:
    idx = make_index()
    idx.add(TitleEntry(50, "Zebra Crossing", 2022, label="Zebra Crossing (2022)"))
    assert idx.complete("zeb")[0].film_id == 50
    idx.remove_film(50)
    assert all(m.film_id != 50 for m in idx.complete("zeb"))


def test_alias_finds_film() -> None:
    idx = make_index()
    idx.add(TitleEntry(7, "Memento Mori Nolan", 2000, label="Memento (2000)", is_alias=True))
    assert resolve(idx, "memento mori nolan", 0).label == "Memento (2000)"


def test_complete_prefixes_and_limits(index: TitleIndex) -> None:
    assert index.complete("bla")[0].film_id in (14, 15)
    assert {m.film_id for m in index.complete("blade")} >= {14, 15}
    assert len(index.complete("")) == len({f[0] for f in FILMS})
    assert len(index.complete("", limit=3)) == 3
    assert index.complete("", limit=3)[0].film_id == 10  # most voted first


def test_ties_broken_by_votes(index: TitleIndex) -> None:
    ranked = index.search("alice in wonderland")
    assert [m.film_id for m in ranked[:2]] == [9, 8]


def test_huge_query_is_capped(index: TitleIndex) -> None:
    with pytest.raises(FilmNotFound):
        resolve(index, "backtrace" + "x" * 10_000, 0)


def test_exact_title_beats_longer_titles_it_prefixes() -> None:
    idx = TitleIndex(TitleEntry(n, f"Film {n}", 2020, label=f"Film {n} (2020)") for n in range(1, 30))
    assert resolve(idx, "Film 1", 0).film_id == 1
    assert resolve(idx, "film 2", 0).film_id == 2


def test_adding_while_compact_runs_in_a_thread() -> None:
    import threading

    idx = TitleIndex(TitleEntry(n, f"Film Number {n} Of Many", 2000, label=f"F{n}") for n in range(60_000))
    for n in range(60_000, 90_000):
        idx.add(TitleEntry(n, f"Later Film {n}", 2001, label=f"L{n}"))
    worker = threading.Thread(target=idx.compact)
    worker.start()
    added = 0
    while worker.is_alive():  # admin edits keep arriving while the new base is built
        idx.add(
            TitleEntry(200_000 + added, f"Added Meanwhile {added}", 2024, label=f"Added Meanwhile {added}")
        )
        added += 1
    worker.join()
    assert added > 0
    assert resolve(idx, "added meanwhile 0", 0).film_id == 200_000


def test_short_words_with_a_typo() -> None:
    idx = TitleIndex(
        TitleEntry(n, title, 2000, votes=100, label=title)
        for n, title in enumerate(["Ran", "Ray", "Rain Man", "Ratatouille", "Jaws"], start=1)
    )
    assert 1 in {m.film_id for m in idx.search("rna")}  # two letters swapped in a three-letter word
    assert idx.search("ry")[0].film_id == 2  # a letter left out of a two-letter word


def test_one_word_with_two_typos_beside_a_one_typo_neighbour() -> None:
    idx = TitleIndex(
        [
            TitleEntry(1, "Steri", 1991, votes=17, label="Steri (1991)"),
            TitleEntry(2, "Stekir", 2006, votes=37_000, label="Stekir (2006)"),
        ]
    )
    assert 1 in {m.film_id for m in idx.search("stteir")}


def test_less_voted_film_found_by_two_common_words_together() -> None:
    from bot.core.matching_base import POSTING_CAP, RARE_WORD

    common = RARE_WORD + 500  # each word is in more titles than are taken from its postings
    entries = [TitleEntry(1, "Night City", 2000, votes=1, label="Night City")]
    for n in range(common):
        entries.append(TitleEntry(10 + n, f"Night Reel{n}", 2000, votes=1000, label=f"N{n}"))
        entries.append(TitleEntry(10 + common + n, f"City Reel{n}", 2000, votes=1000, label=f"C{n}"))
    idx = TitleIndex(entries)
    assert common > POSTING_CAP
    assert idx.search("nihgt citty")[0].film_id == 1


def test_common_word_bitmap_agrees_with_its_titles() -> None:
    import numpy as np

    from bot.core.index_arrays import from_arrays, to_arrays
    from bot.core.matching_base import RARE_WORD

    common = RARE_WORD + 100
    entries = [TitleEntry(n, f"Night Reel{n}" if n % 3 else f"Day Reel{n}", 2000) for n in range(3 * common)]
    built = TitleIndex(entries)
    mapped = from_arrays(*to_arrays(built))
    for idx in (built, mapped):
        base = idx._base
        titles = np.asarray(base.common["night"])
        slots = np.arange(base.covers, dtype=np.int64)
        assert np.array_equal(base.containing("night", slots), np.isin(slots, titles))
        assert base.containing("night", slots).sum() == len(titles) > RARE_WORD


def test_fingerprints_resemble_spellings() -> None:
    import numpy as np

    from bot.core.matching_base import fingerprints, resemblance

    keys = ["shawshank redemption", "shawshnak redemption", "the godfather", "", "amélie"]
    masks = fingerprints(keys)
    assert masks.dtype == np.uint64 and len(masks) == len(keys)
    assert np.array_equal(masks, fingerprints(list(reversed(keys)))[::-1])  # each key on its own
    close = resemblance(fingerprints(["shawshank redemption"])[0], masks)
    assert close[0] == 1.0
    assert close[1] > 0.6 > close[2]  # a typo stays close, another title does not
