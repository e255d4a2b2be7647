"""The real `filmbot` command, pointed at a fake Discord: for tests that run bot processes.

    python -m bot.testing.against_fake API_BASE GATEWAY_URL run --shards 0,1 --shard-count 4

Only the two addresses discord.py connects to change (as the in-process tests patch them); the
rest is `filmbot` itself: settings, wiring, the client, the shutdown on SIGTERM.
"""

from __future__ import annotations

import sys

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.console.cli import main as filmbot


def main(argv: list[str]) -> int:
    api_base, gateway, *args = argv
    discord.http.Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    return filmbot(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
