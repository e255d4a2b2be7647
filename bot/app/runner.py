"""Starting the Discord client, with clear one-line errors for the usual set-up mistakes."""

from __future__ import annotations

import asyncio
import gc
import logging

import aiohttp
import discord

from bot import shutdown
from bot.app.client import FilmBot
from bot.app.shards import ShardedFilmBot
from bot.core.errors import ConfigError, FilmbotError
from bot.settings import Settings
from bot.wiring import identify_gate, open_services

log = logging.getLogger(__name__)

CLOSE_TIMEOUT_S = 10.0  # what docker stop allows before it kills

# Gateway close codes that no retry can fix, and what to change (Discord's gateway documentation).
CLOSED_FOR_GOOD = {
    4010: "Discord refused the shard settings (close code 4010, invalid shard): check --shards and "
    "--shard-count (FILMBOT_SHARDS, FILMBOT_SHARD_COUNT); very large bots must use the shard count "
    "Discord gives them",
    4011: "Discord says this bot is in too many servers for one connection (close code 4011, sharding "
    "required): start shard processes that together run every shard, e.g. `filmbot run --shards 0,1 "
    "--shard-count 4` and `filmbot run --shards 2,3 --shard-count 4` (README, Shards)",
}


async def _run(settings: Settings, token: str) -> int:
    services = await open_services(settings)
    # The index is a large heap that lives as long as the bot: keep the garbage collector from
    # walking it again and again while the bot serves.
    gc.collect()
    gc.freeze()
    gate = identify_gate(services) if settings.shards is not None else None
    try:
        # Without shard settings, one unsharded connection as always.
        client = FilmBot(services, settings) if gate is None else ShardedFilmBot(services, settings, gate)
        async with client:
            if settings.shards is not None:
                log.info("running %s", settings.shards.describe())
            await _serve(client, token)
    except discord.LoginFailure:
        raise ConfigError(
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal "
            "(Bot page) and paste the new one into .env"
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "Discord refused the gateway intents: filmbot needs no privileged intents"
        ) from None
    except discord.ConnectionClosed as exc:
        if exc.code in CLOSED_FOR_GOOD:
            raise ConfigError(CLOSED_FOR_GOOD[exc.code]) from None
        raise
    except (aiohttp.ClientConnectionError, OSError) as exc:
        raise FilmbotError(f"cannot reach Discord ({exc.__class__.__name__}): check the network") from None
    finally:
        if gate is not None:
            await gate.close()
        await services.close()
    return 0


async def _serve(client: FilmBot, token: str) -> None:
    """client.start(token), stopped cleanly when cancelled (SIGTERM, Ctrl-C). A cancellation that
    lands just as a shard finishes connecting is lost inside discord.py (asyncio.wait_for on
    Python 3.11) and start() would then wait forever: close() ends it whatever happened."""
    starting = asyncio.create_task(client.start(token), name="filmbot-discord")
    try:
        await asyncio.wait([starting])
    finally:
        if not starting.done():
            starting.cancel()
            await client.close()
            await asyncio.wait([starting], timeout=CLOSE_TIMEOUT_S)
    starting.result()


def run_discord(settings: Settings) -> int:
    token = settings.require_token()
    return shutdown.run(_run(settings, token))
