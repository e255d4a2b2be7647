"""Combining a dataset with the films already there: enrich, alias, add; never overwrite.

A row is the film already in the catalogue when it has the same key (the same IMDb id, or the
same id of the same dataset), or else the same title and year, unless both carry different IMDb
ids (then they are two films and both are kept). A film found that way gets the fields it lacks
(credits, genres, runtime, year, votes) and keeps every field it has: what a curator wrote is never
overwritten, and neither is what an earlier import brought, except the vote count, which an
import raises to a larger (newer) figure on a film that came from an import. A row naming the film
by another title (Se7en / Seven, same IMDb id) adds that title as an alias.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.models import Film
from bot.core.normalise import title_key
from bot.store.films import genres_json, write_credits, write_films
from bot.store.sql import Sql

IMDB_PREFIX = "imdb:tt"


@dataclass
class Merged:
    added: int = 0
    enriched: int = 0
    aliased: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> rows


async def _matches(db: Sql, films: Sequence[Film], guild_id: int) -> dict[int, int]:
    """Position in `films` -> id of the film already there that it is."""
    await db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS incoming (pos INTEGER PRIMARY KEY, key TEXT, title_key TEXT, year INTEGER)"
    )
    await db.execute("DELETE FROM incoming")
    await db.executemany(
        "INSERT INTO incoming VALUES (?, ?, ?, ?)",
        ((n, f.key, title_key(f.title), f.year) for n, f in enumerate(films)),
    )
    by_key = await db.fetchall(
        # CROSS JOIN keeps SQLite's loop order (incoming outside); the conditions sit in WHERE,
        # where PostgreSQL accepts them too.
        "SELECT i.pos, f.id FROM incoming i CROSS JOIN films f WHERE f.guild_id IN (0, ?) AND f.seed_key = i.key"
        " ORDER BY f.guild_id DESC",  # the server's own film first, then the shared one
        (guild_id,),
    )
    found: dict[int, int] = {}
    for row in by_key:
        found.setdefault(int(row[0]), int(row[1]))
    by_title = await db.fetchall(
        "SELECT i.pos, f.id FROM incoming i CROSS JOIN films f WHERE f.guild_id IN (0, ?) AND f.title_key = i.title_key"
        " AND coalesce(f.year, 0) = coalesce(i.year, 0)"
        " AND NOT (substr(i.key, 1, 7) = 'imdb:tt' AND substr(coalesce(f.seed_key, ''), 1, 7) = 'imdb:tt'"
        " AND f.seed_key <> i.key)"
        " ORDER BY f.guild_id DESC, f.id",
        (guild_id,),
    )
    for row in by_title:
        found.setdefault(int(row[0]), int(row[1]))
    return found


async def merge_films(db: Sql, films: Sequence[Film], guild_id: int) -> Merged:
    """Write one batch of imported films (inside the caller's transaction)."""
    merged = Merged()
    matches = await _matches(db, films, guild_id)
    rows = {
        int(row["id"]): {name: row[name] for name in row.keys()}  # noqa: SIM118 (sqlite3.Row)
        for row in await db.fetchall(
            "SELECT f.id, f.guild_id, f.title_key, f.year, f.genres_json, f.runtime, f.votes, f.origin,"
            " EXISTS (SELECT 1 FROM credits c WHERE c.film_id = f.id) AS credited"
            " FROM films f WHERE f.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))",
            (json.dumps(sorted(set(matches.values()))),),
        )
    }
    first: dict[str, int] = {}
    for n, film in enumerate(films):
        first.setdefault(film.key, n)
    new = [film for n, film in enumerate(films) if n not in matches and first[film.key] == n]
    if len(films) - len(matches) > len(new):
        merged.skipped["the same id twice in the file"] += len(films) - len(matches) - len(new)
    if new:
        written = await write_films(db, new, guild_id, "import", skip_duplicates=True)
        merged.added = written.added
        if len(new) > written.added:
            merged.skipped["the same title and year twice in the file"] += len(new) - written.added
    updates, credited = [], []
    for n, film_id in matches.items():
        film, row = films[n], rows[film_id]
        if row["guild_id"] != guild_id:  # a shared film: a server can't change it, only name it
            if title_key(film.title) != row["title_key"] and await _alias(db, film_id, guild_id, film.title):
                merged.aliased += 1
            else:
                merged.skipped["already in the shared catalogue"] += 1
            continue
        fills = {
            "genres_json": genres_json(film.genres) if film.genres and row["genres_json"] == "[]" else None,
            "runtime": film.runtime if film.runtime and row["runtime"] is None else None,
            "year": film.year if film.year and row["year"] is None else None,
        }
        # Vote counts only grow: a smaller count comes from an older dataset (ggplot2's 2005
        # votes) and would sink the film in "best known" order, so only a larger one replaces it.
        more_votes = film.votes > (row["votes"] or 0) and (row["origin"] == "import" or not row["votes"])
        fills["votes"] = film.votes if more_votes else None
        credits = bool(film.credits) and not row["credited"]
        enriched = credits or any(value is not None for value in fills.values())
        if enriched:
            updates.append({"id": film_id, **fills})
            merged.enriched += 1
        if credits:
            credited.append((film_id, film))
        row.update({k: v for k, v in fills.items() if v is not None}, credited=row["credited"] or credits)
        if title_key(film.title) != row["title_key"] and await _alias(db, film_id, guild_id, film.title):
            merged.aliased += 1
        elif not enriched:
            merged.skipped["already there with nothing new"] += 1
    await db.executemany(
        "UPDATE films SET genres_json = coalesce(:genres_json, genres_json), runtime = coalesce(:runtime, runtime),"
        " year = coalesce(:year, year), votes = coalesce(:votes, votes) WHERE id = :id",
        updates,
    )
    await write_credits(db, credited)
    return merged


async def _alias(db: Sql, film_id: int, guild_id: int, title: str) -> bool:
    """Add `title` as another name of the film; False when it already was one."""
    cursor = await db.execute(
        "INSERT INTO aliases (film_id, guild_id, alias) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (film_id, guild_id, title),
    )
    return bool(cursor.rowcount)
