"""`python -m bench.discovery --db PATH`: /films and /pick from the facet index, at any size.

Opens the bot's services on a copy of a catalogue database (the 1,000,000-film synthetic one from
bench.synthetic_catalogue, or the starter catalogue with --starter), waits for the facet index,
then runs a held-out set of discovery queries (drawn with --seed from the catalogue itself, never
used to tune anything) three ways in the same run:

- ours: FacetIndex.find (filters, order, the 200 films /films pages through, and the count), the
  person's films read from the store first when a person is asked for; and /pick's FacetIndex.pick;
- naive: every film's facets held in Python lists, filtered and sorted per query (first --naive);
- SQL: the statements the index replaced (SqliteFilmInfo.discover + count, first --sql queries).

Per query: this thread's CPU time (time.thread_time_ns: the index runs in the caller's thread)
and wall time; the whole commands (/films with 200 listed films, /pick with its card) as a
front-end runs them, with the process's CPU time (the SQLite thread's reads count).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.core.discovery import Discovery, Order
from bot.core.facets import FacetIndex
from bot.core.models import Caller

ROOT = Path(__file__).resolve().parents[1]
ORDER_CHOICE = {o: o.value for o in Order}


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    found = {f"p{q}": ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] for q in (50, 90, 99)}
    return found | {"max": ordered[-1], "n": len(ordered)}


async def draw_queries(
    db: Any, index: FacetIndex, count: int, seed: int
) -> list[tuple[Discovery, str | None]]:
    """Filters as people combine them: a film's own genre, country, language or person (so common
    facets come up as often as they are common), years as a year, a decade, a span or "before"."""
    rng = random.Random(seed)
    keys = sorted(index.postings, key=lambda k: (k[0], k[1]))
    weights = [len(index.postings[k]) for k in keys]
    people = await db.fetchall(
        "SELECT c.person_id, p.name FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id IN"
        " (SELECT id FROM films ORDER BY random() LIMIT 400) AND c.billing < 3"
    )
    found = []
    for _ in range(count):
        picked = {kind: value for kind, value in rng.choices(keys, weights=weights, k=3)}
        start = rng.randrange(1930, 2015)
        years = rng.choice(
            [
                None,
                None,
                (start, start),
                (start - start % 10, start - start % 10 + 9),
                (start, start + rng.randrange(1, 30)),
                (1870, start),
            ]
        )
        person = rng.choice(people) if rng.random() < 0.2 and people else None
        query = Discovery(
            genre=picked.get("genre") if rng.random() < 0.7 else None,
            country=picked.get("country") if rng.random() < 0.3 else None,
            language=picked.get("language") if rng.random() < 0.2 else None,
            person_id=person[0] if person else None,
            years=years,
            order=rng.choice(list(Order)),
        )
        found.append((query, person[1] if person else None))
    return found


def naive_films(index: FacetIndex) -> list[tuple[int, int, int, int, int, frozenset[tuple[str, str]]]]:
    """Every film as a Python tuple: the baseline a small bot would write."""
    facets: dict[int, set[tuple[str, str]]] = {}
    for key, slots in index.postings.items():
        for slot in slots.tolist():
            facets.setdefault(slot, set()).add(key)
    return [
        (
            int(index.ids[s]),
            0,
            int(index.years[s]),
            int(index.fame[s]),
            int(index.critics[s]),
            frozenset(facets.get(s, ())),
        )
        for s in range(index.size)
    ]


def naive_find(films: list[Any], query: Discovery, person_films: set[int] | None) -> tuple[list[int], int]:
    wanted = {
        (k, v.lower())
        for k, v in (("genre", query.genre), ("country", query.country), ("language", query.language))
        if v
    }
    lo, hi = query.years or (0, 10_000)
    kept = [
        f
        for f in films
        if lo <= f[2] <= hi and wanted <= f[5] and (person_films is None or f[0] in person_films)
    ]
    keys = {
        Order.BEST_KNOWN: lambda f: (-f[3], f[0]),
        Order.NEWEST: lambda f: (-f[2] if f[2] != 9999 else 1, -f[3], f[0]),
        Order.OLDEST: lambda f: (f[2], -f[3], f[0]),
        Order.CRITICS: lambda f: (-f[4], -f[3], f[0]),
    }
    kept.sort(key=keys[query.order])
    return [f[0] for f in kept[:200]], len(kept)


def memory(index: FacetIndex) -> float:
    arrays: list[Any] = [
        index.ids,
        index.years,
        index.fame,
        index.critics,
        index.by_id,
        index.sorted_ids,
        index.dead,
        index.foreign,
    ]
    arrays += [*index.orders.values(), *index.ranks.values(), *index.postings.values(), *index.dense.values()]
    return float(sum(a.nbytes for a in arrays)) / 2**20


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    from bot.settings import Settings
    from bot.wiring import open_services

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        copy = Path(tmp) / "bench.sqlite3"
        shutil.copyfile(args.db, copy)
        starter = ROOT / "data" / "starter" / "films-v1.jsonl.gz" if args.starter else None
        services = await open_services(Settings(db_path=copy, data_dir=ROOT / "data", starter=starter))
        try:
            return await _run(services, args)
        finally:
            await services.close()


async def _run(services: Any, args: argparse.Namespace) -> dict[str, Any]:
    deps = services.commands.deps
    follower, info = deps.facets, deps.info
    started, cpu = time.perf_counter(), time.process_time()
    columns = await follower.source.facet_columns()
    read = (time.perf_counter() - started, time.process_time() - cpu)
    started, cpu = time.perf_counter(), time.process_time()
    index = FacetIndex(columns)
    built = (time.perf_counter() - started, time.process_time() - cpu)
    del columns
    await follower.ready()
    out: dict[str, Any] = {
        "films": index.size,
        "read_s": read,
        "build_s": built,
        "index_mb": memory(index),
        "facets": len(index.postings),
        "dense": len(index.dense),
    }
    queries = await draw_queries(services.db, index, args.queries, args.seed)
    films_of = {}
    for query, _ in queries:
        if query.person_id is not None and query.person_id not in films_of:
            films_of[query.person_id] = await follower.source.films_of(query.person_id)
    ours_cpu, ours_wall, picks_cpu, picks_wall, totals = [], [], [], [], []
    rng = random.Random(args.seed)
    for query, _ in queries:
        person = films_of.get(query.person_id) if query.person_id is not None else None
        wall, cpu_ns = time.perf_counter_ns(), time.thread_time_ns()
        found = index.find(query, 0, 200, person)
        ours_cpu.append((time.thread_time_ns() - cpu_ns) / 1e6)
        ours_wall.append((time.perf_counter_ns() - wall) / 1e6)
        totals.append(found.total)
        wall, cpu_ns = time.perf_counter_ns(), time.thread_time_ns()
        index.pick(query, 0, rng, person)
        picks_cpu.append((time.thread_time_ns() - cpu_ns) / 1e6)
        picks_wall.append((time.perf_counter_ns() - wall) / 1e6)
    out |= {
        "queries": len(queries),
        "matches": percentiles([float(t) for t in totals]),
        "find_cpu_ms": percentiles(ours_cpu),
        "find_wall_ms": percentiles(ours_wall),
        "pick_cpu_ms": percentiles(picks_cpu),
        "pick_wall_ms": percentiles(picks_wall),
    }
    films = naive_films(index)
    naive_wall, agree = [], 0
    for query, _ in queries[: args.naive]:
        person = set(films_of[query.person_id]) if query.person_id is not None else None
        wall = time.perf_counter_ns()
        expected = naive_find(films, query, person)
        naive_wall.append((time.perf_counter_ns() - wall) / 1e6)
        found = index.find(
            query, 0, 200, films_of.get(query.person_id) if query.person_id is not None else None
        )
        agree += (found.film_ids, found.total) == expected
    out |= {"naive_wall_ms": percentiles(naive_wall), "naive_agrees": f"{agree}/{len(naive_wall)}"}
    del films
    sql_wall = []
    for query, _ in queries[: args.sql]:
        wall = time.perf_counter_ns()
        if await info.discover(query, 0, 200):
            await info.count(query, 0)
        sql_wall.append((time.perf_counter_ns() - wall) / 1e6)
    out["sql_wall_ms"] = percentiles(sql_wall) if sql_wall else None
    out |= await _commands(services, queries)
    if args.similar:
        out |= await _similar(services, args.similar, args.seed)
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


async def _commands(services: Any, queries: list[tuple[Discovery, str | None]]) -> dict[str, Any]:
    """/films and /pick as a front-end runs them (options typed as text)."""
    commands, caller = services.commands, Caller(guild_id=1, user_id=2)
    times: dict[str, tuple[list[float], list[float]]] = {"films": ([], []), "pick": ([], [])}
    for query, person in queries:
        options = {
            "genre": query.genre,
            "country": query.country,
            "language": query.language,
            "person": f"person:{query.person_id}" if person else None,
            "years": f"{query.years[0]}-{query.years[1]}" if query.years else None,
        }
        options = {k: v for k, v in options.items() if v}
        for path, extra in (("films", {"order": ORDER_CHOICE[query.order]}), ("pick", {})):
            wall, cpu = time.perf_counter_ns(), time.process_time_ns()
            reply = await commands.run(path, caller, options | extra)
            times[path][1].append((time.process_time_ns() - cpu) / 1e6)
            times[path][0].append((time.perf_counter_ns() - wall) / 1e6)
            assert not reply.error, (path, options, reply)
    return {
        f"{path}_command_{kind}_ms": percentiles(v[i])
        for path, v in times.items()
        for i, kind in enumerate(("wall", "cpu"))
    }


async def _similar(services: Any, count: int, seed: int) -> dict[str, Any]:
    """Computed /similar (the store's candidates, then similar_to), plain and narrowed to a decade:
    targets half from the 5,000 best-known films, half from all."""
    from bot.core.similarity import Narrowing, similar_to

    info, rng = services.commands.deps.info, random.Random(seed + 1)
    best = [
        r[0]
        for r in await services.db.fetchall(
            "SELECT film_id FROM film_details ORDER BY notability DESC LIMIT 5000"
        )
    ]
    everyone = [
        r[0] for r in await services.db.fetchall("SELECT id FROM films ORDER BY random() LIMIT ?", (count,))
    ]
    targets = [rng.choice(best) if i % 2 else everyone[i % len(everyone)] for i in range(count)]
    stats = await info.genre_stats()
    times: dict[str, tuple[list[float], list[float]]] = {"plain": ([], []), "narrowed": ([], [])}
    candidates = []
    for i, target in enumerate(targets):
        for kind, narrowing in (
            ("plain", Narrowing()),
            ("narrowed", Narrowing(years=(1990 + i % 3 * 10, 1999 + i % 3 * 10))),
        ):
            wall, cpu = time.perf_counter_ns(), time.process_time_ns()
            found = await info.similarity_facts(target, 0, narrowing)
            if found is not None:
                similar_to(found[0], found[1], stats, 8)
                candidates.append(len(found[1]))
            times[kind][1].append((time.process_time_ns() - cpu) / 1e6)
            times[kind][0].append((time.perf_counter_ns() - wall) / 1e6)
    found = {
        f"similar_{k}_{w}_ms": percentiles(v[i])
        for k, v in times.items()
        for i, w in enumerate(("wall", "cpu"))
    }
    return found | {"similar_candidates": percentiles([float(c) for c in candidates])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True, help="a catalogue database (copied first)")
    parser.add_argument("--starter", action="store_true", help="the database holds the starter catalogue")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--naive", type=int, default=30)
    parser.add_argument("--sql", type=int, default=30)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument(
        "--similar", type=int, default=0, help="also time computed /similar for this many films"
    )
    parser.add_argument("--tmp", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    result = asyncio.run(measure(args))
    result["load_average"] = [*load, *(Path("/proc/loadavg").read_text().split()[:3] if load else [])]
    for key, value in result.items():
        print(f"{key:24} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
