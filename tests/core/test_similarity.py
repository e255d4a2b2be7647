"""Computed suggestions: each signal, the order of reasons, the director cap, no signal no suggestion."""

from __future__ import annotations

import pytest

from bot.core.similarity import (
    FilmFacts,
    GenreStats,
    Narrowing,
    Who,
    compare,
    genre_share,
    series_key,
    similar_to,
)

MANN, PACINO, DE_NIRO, VOIGHT = (
    Who(1, "Michael Mann", 12),
    Who(2, "Al Pacino", 40),
    Who(3, "Robert De Niro", 80),
    Who(4, "Jon Voight", 30),
)
NOLAN, EXTRA = Who(5, "Christopher Nolan", 9), Who(6, "Joe Extra", 1)


def film(film_id: int, title: str, year: int, **facts: object) -> FilmFacts:
    return FilmFacts(film_id, title, year, f"{title} ({year})", **facts)  # type: ignore[arg-type]


HEAT = film(
    1,
    "Heat",
    1995,
    directors=(MANN,),
    writers=(MANN,),
    cast=(PACINO, DE_NIRO, VOIGHT),
    genres=("Crime", "Drama", "Thriller"),
)
STATS = GenreStats.of(
    [
        ("Crime", "Drama"),
        ("Drama",),
        ("Drama",),
        ("Horror", "Sci-Fi"),
        ("Comedy",),
        ("Thriller",),
        ("Drama", "Comedy"),
        ("Horror",),  # horror is commoner than science fiction, as in the real data
    ]
    * 10
)


def test_reasons_name_the_strongest_signal_first() -> None:
    insider = film(2, "The Insider", 1999, directors=(MANN,), cast=(EXTRA, PACINO), genres=("Drama",))
    found = compare(HEAT, insider, STATS)
    assert found is not None
    assert found.reason == "Same director Michael Mann; also stars Al Pacino"


def test_the_best_known_shared_actors_are_named_first() -> None:
    other = film(2, "Other", 1990, cast=(EXTRA, VOIGHT, DE_NIRO, PACINO))
    found = compare(HEAT, other, STATS)
    assert found is not None and found.reason == "Also stars Robert De Niro and Al Pacino"


def test_same_writer_is_named_when_not_also_the_director() -> None:
    written = film(2, "Written", 1970, writers=(Who(9, "Jane Writer", 3),))
    target = film(3, "Target", 2001, writers=(Who(9, "Jane Writer", 3),))
    found = compare(target, written, STATS)
    assert found is not None and found.reason == "Same writer Jane Writer"
    mann_wrote = film(4, "Mann wrote", 1990, directors=(MANN,), writers=(MANN,))
    found = compare(HEAT, mann_wrote, STATS)
    assert found is not None and found.reason == "Same director Michael Mann"


def test_genre_and_decade_alone_read_as_a_kind_of_film() -> None:
    alien = film(1, "Alien", 1979, genres=("Horror", "Sci-Fi"))
    thing = film(2, "The Thing", 1982, genres=("Sci-Fi", "Horror"))
    later = film(3, "Later", 1983, genres=("Sci-Fi", "Horror"))
    found = compare(thing, later, STATS)
    assert found is not None and found.reason == "Also a 1980s science-fiction horror film"
    found = compare(thing, alien, STATS)
    assert found is not None and found.reason == "Also a science-fiction horror film"


def test_no_suggestion_without_a_shared_signal() -> None:
    unrelated = film(2, "Unrelated", 1995, cast=(EXTRA,), genres=("Comedy",))
    assert compare(HEAT, unrelated, STATS) is None
    assert compare(HEAT, HEAT, STATS) is None
    # One common, noisy genre shared among many listed is not a signal either.
    noisy = film(3, "Noisy", 1960, genres=("Drama", "Comedy", "Horror", "Sci-Fi", "Thriller"))
    assert compare(film(4, "Plain", 2010, genres=("Drama", "Comedy")), noisy, STATS) is None
    assert similar_to(HEAT, [unrelated, HEAT], STATS) == []


