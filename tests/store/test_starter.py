"""The starter catalogue in a real database: one catalogue with the YAML seed, and its queries."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bot.core.discovery import Discovery, Order
from bot.core.models import Caller
from bot.core.people import PersonIndex
from bot.core.rich import plain_text
from bot.core.similarity import Narrowing, similar_to
from bot.settings import Settings
from bot.store.film_info import SqliteFilmInfo
from bot.store.starter import load_starter
from bot.wiring import Services, open_services
from tests.conftest import STARTER, call, text

# The same answers from both engines (bot/store/film_info.py, bot/store/starter.py).
pytestmark = pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])


async def film_id(services: Services, title: str, year: int) -> int:
    rows = await services.db.fetchall("SELECT id FROM films WHERE title = ? AND year = ?", (title, year))
    assert len(rows) == 1, f"{title} ({year}) is {len(rows)} films"
    return int(rows[0][0])


async def test_a_film_in_both_is_one_film_with_curated_reviews_and_starter_credits(
    starter_services: Services,
) -> None:
    memento = await film_id(starter_services, "Memento", 2000)
    film = await starter_services.catalogue.film(memento, 0)
    assert film is not None and film.key == "memento-2000"
    assert film.synopsis  # the YAML's, kept
    assert [s.film.label for s in await starter_services.catalogue.similar(memento, 0)] == [
        "Backtrace (2021)"
    ]
    names = {c.name for c in film.credits}
    assert {"Christopher Nolan", "Carrie-Anne Moss", "Stephen Tobolowsky"} <= names  # starter cast added
    escape_plan = await film_id(starter_services, "Escape Plan", 2013)  # exactly one
    film = await starter_services.catalogue.film(escape_plan, 0)
    assert film is not None and film.key == "escape-plan-2013" and film.synopsis
    assert "Jason Keller" in {c.name for c in film.credits if c.role == "writer"}
    await film_id(starter_services, "American Heist", 2014)
    matches = starter_services.index.complete("memento", 0)
    assert [m.label for m in matches].count("Memento (2000)") == 1


async def test_every_starter_film_is_there_keyed_by_its_imdb_id(starter_services: Services) -> None:
    row = await starter_services.db.fetchone("SELECT count(*) FROM film_details")
    assert row is not None and row[0] == 17_472
    singers = await starter_services.db.fetchall(
        "SELECT seed_key FROM films WHERE title = 'The Singer' AND year = 2006 ORDER BY seed_key"
    )
    assert [r[0] for r in singers] == ["imdb:tt0458522", "imdb:tt0464828"]  # two films, one title and year


async def test_yaml_only_films_keep_working(starter_services: Services) -> None:
    backtrace = await film_id(starter_services, "Backtrace", 2021)
    film = await starter_services.catalogue.film(backtrace, 0)
    assert film is not None and film.director == "Brian A. Miller"
    assert await starter_services.catalogue.reviews(backtrace, 0)


async def test_a_second_start_skips_the_unchanged_data(starter_settings: Settings) -> None:
    services = await open_services(starter_settings)
    try:
        assert await load_starter(services.db, STARTER) is False
        row = await services.db.fetchone("SELECT count(*) FROM film_details")
        assert row is not None and row[0] > 17_000
    finally:
        await services.close()


async def test_a_missing_extract_loads_nothing(starter_services: Services, tmp_path: Path) -> None:
    assert await load_starter(starter_services.db, tmp_path / "missing.jsonl.gz") is False


async def test_film_card_filmography_and_people(starter_services: Services) -> None:
    info = SqliteFilmInfo(starter_services.db)
    heat = await film_id(starter_services, "Heat", 1995)
    card = await info.film_info(heat, 0)
    assert card is not None and card.directors == ("Michael Mann",)
    assert card.details is not None and card.details.runtime == 170
    best_known = [name for name, _ in card.cast[:3]]
    assert "Robert De Niro" in best_known  # by films in the catalogue, not alphabetically
    people = PersonIndex(await info.people())
    nolan = people.search("christoper nolan")[0].person
    assert nolan.label == "Christopher Nolan (director, writer, 1998-2014)"
    films = await info.filmography(nolan.id, 0)
    assert [c.label for c in films][:2] == ["Following (1998)", "Memento (2000)"]


async def test_discovery_filters_and_orders(starter_services: Services) -> None:
    info = SqliteFilmInfo(starter_services.db)
    horror = await info.discover(Discovery(genre="horror", years=(1980, 1989)), 0, 5)
    labels = [listed.label for listed in horror]
    assert labels[0] == "Aliens (1986)" and "The Terminator (1984)" in labels
    assert horror[0].directors == "James Cameron"
    french = await info.discover(Discovery(country="France", language="french", order=Order.OLDEST), 0, 3)
    years = [int(listed.label[-5:-1]) for listed in french]
    assert years == sorted(years) and years[0] < 1960
    assert await info.count(Discovery(genre="no such genre"), 0) == 0
    pick = await info.pick(Discovery(genre="western", years=(1960, 1969)), 0, random.Random(4))
    assert pick is not None
    westerns = await info.discover(Discovery(genre="western", years=(1960, 1969)), 0, 1000)
    assert pick.film_id in {listed.film_id for listed in westerns}
    assert "Drama" in await info.facet_values("genre")


async def test_computed_similar_films_have_their_reason(starter_services: Services) -> None:
    info = SqliteFilmInfo(starter_services.db)
    found = await info.similarity_facts(await film_id(starter_services, "The Godfather", 1972), 0)
    assert found is not None
    target, candidates = found
    suggestions = similar_to(target, candidates, await info.genre_stats())
    first = suggestions[0]
    assert first.film.label.startswith("The Godfather Part")
    assert first.reason.startswith("Same series; same director Francis Ford Coppola")


async def test_similarity_candidates_narrowed_by_genre_and_years(starter_services: Services) -> None:
    info = SqliteFilmInfo(starter_services.db)
    godfather = await film_id(starter_services, "The Godfather", 1972)
    found = await info.similarity_facts(godfather, 0, Narrowing("comedy", (1990, 1999)))
    assert found is not None
    target, candidates = found
    assert target.title == "The Godfather"
    assert len(candidates) >= 10  # the people's later comedies, not an empty list
    assert all(c.year is not None and 1990 <= c.year <= 1999 and "Comedy" in c.genres for c in candidates)
    suggestions = similar_to(target, candidates, await info.genre_stats())
    assert suggestions and all(s.reason for s in suggestions)
    plain = await info.similarity_facts(godfather, 0)
    assert plain is not None and any(c.year is not None and c.year < 1990 for c in plain[1])


async def test_the_cast_is_billed_best_known_first_everywhere(starter_services: Services) -> None:
    """The source lists cast alphabetically (Abe Vigoda first in The Godfather): the load bills
    them by credits in the catalogue, as the /film card orders them, so /review agrees."""
    review = text(await call(starter_services, "review", Caller(), "the godfather"))
    starring = re.search(r"Starring ([^·\n]+)", review)
    assert starring is not None
    billed = starring.group(1).strip().split(", ")
    assert "Al Pacino" in billed and "Robert Duvall" in billed and "Abe Vigoda" not in billed
    card = await call(starter_services, "film", Caller(), "the godfather")
    with_field = next(plain_text(f.value) for f in card.fields if f.name == "With")
    assert with_field.split(", ")[:4] == billed


async def test_a_database_an_older_loader_filled_reloads_once(starter_settings: Settings) -> None:
    services = await open_services(starter_settings)
    try:
        before = await services.db.fetchone("SELECT count(*) FROM films")
        async with services.db.transaction():
            await services.db.execute("UPDATE meta SET value = 'loader 1' WHERE key = 'starter_digest'")
        assert await load_starter(services.db, STARTER) is True
        assert await load_starter(services.db, STARTER) is False
        after = await services.db.fetchone("SELECT count(*) FROM films")
        assert before is not None and after is not None and after[0] == before[0]  # the same films, rewritten
        review = text(await call(services, "review", Caller(), "the godfather"))
        assert "Starring Robert Duvall" in review
    finally:
        await services.close()
