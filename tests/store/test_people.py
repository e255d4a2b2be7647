"""People and credits as rows: carried over from version 2, written by every path, queried by person."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bot.core.models import Credit, Film
from bot.store.bulk import bulk_import
from bot.store.catalogue import SqliteCatalogue
from bot.store.curation import SqliteCuration
from bot.store.database import connect
from bot.store.films import write_films
from bot.store.sql import Sql
from tests.conftest import ROOT

MIGRATIONS = ROOT / "bot" / "store" / "migrations"
FIXTURES = ROOT / "tests" / "fixtures"


def version_2_database(path: Path) -> None:
    """A database as filmbot left it before people were rows, with data in the old columns."""
    with sqlite3.connect(path) as con:
        for name in ("0001_init.sql", "0002_curation.sql"):
            con.executescript((MIGRATIONS / name).read_text(encoding="utf-8"))
        films = [
            (1, "matrix-1999", "The Matrix", "matrix", 1999, "Lana Wachowski, Lilly Wachowski",
             [{"name": "Keanu Reeves", "role": "Neo"}, {"name": "Carrie-Anne Moss", "role": None}], "seed"),
            (2, "john-wick-2014", "John Wick", "john wick", 2014, "Chad Stahelski",
             [{"name": "Keanu Reeves", "role": "John Wick"}], "import"),
            (3, "quiet-2020", "Quiet", "quiet", 2020, None, [], "admin"),
        ]  # fmt: skip
        for film_id, key, title, title_key, year, director, cast, origin in films:
            con.execute(
                "INSERT INTO films (id, guild_id, seed_key, title, title_key, year, director, cast_json,"
                " origin) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
                (film_id, key, title, title_key, year, director, json.dumps(cast), origin),
            )
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 2


async def test_a_version_2_database_keeps_its_films_and_people(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    version_2_database(path)
    db = await connect(path)
    try:
        catalogue = SqliteCatalogue(db)
        matrix, wick, quiet = [await catalogue.film(n, 0) for n in (1, 2, 3)]
        assert matrix is not None and wick is not None and quiet is not None
        assert matrix.credits == (
            Credit("Lana Wachowski", "director", 0),
            Credit("Lilly Wachowski", "director", 1),
            Credit("Keanu Reeves", "cast", 0, "Neo"),
            Credit("Carrie-Anne Moss", "cast", 1),
        )
        assert matrix.director == "Lana Wachowski, Lilly Wachowski"
        assert [(m.name, m.role) for m in wick.cast] == [("Keanu Reeves", "John Wick")]
        assert quiet.credits == ()
        [keanu] = await catalogue.people_named("keanu  REEVES")
        assert [f.title for f in await catalogue.films_with(keanu.id, 0)] == ["The Matrix", "John Wick"]
        columns = {row[1] for row in await db.fetchall("PRAGMA table_info(films)")}
        assert not {"director", "cast_json"} & columns  # the credits are the truth
        assert (await db.fetchone("SELECT count(*) FROM people"))[0] == 5  # type: ignore[index]
    finally:
        await db.close()


async def test_films_with_a_person_is_one_indexed_query(db: Sql) -> None:
    films = [
        Film(0, "Heat", 1995, credits=(Credit("Michael Mann", "director"), Credit("Al Pacino", "cast")), votes=700, key="heat"),
        Film(0, "Collateral", 2004, credits=(Credit("Michael Mann", "director"),), votes=500, key="collateral"),
        Film(0, "Scarface", 1983, credits=(Credit("Al Pacino", "cast"),), votes=900, key="scarface"),
        Film(0, "Thief", 1981, credits=(Credit("Michael Mann", "writer"),), votes=10, key="thief"),
    ]  # fmt: skip
    async with db.transaction():
        await write_films(db, films, 0, "seed")
    catalogue = SqliteCatalogue(db)
    [mann] = await catalogue.people_named("Michael Mann")
    assert [f.title for f in await catalogue.films_with(mann.id, 0)] == ["Heat", "Collateral", "Thief"]
    assert [f.title for f in await catalogue.films_with(mann.id, 0, "director")] == ["Heat", "Collateral"]
    assert [f.title for f in await catalogue.films_with(mann.id, 5, "writer")] == ["Thief"]
    if db.dialect == "sqlite":
        plan = await db.fetchall(
            "EXPLAIN QUERY PLAN SELECT film_id FROM credits WHERE person_id = ? AND (? IS NULL OR role = ?)",
            (mann.id, None, None),
        )
        assert any("credits_by_person" in row[3] for row in plan)
    else:  # a handful of rows is scanned whatever the indexes: check the index is the one SQLite uses
        row = await db.fetchone("SELECT indexdef FROM pg_indexes WHERE indexname = 'credits_by_person'")
        assert row is not None and "(person_id, role, film_id)" in row[0]


async def test_admin_edits_write_credits(db: Sql) -> None:
    store = SqliteCuration(db)
    film = await store.add_film(
        9, 1, Film(0, "Zebra", 2022, credits=(Credit("Ann Lee", "director"), Credit("Bo Chan", "cast", 0, "Zed")), key="zebra-2022")
    )  # fmt: skip
    assert film.id and film.key == "zebra-2022"
    catalogue = SqliteCatalogue(db)
    stored = await catalogue.film(film.id, 9)
    assert stored is not None and stored.credits == film.credits
    await store.edit_film(9, 1, film.id, "director", ("Cy Dee", "Ann Lee"))
    edited = await catalogue.film(film.id, 9)
    assert edited is not None and edited.director == "Cy Dee, Ann Lee"
    assert [m.name for m in edited.cast] == ["Bo Chan"]  # the cast is untouched
    [cy] = await catalogue.people_named("cy dee")
    assert [f.id for f in await catalogue.films_with(cy.id, 9)] == [film.id]
    assert await catalogue.films_with(cy.id, 10) == []  # another server does not see it


async def test_imdb_people_keep_their_ids_and_writers(db: Sql) -> None:
    await bulk_import(db, FIXTURES / "imdb" / "title.basics.tsv", 0)
    rows = await db.fetchall("SELECT name, source_key FROM people WHERE name = 'Christopher Nolan'")
    assert [tuple(row) for row in rows] == [("Christopher Nolan", "imdb:nm0634240")]
    catalogue = SqliteCatalogue(db)
    [nolan] = await catalogue.people_named("Christopher Nolan")
    assert "Memento" in [f.title for f in await catalogue.films_with(nolan.id, 0, "director")]


async def test_csv_rows_write_credits(db: Sql, tmp_path: Path) -> None:
    dataset = tmp_path / "films.csv"
    dataset.write_text("id,title,year,director,cast\n1,Heat,1995,Michael Mann,Al Pacino; Robert De Niro\n")
    await bulk_import(db, dataset, 0)
    catalogue = SqliteCatalogue(db)
    [pacino] = await catalogue.people_named("al pacino")
    [heat] = await catalogue.films_with(pacino.id, 0)
    assert heat.director == "Michael Mann" and [m.name for m in heat.cast] == ["Al Pacino", "Robert De Niro"]


async def test_seed_yaml_writes_credits(db: Sql) -> None:
    from bot.store.seeding import seed

    await seed(db, ROOT / "data")
    catalogue = SqliteCatalogue(db)
    [nolan] = await catalogue.people_named("Christopher Nolan")
    assert [f.title for f in await catalogue.films_with(nolan.id, 0, "director")] == ["Memento"]


async def test_a_file_with_people_exports_and_imports_back_unchanged(db: Sql) -> None:
    from bot.store.transfer import SqliteFiles

    files = SqliteFiles(db)
    text = (
        "films:\n  - id: twins-2030\n    title: Twins Again\n    year: 2030\n"
        "    director: [Ann Lee, Bo Chan]\n    writers: [Cy Dee]\n"
        "    cast:\n      - name: Di Eve\n        role: Herself\n      - Ed Fox\n"
    )
    first = await files.import_text(4, 1, text, "up.yaml")
    assert first.added == ["film Twins Again (2030)"]
    exported = await files.export_text(4)
    assert "- Ann Lee" in exported and "- Bo Chan" in exported and "- Cy Dee" in exported
    again = await files.import_text(4, 1, exported, "again.yaml")
    assert again.empty, again
    [cy] = await SqliteCatalogue(db).people_named("Cy Dee")
    [film] = await SqliteCatalogue(db).films_with(cy.id, 4, "writer")
    assert film.director == "Ann Lee, Bo Chan" and [m.role for m in film.cast] == ["Herself", None]


async def test_a_keyless_legacy_film_is_edited_in_place(db: Sql) -> None:
    store = SqliteCuration(db)
    film = await store.add_film(3, 1, Film(0, "Old Row", 1999, key="old-row-1999"))
    await db.execute("UPDATE films SET seed_key = NULL WHERE id = ?", (film.id,))
    edited = await store.edit_film(3, 1, film.id, "year", 2001)
    assert edited.id == film.id and edited.key
    rows = await db.fetchall("SELECT id, year FROM films WHERE guild_id = 3")
    assert [tuple(row) for row in rows] == [(film.id, 2001)]  # the same row, not a new one
