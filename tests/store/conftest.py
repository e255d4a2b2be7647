"""Fixtures for the ratings store: a seeded real SQLite file, a clock that moves on each call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store.database import Database
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from bot.store.seeding import seed
from tests.conftest import DATA

GUILD, OTHER_GUILD = 111, 222


class StepClock:
    """Each reading is one second after the last, so 'newest first' is decided, not a tie."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
async def films(db: Database) -> dict[str, int]:
    """The shipped seed catalogue loaded; film ids by seed key."""
    await seed(db, DATA)
    rows = await db.fetchall("SELECT seed_key, id FROM films WHERE guild_id = 0")
    return {row[0]: int(row[1]) for row in rows}


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def ratings(db: Database, clock: StepClock) -> SqliteRatings:
    return SqliteRatings(db, clock)


@pytest.fixture
def moderation(db: Database, clock: StepClock) -> SqliteRatingModeration:
    return SqliteRatingModeration(db, clock)
