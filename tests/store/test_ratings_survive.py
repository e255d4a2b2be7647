"""Members' ratings survive re-seeding and re-importing, and never leave their server in a file.

What re-seeding may delete is decided by bot/store/references.py (tests/store/test_references.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.store.bulk import bulk_import
from bot.store.database import Database
from bot.store.ratings import SqliteRatings
from bot.store.seeding import seed
from bot.store.transfer import export_catalogue, import_catalogue, validate
from tests.conftest import DATA, ROOT
from tests.store.conftest import GUILD, OTHER_GUILD
from tests.store.test_references import data, edit_seed, film_row, seed_ids

__all__ = ["data"]  # the fixture

IMDB = ROOT / "tests" / "fixtures" / "imdb" / "title.basics.tsv"


async def test_a_rating_survives_reseeding_a_changed_seed(data: Path, db: Database) -> None:
    ratings = SqliteRatings(db)
    await seed(db, data)
    ids = await seed_ids(db)
    kept = await ratings.rate(GUILD, 7, ids["memento-2000"], 9, "still here", True)
    edit_seed(data, drop={"memento-2000", "211-2018"}, retitle="Backtrace (Director's Cut)")
    assert await seed(db, data) is True
    assert await film_row(db, ids["memento-2000"]) == ("memento-2000", "Memento", "seed")
    assert await film_row(db, ids["211-2018"]) is None  # nothing of anyone else's on it: it goes
    assert await ratings.rating(GUILD, 7, ids["memento-2000"]) == kept.rating
    # Back in the seed: the same film, the same rating, nothing re-attached.
    shutil.copy(DATA / "films.yaml", data / "films.yaml")
    shutil.copy(DATA / "similar.yaml", data / "similar.yaml")
    assert await seed(db, data) is True
    assert (await seed_ids(db))["memento-2000"] == ids["memento-2000"]
    assert await ratings.rating(GUILD, 7, ids["memento-2000"]) == kept.rating


async def test_a_rating_survives_reimporting_datasets_and_the_seed_adopting_them(
    data: Path, db: Database
) -> None:
    ratings = SqliteRatings(db)
    await seed(db, data)
    await bulk_import(db, IMDB, 0)
    matrix = int((await db.fetchone("SELECT id FROM films WHERE seed_key = 'imdb:tt0133093'"))[0])  # type: ignore[index]
    kept = await ratings.rate(GUILD, 7, matrix, 10, "whoa", False)
    changed = data.parent / "title.basics.tsv"
    changed.write_text(IMDB.read_text().replace("The Matrix\tThe Matrix", "The Matrix!\tThe Matrix"))
    await bulk_import(db, IMDB, 0)  # the same file again
    await bulk_import(db, changed, 0)  # and a changed one
    assert await film_row(db, matrix) == ("imdb:tt0133093", "The Matrix", "import")
    assert (await ratings.rating(GUILD, 7, matrix)) is not None
    # The seed now ships the film too: it adopts the imported row rather than making a second one.
    edit_seed(data, drop=set(), films=({"id": "the-matrix-1999", "title": "The Matrix", "year": 1999},))
    assert await seed(db, data) is True
    assert await film_row(db, matrix) == ("the-matrix-1999", "The Matrix", "seed")
    after = await ratings.rating(GUILD, 7, matrix)
    assert after is not None and (after.id, after.halves, after.review) == (kept.rating.id, 10, "whoa")


CATALOGUE = """
films:
  - id: our-film
    title: Our Film
    year: 2020
"""


async def test_catalogue_files_never_carry_ratings_and_reimport_keeps_them(db: Database) -> None:
    ratings = SqliteRatings(db)
    await import_catalogue(db, GUILD, 1, await validate(db, GUILD, CATALOGUE, "ours.yaml"))
    film = int((await db.fetchone("SELECT id FROM films WHERE seed_key = 'our-film'"))[0])  # type: ignore[index]
    await ratings.rate(GUILD, 7, film, 8, "A secret opinion", True)
    exported = await export_catalogue(db, GUILD)
    assert "Our Film" in exported
    assert "secret" not in exported and "rating" not in exported.lower() and "stars" not in exported
    changed = exported.replace("Our Film", "Our Film Restored")
    report = await import_catalogue(db, GUILD, 1, await validate(db, GUILD, changed, "again.yaml"))
    assert report.changed == ["film Our Film Restored (2020)"]
    rating = await ratings.rating(GUILD, 7, film)
    assert rating is not None and rating.film_label == "Our Film Restored (2020)"
    await import_catalogue(db, OTHER_GUILD, 1, await validate(db, OTHER_GUILD, exported, "copy.yaml"))
    row = await db.fetchone("SELECT count(*) FROM ratings WHERE guild_id = ?", (OTHER_GUILD,))
    assert row is not None and row[0] == 0
