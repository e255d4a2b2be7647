"""`python -m bench.ratings`: a burst of N members rating at once, end to end.

The real discord.py client answers N concurrent /rate interactions from N different members
(each with a review) through the local fake Discord, in this process. Reported: the wall time of
the whole burst, each answer's latency (INTERACTION_CREATE to answer), answers Discord would have
refused, ratings lost (rows in the database against answers), and, as the baseline measured in
the same run, the same burst of /review (a read of the same film), so the figure can be compared
across machines as a ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.app.client import FilmBot
from bot.settings import Settings
from bot.testing.fake_discord import TOKEN, FakeDiscord
from bot.wiring import open_services

ROOT = Path(__file__).resolve().parents[1]
GUILD = 900000000000000001


async def burst(fake: FakeDiscord, command: str, count: int, first_user: int) -> tuple[float, list[float]]:
    async def one(user: int) -> float:
        values = [{"name": "title", "type": 3, "value": "Memento"}]
        if command == "rate":
            values += [
                {"name": "stars", "type": 3, "value": str(1 + user % 5)},
                {"name": "review", "type": 3, "value": f"take {user}"},
            ]
        payload = fake.interaction_payload(command, values, user_id=user, guild_id=GUILD)
        started = time.perf_counter()
        await fake.interact(payload, timeout=30)
        return (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    latencies = await asyncio.gather(*(one(first_user + n) for n in range(count)))
    return time.perf_counter() - started, list(latencies)


async def run(count: int) -> dict[str, Any]:
    fake = FakeDiscord()
    await fake.start()
    discord.http.Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db_path=Path(folder) / "bench.sqlite3", data_dir=ROOT / "data")
        services = await open_services(settings)
        client = FilmBot(services, settings)
        task = asyncio.create_task(client.start(TOKEN))
        try:
            await asyncio.wait_for(fake.identified.wait(), 30)
            await burst(fake, "review", 5, 1)  # warm-up: first-use costs out of both bursts
            read_wall, read_ms = await burst(fake, "review", count, 10_000)
            rate_wall, rate_ms = await burst(fake, "rate", count, 20_000)
            row = await services.db.fetchone("SELECT count(*) FROM ratings")
            stored = int(row[0]) if row else 0
        finally:
            await client.close()
            await asyncio.wait_for(task, 30)
            await services.close()
            await fake.stop()

    def summary(wall: float, ms: list[float]) -> dict[str, float]:
        ordered = sorted(ms)
        return {
            "wall_s": round(wall, 3),
            "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
            "max_ms": round(ordered[-1], 1),
        }

    return {
        "members": count,
        "rate": summary(rate_wall, rate_ms),
        "review_baseline": summary(read_wall, read_ms),
        "ratio_wall": round(rate_wall / read_wall, 2),
        "ratings_stored": stored,
        "rejections": len(fake.rejections),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--members", type=int, default=100)
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.members))
    for key, value in result.items():
        print(f"{key}: {value}")
    ok = result["ratings_stored"] == args.members and result["rejections"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
