"""The bot running several shards in one process (AutoShardedClient) against the fake Discord."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest

from bot.app import runner
from bot.app.shards import ShardedFilmBot
from bot.core.errors import ConfigError
from bot.settings import Settings
from bot.shards import ShardPlan
from bot.testing.fake_discord import TOKEN, FakeDiscord
from bot.wiring import Services, identify_gate
from tests.app.test_shard_gateway import guild_on


def typed(value: str) -> list[dict[str, Any]]:
    return [{"name": "title", "type": 3, "value": value, "focused": True}]


async def test_two_shards_in_one_process_serve_their_servers(
    fake: FakeDiscord, services: Services, settings: Settings
) -> None:
    # max_concurrency 1: both shards are in bucket 0, so the second must wait its turn (op 9 otherwise).
    fake.guilds = [guild_on(0, 2), guild_on(1, 2)]
    sharded = dataclasses.replace(settings, shards=ShardPlan(2, (0, 1)))
    gate = identify_gate(services)
    client = ShardedFilmBot(services, sharded, gate)
    task = asyncio.create_task(client.start(TOKEN))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 60)
        assert [(i.shard, i.accepted) for i in fake.identifies] == [((0, 2), True), ((1, 2), True)]
        assert {g.id: g.shard_id for g in client.guilds} == {guild_on(0, 2): 0, guild_on(1, 2): 1}
        for shard in (0, 1):
            payload = fake.interaction_payload("review", typed("backtr"), kind=4, guild_id=guild_on(shard, 2))
            record = await fake.interact(payload)
            assert record.shard == shard  # delivered where Discord would, and answered from there
            assert "Backtrace" in record.callbacks[0]["data"]["choices"][0]["name"]
        dm = await fake.interact(fake.interaction_payload("review", typed("backtr"), kind=4, guild_id=None))
        assert dm.shard == 0
        assert fake.rejections == []
    finally:
        await client.close()
        await asyncio.wait_for(task, 10)
        await gate.close()
    assert fake.sockets == []


async def test_sharding_required_is_one_line_naming_the_fix(
    fake: FakeDiscord, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.guilds_per_shard = 1  # stands for Discord's 2,500 servers a connection
    fake.guilds = [guild_on(0, 2), guild_on(1, 2)]
    with pytest.raises(ConfigError) as caught:
        await asyncio.wait_for(runner._run(settings, TOKEN), 60)
    assert "close code 4011" in caught.value.message and "--shard-count" in caught.value.message
    assert fake.closes == [4011]


async def test_the_runner_runs_the_shards_of_the_settings_and_stops_when_cancelled(
    fake: FakeDiscord, settings: Settings
) -> None:
    fake.max_concurrency = 2
    fake.guilds = [guild_on(1, 3)]
    sharded = dataclasses.replace(settings, shards=ShardPlan(3, (1, 2)))
    running = asyncio.create_task(runner._run(sharded, TOKEN))
    record = await fake.interact(
        fake.interaction_payload("review", typed("backtr"), kind=4, guild_id=guild_on(1, 3))
    )
    assert record.shard == 1 and record.callbacks[0]["data"]["choices"]
    # Cancelled as SIGTERM does, while shard 2 is still connecting: discord.py alone would lose
    # this cancellation and wait forever (bot.app.runner._serve).
    running.cancel()
    done, _ = await asyncio.wait([running], timeout=30)
    assert done and running.cancelled()
    assert fake.sockets == []
    assert all(i.accepted for i in fake.identifies) and fake.identifies[0].shard == (1, 3)
