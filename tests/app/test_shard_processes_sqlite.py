"""Two bot processes, each running half the shards, on one SQLite file, against the fake Discord:
a change made in one process (an admin's addition) or from a shell (`filmbot import`) reaches the
other process's autocomplete through the cheap change check (bot/store/changes.py), no restart.
The PostgreSQL twin is tests/app/test_shard_processes.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.testing.fake_discord import FakeDiscord
from bot.wiring import open_services
from tests.app.test_shard_processes import (
    BotProcess,
    environment,
    running_pair,
    served_and_shared,
)
from tests.conftest import DATA


@pytest.fixture
async def two_processes(
    fake: FakeDiscord, tmp_path: Path
) -> AsyncIterator[tuple[BotProcess, BotProcess, dict[str, str]]]:
    database = tmp_path / "filmbot.sqlite3"
    await (await open_services(Settings(db_path=database, data_dir=DATA))).close()  # migrated and seeded once
    async with running_pair(fake, environment(str(database)), tmp_path) as pair:
        yield pair


async def test_two_processes_on_one_sqlite_file_share_changes(
    fake: FakeDiscord, two_processes: tuple[BotProcess, BotProcess, dict[str, str]], tmp_path: Path
) -> None:
    _, _, env = two_processes
    await served_and_shared(fake, env, tmp_path)  # the cheap change check carries the import
