"""Shared fixtures: a real SQLite file in a temp dir, seeded from the shipped data/ folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.store.database import Database, connect
from bot.wiring import Services, open_services

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "filmbot.sqlite3", data_dir=DATA)


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    opened = await open_services(settings)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh, migrated database file, closed even when the test fails."""
    opened = await connect(tmp_path / "db.sqlite3")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def cli_environment(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`bot.console.cli.main` run in-process reads the same database as the `services` fixture."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FILMBOT_DB", str(settings.db_path))
    monkeypatch.setenv("FILMBOT_DATA", str(DATA))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
