"""`filmbot stats`: what a deployment holds, in a few counts an operator can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.store.database import Database


@dataclass(frozen=True, slots=True)
class Stats:
    films_by_source: dict[str, int] = field(default_factory=dict)  # 'seed', 'admin', 'import imdb', …
    servers: int = 0  # servers with films of their own
    people: int = 0
    reviews: int = 0
    ratings: int | None = None  # None: this database has no ratings table yet
    size_bytes: int = 0  # the database file with its write-ahead log


async def collect(db: Database) -> Stats:
    sources = await db.fetchall(
        "SELECT CASE WHEN origin = 'import' AND instr(coalesce(seed_key, ''), ':') > 0"
        " THEN 'import ' || substr(seed_key, 1, instr(seed_key, ':') - 1) ELSE origin END AS source,"
        " count(*) FROM films GROUP BY source ORDER BY count(*) DESC, source"
    )
    counts = await db.fetchone(
        "SELECT (SELECT count(DISTINCT guild_id) FROM films WHERE guild_id <> 0),"
        " (SELECT count(*) FROM people), (SELECT count(*) FROM reviews)"
    )
    rated = await db.fetchone("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ratings'")
    ratings = await db.fetchone("SELECT count(*) FROM ratings") if rated else None
    path = Path(db.path)
    size = sum(p.stat().st_size for p in (path, path.with_name(f"{path.name}-wal")) if p.exists())
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
