"""Person-name matching as people type: surnames, typos, accents, prefixes, labels, namesakes."""

from __future__ import annotations

import pytest

from bot.core.people import Person, PersonIndex, main_roles, name_words
from bot.core.people_arrays import build

PEOPLE = [
    Person(1, "Christopher Nolan", ("director", "writer"), 1998, 2014, 3000),
    Person(2, "Nolan North", ("actor",), 1999, 2012, 40),
    Person(3, "Jonathan Nolan", ("writer",), 2006, 2014, 900),
    Person(4, "Jean-Pierre Jeunet", ("director",), 1991, 2013, 800),
    Person(5, "Władysław Pasikowski", ("director",), 2007, 2012, 50),
    Person(6, "Christopher N. Rowley", ("director",), 2006, 2006, 3),
    Person(7, "Mikael Håfström", ("director",), 2003, 2013, 400),
    Person(8, "John Smith", ("director",), 1950, 1960, 10),
    Person(9, "John Smith", ("actor",), 2001, 2010, 20),
]
INDEX = PersonIndex(PEOPLE)


def names(found: list[object]) -> list[str]:
    return [m.person.label for m in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("nolan", "Christopher Nolan (director, writer, 1998-2014)"),  # best known first
        ("christoper nolan", "Christopher Nolan (director, writer, 1998-2014)"),  # typo
        ("NOLAN, Christopher", "Christopher Nolan (director, writer, 1998-2014)"),
        ("jean pierre jeunet", "Jean-Pierre Jeunet (director, 1991-2013)"),
        ("Jean-Pierre Jeunet", "Jean-Pierre Jeunet (director, 1991-2013)"),
        ("mikael hafstrom", "Mikael Håfström (director, 2003-2013)"),  # accents folded
        ("wladyslaw pasikowski", "Władysław Pasikowski (director, 2007-2012)"),  # ł is not decomposed
    ],
)
def test_search_finds_the_person_meant(query: str, first: str) -> None:
    assert names(INDEX.search(query))[0] == first


def test_every_typed_word_must_match() -> None:
    assert INDEX.search("nolan zzzzzz") == []
    assert INDEX.search("") == []
    assert names(INDEX.search("jonathan nolan")) == ["Jonathan Nolan (writer, 2006-2014)"]


def test_autocomplete_takes_an_unfinished_last_word() -> None:
    assert names(INDEX.complete("christopher n"))[:2] == [
        "Christopher Nolan (director, writer, 1998-2014)",
        "Christopher N. Rowley (director, 2006)",
    ]
    assert names(INDEX.complete("no"))[0] == "Christopher Nolan (director, writer, 1998-2014)"
    assert names(INDEX.complete("jean-p")) == ["Jean-Pierre Jeunet (director, 1991-2013)"]
    assert names(INDEX.complete("christoper nol")) == ["Christopher Nolan (director, writer, 1998-2014)"]


def test_namesakes_are_two_choices_told_apart_by_role_and_years() -> None:
    found = INDEX.search("john smith")
    assert sorted(names(found)) == ["John Smith (actor, 2001-2010)", "John Smith (director, 1950-1960)"]
    assert len({m.person.id for m in found}) == 2


@pytest.mark.parametrize(
    ("credits", "roles"),
    [
        ({"director": 25, "actor": 30}, ("director", "actor")),  # Scorsese: cameos don't outrank directing
        ({"actor": 40, "writer": 2}, ("actor",)),
        ({"writer": 3, "director": 3}, ("director", "writer")),
        ({}, ()),
    ],
)
def test_main_roles(credits: dict[str, int], roles: tuple[str, ...]) -> None:
    assert main_roles(credits) == roles


def test_labels() -> None:
    assert Person(1, "A", ("actor",), 1990, 1990).label == "A (actor, 1990)"
    assert Person(1, "A", ("actor",)).label == "A (actor)"
    assert name_words("Ed Begley, Jr.") == ("ed", "begley", "jr")


