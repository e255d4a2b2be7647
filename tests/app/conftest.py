"""A running filmbot: the real discord.py client connected to the local fake Discord."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.app.client import FilmBot
from bot.settings import Settings
from bot.testing.fake_discord import TOKEN, FakeDiscord
from bot.wiring import Services


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
    try:
        yield server
    finally:
        await server.stop()


async def start_bot(
    fake: FakeDiscord, services: Services, settings: Settings
) -> tuple[FilmBot, asyncio.Task[None]]:
    client = FilmBot(services, settings)
    task = asyncio.create_task(client.start(TOKEN))
    await asyncio.wait_for(fake.identified.wait(), 10)
    return client, task


async def stop_bot(client: FilmBot, task: asyncio.Task[None]) -> None:
    await client.close()
    await asyncio.wait_for(task, 10)


@pytest.fixture
async def bot(fake: FakeDiscord, services: Services, settings: Settings) -> AsyncIterator[FilmBot]:
    client, task = await start_bot(fake, services, settings)
    try:
        yield client
    finally:
        await stop_bot(client, task)


@pytest.fixture
async def starter_bot(
    fake: FakeDiscord, starter_services: Services, starter_settings: Settings
) -> AsyncIterator[FilmBot]:
    """The bot over the real starter catalogue (17k films with credits)."""
    client, task = await start_bot(fake, starter_services, starter_settings)
    try:
        yield client
    finally:
        await stop_bot(client, task)


async def choose(fake: FakeDiscord, record: Any, label: str, user_id: int) -> Any:
    """Pick `label` in the "which one?" select of the answer in `record`, as `user_id`."""
    select = record.callbacks[0]["data"]["components"][0]["components"][0]
    value = next(o["value"] for o in select["options"] if o["label"] == label)
    payload = fake.interaction_payload(
        "",
        [],
        kind=3,
        custom_id=select["custom_id"],
        values=[value],
        user_id=user_id,
        message=record.messages[0],
    )
    return await fake.interact(payload)
