"""Shared fixtures: a real SQLite file in a temp dir, seeded from the shipped data/ folder."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.commands.spec import Upload
from bot.core.models import Caller
from bot.core.replies import Reply
from bot.core.rich import plain_text
from bot.settings import Secret, Settings
from bot.store.database import Database, connect
from bot.testing.pgserver import PgServer
from bot.wiring import Services, open_services

pytest_plugins = ["tests.pg"]  # the PostgreSQL server fixtures

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
STARTER = DATA / "starter" / "films-v1.jsonl.gz"


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


@pytest.fixture(scope="session")
def starter_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with the seed and the whole starter catalogue loaded, built once per run."""
    path = tmp_path_factory.mktemp("starter") / "filmbot.sqlite3"

    async def build() -> None:
        opened = await open_services(Settings(db_path=path, data_dir=DATA, starter=STARTER))
        await opened.close()

    with ThreadPoolExecutor(1) as thread:  # may be first asked for inside a running event loop
        thread.submit(asyncio.run, build()).result()
    return path


@pytest.fixture(scope="session")
def pg_starter_template(pg_server: PgServer) -> str:
    """The same catalogue on the test PostgreSQL: a template database, built once per run."""

    async def fill(url: str) -> None:
        opened = await open_services(Settings(db_url=Secret(url), data_dir=DATA, starter=STARTER))
        await opened.close()

    from tests.pg import build_template  # imported once pytest_plugins has loaded it

    return build_template(pg_server, "filmbot_starter", fill)


@pytest.fixture
def starter_backend() -> str:
    """The engine under starter_services; a module parametrizes it to run on both."""
    return "sqlite"


@pytest.fixture
async def starter_settings(tmp_path: Path, starter_backend: str, request: pytest.FixtureRequest) -> Settings:
    """Settings over a copy of the starter database: the real 17k-film catalogue."""
    return await starter_copy(starter_backend, tmp_path, request)


async def starter_copy(backend: str, folder: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings over a fresh copy of the starter catalogue on `backend` ("sqlite" or "postgres")."""
    if backend == "postgres":
        from tests.pg import fresh_database  # imported once pytest_plugins has loaded it

        template = request.getfixturevalue("pg_starter_template")
        url = await fresh_database(request.getfixturevalue("pg_server"), template)
        return Settings(db_url=Secret(url), data_dir=DATA, starter=STARTER)
    shutil.copyfile(request.getfixturevalue("starter_template"), folder / "filmbot.sqlite3")
    return Settings(db_path=folder / "filmbot.sqlite3", data_dir=DATA, starter=STARTER)


@pytest.fixture
async def starter_services(starter_settings: Settings) -> AsyncIterator[Services]:
    opened = await open_services(starter_settings)
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
    monkeypatch.setenv("FILMBOT_STARTER", "off")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


async def run(services: Services, caller: Caller, path: str, **options: object) -> Reply:
    """Run one command as `caller`, the way both front-ends do (validation, permission, errors)."""
    return await services.commands.run(path, caller, options)


async def call(services: Services, path: str, caller: Caller, *values: object, **options: object) -> Reply:
    """Run one command as `caller` with validation and permission checks, raising domain errors.
    Positional values fill the command's options in declared order."""
    command = services.commands.by_path[path]
    named = dict(zip((o.name for o in command.visible()), values, strict=False))
    return await services.commands.call(path, caller, {**named, **options})


def upload(data: bytes, name: str) -> Upload:
    async def read() -> bytes:
        return data

    return Upload(name, len(data), read)


def text(reply: Reply) -> str:
    """Everything a reply says, as plain text."""
    parts = [reply.title or "", plain_text(reply.description), reply.footer or ""]
    parts += [f"{field.name}\n{plain_text(field.value)}" for field in reply.fields]
    return "\n".join(parts)
