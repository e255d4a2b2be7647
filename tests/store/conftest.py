"""Store fixtures. Every test that takes `db` runs on SQLite and on PostgreSQL, unless it is marked
`sqlite_only` (it tests SQLite's own files, pragmas or faults). The ratings store: the seed
loaded, a clock that moves on each call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.store.database import connect
from bot.store.postgres.connect import connect_postgres
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from bot.store.seeding import seed
from bot.store.sql import Sql
from tests.conftest import DATA
from tests.pg import fresh_database

GUILD, OTHER_GUILD = 111, 222
BACKENDS = ("sqlite", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS)


@pytest.fixture
async def db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Sql]:
    """A fresh, migrated database of the backend, closed even when the test fails."""
    if backend == "sqlite":
        opened: Sql = await connect(tmp_path / "db.sqlite3")
    else:
        opened = await connect_postgres(await fresh_database(request.getfixturevalue("pg_server")))
    try:
        yield opened
    finally:
        await opened.close()


class StepClock:
    """Each reading is one second after the last, so 'newest first' is decided, not a tie."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
async def films(db: Sql) -> dict[str, int]:
    """The shipped seed catalogue loaded; film ids by seed key."""
    await seed(db, DATA)
    rows = await db.fetchall("SELECT seed_key, id FROM films WHERE guild_id = 0")
    return {row[0]: int(row[1]) for row in rows}


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def ratings(db: Sql, clock: StepClock) -> SqliteRatings:
    return SqliteRatings(db, clock)


@pytest.fixture
def moderation(db: Sql, clock: StepClock) -> SqliteRatingModeration:
    return SqliteRatingModeration(db, clock)
