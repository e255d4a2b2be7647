"""/film, /person, /films, /pick, /about and computed /similar on the real starter catalogue
(the /person tests on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest

from bot.commands.info import find_person
from bot.core.discovery import Discovery, Order
from bot.core.errors import InvalidInput
from bot.core.models import Caller
from bot.wiring import Services
from tests.conftest import call, run, text


async def test_film_card(starter_services: Services) -> None:
    reply = await call(starter_services, "film", Caller(), "heat 1995")
    assert reply.title == "Heat (1995)"
    fields = {f.name: text_of(f.value) for f in reply.fields}
    assert fields["Directed by"] == "Michael Mann"
    assert fields["With"].startswith(("Robert De Niro", "Al Pacino"))  # best known first, not alphabetical
    assert "2 h 50 min" in fields["Details"] and "United States" in fields["Details"]
    assert fields["Critics"].startswith("Rotten Tomatoes 84%")
    assert reply.footer == "/review Heat (1995) · /similar Heat (1995)"


def text_of(value: object) -> str:
    return "".join(span.text for span in value)  # type: ignore[attr-defined]


async def test_a_yaml_only_film_has_a_card_too(starter_services: Services) -> None:
    reply = await call(starter_services, "film", Caller(), "backtrace")
    assert reply.title == "Backtrace (2021)" and "Brian A. Miller" in text(reply)


@pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])
async def test_person_filmography(starter_services: Services) -> None:
    reply = await call(starter_services, "person", Caller(), "christoper nolan")
    assert reply.title == "Christopher Nolan (director, writer, 1998-2014)"
    body = text(reply)
    assert "Directed\nFollowing (1998), Memento (2000), Insomnia (2002)" in body


@pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])
async def test_person_unknown_says_what_to_do(starter_services: Services) -> None:
    with pytest.raises(InvalidInput, match="pick a name from the list"):
        await call(starter_services, "person", Caller(), "zzqx qqzz")


@pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])
async def test_person_autocomplete_carries_ids(starter_services: Services) -> None:
    choices = await starter_services.commands.complete("person", "name", Caller(), "jean-pierre jeun")
    assert choices[0].name == "Jean-Pierre Jeunet (director, writer, 1991-2013)"
    assert choices[0].value.startswith("person:")
    reply = await call(starter_services, "person", Caller(), choices[0].value)
    assert "Amélie (2001)" in text(reply)


async def test_films_discovery_filters(starter_services: Services) -> None:
    reply = await call(starter_services, "films", Caller(), "Horror", None, "1980s")
    assert reply.title == "Films"
    assert reply.fields[0].name == "Aliens (1986)"
    assert "directed by James Cameron" in text_of(reply.fields[0].value)
    assert len(reply.pages) > 1  # paginated
    newest = await call(starter_services, "films", Caller(), person="christopher nolan", order="newest")
    assert [f.name for f in newest.fields][:2] == ["Interstellar (2014)", "Man of Steel (2013)"]
    french = await call(starter_services, "films", Caller(), country="France", years="1960-1969")
    assert all(1960 <= int(f.name[-5:-1]) <= 1969 for f in french.fields)


async def test_films_bad_years_are_explained(starter_services: Services) -> None:
    reply = await run(starter_services, Caller(), "films", years="nineties")
    assert reply.error and "try 1994, 1990-1999 or 1990s" in text(reply)


async def test_pick_gives_one_matching_film(starter_services: Services) -> None:
    reply = await call(starter_services, "pick", Caller(), "Western", None, "1960s")
    assert reply.title is not None and 1960 <= int(reply.title[-5:-1]) <= 1969
    assert "Western" in text(reply)


async def test_computed_similar_with_reason_after_curated(starter_services: Services) -> None:
    reply = await call(starter_services, "similar", Caller(), "memento")
    names = [f.name for f in reply.fields]
    assert names[0] == "Backtrace (2021)"  # the curated link first
    reasons = [text_of(f.value) for f in reply.fields[1:]]
    assert reasons[0].startswith("Same director Christopher Nolan")
    assert sum(r.startswith("Same director Christopher Nolan") for r in reasons) == 2  # the cap
    assert all(r for r in reasons)  # every suggestion says why


async def test_about_names_the_source_and_licence(starter_services: Services) -> None:
    reply = await call(starter_services, "about", Caller())
    assert "Wikidata" in text(reply) and "CC0" in text(reply)


async def test_similar_narrowed_by_years_keeps_every_reason(starter_services: Services) -> None:
    reply = await call(starter_services, "similar", Caller(), "alien 1979", years="2000s")
    assert reply.title == "If you liked Alien (1979): 2000-2009"
    years = [int(f.name[-5:-1]) for f in reply.fields]
    assert len(years) >= 5 and all(2000 <= y <= 2009 for y in years)
    reasons = [text_of(f.value) for f in reply.fields]
    assert reasons[0] == "Same director Ridley Scott" and all(reasons)
    plain = await call(starter_services, "similar", Caller(), "alien 1979")
    assert any(not 2000 <= int(f.name[-5:-1]) <= 2009 for f in plain.fields)  # the narrowing did it


async def test_similar_narrowed_by_genre(starter_services: Services) -> None:
    reply = await call(starter_services, "similar", Caller(), "heat 1995", genre="comedy")
    assert reply.title == "If you liked Heat (1995): comedy" and len(reply.fields) >= 5
    for suggestion in reply.fields:
        card = await call(starter_services, "film", Caller(), suggestion.name)
        assert "Comedy" in {f.name: text_of(f.value) for f in card.fields}["Genres"], suggestion.name
        assert text_of(suggestion.value)  # the reason is still shown


async def test_similar_narrowed_drops_curated_links_outside_it(starter_services: Services) -> None:
    names = [
        f.name for f in (await call(starter_services, "similar", Caller(), "memento", years="1990s")).fields
    ]
    assert "Backtrace (2021)" not in names and "Following (1998)" in names
    kept = await call(starter_services, "similar", Caller(), "memento", years="2021")
    assert kept.fields[0].name == "Backtrace (2021)"  # the curated link, first as ever


async def test_similar_narrowed_to_nothing_says_what_to_try(starter_services: Services) -> None:
    reply = await call(starter_services, "similar", Caller(), "memento", genre="No Such Genre", years="1950s")
    assert reply.fields == () and "try without the genre or the years" in text(reply)
    bad = await run(starter_services, Caller(), "similar", title="memento", years="the nineties")
    assert bad.error and "try 1994, 1990-1999 or 1990s" in text(bad)


DISCOVERIES = [
    Discovery(),
    Discovery(genre="Drama", order=Order.NEWEST),
    Discovery(genre="drama", order=Order.CRITICS),
    Discovery(genre="Comedy", years=(1990, 1999), order=Order.OLDEST),
    Discovery(country="France", language="French", years=(1960, 1969)),
    Discovery(genre="Western", country="United States", order=Order.NEWEST),
    Discovery(language="Japanese", order=Order.CRITICS),
    Discovery(years=(2010, 2014), order=Order.NEWEST),
    Discovery(years=(1950, 1950)),
    Discovery(genre="Horror", country="India"),
    Discovery(genre="no such genre"),
]


async def test_the_facet_index_answers_as_the_sql_does(starter_services: Services) -> None:
    deps = starter_services.commands.deps
    info, follower, people = deps.info, deps.facets, deps.people
    assert info is not None and follower is not None and people is not None
    assert follower.index is None  # built on first use, not at start-up
    index = await follower.ready()
    nolan = find_person(people, "christopher nolan", 0)[0].id
    by_nolan = [Discovery(person_id=nolan, order=order) for order in Order]
    for query in [*DISCOVERIES, *by_nolan, Discovery(person_id=nolan, years=(2000, 2009), genre="Thriller")]:
        films = await follower.source.films_of(nolan) if query.person_id else None
        found = index.find(query, 0, 200, films)
        assert await follower.source.listed(found.film_ids) == await info.discover(query, 0, 200), query
        assert found.total == await info.count(query, 0), query
        assert found.total > 0 or query.genre == "no such genre", query


async def test_films_and_pick_answer_the_same_before_and_after_the_index(starter_services: Services) -> None:
    before = await call(starter_services, "films", Caller(), "Horror", None, "1980s", order="newest")
    person = await call(starter_services, "films", Caller(), person="christopher nolan", order="oldest")
    follower = starter_services.commands.deps.facets
    assert follower is not None
    await follower.ready()
    assert await call(starter_services, "films", Caller(), "Horror", None, "1980s", order="newest") == before
    assert (
        await call(starter_services, "films", Caller(), person="christopher nolan", order="oldest") == person
    )
    assert "The first 200 of" in text(before)
    picked = await call(starter_services, "pick", Caller(), "Western", None, "1960s", "Italy")
    assert picked.title is not None and 1960 <= int(picked.title[-5:-1]) <= 1969 and "Italy" in text(picked)


async def test_a_film_a_server_adds_is_found_at_once_and_only_there(starter_services: Services) -> None:
    follower = starter_services.commands.deps.facets
    assert follower is not None
    await follower.ready()
    curator = Caller(guild_id=111, user_id=1, can_manage_guild=True)
    await call(starter_services, "catalogue add-film", curator, "Zebra Crossing", 2022)
    listed = await call(starter_services, "films", curator, years="2022")
    assert [f.name for f in listed.fields] == ["Zebra Crossing (2022)"]
    assert "No film" in text(await call(starter_services, "films", Caller(guild_id=222), years="2022"))
    await call(starter_services, "catalogue remove-film", curator, "Zebra Crossing")
    assert "No film" in text(await call(starter_services, "films", curator, years="2022"))
