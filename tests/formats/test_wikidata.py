"""The starter catalogue's reader: each cleaning rule, on made-up rows and on the shipped extract."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from functools import cache

import pytest

from bot.core.normalise import fold, title_key
from bot.formats import wikidata
from bot.formats.wikidata import ExtractError, StarterFilm
from tests.conftest import ROOT

EXTRACT = ROOT / "data" / "starter" / "films-v1.jsonl.gz"


@cache
def shipped() -> tuple[StarterFilm, ...]:
    with gzip.open(EXTRACT, "rt", encoding="utf-8") as lines:
        return tuple(wikidata.read_extract(lines))


def by_label(title: str, year: int) -> StarterFilm:
    (film,) = [f for f in shipped() if f.title == title and f.year == year]
    return film


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("William Broyles, Jr.", ("William Broyles, Jr.",)),
        ("Jack Epps, Jr., Jim Cash", ("Jack Epps, Jr.", "Jim Cash")),
        ("Al Reinert, William Broyles, Jr., Zed", ("Al Reinert", "William Broyles, Jr.", "Zed")),
        ("Stacy Keach, Sr., Ed Begley, Jr.", ("Stacy Keach, Sr.", "Ed Begley, Jr.")),
        ("Joaquin Garay, III", ("Joaquin Garay, III",)),
        ("Henry Ford, II, Edsel Ford", ("Henry Ford, II", "Edsel Ford")),
        ("Jr.", ()),  # a suffix with nobody before it is not a person
        ("", ()),
        (None, ()),
        ("A,  B ,, A", ("A", "B")),  # blanks dropped, spaces tidied, repeats once
    ],
)
def test_names_split_at_commas_keep_their_suffixes(text: str | None, people: tuple[str, ...]) -> None:
    assert wikidata.split_names(text) == people


def test_no_suffix_is_ever_a_person_in_the_shipped_data() -> None:
    everyone = Counter(p for f in shipped() for p in {*f.directors, *f.writers, *f.cast})
    assert not [p for p in everyone if p.casefold() in wikidata.NAME_SUFFIXES]
    assert "William Broyles, Jr." in by_label("Apollo 13", 1995).writers
    assert everyone["Ed Begley, Jr."] >= 40  # the source's most credited suffixed name


def test_accents_are_kept_in_names_and_titles_and_folded_for_matching() -> None:
    amelie = by_label("Amélie", 2001)
    assert "Jean-Pierre Jeunet" in amelie.directors
    assert "Mathieu Kassovitz" in amelie.cast and "André Dussollier" in amelie.cast
    assert title_key("Amelie") == title_key(amelie.title)
    assert "Mikael Håfström" in by_label("Escape Plan", 2013).directors
    assert fold("Mikael Hafstrom") == fold("Mikael Håfström")
    assert amelie.key == "amelie-2001"


def test_genres_are_kept_as_listed() -> None:
    heat = by_label("Heat", 1995)
    assert heat.genres == ("Thriller", "Mystery", "Drama", "Crime", "History", "Action", "Adventure")
    assert by_label("Memento", 2000).genres[0] == "Horror"  # noisy, but the source's


def test_title_and_year_identify_a_film() -> None:
    films = shipped()
    assert len(films) == 17_472
    titles = Counter(f.title for f in films)
    assert sum(1 for n in titles.values() if n > 1) == 563
    assert len({f.key for f in films}) == len(films)
    heats = sorted((f.year, f.directors) for f in films if f.title == "Heat")
    assert [year for year, _ in heats] == [1972, 1987, 1995]
    # Five title+year pairs still name two films each: the key keeps the Wikidata id for those.
    singers = sorted(f.key for f in films if f.title == "The Singer" and f.year == 2006)
    assert singers == ["the-singer-2006-q1062358", "the-singer-2006-q472359"]


@pytest.mark.parametrize(
    ("text", "date"),
    [("2000-09-05", "2000-09-05"), ("1995-01-01", None), ("", None), (None, None), ("1995", None)],
)
def test_a_release_date_on_1_january_has_an_unknown_day(text: str | None, date: str | None) -> None:
    assert wikidata.release_date(text) == date


@pytest.mark.parametrize(
    ("awards", "count"),
    [("Won 1 Oscar. Nominated for 3 Oscars.", 3), ("Nominated for 1 Oscar.", 1), (None, 0), ("", 0)],
)
def test_oscar_nominations_are_read_from_the_awards_text(awards: str | None, count: int) -> None:
    assert wikidata.oscar_nominations(awards) == count


def test_notability_counts_reviews_oscars_and_credits() -> None:
    base = wikidata.notability(100, 0, 0, 10)
    assert wikidata.notability(150, 0, 0, 10) > base
    assert wikidata.notability(100, 1, 1, 10) > wikidata.notability(100, 0, 1, 10) > base
    assert wikidata.notability(100, 0, 0, 30) > base
    assert wikidata.notability(None, 0, 0, 0) == 0
    best = sorted(shipped(), key=lambda f: -f.notability)[:50]
    assert by_label("Inception", 2010) in best
    assert by_label("Heat", 1995).notability > by_label("Heat", 1987).notability


def test_a_film_card_has_its_details() -> None:
    memento = by_label("Memento", 2000)
    assert (memento.runtime, memento.release_date, memento.mpaa_rating) == (113, "2000-09-05", "R")
    assert (memento.rt_meter, memento.rt_reviews, memento.metacritic) == (94, 185, 83)
    assert (memento.oscars_won, memento.oscar_nominations) == (0, 2)
    assert memento.countries == ("United States",) and memento.languages == ("English",)
    assert memento.imdb_id == "tt0209144"


def lines(head: dict[str, object], *rows: list[object]) -> list[str]:
    return [json.dumps(head), *(json.dumps(row) for row in rows)]


ROW: list[object] = [
    1,
    None,
    "Film",
    2000,
    None,
    None,
    "",
    None,
    "",
    "",
    "",
    None,
    "",
    "",
    None,
    0,
    None,
    None,
]


def test_the_shipped_header_names_its_licence_and_source() -> None:
    with gzip.open(EXTRACT, "rt", encoding="utf-8") as text:
        head = json.loads(text.readline())
    assert head["licence"] == "CC0-1.0" and head["attribution"] == "Wikidata contributors"
    assert "bokeh-sampledata 2026.1" in head["source"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ([], "no header"),
        (lines({"format": "other"}), "not a filmbot-wikidata-films"),
        (lines({**wikidata.header(1, {}), "version": 2}, ROW), "version 2"),
        (lines(wikidata.header(2, {}), ROW), "promises 2 films, found 1"),
        (lines(wikidata.header(1, {}), ROW[:-1]), "line 2: expected 18 values"),
        (lines(wikidata.header(1, {}), [*ROW[:3], "2000", *ROW[4:]]), "expected a number"),
    ],
)
def test_a_wrong_extract_is_refused_with_the_reason(text: list[str], problem: str) -> None:
    with pytest.raises(ExtractError, match=problem):
        list(wikidata.read_extract(text))


def test_a_well_formed_row_reads() -> None:
    (film,) = wikidata.read_extract(lines(wikidata.header(1, {}), ROW))
    assert (film.key, film.title, film.year, film.cast, film.notability) == ("film-2000", "Film", 2000, (), 0)
