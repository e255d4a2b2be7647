"""The query sets and their timing for bench.catalogue_scale: people, /films and computed /similar,
each beside a naive baseline measured in the same process.

Query sets are drawn with a fixed seed from the catalogue itself and never used to tune anything:
person queries are well-known people (the 3,000 best known, namesakes left out) typed as a
surname, as a full name with one slip in the last word, or as the first two thirds of the name;
discovery queries combine a genre (70 %), a country (30 %), one of the 2,000 best-known directors
(20 %) and a decade (50 %) with a random order; /similar targets are drawn from the 5,000
best-known films.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from itertools import pairwise
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.discovery import Discovery, Order
from bot.core.normalise import fold
from bot.core.people import Person, PersonIndex, name_words
from bot.core.people_arrays import PersonArrays
from bot.core.similarity import similar_to
from bot.store.film_info import SqliteFilmInfo

POOL = 3000  # the best-known people queries are drawn from
WARM_UP = 50  # queries of another seed answered before timing (first touches of mapped pages)


class Clock:
    """Wall and CPU time of each `with` block. CPU is the whole process's (time.process_time_ns),
    not this thread's: aiosqlite runs every statement in its own thread, so the event loop's
    thread alone (time.thread_time_ns) would leave the SQL out. Nothing else runs meanwhile."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float]] = []

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time_ns()
        return self

    def __exit__(self, *exc: object) -> None:
        self.samples.append((time.perf_counter() - self._wall, (time.process_time_ns() - self._cpu) / 1e9))

    def report(self) -> dict[str, float]:
        def at(values: list[float], q: float) -> float:
            ordered = sorted(values)
            return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 3)

        walls, cpus = [w for w, _ in self.samples], [c for _, c in self.samples]
        return {
            "n": len(self.samples),
            "wall_p50_ms": at(walls, 0.5),
            "wall_p99_ms": at(walls, 0.99),
            "cpu_p50_ms": at(cpus, 0.5),
            "cpu_p99_ms": at(cpus, 0.99),
            "cpu_max_ms": at(cpus, 1.0),
        }


