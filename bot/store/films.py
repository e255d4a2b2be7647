"""The one write path for films: seeding, dataset imports, file imports and admin edits all upsert
through `write_films`, which writes the film row and its credits (people found or added).

A film is identified by its key within its catalogue (guild): writing a film whose key exists
updates it. Call inside a transaction (Sql.transaction); the change-log triggers of
migration 0003 record what changed, and the search index follows after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.limits import FIELD_LIMITS, clip
from bot.core.models import CREDIT_ROLES, Credit, Film
from bot.core.normalise import fold, title_key
from bot.store.sql import Row, Sql


def genres_json(genres: Iterable[str]) -> str:
    return json.dumps(list(genres), ensure_ascii=False)


def film_from_row(row: Row) -> Film:
    """A Film from a row of the film_rows view (migration 0003)."""
    credits = [
        Credit(name, role, order, character, key)
        for name, role, order, character, key in json.loads(row["credits_json"])
    ]
    credits.sort(key=lambda c: (CREDIT_ROLES.index(c.role), c.order))
    return Film(
        id=row["id"],
        title=row["title"],
        year=row["year"],
        guild_id=row["guild_id"],
        credits=tuple(credits),
        genres=tuple(json.loads(row["genres_json"])),
        synopsis=row["synopsis"],
        release=row["release"],
        votes=row["votes"],
        key=row["seed_key"] or "",
        runtime=row["runtime"],
    )


@dataclass(frozen=True, slots=True)
class Written:
    # Per film written, in order; None for a film skipped as a duplicate. Empty for a bulk batch
    # (skip_duplicates) of new films without credits, which needs no ids.
    ids: list[int | None]
    added: int
    updated: int


async def write_films(
    db: Sql, films: Sequence[Film], guild_id: int, origin: str, *, skip_duplicates: bool = False
) -> Written:
    """Insert each film, or update the one with its key in this guild, and replace its credits.

    A new film with the title and year of another film of the catalogue is skipped when
    `skip_duplicates` (bulk imports count them), else one of `db.conflicts` is raised for the
    caller to turn into its own domain error.
    """
    if not films:
        return Written([], 0, 0)
    if not all(film.key for film in films):
        raise ValueError("every film written needs its key: the film is found by it")
    values = [
        {
            "guild": guild_id,
            "key": film.key,
            "title": film.title,
            "title_key": title_key(film.title),
            "year": film.year,
            "genres": genres_json(film.genres),
            "synopsis": film.synopsis,
            "release": film.release,
            "votes": film.votes,
            "runtime": film.runtime,
            "origin": origin,
        }
        for film in films
    ]
    updated = await db.executemany(
        "UPDATE films SET title = :title, title_key = :title_key, year = :year, genres_json = :genres,"
        " synopsis = :synopsis, release = :release, votes = :votes, runtime = :runtime WHERE guild_id = :guild AND seed_key = :key",
        values,
    )
    insert = (
        "INSERT INTO films (guild_id, seed_key, title, title_key, year, genres_json, synopsis,"
        " release, votes, runtime, origin) VALUES (:guild, :key, :title, :title_key, :year, :genres,"
        " :synopsis, :release, :votes, :runtime, :origin) ON CONFLICT DO NOTHING"
        if skip_duplicates
        else "INSERT INTO films (guild_id, seed_key, title, title_key, year, genres_json, synopsis,"
        " release, votes, runtime, origin) VALUES (:guild, :key, :title, :title_key, :year, :genres,"
        " :synopsis, :release, :votes, :runtime, :origin) ON CONFLICT (guild_id, seed_key) DO NOTHING"
    )
    added = await db.executemany(insert, values)
    if skip_duplicates and not updated and not any(film.credits for film in films):
        return Written([], added, updated)  # a bulk batch of new films without people: nothing more to do
    ids = await _ids(db, [film.key for film in films], guild_id)
    if updated:  # only a film that was there before can have credits to replace
        await db.execute(
            "DELETE FROM credits WHERE film_id IN"
            " (SELECT f.id FROM write_keys w JOIN films f ON f.guild_id = ? AND f.seed_key = w.key)",
            (guild_id,),
        )
    stored = [(film_id, film) for film_id, film in zip(ids, films, strict=True) if film_id]
    await write_credits(db, stored)
    if not skip_duplicates:  # a server's or the seed's films: found by /films and /pick at once
        await write_genre_facets(db, stored)
    return Written(ids, added, updated)


async def write_genre_facets(db: Sql, films: list[tuple[int, Film]]) -> None:
    """A film's genres as discovery facets (the starter loader writes its own, with countries and
    languages; bulk imports write none)."""
    await db.executemany(
        "DELETE FROM film_facets WHERE film_id = ? AND kind = 'genre'", [(film_id,) for film_id, _ in films]
    )
    await db.executemany(
        "INSERT INTO film_facets (kind, value_key, film_id, value, year, notability)"
        " VALUES ('genre', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            (fold(genre), film_id, clip(genre, FIELD_LIMITS["facet"]), film.year, film.votes)
            for film_id, film in films
            for genre in dict.fromkeys(g.strip() for g in film.genres)
            if genre
        ],
    )


async def _ids(db: Sql, keys: list[str], guild_id: int) -> list[int | None]:
    await db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS write_keys (pos INTEGER PRIMARY KEY, key TEXT NOT NULL)"
    )
    await db.execute("DELETE FROM write_keys")
    await db.executemany("INSERT INTO write_keys (pos, key) VALUES (?, ?)", enumerate(keys))
    rows = await db.fetchall(
        "SELECT w.pos, f.id FROM write_keys w JOIN films f ON f.guild_id = ? AND f.seed_key = w.key",
        (guild_id,),
    )
    found = {int(row[0]): int(row[1]) for row in rows}
    return [found.get(pos) for pos in range(len(keys))]


async def write_credits(db: Sql, films: list[tuple[int, Film]]) -> None:
    """Write the credits of these films (their old ones are gone): people are found by dataset key,
    else by name, or added."""
    rows = []
    for film_id, film in films:
        for role in CREDIT_ROLES:
            billed = sorted((c for c in film.credits if c.role == role), key=lambda c: c.order)
            rows += [(film_id, c.name, c.person_key, role, n, c.character) for n, c in enumerate(billed)]
    if not rows:
        return
    # Each name's key once: a name is on many films (the starter load has 300,000 credits of
    # 64,000 people, and keying each credit took a fifth of its time).
    keyed = {(name, key) for _, name, key, *_ in rows}
    await db.executemany(
        "INSERT INTO people (name, name_key, source_key) VALUES (?, ?, ?)"
        " ON CONFLICT (source_key) DO UPDATE SET name = excluded.name, name_key = excluded.name_key",
        [(name, title_key(name), key) for name, key in keyed if key],
    )
    await db.executemany(
        "INSERT INTO people (name, name_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(name, title_key(name)) for name in {name for name, key in keyed if not key}],
    )
    await db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS write_credits (film_id INTEGER, name TEXT, source_key TEXT,"
        " role TEXT, billing INTEGER, character TEXT)"
    )
    await db.execute("DELETE FROM write_credits")
    await db.executemany("INSERT INTO write_credits VALUES (?, ?, ?, ?, ?, ?)", rows)
    await db.execute(
        "INSERT INTO credits (film_id, person_id, role, billing, character)"
        " SELECT w.film_id, p.id, w.role, w.billing, w.character FROM write_credits w CROSS JOIN people p"
        " WHERE p.source_key = w.source_key AND w.source_key IS NOT NULL"
    )
    await db.execute(
        "INSERT INTO credits (film_id, person_id, role, billing, character)"
        # CROSS JOIN keeps write_credits outside: otherwise SQLite may walk every person with no
        # source key and scan write_credits for each (minutes for the 17k-film starter load). The
        # condition stands in WHERE, as PostgreSQL allows no ON after CROSS JOIN.
        " SELECT w.film_id, p.id, w.role, w.billing, w.character FROM write_credits w CROSS JOIN people p"
        " WHERE p.name = w.name AND p.source_key IS NULL AND w.source_key IS NULL"
    )
