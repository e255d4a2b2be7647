"""One measurement, in its own process so its memory is its own: build a matcher over a
catalogue, answer every query, and report accuracy, latency, build time and resident memory."""

from __future__ import annotations

import gc
import resource
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.catalogue import Title
from bench.queries import Query

# What people paste: Discord allows 6,000 characters in an option. Timed as search + autocomplete.
HOSTILE = [
    "a" * 6000,
    "the " * 1500,
    " ".join(f"word{n}" for n in range(1000)),
    "kalo mar ven dor tin zen sol " * 200,
    "\u202e\u200b\x00" * 2000,
    "🎬" * 3000,
]
BASELINE_LIMITS = {10_000: 2000, 100_000: 300, 1_000_000: 40}  # WRatio scans take ~3 s per query at 1M


@dataclass
class Result:
    matcher: str
    catalogue_size: int
    queries: int
    top1: float
    top5: float
    p50_ms: float
    p99_ms: float
    autocomplete_p50_ms: float | None
    autocomplete_p99_ms: float | None
    max_ms: float
    build_s: float
    rss_mb: float
    note: str = ""
    hostile_max_ms: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_filmbot(titles: list[Title], queries: list[Query]) -> Result:
    import bot.app.client  # noqa: F401  - the whole bot's footprint: discord.py included
    from bot.core.matching import TitleIndex
    from bot.core.models import TitleEntry

    gc.collect()
    start = time.perf_counter()
    index = TitleIndex(
        TitleEntry(t.id, t.title, t.year, 0, t.votes, f"{t.title} ({t.year})" if t.year else t.title)
        for t in titles
    )
    build = time.perf_counter() - start
    del titles
    gc.collect()
    resolve_ms, complete_ms, hits1, hits5 = [], [], 0, 0
    for query in queries:
        start = time.perf_counter()
        found = index.search(query.text, 0, 5)
        resolve_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        index.complete(query.text, 0, 25)
        complete_ms.append((time.perf_counter() - start) * 1000)
        ids = [m.film_id for m in found]
        hits1 += bool(ids) and ids[0] == query.expected_id
        hits5 += query.expected_id in ids
    hostile = []
    for text in HOSTILE:
        start = time.perf_counter()
        index.search(text, 0, 5)
        index.complete(text, 0, 25)
        hostile.append((time.perf_counter() - start) * 1000)
    return Result(
        "filmbot", len(index), len(queries), hits1 / len(queries), hits5 / len(queries),
        percentile(resolve_ms, 50), percentile(resolve_ms, 99),
        percentile(complete_ms, 50), percentile(complete_ms, 99), max(resolve_ms + complete_ms),
        build, rss_mb(), hostile_max_ms=max(hostile),
    )  # fmt: skip


def measure_baseline(titles: list[Title], queries: list[Query], note: str = "") -> Result:
    """The naive approach: rapidfuzz process.extract with WRatio over every title."""
    from rapidfuzz import fuzz, process, utils

    start = time.perf_counter()
    names = [t.title for t in titles]
    ids = [t.id for t in titles]
    build = time.perf_counter() - start
    latency, hits1, hits5 = [], 0, 0
    for query in queries:
        start = time.perf_counter()
        found = process.extract(
            query.text, names, scorer=fuzz.WRatio, limit=5, processor=utils.default_process
        )
        latency.append((time.perf_counter() - start) * 1000)
        got = [ids[index] for _, _, index in found]
        hits1 += bool(got) and got[0] == query.expected_id
        hits5 += query.expected_id in got
    return Result(
        "wratio-baseline", len(titles), len(queries), hits1 / len(queries), hits5 / len(queries),
        percentile(latency, 50), percentile(latency, 99), None, None, max(latency), build, rss_mb(), note,
    )  # fmt: skip


def job(matcher: str, size: int, args: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh process: build the catalogue and queries, then measure one matcher."""
    from bench import catalogue, queries

    titles = (
        catalogue.read_csv(Path(args["catalogue"]))
        if args["catalogue"]
        else catalogue.build(size, args["seed"])
    )
    if args["queries"]:
        query_set = queries.read_csv(Path(args["queries"]))
    else:
        query_set = queries.make(titles, args["count"], args["seed"] + 1)
    if matcher == "filmbot":
        return measure_filmbot(titles, query_set).as_dict()
    limit = args["baseline_queries"] or BASELINE_LIMITS.get(size, 2000)
    chosen, note = queries.stratified(query_set, limit)
    return measure_baseline(titles, chosen, note).as_dict()
