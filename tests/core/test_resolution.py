"""Never confidently wrong: absent films, sequel numbers, popularity, typed years, near-ties."""

import pytest

from bot.core.errors import AmbiguousTitle, FilmNotFound
from bot.core.matching import TitleIndex
from bot.core.models import TitleEntry
from bot.core.resolution import resolve, resolve_title

# Look-alikes of famous films that are *not* in this catalogue, as a real import has them.
LOOK_ALIKES = [
    (1, "Mamele", 1938, 300),
    (2, "Infection", 2004, 2000),
    (3, "Interstella 5555: The 5tory of the 5ecret 5tar 5ystem", 2003, 9000),
    (4, "Sky Is Falling", 2001, 100),
    (5, "Cocoon", 1985, 60_000),
    (6, "When Will I Be Loved", 2004, 3000),
    (7, "Breaking and Entering", 2006, 20_000),
    (8, "Sex Drive", 2008, 80_000),
    (9, "Drive Angry", 2011, 90_000),
    (10, "Plump Fiction", 1997, 758),
    (11, "Pulp Fiction", 1994, 132_745),
    (12, "The Godfather", 1972, 1_600_000),
    (13, "The Godfather Part II", 1974, 1_100_000),
    (14, "Alien", 1979, 800_000),
    (15, "Toy Story", 1995, 900_000),
    (16, "Escape Plan", 2013, 250_000),
    (17, "Titanic", 1997, 1_100_000),
    (18, "Aliens", 1986, 63_961),
    (19, "Aliens", 1993, 18),
    (20, "Alice in Wonderland", 1951, 700),
    (21, "Alice in Wonderland", 2010, 800),
    (22, "Kill Bill: Vol. 1", 2003, 1_000_000),
    (23, "Rocky IV", 1985, 300_000),
    (24, "The Shawshank Redemption", 1994, 2_500_000),
    (25, "Infernal Affairs", 2002, 130_000),
]


@pytest.fixture(scope="module")
def index() -> TitleIndex:
    return TitleIndex(
        TitleEntry(fid, title, year, votes=votes, label=f"{title} ({year})")
        for fid, title, year, votes in LOOK_ALIKES
    )


@pytest.mark.parametrize(
    ("typed", "look_alike"),
    [
        ("amelie", 1),
        ("inception", 2),
        ("interstellar", 3),
        ("skyfall", 4),
        ("coco", 5),
        ("there will be blood", 6),
        ("breaking bad", 7),
        ("drive", 9),  # Drive Angry begins with it, Sex Drive has it: neither is Drive
    ],
)
def test_absent_film_is_not_found_with_the_look_alike_offered(
    index: TitleIndex, typed: str, look_alike: int
) -> None:
    assert look_alike in {m.film_id for m in index.search(typed)}  # the ranking does find it...
    with pytest.raises(FilmNotFound) as caught:  # ...but it is only offered, never answered
        resolve(index, typed, 0)
    assert caught.value.query == typed
    assert look_alike in {m.film_id for m in caught.value.suggestions}


@pytest.mark.parametrize(
    "typed",
    ["godfather 2", "Godfather II", "godfather part 2", "The Godfather: Part Two", "godfather pt. ii"],
)
def test_sequel_number_however_written(index: TitleIndex, typed: str) -> None:
    assert resolve(index, typed, 0).film_id == 13


@pytest.mark.parametrize(
    ("typed", "film_id"),
    [("godfather", 12), ("kill bill volume 1", 22), ("kill bill 1", 22), ("rocky 4", 23), ("Rocky IV", 23)],
)
def test_numbers_written_either_way(index: TitleIndex, typed: str, film_id: int) -> None:
    assert resolve(index, typed, 0).film_id == film_id


@pytest.mark.parametrize(("typed", "original"), [("alien 3", 14), ("toy story 3", 15), ("escape plan 2", 16)])
def test_absent_sequel_is_not_the_original(index: TitleIndex, typed: str, original: int) -> None:
    with pytest.raises(FilmNotFound) as caught:
        resolve(index, typed, 0)
    assert original in {m.film_id for m in caught.value.suggestions}


def test_popularity_decides_between_equal_typos(index: TitleIndex) -> None:
    assert resolve(index, "plup fiction", 0).film_id == 11  # one transposition from each
    assert resolve(index, "plump fiction", 0).film_id == 10  # typed exactly: the parody


def test_typed_year_no_film_has_is_reported(index: TitleIndex) -> None:
    found = resolve_title(index, "Titanic 2012", 0)
    assert (found.match.film_id, found.year_not_found) == (17, 2012)
    right = resolve_title(index, "Titanic (1997)", 0)
    assert (right.match.film_id, right.year_not_found) == (17, None)


def test_near_tie_decided_by_notability_only_when_one_dwarfs(index: TitleIndex) -> None:
    assert resolve(index, "aliens", 0).film_id == 18  # 63,961 votes against 18
    assert resolve(index, "aliens 1993", 0).film_id == 19
    with pytest.raises(AmbiguousTitle) as caught:  # 700 against 800: ask
        resolve(index, "alice in wonderland", 0)
    assert {m.film_id for m in caught.value.candidates} == {20, 21}


@pytest.mark.parametrize(
    ("typed", "film_id"),
    [
        ("shawshank redemp", 24),  # most of a title no other title starts with
        ("shawshank redemption the", 24),
        ("redemption shawshank", 24),
        ("pulp fictoin", 11),
        ("infernal afairs", 25),
        ("the shawshnk redemption", 24),
    ],
)
def test_present_films_still_answered(index: TitleIndex, typed: str, film_id: int) -> None:
    assert resolve(index, typed, 0).film_id == film_id


def test_added_film_is_answered_once_present(index: TitleIndex) -> None:
    idx = TitleIndex(
        TitleEntry(fid, title, year, votes=votes, label=f"{title} ({year})")
        for fid, title, year, votes in LOOK_ALIKES
    )
    idx.add(TitleEntry(100, "Inception", 2010, votes=2_400_000, label="Inception (2010)"))
    assert resolve(idx, "inception", 0).film_id == 100
    assert resolve(idx, "inceptoin", 0).film_id == 100


def test_reply_says_the_typed_year_was_not_found(index: TitleIndex) -> None:
    from bot.core.film_replies import review_reply
    from bot.core.models import Film
    from bot.core.replies import resolution_notice, with_notice
    from bot.core.rich import Span

    film = Film(17, "Titanic", 1997)
    notice = resolution_notice(resolve_title(index, "titanic 2012", 0), film)
    reply = with_notice(review_reply(film, []), notice)
    assert reply.description[0] == Span("No Titanic from 2012; showing Titanic (1997).", "em")
    assert resolution_notice(resolve_title(index, "titanic", 0), film) is None
