"""`python -m bench.load`: 200 concurrent autocompletes plus 20 concurrent admin writes against a
100,000-title catalogue, through the real discord.py client and the local fake Discord.

Reports the time from each INTERACTION_CREATE to its answer, answers Discord would have refused
(late, invalid), "database is locked" errors, and the bot's event-loop lag (how late a 10 ms
timer fires while the load runs). The fake Discord runs in its own process (bench/fake_server.py),
so the lag measured is the bot's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket

from bench.imports import write_imdb
from bot.app.client import FilmBot
from bot.settings import Settings
from bot.store.bulk import bulk_import
from bot.store.database import connect
from bot.testing.fake_discord import TOKEN
from bot.wiring import open_services


async def lag_probe(stop: asyncio.Event, samples: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        samples.append((time.perf_counter() - started - 0.01) * 1000)


async def drive(
    port: int, autocompletes: int, writes: int, spacing_ms: float
) -> tuple[dict[str, Any], float, list[float]]:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            async with session.get(f"{base}/control/ready") as answer:
                if (await answer.json())["ready"]:
                    break
            await asyncio.sleep(0.1)
        stop, lags = asyncio.Event(), list[float]()
        probe = asyncio.create_task(lag_probe(stop, lags))
        started = time.perf_counter()
        spec = {"autocompletes": autocompletes, "writes": writes, "spacing_ms": spacing_ms}
        async with session.post(f"{base}/control/load", json=spec) as answer:
            outcome = await answer.json()
        wall = time.perf_counter() - started
        stop.set()
        await probe
    return outcome, wall, lags


async def run(titles: int, autocompletes: int, writes: int, spacing_ms: float) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = await connect(folder / "load.sqlite3")
        await bulk_import(db, write_imdb(folder, titles), 0)
        await db.close()
        data = Path(__file__).resolve().parents[1] / "data"
        settings = Settings(db_path=folder / "load.sqlite3", data_dir=data)
        services = await open_services(settings)
        gc.collect()  # as bot.app.runner does once the index is built
        gc.freeze()
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.fake_server", stdout=asyncio.subprocess.PIPE
        )
        assert server.stdout is not None
        port = int(await server.stdout.readline())
        base = f"http://127.0.0.1:{port}"
        discord.http.Route.BASE = f"{base}/api/v10"
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/gateway")
        client = FilmBot(services, settings)
        task = asyncio.create_task(client.start(TOKEN))
        try:
            outcome, wall, lags = await drive(port, autocompletes, writes, spacing_ms)
        finally:
            await client.close()
            await asyncio.wait_for(task, 10)
            server.kill()
            await server.wait()
            await services.close()
    results = outcome["results"]
    complete = sorted(r["ms"] for r in results[:autocompletes])
    written = sorted(r["ms"] for r in results[autocompletes:])
    locked = sum(1 for r in results if r["locked"])
    failed_writes = sum(1 for r in results[autocompletes:] if not r["added"])
    over = sum(1 for r in results if r["ms"] > 3000)
    print(
        f"catalogue {titles:,} titles; {autocompletes} autocompletes + {writes} admin writes,"
        f" sent {spacing_ms:g} ms apart; {wall:.2f} s"
    )
    print(f"{'':14}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for name, values in (("autocomplete", complete), ("admin write", written)):
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"{name:14}{statistics.median(values):8.1f}{p99:8.1f}{values[-1]:8.1f}")
    print(
        f"bot event-loop lag: p50 {statistics.median(lags):.1f} ms, max {max(lags):.1f} ms ({len(lags)} samples)"
    )
    print(
        f"answers Discord refused: {outcome['rejections']}; 'database is locked': {locked}; failed writes: {failed_writes}"
    )
    print(f"answers slower than Discord's 3 s deadline: {over}")
    return 0 if not (outcome["rejections"] or locked or failed_writes or over) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    parser.add_argument("--autocompletes", type=int, default=200)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--spacing-ms", type=float, default=1.0, help="gap between events on the gateway")
    options = parser.parse_args(argv)
    return asyncio.run(run(options.titles, options.autocompletes, options.writes, options.spacing_ms))


if __name__ == "__main__":
    sys.exit(main())
