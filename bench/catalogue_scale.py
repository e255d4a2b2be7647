"""`python -m bench.catalogue_scale`: people, /films and computed /similar on the real 17k starter
catalogue and on the synthetic 1,000,000-film one, each beside a naive baseline in the same run,
plus the whole bot's memory and start-up (bench/README.md, "Catalogue at scale", has the method).

Each catalogue is measured in a fresh child process that starts the bot's services as the bot
does (bot.wiring.open_services, then the Discord client object with its command tree, not
connected), reports its start-up and memory, then times the queries. Per query: wall time and
this thread's CPU time (time.thread_time_ns), so a busy shared machine shows as waiting, not as
work. Each catalogue is started twice: the first start may build the saved indexes, the second is
what every later start costs.

Usage: python -m bench.catalogue_scale [--folder F] [--films N] [--queries N] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
STARTER = DATA / "starter" / "films-v1.jsonl.gz"
FILMS_QUERIES = 100
NAIVE = {"people": 10, "films": 40, "similar": 20}  # the naive sides are slow: their first N queries


def memory() -> dict[str, int]:
    """This process's resident and proportional set sizes, MiB (PSS shares mapped files fairly)."""
    lines = Path("/proc/self/smaps_rollup").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    return {k.lower() + "_mib": int(fields[k].split()[0]) // 1024 for k in ("Rss", "Pss")}


async def child(db: Path, starter: bool, queries: int) -> dict[str, Any]:
    started = time.perf_counter()
    from bench.scale_queries import bench_films, bench_people, bench_similar
    from bot.app.client import FilmBot
    from bot.settings import Settings
    from bot.store.film_info import SqliteFilmInfo
    from bot.wiring import open_services

    imported = time.perf_counter() - started
    settings = Settings(db_path=db, data_dir=DATA, starter=STARTER if starter else None)
    services = await open_services(settings)
    FilmBot(services, settings)  # the command tree as the bot builds it (not connected)
    out: dict[str, Any] = {
        "imports_s": round(imported, 2),
        "ready_s": round(time.perf_counter() - started, 2),
        "ready_cpu_s": round(time.process_time(), 2),
        "memory_ready": memory(),
    }
    try:
        deps = services.commands.deps
        assert deps.people is not None and isinstance(deps.info, SqliteFilmInfo)
        if queries:
            rng = random.Random(20261123)  # held out: no constant was chosen by looking at these
            out["people"] = bench_people(deps.people, queries, rng, NAIVE["people"])
            out["memory_after_people"] = memory()
            print("people", json.dumps(out["people"]), file=sys.stderr, flush=True)  # partial results
            out["similar"] = await bench_similar(deps.info, queries, rng, NAIVE["similar"])
            print("similar", json.dumps(out["similar"]), file=sys.stderr, flush=True)
            # /films last and with fewer queries: on SQLite a common genre sorted by year reads
            # every matching film (seconds each at a million), so the full set would take hours.
            out["films"] = await bench_films(
                deps.info, deps.people, min(queries, FILMS_QUERIES), rng, NAIVE["films"]
            )
    finally:
        await services.close()
    return out


def run_child(db: Path, starter: bool, queries: int) -> dict[str, Any]:
    """One fresh bot process; wall time from its start to its report."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.catalogue_scale", "--child", str(db), "--queries", str(queries)]
        + (["--starter"] if starter else []),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"the bot process failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["process_s"] = round(time.perf_counter() - started, 2)
    return found


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, default=Path("/tmp/filmbot-synthetic"))
    parser.add_argument("--films", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--starter-db", type=Path, default=Path("/tmp/filmbot-bench-starter.sqlite3"))
    parser.add_argument("--skip-starter", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--starter", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args.child, args.starter, args.queries))))
        return
    from bench.synthetic_catalogue import build

    results: dict[str, Any] = {}
    catalogues = [] if args.skip_starter else [("starter 17k", args.starter_db, True)]
    catalogues.append((f"synthetic {args.films:,}", asyncio.run(build(args.folder, args.films)), False))
    for name, db, starter in catalogues:
        runs = []
        for start in ("first start", "later start"):
            before = load_average()
            found = run_child(db, starter, args.queries if start == "later start" else 0)
            found["load_average"] = f"{before} -> {load_average()}"
            runs.append((start, found))
            print(name, start, json.dumps(found), flush=True)
        results[name] = dict(runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
