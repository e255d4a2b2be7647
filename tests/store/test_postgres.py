"""PostgreSQL as the whole bot's database: wiring by URL, errors, and changes seen by every process."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.core.errors import AlreadyExists, FilmNotFound
from bot.core.models import Caller, Film
from bot.core.resolution import resolve
from bot.settings import Secret, Settings, load_settings
from bot.store.database import DatabaseError
from bot.store.postgres.connect import connect_postgres, without_password
from bot.store.postgres.database import numbered
from bot.testing.pgserver import free_port
from bot.wiring import backup_database, open_services
from tests.conftest import DATA, text
from tests.console.cli import run_cli

GUILD = 5


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? + ?", ("SELECT $1 + $2", 2)),
        ("SELECT :a, :b, :a", ("SELECT $1, $2, $1", ["a", "b"])),
        (
            "SELECT ':a ?', x::text, \"we?ird\" -- why?\n FROM t WHERE y = :y",
            ("SELECT ':a ?', x::text, \"we?ird\" -- why?\n FROM t WHERE y = $1", ["y"]),
        ),
    ],
)
def test_parameters_are_numbered_outside_literals(sql: str, expected: tuple[str, object]) -> None:
    assert numbered(sql) == expected


def test_mixed_parameter_styles_are_refused() -> None:
    with pytest.raises(ValueError, match="mixes"):
        numbered("SELECT ?, :a")


def test_a_postgres_url_is_a_secret_in_settings() -> None:
    settings = load_settings(
        {"FILMBOT_DB": "postgresql://bot:hunter2pw@db.example:5433/films"}, env_file=None
    )
    assert settings.db_url is not None and "hunter2pw" not in repr(settings)
    assert without_password(settings.db_url.reveal()) == "postgresql://bot@db.example:5433/films"


def test_an_unreachable_database_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://bot:hunter2pw@127.0.0.1:{free_port()}/films"
    result = run_cli(tmp_path, "export", "--guild", "1", env={"FILMBOT_DB": url})
    assert result.returncode != 0
    assert "hunter2pw" not in result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        f"filmbot: cannot reach PostgreSQL at postgresql://bot@127.0.0.1:{url.split(':')[3]}"
    )


async def test_a_wrong_database_name_is_named(pg_url: str) -> None:
    with pytest.raises(
        DatabaseError, match=r'cannot reach PostgreSQL at .*/no_such_db: database "no_such_db"'
    ):
        await connect_postgres(pg_url.rsplit("/", 1)[0] + "/no_such_db")


async def test_backup_on_postgres_points_to_pg_dump(pg_url: str, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="pg_dump"):
        await backup_database(Settings(db_url=Secret(pg_url), data_dir=DATA), tmp_path / "copy")
    assert list(tmp_path.iterdir()) == []


async def test_the_whole_bot_runs_on_postgres(pg_url: str) -> None:
    services = await open_services(Settings(db_url=Secret(pg_url), data_dir=DATA))
    try:
        reply = await services.commands.run("review", Caller(guild_id=GUILD), {"title": "memento"})
        assert reply.title is not None and reply.title.startswith("Memento (2000)")
        curation = services.store.curation
        film = await curation.add_film(GUILD, 1, Film(0, "Zebra Crossing", 2022, key="zebra-crossing-2022"))
        assert resolve(services.index, "zebra crossing", GUILD).film_id == film.id
        with pytest.raises(AlreadyExists):  # the unique index, through the shared conflict handling
            await curation.add_film(GUILD, 1, Film(0, "Zebra Crossing", 2022, key="zebra-again"))
        await curation.add_alias(GUILD, 1, film, "Stripes")
        reply = await services.commands.run(
            "catalogue history", Caller(guild_id=GUILD, can_manage_guild=True), {}
        )
        assert "Zebra Crossing (2022)" in text(reply)
        await curation.remove_film(GUILD, 1, film.id)
        with pytest.raises(FilmNotFound):
            resolve(services.index, "stripes", GUILD)
    finally:
        await services.close()


async def test_a_write_in_one_process_reaches_the_others_index(pg_url: str) -> None:
    """Two bots on one database: NOTIFY wakes the other's change feed, which re-reads only that film."""
    settings = Settings(db_url=Secret(pg_url), data_dir=DATA)
    first, second = await open_services(settings), await open_services(settings)
    try:
        assert not await second.sync.feed.changed_elsewhere()
        await first.store.curation.add_film(GUILD, 1, Film(0, "Okapi Dawn", 2023, key="okapi-dawn-2023"))
        deadline = time.monotonic() + 10  # generous: NOTIFY arrives within milliseconds, the poll each second
        while time.monotonic() < deadline:
            try:
                found = resolve(second.index, "okapi dawn", GUILD)
                break
            except FilmNotFound:
                await asyncio.sleep(0.05)
        else:
            pytest.fail("the other process's index never saw the new film")
        assert found.label == "Okapi Dawn (2023)"
        assert await second.sync.catch_up() == 0  # already current: nothing re-read twice
    finally:
        await first.close()
        await second.close()
