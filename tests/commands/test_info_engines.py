"""/film, /person, /films, /pick and /similar give the same answers on SQLite and on PostgreSQL,
each over its own copy of the real starter catalogue (bot/store/film_info.py, bot/store/starter.py)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.discovery import Discovery, Order
from bot.core.models import Caller
from bot.core.replies import Reply
from bot.store.film_info import SqliteFilmInfo
from bot.wiring import Services, open_services
from tests.conftest import call, starter_copy, text

# (command, positional values, options): cards, filmographies and discovery lists, filters and orders.
ASKED: list[tuple[str, tuple[object, ...], dict[str, object]]] = [
    ("film", ("heat 1995",), {}),
    ("film", ("backtrace",), {}),
    ("film", ("memento",), {}),
    ("film", ("the godfather",), {}),
    ("person", ("christoper nolan",), {}),
    ("person", ("robert de niro",), {}),
    ("person", ("akira kurosawa",), {}),
    ("films", ("Horror", None, "1980s"), {}),
    ("films", (), {"person": "christopher nolan", "order": "newest"}),
    ("films", (), {"country": "France", "years": "1960-1969", "order": "oldest"}),
    ("films", ("Drama",), {"language": "japanese", "order": "critics' score"}),
    ("films", (), {"order": "newest"}),
    ("similar", ("memento",), {}),
    ("similar", ("the godfather",), {}),
    ("similar", ("alien 1979",), {"years": "2000s"}),
    ("similar", ("heat 1995",), {"genre": "comedy"}),
]


@pytest.fixture
async def both(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[tuple[Services, Services]]:
    (tmp_path / "sqlite").mkdir()
    lite = await open_services(await starter_copy("sqlite", tmp_path / "sqlite", request))
    try:
        pg = await open_services(await starter_copy("postgres", tmp_path, request))
        try:
            yield lite, pg
        finally:
            await pg.close()
    finally:
        await lite.close()


def shown(reply: Reply) -> list[str]:
    """What a member sees: the reply and each of its pages."""
    return [text(reply)] + [text(reply.turn(n)) for n in range(len(reply.pages))]


async def test_film_person_films_similar_answer_the_same_on_both_engines(
    both: tuple[Services, Services],
) -> None:
    lite, pg = both
    for path, values, options in ASKED:
        on_sqlite = shown(await call(lite, path, Caller(), *values, **options))
        on_postgres = shown(await call(pg, path, Caller(), *values, **options))
        assert on_postgres == on_sqlite, f"/{path} {values} {options}"
        assert len(on_sqlite[0]) > 40, f"/{path} {values} {options} said almost nothing"


async def test_pick_counts_and_facets_are_the_same_on_both_engines(both: tuple[Services, Services]) -> None:
    lite, pg = (SqliteFilmInfo(services.db) for services in both)
    queries = [
        Discovery(genre="western", years=(1960, 1969)),
        Discovery(country="Japan", order=Order.NEWEST),
        Discovery(),
    ]
    for query in queries:
        count = await lite.count(query, 0)
        assert count > 0 and await pg.count(query, 0) == count
        for seed in range(5):
            picked = await lite.pick(query, 0, random.Random(seed))
            other = await pg.pick(query, 0, random.Random(seed))
            assert picked is not None and other is not None and other.label == picked.label
    for kind, typed in (("genre", ""), ("country", "un"), ("language", "fr")):
        values = await lite.facet_values(kind, typed)
        assert values and await pg.facet_values(kind, typed) == values
    assert await pg.genre_stats() == await lite.genre_stats()
    assert sorted(p.label for p in await pg.people()) == sorted(p.label for p in await lite.people())
