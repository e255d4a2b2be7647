"""`filmbot stats` on both engines: where the films came from, in words an operator recognises."""

from __future__ import annotations

import pytest

from bot.store.stats import collect, describe
from bot.wiring import Services

pytestmark = pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])


async def test_the_starter_catalogue_is_named_as_such_not_as_an_imdb_import(
    starter_services: Services,
) -> None:
    stats = await collect(starter_services.db)
    sources = stats.films_by_source
    assert sources["starter catalogue (Wikidata)"] > 17_000
    assert sources["seed"] == 7 and "import imdb" not in sources  # the seed's films merged with the starter's
    assert stats.people > 60_000 and stats.ratings == 0 and stats.size_bytes > 1_000_000
    text = describe(stats)
    assert text.startswith(f"films: {sum(sources.values()):,}\n") and "starter catalogue (Wikidata): " in text


async def test_an_imported_film_is_counted_by_its_dataset(starter_services: Services) -> None:
    db = starter_services.db
    async with db.transaction():
        await db.execute(
            "INSERT INTO films (guild_id, seed_key, title, title_key, year, origin)"
            " VALUES (0, 'imdb:tt9999999', 'Zebra Crossing', 'zebra crossing', 2022, 'import'),"
            " (0, 'movielens:4242', 'Quiet Harbour', 'quiet harbour', 2021, 'import')"
        )
    sources = (await collect(db)).films_by_source
    assert sources["import imdb"] == 1 and sources["import movielens"] == 1
