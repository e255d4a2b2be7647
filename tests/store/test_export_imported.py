"""A server that reviewed, linked or aliased imported films exports a file that imports back (issue 13)."""

from __future__ import annotations

import sqlite3

import pytest

from bot.core.models import Film, Review
from bot.store.bulk import bulk_import
from bot.store.curation import SqliteCuration
from bot.store.database import Database
from bot.store.films import film_from_row
from bot.store.transfer import SqliteFiles
from tests.conftest import ROOT

# Reads the file with sqlite3 directly.
pytestmark = pytest.mark.sqlite_only

FIXTURES = ROOT / "tests" / "fixtures"


def film(db: Database, key: str, guild: int = 0) -> Film:
    with sqlite3.connect(db.path) as con:
        con.row_factory = sqlite3.Row
        row = con.execute(
            "SELECT * FROM film_rows WHERE seed_key = ? AND guild_id = ?", (key, guild)
        ).fetchone()
    return film_from_row(row)


async def test_export_of_reviews_and_links_on_imported_films_imports_back_unchanged(db: Database) -> None:
    await bulk_import(db, FIXTURES / "imdb" / "title.basics.tsv", 0)  # shared films keyed imdb:tt…
    own = await bulk_import(db, FIXTURES / "shapes" / "movielens_years.csv", 7)  # the server's own imports
    assert own.added == 3 and own.skipped == {"already in the shared catalogue": 1}  # The Matrix
    curation, files = SqliteCuration(db), SqliteFiles(db)
    godfather, memento = film(db, "imdb:tt0068646"), film(db, "imdb:tt0209144")
    await curation.add_review(
        7, 1, godfather, Review(0, godfather.id, "An offer you can't refuse.", "Empire")
    )
    await curation.link(7, 1, godfather, memento, "Both rewatchable")
    await curation.add_alias(7, 1, memento, "Memento (the one backwards)")
    toy = film(db, "movielens:1", 7)
    await curation.add_review(7, 1, toy, Review(0, toy.id, "To infinity.", "Sight and Sound"))
    exported = await files.export_text(7)
    assert "film: imdb:tt0068646" in exported and "id: movielens:1" in exported
    again = await files.import_text(7, 1, exported, "back.yaml")
    assert again.empty, again
    elsewhere = await files.import_text(8, 1, exported, "other.yaml")
    assert "review of imdb:tt0068646 from Empire" in elsewhere.added
    assert "film Toy Story (1995)" in elsewhere.added and elsewhere.changed == []
    assert await files.export_text(8) == exported
