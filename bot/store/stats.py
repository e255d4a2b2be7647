"""`filmbot stats`: what a deployment holds, in a few counts an operator can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.store.database import Database
from bot.store.sql import Sql


@dataclass(frozen=True, slots=True)
class Stats:
    films_by_source: dict[str, int] = field(default_factory=dict)  # 'seed', 'starter catalogue (Wikidata)', …
    servers: int = 0  # servers with films of their own
    people: int = 0
    reviews: int = 0
    ratings: int | None = None  # None: this database has no ratings table yet
    size_bytes: int = 0  # SQLite: the file with its write-ahead log; PostgreSQL: the database


# Where films came from: the starter catalogue's carry their Wikidata id; an import's key names
# its dataset (bot.formats.datasets: imdb:, movielens:, csv:).
SOURCES = (
    "SELECT CASE WHEN f.origin <> 'import' THEN f.origin"
    " WHEN d.wikidata_id IS NOT NULL THEN 'starter catalogue (Wikidata)'"
    " WHEN f.seed_key LIKE 'imdb:%' THEN 'import imdb'"
    " WHEN f.seed_key LIKE 'movielens:%' THEN 'import movielens'"
    " WHEN f.seed_key LIKE 'csv:%' THEN 'import csv'"
    " ELSE 'import' END AS source, count(*) AS n"
    " FROM films f LEFT JOIN film_details d ON d.film_id = f.id GROUP BY 1 ORDER BY 2 DESC, 1"
)


async def collect(db: Sql) -> Stats:
    """The counts, on either engine (the size is the file's on SQLite, the database's on PostgreSQL)."""
    sources = await db.fetchall(SOURCES)
    counts = await db.fetchone(
        "SELECT (SELECT count(DISTINCT guild_id) FROM films WHERE guild_id <> 0),"
        " (SELECT count(*) FROM people), (SELECT count(*) FROM reviews)"
    )
    if isinstance(db, Database):
        found = await db.fetchone("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ratings'")
        rated = found is not None
        path = Path(db.path)
        size = sum(p.stat().st_size for p in (path, path.with_name(f"{path.name}-wal")) if p.exists())
    else:  # PostgreSQL
        shown = await db.fetchone(
            "SELECT to_regclass('ratings') IS NOT NULL, pg_database_size(current_database())"
        )
        rated, size = (bool(shown[0]), int(shown[1])) if shown else (False, 0)
    ratings = await db.fetchone("SELECT count(*) FROM ratings") if rated else None
    return Stats(
        {str(row[0]): int(row[1]) for row in sources},
        int(counts[0]) if counts else 0,
        int(counts[1]) if counts else 0,
        int(counts[2]) if counts else 0,
        int(ratings[0]) if ratings else None,
        size,
    )


def describe(stats: Stats) -> str:
    total = sum(stats.films_by_source.values())
    lines = [f"films: {total:,}"]
    lines += [f"  {source}: {count:,}" for source, count in stats.films_by_source.items()]
    lines += [
        f"servers with films of their own: {stats.servers:,}",
        f"people: {stats.people:,}",
        f"reviews: {stats.reviews:,}",
        f"ratings: {stats.ratings:,}"
        if stats.ratings is not None
        else "ratings: none (no ratings table yet)",
        f"database size: {stats.size_bytes / 1_048_576:,.1f} MiB",
    ]
    return "\n".join(lines)
