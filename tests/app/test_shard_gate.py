"""Turns to IDENTIFY: one bucket's turn is held against every other holder of the gate (another
process's gate, here a second gate on its own lock file descriptor or PostgreSQL session) until
the window ends, and buckets do not wait for each other."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.identify_gate import BucketGate, FileIdentifyGate
from bot.store.postgres.connect import connect_postgres
from bot.store.postgres.identify_gate import PgIdentifyGate
from tests.pg import fresh_database

LONG = 3600.0  # a window no test waits out: turns end when the holder closes
PATIENCE_S = 0.5  # how long a waiting gate is watched to see that it keeps waiting


async def gates(
    kind: str, tmp_path: Path, pg_url: str | None
) -> AsyncIterator[tuple[BucketGate, BucketGate]]:
    if kind == "file":
        yield FileIdentifyGate(tmp_path, LONG), FileIdentifyGate(tmp_path, LONG)
        return
    assert pg_url is not None
    first, second = await connect_postgres(pg_url, pool_size=1), await connect_postgres(pg_url, pool_size=1)
    try:
        yield PgIdentifyGate(first, LONG), PgIdentifyGate(second, LONG)
    finally:
        await first.close()
        await second.close()


@pytest.fixture(params=["file", "postgresql"])
async def pair(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[BucketGate, BucketGate]]:
    url = (
        await fresh_database(request.getfixturevalue("pg_server")) if request.param == "postgresql" else None
    )
    async for made in gates(request.param, tmp_path, url):
        one, other = made
        try:
            yield one, other
        finally:
            await one.close()
            await other.close()


async def test_a_bucket_waits_for_the_other_holder(pair: tuple[BucketGate, BucketGate]) -> None:
    one, other = pair
    await one.turn(0)
    waiting = asyncio.create_task(other.turn(0))
    done, _ = await asyncio.wait([waiting], timeout=PATIENCE_S)
    assert not done  # the other process must not identify in bucket 0 while the turn lasts
    await one.close()  # the window ends (or the process stops): the lock is released
    await asyncio.wait_for(waiting, 30)


async def test_buckets_do_not_wait_for_each_other(pair: tuple[BucketGate, BucketGate]) -> None:
    one, other = pair
    await one.turn(0)
    await asyncio.wait_for(other.turn(1), 30)


async def test_two_shards_of_one_process_take_turns(pair: tuple[BucketGate, BucketGate]) -> None:
    one, _ = pair
    await one.turn(3)
    again = asyncio.create_task(one.turn(3))  # a PostgreSQL session lock alone would let this through
    done, _ = await asyncio.wait([again], timeout=PATIENCE_S)
    assert not done
    again.cancel()


async def test_the_turn_ends_after_the_window(tmp_path: Path) -> None:
    one, other = FileIdentifyGate(tmp_path, 0.2), FileIdentifyGate(tmp_path, 0.2)
    try:
        await one.turn(0)
        await asyncio.wait_for(other.turn(0), 30)  # no close needed: the window ran out
        await asyncio.wait_for(one.turn(0), 30)
    finally:
        await one.close()
        await other.close()
