import shutil
from pathlib import Path

import pytest

from bot.core.errors import DataFileError
from bot.store.catalogue import SqliteCatalogue
from bot.store.database import DatabaseError, connect
from bot.store.seeding import seed
from bot.store.sql import Sql
from tests.conftest import DATA, ROOT

MIGRATIONS = ROOT / "bot" / "store" / "migrations"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


async def counts(db: Sql) -> tuple[int, ...]:
    found = []
    for table in ("films", "reviews", '"similar"', "aliases"):
        row = await db.fetchone(f"SELECT count(*) FROM {table}")
        assert row is not None
        found.append(int(row[0]))
    return tuple(found)


async def test_seed_is_idempotent_and_updates(data: Path, db: Sql) -> None:
    assert await seed(db, data) is True
    first = await counts(db)
    assert first == (7, 3, 6, 1)
    assert await seed(db, data) is False
    assert await counts(db) == first
    films = (data / "films.yaml").read_text().replace("title: Memento", "title: Memento Remastered")
    (data / "films.yaml").write_text(films)
    assert await seed(db, data) is True
    async with db.execute("SELECT title FROM films WHERE seed_key = 'memento-2000'") as cursor:
        assert (await cursor.fetchone())[0] == "Memento Remastered"
    assert await counts(db) == first


async def test_malformed_seed_leaves_database_as_it_was(data: Path, db: Sql) -> None:
    await seed(db, data)
    before = await counts(db)
    (data / "reviews.yaml").write_text("reviews:\n  - film: backtrace-2021\n    quote: x\n    quote: y\n")
    with pytest.raises(DataFileError) as caught:
        await seed(db, data)
    assert str(caught.value) == f"{data / 'reviews.yaml'}:4: duplicate key 'quote'"
    assert await counts(db) == before


@pytest.mark.sqlite_only
async def test_schema_and_pragmas(db: Sql) -> None:
    async with db.execute("PRAGMA journal_mode") as cursor:
        assert (await cursor.fetchone())[0] == "wal"
    async with db.execute("PRAGMA foreign_keys") as cursor:
        assert (await cursor.fetchone())[0] == 1
    async with db.execute("PRAGMA user_version") as cursor:
        assert (await cursor.fetchone())[0] == len(list(MIGRATIONS.glob("*.sql")))


async def test_corrupt_file_is_refused_and_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    junk = b"this is not a database" * 100
    path.write_bytes(junk)
    with pytest.raises(DatabaseError, match="not a usable filmbot database"):
        await connect(path)
    assert path.read_bytes() == junk


async def test_catalogue_reads(data: Path, db: Sql) -> None:
    await seed(db, data)
    catalogue = SqliteCatalogue(db)
    entries = [entry async for entry in catalogue.title_entries()]
    backtrace = next(e for e in entries if e.name == "Backtrace")
    film = await catalogue.film(backtrace.film_id, 0)
    assert film is not None and film.year == 2021 and film.cast[0].role == 'Donovan "Mac" MacDonald'
    assert len(await catalogue.reviews(film.id, 0)) == 3
    suggestions = await catalogue.similar(film.id, 0)
    assert len(suggestions) == 6 and all(s.reason for s in suggestions)
    memento = next(s.film for s in suggestions if s.film.title == "Memento")
    back = await catalogue.similar(memento.id, 0)
    assert [s.film.title for s in back] == ["Backtrace"]  # links work both ways
    assert any(e.is_alias and e.name == "Two Eleven" for e in entries)


async def test_seeding_adopts_one_of_two_imdb_films_sharing_its_title_and_year(db: Sql) -> None:
    from bot.core.models import Film
    from bot.store.films import write_films

    twins = [
        Film(0, "Memento", 2000, votes=10, key="imdb:tt9000001"),
        Film(0, "Memento", 2000, votes=99, key="imdb:tt9000002"),
    ]
    async with db.transaction():
        await write_films(db, twins, 0, "import")
    assert await seed(db, DATA)
    rows = await db.fetchall(
        "SELECT seed_key, origin FROM films WHERE title = 'Memento' AND year = 2000 ORDER BY seed_key"
    )
    # the most-voted one became the seed film; the other stays an import
    assert [tuple(row) for row in rows] == [("imdb:tt9000001", "import"), ("memento-2000", "seed")]
