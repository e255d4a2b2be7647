"""`python -m bench.starter`: the starter catalogue's people, discovery and computed /similar.

On the real 17k-film catalogue, each measured side by side with a naive baseline in the same run:

- person names: bot.core.people.PersonIndex against a rapidfuzz WRatio scan over every name;
  queries are held out (drawn with a fixed seed from the catalogue, then mistyped), never used
  to tune the index;
- /films: SqliteFilmInfo.discover against filtering every film in Python;
- computed /similar: SqliteFilmInfo.similarity_facts + similar_to against comparing the film
  with every other film;
- recommendation quality: for films that have a sequel or a same-director film in the
  catalogue, how often one of them is among the first five suggestions, and what misses look like.

Usage: python -m bench.starter [--db PATH] [--queries N] [--json PATH]
(run: python -m bench.starter --queries 300 --json bench/starter_results.json)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bench.scale_queries import person_queries as scale_person_queries
from bot.core.discovery import Discovery, Order
from bot.core.people import PersonIndex
from bot.core.similarity import FilmFacts, series_key, similar_to
from bot.settings import Settings
from bot.store.film_info import SqliteFilmInfo
from bot.wiring import open_store

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "data" / "starter" / "films-v1.jsonl.gz"
NAIVE_QUERIES = 100  # the naive sides are slow: the first 100 queries of the same set


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 3),
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3),
    }


def person_queries(people: list[Any], count: int, rng: random.Random) -> list[tuple[str, str, int]]:
    """The held-out person queries (bench.scale_queries.person_queries) over these people."""
    best_first = sorted(people, key=lambda p: (-p.weight, p.id))
    return scale_person_queries(best_first, Counter(p.name for p in people), count, rng)


def bench_people(people: list[Any], queries: list[tuple[str, str, int]]) -> dict[str, Any]:
    start = time.perf_counter()
    index = PersonIndex(people)
    build = time.perf_counter() - start
    names = [p.name for p in people]
    ids = [p.id for p in people]
    weights = {p.id: p.weight for p in people}
    results: dict[str, Any] = {"people": len(people), "queries": len(queries), "build_s": round(build, 2)}
    for side in ("PersonIndex", "naive WRatio scan"):
        times: list[float] = []
        hits = 0
        by_kind: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        asked = queries if side == "PersonIndex" else queries[:NAIVE_QUERIES]
        for kind, query, wanted in asked:
            t = time.perf_counter()
            if side == "PersonIndex":
                found = index.complete(query, 5) if kind == "prefix" else index.search(query, 5)
                top = [m.person.id for m in found]
            else:
                scored = process.extract(query, names, scorer=fuzz.WRatio, limit=25)
                scored.sort(key=lambda s: (-s[1], -weights[ids[s[2]]]))  # popularity breaks ties
                top = [ids[s[2]] for s in scored[:5]]
            times.append(time.perf_counter() - t)
            ok = bool(top) and top[0] == wanted
            hits += ok
            by_kind[kind][0] += ok
            by_kind[kind][1] += 1
        results[side] = {
            **percentiles(times),
            "queries": len(asked),
            "top1": round(hits / len(asked), 3),
            "top1_by_kind": {k: round(a / b, 3) for k, (a, b) in sorted(by_kind.items())},
        }
    return results


def discovery_queries(
    genres: list[str], countries: list[str], people: list[Any], count: int, rng: random.Random
) -> list[Discovery]:
    directors = [p for p in people if "director" in p.roles and p.weight > 500]
    found = []
    for _ in range(count):
        years = None
        if rng.random() < 0.5:
            lo = rng.choice(range(1940, 2011, 10))
            years = (lo, lo + 9)
        found.append(
            Discovery(
                genre=rng.choice(genres) if rng.random() < 0.7 else None,
                country=rng.choice(countries) if rng.random() < 0.3 else None,
                person_id=rng.choice(directors).id if rng.random() < 0.2 else None,
                years=years,
                order=rng.choice(list(Order)),
            )
        )
    return found


async def bench_films(info: SqliteFilmInfo, db: Any, queries: list[Discovery]) -> dict[str, Any]:
    rows = await db.fetchall(
        "SELECT f.id, f.title, f.year, coalesce(d.notability, f.votes) AS n, coalesce(d.metacritic, d.rt_meter) AS c,"
        " (SELECT json_group_array(x.kind || ':' || x.value_key) FROM film_facets x WHERE x.film_id = f.id) AS facets,"
        " (SELECT json_group_array(person_id) FROM credits WHERE film_id = f.id) AS people"
        " FROM films f LEFT JOIN film_details d ON d.film_id = f.id WHERE f.guild_id = 0"
    )
    films = [(r[0], r[1], r[2], r[3], r[4], set(json.loads(r[5])), set(json.loads(r[6]))) for r in rows]
    out: dict[str, Any] = {"queries": len(queries)}
    for side in ("SQLite facets", "naive Python filter"):
        times = []
        for q in queries:
            t = time.perf_counter()
            if side == "SQLite facets":
                await info.discover(q, 0, 25)
            else:
                want = {f"{k}:{v.lower()}" for k, v in (("genre", q.genre), ("country", q.country)) if v}
                kept = [
                    f
                    for f in films
                    if want <= f[5]
                    and (q.person_id is None or q.person_id in f[6])
                    and (q.years is None or (f[2] is not None and q.years[0] <= f[2] <= q.years[1]))
                ]
                kept.sort(key=lambda f: -(f[3] or 0))
                kept[:25]
            times.append(time.perf_counter() - t)
        out[side] = percentiles(times)
    return out


async def bench_similar(info: SqliteFilmInfo, db: Any, targets: list[int]) -> dict[str, Any]:
    stats = await info.genre_stats()
    ids = [r[0] for r in await db.fetchall("SELECT id FROM films WHERE guild_id = 0")]
    everything = await info._facts(ids)  # the naive side holds every film's facts in memory
    out: dict[str, Any] = {"films": len(ids), "targets": len(targets)}
    times = []
    for film_id in targets:
        t = time.perf_counter()
        found = await info.similarity_facts(film_id, 0)
        assert found is not None
        similar_to(found[0], found[1], stats)
        times.append(time.perf_counter() - t)
    out["SQLite candidates + similar_to"] = percentiles(times)
    by_id = {f.film_id: f for f in everything}
    times = []
    for film_id in targets[:NAIVE_QUERIES]:  # the scan is slow: fewer targets, same method
        t = time.perf_counter()
        similar_to(by_id[film_id], everything, stats)
        times.append(time.perf_counter() - t)
    out["naive: compare with every film (first 100 targets)"] = percentiles(times)
    return out


async def quality(info: SqliteFilmInfo, db: Any, rng: random.Random, count: int) -> dict[str, Any]:
    """Films with a sequel (same series, a shared person) or a same-director film: is one of those
    in the first five suggestions?"""
    ids = [
        r[0] for r in await db.fetchall("SELECT f.id FROM films f JOIN film_details d ON d.film_id = f.id")
    ]
    facts = await info._facts(ids)
    by_director: dict[int, list[FilmFacts]] = defaultdict(list)
    by_series: dict[str, list[FilmFacts]] = defaultdict(list)
    for f in facts:
        for who in f.directors:
            by_director[who.id].append(f)
        by_series[series_key(f.title)].append(f)

    def related(f: FilmFacts) -> set[int]:
        same = {o.film_id for who in f.directors for o in by_director[who.id]}
        people = {w.id for w in (*f.directors, *f.writers, *f.cast)}
        sequels = {
            o.film_id
            for o in by_series[series_key(f.title)]
            if {w.id for w in (*o.directors, *o.writers, *o.cast)} & people
        }
        return (same | sequels) - {f.film_id}

    eligible = [f for f in facts if related(f)]
    sample = rng.sample(eligible, min(count, len(eligible)))
    stats = await info.genre_stats()
    hits = 0
    misses: list[dict[str, Any]] = []
    for f in sample:
        found = await info.similarity_facts(f.film_id, 0)
        assert found is not None
        top = similar_to(found[0], found[1], stats, 5)
        if {c.film.film_id for c in top} & related(f):
            hits += 1
        elif len(misses) < 8:
            misses.append(
                {
                    "film": f.label,
                    "expected one of": sorted(o.label for o in facts if o.film_id in related(f))[:3],
                    "got": [f"{c.film.label}: {c.reason}" for c in top[:3]],
                }
            )
    return {
        "eligible": len(eligible),
        "sampled": len(sample),
        "hit_at_5": round(hits / len(sample), 3),
        "misses": misses,
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(20261122)
    t = time.perf_counter()
    store = await open_store(Settings(db_path=args.db, data_dir=ROOT / "data", starter=STARTER))
    load = time.perf_counter() - t
    try:
        info = SqliteFilmInfo(store.db)
        t = time.perf_counter()
        people = await info.people()
        read_people = time.perf_counter() - t
        results: dict[str, Any] = {"open_store_s": round(load, 2), "read_people_s": round(read_people, 2)}
        results["people"] = bench_people(people, person_queries(people, args.queries, rng))
        genres = await info.facet_values("genre", "", 25)
        countries = await info.facet_values("country", "", 15)
        results["films"] = await bench_films(
            info, store.db, discovery_queries(genres, countries, people, args.queries, rng)
        )
        ids = [
            r[0]
            for r in await store.db.fetchall(
                "SELECT film_id FROM film_details ORDER BY notability DESC LIMIT 5000"
            )
        ]
        results["similar"] = await bench_similar(info, store.db, rng.sample(ids, min(args.queries, len(ids))))
        results["quality"] = await quality(info, store.db, rng, args.queries)
        return results
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/filmbot-bench-starter.sqlite3"))
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = asyncio.run(main_async(args))
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