def test_saved_arrays_answer_as_the_built_index() -> None:
    mapped = PersonIndex(arrays=build(PEOPLE))
    for query in ("nolan", "christoper nolan", "john smith", "jean pierre jeunet"):
        assert names(mapped.search(query)) == names(INDEX.search(query))
    assert names(mapped.complete("christopher n")) == names(INDEX.complete("christopher n"))
    assert mapped.person(4) == PEOPLE[3]
    assert mapped.person(99) is None


def test_people_added_or_changed_are_found_at_once() -> None:
    index = PersonIndex(PEOPLE)
    index.update([Person(20, "Zoë Nolan-Park", ("actor",), 2020, 2021, 5)])
    assert names(index.search("zoe nolan park")) == ["Zoë Nolan-Park (actor, 2020-2021)"]
    assert "Zoë Nolan-Park (actor, 2020-2021)" in names(index.search("nolan", 10))
    assert names(index.complete("zoe n")) == ["Zoë Nolan-Park (actor, 2020-2021)"]
    # Christopher Nolan directed one more film: one entry, as he is now, ranked by his new weight.
    index.update([Person(1, "Christopher Nolan", ("director", "writer"), 1998, 2023, 3100)])
    assert names(index.search("nolan", 10)).count("Christopher Nolan (director, writer, 1998-2023)") == 1
    assert not [n for n in names(index.search("nolan", 10)) if n.endswith("1998-2014)")]
    # A person whose last credit went is no longer found.
    index.update([Person(2, "", ())])
    assert "Nolan North (actor, 1999-2012)" not in names(index.search("nolan", 10))
    assert index.person(2) is None
    before = [names(index.search(q, 10)) for q in ("nolan", "zoe", "john smith")]
    index.compact()
    assert [names(index.search(q, 10)) for q in ("nolan", "zoe", "john smith")] == before
    assert len(index) == len(PEOPLE)  # one gone, one added


A, B = 111, 222
# Servers' own people: Nolan Quill is credited on server A's films only, Nolan Wren on A's and B's.
SCOPED = [
    *PEOPLE,
    Person(30, "Nolan Quill", ("director",), 2022, 2022, 99_999, (A,)),
    Person(31, "Nolan Wren", ("actor",), 2021, 2023, 2, (A, B)),
]


@pytest.mark.parametrize("how", ["built", "saved", "changed", "compacted"])
def test_each_server_sees_the_shared_people_and_its_own(how: str) -> None:
    if how == "saved":
        index = PersonIndex(arrays=build(SCOPED))
    elif how in ("changed", "compacted"):
        index = PersonIndex(PEOPLE)
        index.update(SCOPED[len(PEOPLE) :])
        if how == "compacted":
            index.compact()
    else:
        index = PersonIndex(SCOPED)
    seen = {g: names(index.search("nolan", 25, guild_id=g)) for g in (0, A, B, 333)}
    assert seen[A][0] == "Nolan Quill (director, 2022)"  # best known here, though no one else sees him
    assert {"Nolan Quill (director, 2022)", "Nolan Wren (actor, 2021-2023)"} <= set(seen[A])
    assert "Nolan Quill (director, 2022)" not in seen[B] and "Nolan Wren (actor, 2021-2023)" in seen[B]
    assert seen[0] == seen[333] == names(INDEX.search("nolan", 25))  # shared people only
    assert names(index.complete("nolan q", guild_id=A)) == ["Nolan Quill (director, 2022)"]
    assert index.complete("nolan q", guild_id=B) == index.complete("nolan q") == []
    assert index.person(30, A) == SCOPED[-2] and index.person(30, B) is None and index.person(30) is None
    assert index.person(31, B) == SCOPED[-1] and index.person(1, B) == PEOPLE[0]


def test_a_servers_person_crowds_out_no_one_elsewhere() -> None:
    """A server's many own people, best known of all, still leave other servers full answers."""
    crowd = [Person(100 + n, f"John Crowd{n}", ("actor",), 2020, 2020, 10**6, (A,)) for n in range(40)]
    index = PersonIndex([*PEOPLE, *crowd])
    assert names(index.complete("joh", 2, guild_id=B)) == [
        "John Smith (actor, 2001-2010)",
        "John Smith (director, 1950-1960)",
    ]
    assert len(index.complete("john", 25, guild_id=A)) == 25
