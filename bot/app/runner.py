"""Starting the Discord client, with clear one-line errors for the usual set-up mistakes."""

from __future__ import annotations

import gc

import aiohttp
import discord

from bot import shutdown
from bot.app.client import FilmBot
from bot.core.errors import ConfigError, FilmbotError
from bot.settings import Settings
from bot.wiring import open_services


async def _run(settings: Settings, token: str) -> int:
    services = await open_services(settings)
    # The index is a large heap that lives as long as the bot: keep the garbage collector from
    # walking it again and again while the bot serves.
    gc.collect()
    gc.freeze()
    try:
        async with FilmBot(services, settings) as client:
            await client.start(token)
    except discord.LoginFailure:
        raise ConfigError(
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal "
            "(Bot page) and paste the new one into .env"
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(
            "Discord refused the gateway intents: filmbot needs no privileged intents"
        ) from None
    except (aiohttp.ClientConnectionError, OSError) as exc:
        raise FilmbotError(f"cannot reach Discord ({exc.__class__.__name__}): check the network") from None
    finally:
        await services.close()
    return 0


def run_discord(settings: Settings) -> int:
    token = settings.require_token()
    return shutdown.run(_run(settings, token))