def test_a_few_rare_genres_outweigh_many_common_ones() -> None:
    share_rare, shared = genre_share(("Horror", "Sci-Fi"), ("Sci-Fi", "Horror"), STATS)
    share_noisy, _ = genre_share(("Drama",), ("Drama", "Comedy", "Thriller", "Crime", "Horror"), STATS)
    assert share_rare == pytest.approx(1.0) and share_noisy < 0.25
    assert shared == ["Sci-Fi", "Horror"]  # rarest first


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Rocky", "Rocky II", True),
        ("The Godfather", "The Godfather Part II", True),
        ("Terminator 2: Judgment Day", "The Terminator", True),
        ("Toy Story", "Toy Story 3", True),
        ("Heat", "Heatwave", False),
        ("Alien", "Aliens", False),
    ],
)
def test_series_keys(a: str, b: str, same: bool) -> None:
    assert (series_key(a) == series_key(b)) is same


def test_sequels_and_remakes_are_strong_but_a_short_shared_title_alone_is_not() -> None:
    rocky, rocky_ii = (
        film(1, "Rocky", 1976, cast=(Who(7, "Sylvester Stallone", 40),)),
        film(2, "Rocky II", 1979, cast=(Who(7, "Sylvester Stallone", 40),)),
    )
    found = compare(rocky, rocky_ii, STATS)
    assert found is not None and found.reason.startswith("Same series; also stars Sylvester Stallone")
    oceans = film(3, "Ocean's Eleven", 1960)
    found = compare(oceans, film(4, "Ocean's Eleven", 2001), STATS)
    assert found is not None and found.reason == "Same title: Ocean's Eleven (2001)"
    assert compare(film(5, "Heat", 1972), film(6, "Heat", 1995), STATS) is None


def test_at_most_two_films_by_one_director_unless_nothing_else_qualifies() -> None:
    nolans = [film(10 + i, f"Nolan {i}", 2000 + i, directors=(NOLAN,), notability=100 - i) for i in range(4)]
    other = film(20, "Other", 1990, cast=(EXTRA,), notability=1)
    target = film(1, "Memento", 2000, directors=(NOLAN,), cast=(EXTRA,))
    got = [c.film.film_id for c in similar_to(target, [*nolans, other], STATS, limit=3)]
    assert got == [10, 11, 20]
    got = [c.film.film_id for c in similar_to(target, nolans, STATS, limit=3)]
    assert got == [10, 11, 12]  # nothing else qualifies: the cap gives way


def test_notability_breaks_ties() -> None:
    a = film(2, "A", 1990, directors=(MANN,), notability=5)
    b = film(3, "B", 1990, directors=(MANN,), notability=50)
    assert [c.film.film_id for c in similar_to(HEAT, [a, b], STATS)] == [3, 2]


@pytest.mark.parametrize(
    ("narrowing", "year", "genres", "admitted"),
    [
        (Narrowing(), None, (), True),
        (Narrowing(years=(2000, 2009)), 2000, ("Drama",), True),
        (Narrowing(years=(2000, 2009)), 2009, (), True),
        (Narrowing(years=(2000, 2009)), 1999, ("Drama",), False),
        (
            Narrowing(years=(2000, 2009)),
            None,
            ("Drama",),
            False,
        ),  # a film of unknown year is not "from the 2000s"
        (Narrowing("comedy"), 1995, ("Crime", "Comedy"), True),  # genres compared folded
        (Narrowing("Comédie"), 1995, ("comedie",), True),
        (Narrowing("Comedy"), 1995, ("Crime", "Drama"), False),
        (Narrowing("Comedy", (1990, 1999)), 1995, ("Comedy",), True),
        (Narrowing("Comedy", (1990, 1999)), 2005, ("Comedy",), False),
    ],
)
def test_a_narrowing_admits_films_of_its_genre_and_years(
    narrowing: Narrowing, year: int | None, genres: tuple[str, ...], admitted: bool
) -> None:
    assert narrowing.admits(year, genres) is admitted


def test_a_narrowing_names_itself() -> None:
    assert str(Narrowing("Comedy", (2000, 2009))) == "comedy, 2000-2009"
    assert str(Narrowing("Sci-Fi")) == "science-fiction"
    assert str(Narrowing(years=(1994, 1994))) == "1994"
    assert not Narrowing() and Narrowing(years=(1994, 1994))
