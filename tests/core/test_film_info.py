"""Film cards and filmographies as text: best-known cast first, unknown facts left out."""

from __future__ import annotations

from bot.core.film_info import (
    Credited,
    FilmDetails,
    FilmInfo,
    as_seen,
    card_fields,
    filmography_lines,
    leading_cast,
)
from bot.core.person import Person

MEMENTO = FilmInfo(
    1,
    "Memento",
    2000,
    directors=("Christopher Nolan",),
    writers=("Christopher Nolan",),
    cast=leading_cast(
        [("Callum Keith Rennie", 20), ("Guy Pearce", 30), ("Carrie-Anne Moss", 25), ("Jorja Fox", 3)]
    ),
    genres=("Thriller", "Mystery"),
    countries=("United States",),
    languages=("English",),
    details=FilmDetails(113, "2000-09-05", "R", 94, 185, 83, 0, 2, 210),
)


def test_a_card_names_the_best_known_cast_first_and_says_with() -> None:
    fields = dict(card_fields(MEMENTO))
    assert fields["With"] == "Guy Pearce, Carrie-Anne Moss, Callum Keith Rennie, Jorja Fox"
    assert fields["Directed by"] == "Christopher Nolan"
    assert fields["Details"] == "1 h 53 min · United States · English · released 2000-09-05 · rated R"
    assert fields["Critics"] == "Rotten Tomatoes 94% of 185 reviews; Metacritic 83/100"
    assert fields["Oscars"] == "Nominated for 2 Oscars"


def test_a_long_cast_is_cut_with_a_count() -> None:
    many = FilmInfo(1, "Crowd", 1990, cast=leading_cast([(f"Actor {n:02d}", n) for n in range(10)]))
    assert dict(card_fields(many))["With"] == (
        "Actor 09, Actor 08, Actor 07, Actor 06, Actor 05, Actor 04 and 4 more"
    )


def test_unknown_facts_are_left_out() -> None:
    assert card_fields(FilmInfo(2, "Backtrace", 2021)) == []
    won = FilmInfo(3, "Won", 1990, details=FilmDetails(oscars_won=1, oscar_nominations=1))
    assert dict(card_fields(won))["Oscars"] == "Won 1 of 1 Oscar nomination"


def test_a_filmography_lists_each_role_by_year() -> None:
    lines = filmography_lines(
        [
            Credited(1, "Memento", 2000, ("director", "writer")),
            Credited(2, "Following", 1998, ("director", "writer", "cast")),
            Credited(3, "Undated", None, ("cast",)),
        ]
    )
    assert lines == {
        "Directed": ["Following (1998)", "Memento (2000)"],
        "Written": ["Following (1998)", "Memento (2000)"],
        "Acted in": ["Following (1998)", "Undated"],
    }


def test_a_persons_heading_is_of_the_films_listed() -> None:
    """A server's card for a shared person counts the films that server sees, its own included."""
    shared = Person(7, "Al Pacino", ("actor",), 1971, 2014, 500)
    seen = [Credited(1, "The Godfather", 1972, ("cast",)), Credited(2, "Zebra", 2022, ("director", "cast"))]
    assert as_seen(shared, seen).label == "Al Pacino (director, actor, 1972-2022)"
    assert as_seen(shared, seen).weight == 500 and as_seen(shared, []) == shared
