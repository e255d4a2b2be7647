"""The fake Discord's gateway refuses what Discord refuses when shards identify, and gives each
shard its own servers: checked over a plain websocket, so each rule is seen on its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.testing.fake_discord import TOKEN, FakeDiscord


def guild_on(shard: int, count: int, n: int = 0) -> int:
    """A server id that Discord's formula puts on `shard` of `count`."""
    return ((214_748_364 + n) * count + shard) << 22 | 1


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def identify(
    http: aiohttp.ClientSession, fake: FakeDiscord, shard: Any = None, token: str = TOKEN
) -> tuple[aiohttp.ClientWebSocketResponse, list[dict[str, Any]]]:
    """Connect, IDENTIFY, and read until the gateway stops talking: (socket, payloads received)."""
    socket = await http.ws_connect(fake.gateway_url)
    hello = await socket.receive_json()
    assert hello["op"] == 10
    data: dict[str, Any] = {"token": token, "intents": 1, "properties": {}}
    if shard is not None:
        data["shard"] = shard
    await socket.send_json({"op": 2, "d": data})
    received: list[dict[str, Any]] = []
    while True:
        try:
            message = await socket.receive(timeout=0.5)
        except TimeoutError:
            return socket, received
        if message.type != aiohttp.WSMsgType.TEXT:
            return socket, received
        received.append(message.json())


@pytest.mark.parametrize("shard", [[4, 4], [-1, 2], [0, 0], ["0", 2], [0], [1, 2, 3]])
async def test_an_impossible_shard_is_closed_with_4010(
    fake: FakeDiscord, http: aiohttp.ClientSession, shard: Any
) -> None:
    socket, received = await identify(http, fake, shard)
    assert socket.close_code == 4010 and received == []
    assert fake.sessions == []


async def test_a_wrong_token_is_closed_with_4004(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    socket, _ = await identify(http, fake, [0, 1], token="not-the-token")
    assert socket.close_code == 4004


async def test_too_many_servers_for_one_connection_need_shards(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    fake.guilds_per_shard = 2  # stands for Discord's 2,500
    fake.guilds = [guild_on(0, 2), guild_on(1, 2), guild_on(0, 2, 1)]
    fake.max_concurrency = 2
    unsharded, _ = await identify(http, fake)
    assert unsharded.close_code == 4011
    socket, received = await identify(http, fake, [1, 2])
    assert received[0]["t"] == "READY" and len(fake.sessions) == 1
    assert fake.closes == [4011]
    await socket.close()


async def test_each_shard_gets_only_its_servers(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    fake.max_concurrency = 4
    fake.guilds = [guild_on(shard, 4, n) for n in range(2) for shard in range(4)]
    socket, received = await identify(http, fake, [2, 4])
    ready, *creates = received
    assert ready["t"] == "READY" and ready["d"]["shard"] == [2, 4]
    mine = {guild_on(2, 4, 0), guild_on(2, 4, 1)}
    assert {int(g["id"]) for g in ready["d"]["guilds"]} == mine
    assert all(g["unavailable"] for g in ready["d"]["guilds"])
    assert [c["t"] for c in creates] == ["GUILD_CREATE", "GUILD_CREATE"]
    assert {int(c["d"]["id"]) for c in creates} == mine
    assert fake.serving(guild_on(2, 4, 1)) is fake.sessions[0]
    assert fake.serving(guild_on(1, 4)) is None and fake.serving(None) is None  # DMs go to shard 0
    await socket.close()


async def test_identify_concurrency_is_per_bucket_per_five_seconds(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    fake.max_concurrency = 2  # buckets: shard % 2
    first, _ = await identify(http, fake, [0, 4])
    other_bucket, received = await identify(http, fake, [1, 4])
    assert received[0]["t"] == "READY"
    same_bucket, refused = await identify(http, fake, [2, 4])
    assert refused == [{"op": 9, "d": False}]  # Invalid Session, not resumable: identify again later
    assert [(i.shard, i.accepted) for i in fake.identifies] == [
        ((0, 4), True),
        ((1, 4), True),
        ((2, 4), False),
    ]
    assert len(fake.sessions) == 2
    for socket in (first, other_bucket, same_bucket):
        await socket.close()


async def test_gateway_bot_reports_shards_and_session_start_limit(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    fake.guilds = [guild_on(0, 1, n) for n in range(1500)]
    fake.max_concurrency = 16
    headers = {"Authorization": f"Bot {TOKEN}"}
    async with http.get(f"{fake.api_base}/gateway/bot", headers=headers) as response:
        before = await response.json()
    assert before["shards"] == 2  # Discord recommends about 1,000 servers a shard
    assert before["url"] == fake.gateway_url
    limit = before["session_start_limit"]
    assert limit["max_concurrency"] == 16 and limit["total"] == 1000 and limit["reset_after"] > 0
    socket, _ = await identify(http, fake, [0, 2])
    async with http.get(f"{fake.api_base}/gateway/bot", headers=headers) as response:
        after = await response.json()
    assert after["session_start_limit"]["remaining"] == limit["remaining"] - 1
    async with http.get(f"{fake.api_base}/gateway/bot") as response:
        assert response.status == 401  # the bot token is required, as on Discord
    await socket.close()
