"""`python -m bench.load`: 200 concurrent autocompletes plus 20 concurrent admin writes against a
100,000-title catalogue, through the real discord.py client and the local fake Discord.

Reports the time from each INTERACTION_CREATE to its answer, answers Discord would have refused
(late, invalid), "database is locked" errors, and the bot's event-loop lag (how late a 10 ms
timer fires while the load runs).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bench.imports import write_imdb
from bot.app.client import FilmBot
from bot.settings import Settings
from bot.store.bulk import bulk_import
from bot.store.database import connect
from bot.wiring import open_services
from tests.app.fake_discord import TOKEN, FakeDiscord

MANAGE_GUILD = 1 << 5


async def lag_probe(stop: asyncio.Event, samples: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        samples.append((time.perf_counter() - started - 0.01) * 1000)


async def timed(fake: FakeDiscord, payload: dict) -> tuple[float, object]:
    started = time.perf_counter()
    record = await fake.interact(payload, timeout=30)
    return (time.perf_counter() - started) * 1000, record


async def run(titles: int, autocompletes: int, writes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = await connect(folder / "load.sqlite3")
        await bulk_import(db, write_imdb(folder, titles), 0)
        await db.close()
        data = Path(__file__).resolve().parents[1] / "data"
        settings = Settings(db_path=folder / "load.sqlite3", data_dir=data)
        services = await open_services(settings)
        fake = FakeDiscord()
        await fake.start()
        discord.http.Route.BASE = fake.api_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
        client = FilmBot(services, settings)
        task = asyncio.create_task(client.start(TOKEN))
        await asyncio.wait_for(fake.identified.wait(), 30)
        words = ["the", "love", "ka", "dor", "mar", "night", "sol", "ven", "tin", "zen"]
        payloads = [
            fake.interaction_payload(
                "review",
                [
                    {
                        "name": "title",
                        "type": 3,
                        "value": f"{words[n % len(words)]}{'a' * (n % 3)}",
                        "focused": True,
                    }
                ],
                kind=4,
                user_id=1000 + n,
            )
            for n in range(autocompletes)
        ]
        payloads += [
            fake.interaction_payload(
                "catalogue",
                [
                    {
                        "name": "add-film",
                        "type": 1,
                        "options": [{"name": "title", "type": 3, "value": f"Load Test {n}"}],
                    }
                ],
                permissions=MANAGE_GUILD,
                user_id=5000 + n,
            )
            for n in range(writes)
        ]
        stop, lags = asyncio.Event(), []
        probe = asyncio.create_task(lag_probe(stop, lags))
        started = time.perf_counter()
        results = await asyncio.gather(*(timed(fake, p) for p in payloads))
        wall = time.perf_counter() - started
        stop.set()
        await probe
        await client.close()
        await task
        await fake.stop()
        await services.close()
    complete = sorted(ms for ms, _ in results[:autocompletes])
    written = sorted(ms for ms, _ in results[autocompletes:])
    locked = sum(1 for _, r in results if "locked" in str(getattr(r, "callbacks", "")))
    failed_writes = sum(
        1 for _, r in results[autocompletes:] if "Added" not in str(getattr(r, "callbacks", ""))
    )
    print(
        f"catalogue {titles:,} titles; {autocompletes} autocompletes + {writes} admin writes at once; {wall:.2f} s"
    )
    print(f"{'':14}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for name, values in (("autocomplete", complete), ("admin write", written)):
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"{name:14}{statistics.median(values):8.1f}{p99:8.1f}{values[-1]:8.1f}")
    print(
        f"event-loop lag: p50 {statistics.median(lags):.1f} ms, max {max(lags):.1f} ms ({len(lags)} samples)"
    )
    print(
        f"answers Discord refused: {len(fake.rejections)}; 'database is locked': {locked}; failed writes: {failed_writes}"
    )
    over = sum(1 for ms, _ in results if ms > 3000)
    print(f"answers slower than Discord's 3 s deadline: {over}")
    return 0 if not (fake.rejections or locked or failed_writes or over) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    parser.add_argument("--autocompletes", type=int, default=200)
    parser.add_argument("--writes", type=int, default=20)
    options = parser.parse_args(argv)
    return asyncio.run(run(options.titles, options.autocompletes, options.writes))


if __name__ == "__main__":
    sys.exit(main())
