"""`python -m bench.ask_scale --films 1000000`: a whole /ask over a large catalogue.

Builds the catalogue as bench.imports does (N synthetic films as IMDb TSV, imported with
`filmbot import`'s code path), or with --db opens a copy of an existing catalogue (the synthetic
one with realistic credits from bench.synthetic_catalogue, whose /film, /films and /pick have
people, genres and countries to read), opens the bot's services on it, waits for the discovery
index (built in the background on first use), then times every question through
the command table exactly as a front-end runs it (`commands.run("ask", ...)`: parse, route,
resolve the film in the index, read the store, build the reply). The baseline, in the same run,
is the command the question was routed to, run directly with the same options, so the ratio is
what /ask adds. Questions name films drawn by the square root of their votes, as people ask about
well-known films more; a question is only asked when the command answering it is in the table.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.ask import percentile
from bench.catalogue import Title, build
from bench.imports import write_imdb
from bot.core.models import Caller
from bot.core.questions import parse
from bot.core.questions.route import route

FILM_QUESTIONS = [
    "reviews of {t}",
    "what do critics say about {t}?",
    "films like {t}",
    "something like {t} but from the {d}s",
    "who directed {t}",
    "who's in {t} {y}",
    "how long is {t}",
    "when did {t} come out",
    "tell me about {t}",
    "is {t} on netflix",
    "what is {t} about",
]
OTHER_QUESTIONS = [
    "{g} films from the {d}s",
    "best known {g} of {y}",
    "pick a random {g}",
    "what should we watch tonight",
    "hello there",
    "can you play music",
]
GENRES = ["horror", "comedy", "sci-fi", "western", "drama", "thriller", "french comedies"]


def questions(titles: list[Title], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    weights = [math.sqrt(t.votes + 1) for t in titles]
    films = rng.choices(titles, weights=weights, k=count)
    asked = []
    for film in films:
        template = rng.choice(FILM_QUESTIONS if rng.random() < 0.8 else OTHER_QUESTIONS)
        year = film.year or 1999
        asked.append(
            template.format(t=film.title.lower(), y=year, d=year // 10 * 10 % 100, g=rng.choice(GENRES))
        )
    return asked


async def timed(coroutine: Any) -> tuple[float, float]:
    start, cpu = time.perf_counter_ns(), time.process_time_ns()
    await coroutine
    return (time.perf_counter_ns() - start) / 1e6, (time.process_time_ns() - cpu) / 1e6


async def measure(size: int, count: int, seed: int, source: Path | None = None) -> dict[str, Any]:
    from bot.settings import Settings
    from bot.store.bulk import bulk_import
    from bot.store.database import connect
    from bot.wiring import open_services

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        if source is not None:
            shutil.copyfile(source, folder / "bench.sqlite3")
        else:
            basics = write_imdb(folder, size)
            db = await connect(folder / "bench.sqlite3")
            await bulk_import(db, basics, 0)
            await db.close()
        data = Path(__file__).resolve().parents[1] / "data"
        settings = Settings(db_path=folder / "bench.sqlite3", data_dir=data, starter=None)
        services = await open_services(settings)
        try:
            titles = await _titles(services) if source is not None else build(size)
            if services.commands.deps.facets is not None:
                await services.commands.deps.facets.ready()
            print(
                f"catalogue of {len(titles):,} ready in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            return await _ask_all(services, questions(titles, count, seed))
        finally:
            await services.close()


async def _titles(services: Any) -> list[Title]:
    rows = await services.db.fetchall(
        "SELECT f.id, f.title, f.year, coalesce(d.notability, f.votes) FROM films f"
        " LEFT JOIN film_details d ON d.film_id = f.id WHERE f.guild_id = 0"
    )
    return [Title(r[0], r[1], r[2], int(r[3] or 0)) for r in rows]


async def _ask_all(services: Any, asked: list[str]) -> dict[str, Any]:
    commands, caller = services.commands, Caller(guild_id=1, user_id=2)
    available = set(commands.by_path)
    wall: list[float] = []
    cpu: list[float] = []
    direct: list[float] = []
    by_command: dict[str, list[float]] = {}
    cpu_by_command: dict[str, list[float]] = {}
    skipped: dict[str, int] = {}
    for question in asked[:20]:  # warm the caches a running bot has warm
        await commands.run("ask", caller, {"question": question})
    for question in asked:
        found = route(parse(question))
        command = found[0].command if found else "(none)"
        if found and command not in available:
            skipped[command] = skipped.get(command, 0) + 1
            continue
        took, used = await timed(commands.run("ask", caller, {"question": question}))
        wall.append(took)
        cpu.append(used)
        by_command.setdefault(command, []).append(took)
        cpu_by_command.setdefault(command, []).append(used)
        if found:
            options = {
                k: v
                for k, v in found[0].options
                if any(o.name == k for o in commands.by_path[command].options)
            }
            direct.append((await timed(commands.run(command, caller, options)))[0])
    return {
        "asked": len(wall),
        "skipped_no_command": skipped,
        "wall_ms": {f"p{q}": percentile(wall, q) for q in (50, 90, 99)} | {"max": max(wall)},
        "cpu_ms": {f"p{q}": percentile(cpu, q) for q in (50, 90, 99)} | {"max": max(cpu)},
        "direct_wall_ms": {f"p{q}": percentile(direct, q) for q in (50, 99)},
        "by_command_p99_ms": {
            k: (len(v), percentile(v, 99) if len(v) > 1 else v[0], percentile(cpu_by_command[k], 99))
            for k, v in sorted(by_command.items())
        },
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--films", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--db", type=Path, default=None, help="an existing catalogue (copied first)")
    args = parser.parse_args(argv)
    result = asyncio.run(measure(args.films, args.questions, args.seed, args.db))
    print(f"/ask over {args.films:,} films: {result['asked']} questions asked")
    for key in ("wall_ms", "cpu_ms", "direct_wall_ms"):
        print(f"  {key:15}", "  ".join(f"{k} {v:.2f}" for k, v in result[key].items()))
    for command, (n, p99, cpu99) in result["by_command_p99_ms"].items():
        print(f"  {command:15} {n:5} questions, wall p99 {p99:.2f} ms, cpu p99 {cpu99:.2f} ms")
    if result["skipped_no_command"]:
        print(f"  not asked (their command is not in the table yet): {result['skipped_no_command']}")
    print(f"  peak rss {result['rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
