"""`filmbot copy-db`: a whole catalogue SQLite -> PostgreSQL and back, ids kept, twice is a no-op."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.models import Caller, Film
from bot.core.resolution import resolve
from bot.settings import Secret, Settings
from bot.store import copying
from bot.store.copying import TABLES, count
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from bot.wiring import copy_between, open_database_at, open_services
from tests.conftest import DATA, ROOT
from tests.console.cli import run_cli

GUILD = 77


async def _counts(location: str) -> dict[str, int]:
    db = await open_database_at(location, create=False)
    try:
        return {table: await count(db, table) for table, _, _ in TABLES}
    finally:
        await db.close()


async def _catalogue(tmp_path: Path) -> Path:
    """A SQLite catalogue with seed, an import with people, a server's film, alias and curator."""
    path = tmp_path / "source.sqlite3"
    services = await open_services(Settings(db_path=path, data_dir=DATA))
    try:
        await services.store.bulk_import(ROOT / "tests" / "fixtures" / "imdb" / "title.basics.tsv", 0)
        film = await services.store.curation.add_film(GUILD, 1, Film(0, "Zebra Crossing", 2022, key="zebra"))
        await services.store.curation.add_alias(GUILD, 1, film, "Stripes")
        await services.store.curation.set_curator_role(GUILD, 1, 555, True)
        await SqliteRatings(services.db).rate(GUILD, 42, film.id, 7, "Striped and true", True)
        await SqliteRatingModeration(services.db).set_min_ratings(GUILD, 1, 3)
    finally:
        await services.close()
    return path


async def test_copy_to_postgres_and_back(tmp_path: Path, pg_url: str) -> None:
    source = await _catalogue(tmp_path)
    before = await _counts(str(source))
    assert before["films"] > 7 and before["credits"] > 0 and before["curator_roles"] == 1
    assert before["ratings"] == before["rating_settings"] == 1

    first = await asyncio.to_thread(run_cli, tmp_path, "copy-db", str(source), pg_url)
    assert first.returncode == 0, first.stderr
    assert "row counts match" in first.stdout and "films" in first.stderr  # the progress bar
    assert await _counts(pg_url) == before
    again = await asyncio.to_thread(run_cli, tmp_path, "copy-db", str(source), pg_url)
    assert again.returncode == 0 and again.stdout.startswith("Copied 0 rows"), again.stdout
    assert await _counts(pg_url) == before

    # The copy is a working bot: the server's film and alias are found, and new rows get new ids.
    services = await open_services(Settings(db_url=Secret(pg_url), data_dir=DATA))
    try:
        assert resolve(services.index, "stripes", GUILD).label == "Zebra Crossing (2022)"
        assert await services.store.curation.curator_roles(GUILD) == frozenset({555})
        zebra = resolve(services.index, "zebra crossing", GUILD).film_id
        rating = await SqliteRatings(services.db).rating(GUILD, 42, zebra)
        assert rating is not None and rating.review == "Striped and true" and rating.spoiler
        added = await services.store.curation.add_film(GUILD, 1, Film(0, "Okapi", 2020, key="okapi"))
        row = await services.db.fetchone("SELECT max(id) FROM films WHERE id <> ?", (added.id,))
        assert row is not None and added.id > row[0]  # numbered after the copied ids
        reply = await services.commands.run("review", Caller(guild_id=GUILD), {"title": "memento"})
        assert reply.title is not None and reply.title.startswith("Memento")
    finally:
        await services.close()

    back = tmp_path / "back.sqlite3"
    result = await asyncio.to_thread(run_cli, tmp_path, "copy-db", pg_url, str(back))
    assert result.returncode == 0, result.stderr
    expected = await _counts(pg_url)
    assert await _counts(str(back)) == expected and expected["films"] == before["films"] + 1
    again = await asyncio.to_thread(run_cli, tmp_path, "copy-db", pg_url, str(back))
    assert again.stdout.startswith("Copied 0 rows")


async def test_a_target_with_a_catalogue_of_its_own_is_reported(tmp_path: Path) -> None:
    source = await _catalogue(tmp_path)
    other = tmp_path / "other.sqlite3"
    services = await open_services(Settings(db_path=other, data_dir=DATA))
    try:
        await services.store.curation.add_film(9, 1, Film(0, "Elsewhere", 2001, key="elsewhere"))
    finally:
        await services.close()
    result = await asyncio.to_thread(run_cli, tmp_path, "copy-db", str(source), str(other))
    assert result.returncode == 2
    assert "the copy differs from the source in" in result.stderr and "Traceback" not in result.stderr


async def test_a_missing_source_is_named(tmp_path: Path) -> None:
    result = await asyncio.to_thread(
        run_cli, tmp_path, "copy-db", str(tmp_path / "nope.sqlite3"), str(tmp_path / "t.sqlite3")
    )
    assert result.returncode == 2 and "there is no database at" in result.stderr
    assert not (tmp_path / "t.sqlite3").exists()


async def test_keys_with_gaps_are_copied_page_by_page(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = await _catalogue(tmp_path)
    db = await open_database_at(str(source), create=False)
    try:
        async with db.transaction():
            await db.execute("DELETE FROM films WHERE guild_id = 0 AND id % 3 = 2")  # ids 1, 3, 4, 6, ...
            rows = await db.fetchall("SELECT id, year FROM films WHERE guild_id = 0 ORDER BY id")
            await db.executemany(
                "INSERT INTO film_details (film_id, notability) VALUES (?, ?)", [(r[0], r[0]) for r in rows]
            )
            await db.executemany(
                "INSERT INTO film_facets (kind, value_key, film_id, value, year) VALUES (?, ?, ?, ?, ?)",
                [(kind, value.lower(), r[0], value, r[1]) for r in rows for kind, value in FACETS],
            )
    finally:
        await db.close()
    before = await _counts(str(source))
    ids = [r[0] for r in rows]
    assert len(ids) > 6 and ids != list(range(ids[0], ids[0] + len(ids)))  # gaps
    assert before["film_facets"] >= len(ids) * len(FACETS)  # and the facets a server's films get
    monkeypatch.setattr(copying, "BATCH", 3)  # many pages, each starting after the last key

    report = await copy_between(str(source), pg_url)
    assert report.counts == before
    assert report.copied["films"] == len(ids) + 1 and report.copied["film_facets"] == before["film_facets"]
    copied = await open_database_at(pg_url)
    try:
        films = await copied.fetchall("SELECT id FROM films WHERE guild_id = 0 ORDER BY id")
        assert [r[0] for r in films] == ids
        facets = await copied.fetchall("SELECT film_id, kind, value FROM film_facets ORDER BY 1, 2, 3")
        assert len(facets) == before["film_facets"] and facets[0][0] == ids[0]
    finally:
        await copied.close()
    again = await copy_between(str(source), pg_url)
    assert sum(again.copied.values()) == 0 and again.counts == before


FACETS = (("genre", "Drama"), ("genre", "Comedy"), ("country", "France"), ("language", "French"))