def _all_names(arrays: PersonArrays) -> list[str]:
    data, offsets = arrays.a["names"].tobytes(), arrays.a["name_offsets"].tolist()
    return [data[a:b].decode() for a, b in pairwise(offsets)]


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard: a letter dropped, doubled or two swapped (never the first)."""
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def person_queries(
    best_first: list[Person], names: Counter[str], count: int, rng: random.Random
) -> list[tuple[str, str, int]]:
    """(kind, query, intended person id): surnames, full names with a typo, and prefixes, for the
    POOL best-known people (given best first) with a name of two words or more that no one else has."""
    pool = [p for p in best_first if names[p.name] == 1 and p.weight > 0 and len(name_words(p.name)) >= 2][
        :POOL
    ]
    found = []
    for _ in range(count):
        p = rng.choice(pool)
        words = p.name.split()
        kind = rng.choice(("full+typo", "surname", "prefix"))
        if kind == "full+typo":
            query = " ".join([*words[:-1], typo(words[-1], rng)]).lower()
        elif kind == "surname":
            query = words[-1].lower()
        else:
            query = p.name[: max(4, len(p.name) * 2 // 3)].lower()
        found.append((kind, query, p.id))
    return found


def bench_people(index: PersonIndex, count: int, rng: random.Random, naive: int) -> dict[str, Any]:
    arrays = PersonArrays(index.arrays)
    names = _all_names(arrays)
    best = [arrays.person(rank) for rank in range(min(4 * POOL, len(arrays)))]
    queries = person_queries(best, Counter(names), count, rng)
    for _, query, _ in person_queries(best, Counter(names), WARM_UP, random.Random(1)):  # another set
        index.search(query, 25), index.complete(query, 25)
    out: dict[str, Any] = {"people": len(index), "queries": len(queries)}
    for side in ("search", "autocomplete"):
        clock, right = Clock(), Counter[str]()
        for kind, query, wanted in queries:
            with clock:
                found = index.search(query, 25) if side == "search" else index.complete(query, 25)
            right[kind] += bool(found) and found[0].person.id == wanted
        out[side] = clock.report() | {"top1": _shares(right, queries)}
    ids = arrays.a["ids"].tolist()
    clock, right = Clock(), Counter[str]()
    for kind, query, wanted in queries[:naive]:
        with clock:  # names are in rank order: the best known first among equal scores
            scored = process.extract(query, names, scorer=fuzz.WRatio, limit=25)
            scored.sort(key=lambda s: (-s[1], s[2]))
        right[kind] += bool(scored) and ids[scored[0][2]] == wanted
    out["naive WRatio over every name"] = clock.report() | {"top1": _shares(right, queries[:naive])}
    return out


def _shares(right: Counter[str], queries: list[tuple[str, str, int]]) -> dict[str, float]:
    asked = Counter(kind for kind, _, _ in queries)
    return {kind: round(right[kind] / n, 3) for kind, n in sorted(asked.items())}


async def bench_films(
    info: SqliteFilmInfo, index: PersonIndex, count: int, rng: random.Random, naive: int
) -> dict[str, Any]:
    arrays = PersonArrays(index.arrays)
    directors = [
        p for p in (arrays.person(r) for r in range(min(50_000, len(arrays)))) if "director" in p.roles
    ]
    genres = await info.facet_values("genre", "", 25)
    countries = await info.facet_values("country", "", 15)
    queries = []
    for _ in range(count):
        lo = rng.choice(range(1940, 2011, 10))
        queries.append(
            Discovery(
                genre=rng.choice(genres) if rng.random() < 0.7 else None,
                country=rng.choice(countries) if rng.random() < 0.3 else None,
                person_id=rng.choice(directors[:2000]).id if rng.random() < 0.2 else None,
                years=(lo, lo + 9) if rng.random() < 0.5 else None,
                order=rng.choice(list(Order)),
            )
        )
    out: dict[str, Any] = {"queries": len(queries)}
    clock = Clock()
    for q in queries:
        with clock:  # what /films does: the first page and the count
            await info.discover(q, 0, 25)
            await info.count(q, 0)
    out["ours: SQLite facets (discover + count)"] = clock.report()
    scan = await _Scan.read(info)
    clock = Clock()
    for q in queries[:naive]:
        with clock:
            await scan.discover(info, q)
    out["naive: scan every film and facet row (numpy)"] = clock.report()
    return out


class _Scan:
    """The naive side of /films: every film and every facet row in arrays, scanned per query."""

    @classmethod
    async def read(cls, info: SqliteFilmInfo) -> _Scan:
        scan = cls()
        rows = await info.db.fetchall(
            "SELECT f.id, coalesce(f.year, 0), coalesce(d.notability, f.votes),"
            " coalesce(d.metacritic, d.rt_meter, -1) FROM films f LEFT JOIN film_details d ON d.film_id = f.id"
            " WHERE f.guild_id = 0 ORDER BY f.id"
        )
        scan.ids = np.array([r[0] for r in rows], dtype=np.int64)
        scan.year = np.array([r[1] for r in rows], dtype=np.int32)
        scan.known = np.array([r[2] for r in rows], dtype=np.int64)
        scan.critics = np.array([r[3] for r in rows], dtype=np.int32)
        facets = await info.db.fetchall("SELECT kind || ':' || value_key, film_id FROM film_facets")
        codes: dict[str, int] = {}
        scan.codes = codes
        scan.facet = np.array([codes.setdefault(r[0], len(codes)) for r in facets], dtype=np.int32)
        scan.film = np.searchsorted(scan.ids, np.array([r[1] for r in facets], dtype=np.int64))
        return scan

    async def discover(self, info: SqliteFilmInfo, q: Discovery) -> list[int]:
        keep = np.ones(len(self.ids), dtype=bool)
        for kind, value in (("genre", q.genre), ("country", q.country), ("language", q.language)):
            if value:
                having = np.zeros(len(self.ids), dtype=bool)
                having[self.film[self.facet == self.codes.get(f"{kind}:{fold(value)}", -1)]] = True
                keep &= having
        if q.years:
            keep &= (self.year >= q.years[0]) & (self.year <= q.years[1])
        if q.person_id is not None:
            rows = await info.db.fetchall("SELECT film_id FROM credits WHERE person_id = ?", (q.person_id,))
            keep &= np.isin(self.ids, np.array([r[0] for r in rows], dtype=np.int64))
        at = np.flatnonzero(keep)
        first = {
            Order.BEST_KNOWN: -self.known[at],
            Order.NEWEST: -self.year[at],
            Order.OLDEST: self.year[at],
            Order.CRITICS: -self.critics[at],
        }[q.order]
        order = np.lexsort((self.ids[at], -self.known[at], first))[:25]
        return [int(i) for i in self.ids[at][order]]

    ids: np.ndarray
    year: np.ndarray
    known: np.ndarray
    critics: np.ndarray
    facet: np.ndarray
    film: np.ndarray
    codes: dict[str, int]


async def bench_similar(info: SqliteFilmInfo, count: int, rng: random.Random, naive: int) -> dict[str, Any]:
    best = [
        r[0]
        for r in await info.db.fetchall(
            "SELECT film_id FROM film_details ORDER BY notability DESC LIMIT 5000"
        )
    ]
    targets = rng.sample(best, min(count, len(best)))
    stats = await info.genre_stats()
    out: dict[str, Any] = {"targets": len(targets)}
    clock = Clock()
    for film_id in targets:
        with clock:
            found = await info.similarity_facts(film_id, 0)
            assert found is not None
            similar_to(found[0], found[1], stats)
    out["ours: bounded candidates + similar_to"] = clock.report()
    clock, sizes = Clock(), []
    for film_id in targets[:naive]:
        with clock:
            target = (await info._facts([film_id]))[0]
            ids = {r[0] for r in await info.db.fetchall(
                "SELECT DISTINCT o.film_id FROM credits c JOIN credits o ON o.person_id = c.person_id"
                " WHERE c.film_id = ?", (film_id,))}  # fmt: skip
            decade = (target.year or 0) // 10 * 10
            for genre in target.genres:
                ids |= {r[0] for r in await info.db.fetchall(
                    "SELECT film_id FROM film_facets WHERE kind = 'genre' AND value_key = ? AND year BETWEEN ? AND ?",
                    (fold(genre), decade, decade + 9))}  # fmt: skip
            people = {w.id: w for w in (*target.directors, *target.writers, *target.cast)}
            others = await info._facts(sorted(ids - {film_id}), 0, people)
            similar_to(target, others, stats)
        sizes.append(len(ids))
    out["naive: every film sharing a person or genre and decade"] = clock.report() | {
        "candidates_median": sorted(sizes)[len(sizes) // 2] if sizes else 0
    }
    return out
