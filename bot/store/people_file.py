"""The people index (bot.core.people): read from the credits, saved next to the database and
mapped at the next start, and kept current as films change.

Reading every credit to find who everyone is takes seconds at 17,000 films and minutes at a
million; the saved file (bot/store/index_file.py's format, its own version) makes a later start
read no names at all. It is trusted on the same terms as the title index: this database's token,
and a change-log position the catalogue has not moved far past. The films changed since are
re-read (their people's roles, years and fame) before answering.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from bot.core.people import PersonIndex
from bot.core.people_arrays import FORMAT
from bot.core.person import Person, main_roles
from bot.store.database import Database
from bot.store.index_file import UNUSABLE, current_stamp, map_arrays, still_current, write_index
from bot.store.sql import Row, Sql

log = logging.getLogger(__name__)

BATCH = 500  # people re-read per statement when films change
# Per person: credits per role, first and last year, and their films' summed notability. One row
# per person, streamed: at a million films that is 2.5 million rows, never all held at once.
# Everyone the shared catalogue (guild 0) credits counts its films only: every server sees them,
# so no server's own films may show in their years or fame. (`+` keeps SQLite reading the credits
# in person order, as without the filter, rather than every shared film by the guild index.)
SHARED = """
    SELECT p.id, p.name,
        sum(CASE WHEN c.role = 'director' THEN 1 ELSE 0 END) AS directed,
        sum(CASE WHEN c.role = 'writer' THEN 1 ELSE 0 END) AS wrote,
        sum(CASE WHEN c.role = 'cast' THEN 1 ELSE 0 END) AS acted,
        min(f.year) AS first, max(f.year) AS last, sum(coalesce(d.notability, f.votes)) AS weight
    FROM people p JOIN credits c ON c.person_id = p.id JOIN films f ON f.id = c.film_id
    LEFT JOIN film_details d ON d.film_id = f.id
    WHERE +f.guild_id = 0 {these}
    GROUP BY p.id, p.name
"""
# Everyone else: credited on servers' own films only (few), one row per person and server, read
# from those films by the guild index (Discord's snowflakes are positive).
SERVERS = """
    SELECT p.id, p.name,
        sum(CASE WHEN c.role = 'director' THEN 1 ELSE 0 END) AS directed,
        sum(CASE WHEN c.role = 'writer' THEN 1 ELSE 0 END) AS wrote,
        sum(CASE WHEN c.role = 'cast' THEN 1 ELSE 0 END) AS acted,
        min(f.year) AS first, max(f.year) AS last, sum(coalesce(d.notability, f.votes)) AS weight,
        f.guild_id AS guild
    FROM people p JOIN credits c ON c.person_id = p.id JOIN films f ON f.id = c.film_id
    LEFT JOIN film_details d ON d.film_id = f.id
    WHERE f.guild_id > 0 {these} AND NOT EXISTS (
        SELECT 1 FROM credits s JOIN films sf ON sf.id = s.film_id WHERE s.person_id = p.id AND sf.guild_id = 0
    )
    GROUP BY p.id, p.name, f.guild_id
"""
THESE = "AND p.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))"
QUERIES = {  # (everyone, these people): (the shared catalogue's, servers' own)
    False: (SHARED.format(these=""), SERVERS.format(these="")),
    True: (SHARED.format(these=THESE), SERVERS.format(these=THESE)),
}
CHUNK = 10_000  # rows fetched at a time


def people_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".people")


async def read_people(db: Sql, person_ids: Iterable[int] | None = None) -> list[Person]:
    """Everyone credited (or these people), with their main roles, years, how well known, and
    which servers see them. A person asked for who has no credits left comes back without roles."""
    wanted = None if person_ids is None else sorted(set(person_ids))
    people: list[Person] = []
    params = () if wanted is None else (json.dumps(wanted),)
    shared, servers = QUERIES[wanted is not None]
    async with db.execute(shared, params) as cursor:
        while rows := await cursor.fetchmany(CHUNK):
            people += [_person(row) for row in rows]
    people += _per_server(await db.fetchall(servers, params))
    if wanted is not None:
        gone = set(wanted) - {p.id for p in people}
        people += [Person(pid, "", ()) for pid in sorted(gone)]
    return people


def _person(row: Row) -> Person:
    roles = main_roles({"director": int(row[2]), "writer": int(row[3]), "actor": int(row[4])})
    return Person(int(row[0]), row[1], roles, row[5], row[6], int(row[7] or 0))


def _per_server(rows: Iterable[Row]) -> list[Person]:
    """One person per id from their rows per server: credits added up, the servers listed."""
    found: dict[int, tuple[str, list[int], list[int], int, list[int]]] = {}
    for row in rows:
        name, counts, years, weight, guilds = found.get(int(row[0]), (row[1], [0, 0, 0], [], 0, []))
        counts = [n + int(row[2 + i]) for i, n in enumerate(counts)]
        years += [y for y in (row[5], row[6]) if y is not None]
        guilds.append(int(row[8]))
        found[int(row[0])] = (name, counts, years, weight + int(row[7] or 0), guilds)
    return [
        Person(
            pid,
            name,
            main_roles({"director": counts[0], "writer": counts[1], "actor": counts[2]}),
            min(years, default=None),
            max(years, default=None),
            weight,
            tuple(sorted(guilds)),
        )
        for pid, (name, counts, years, weight, guilds) in found.items()
    ]


async def people_of_films(db: Sql, film_ids: Iterable[int]) -> list[Person]:
    """The people credited in these films, as they are now."""
    rows = await db.fetchall(
        "SELECT DISTINCT person_id FROM credits WHERE film_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))",
        (json.dumps(sorted(set(film_ids))),),
    )
    ids = sorted({int(r[0]) for r in rows})
    found: list[Person] = []
    for start in range(0, len(ids), BATCH):
        found += await read_people(db, ids[start : start + BATCH])
    return found


async def follow(db: Sql, index: PersonIndex, film_ids: Iterable[int]) -> None:
    """Bring the index up to date with these changed films (bot.core.index_sync calls this)."""
    index.update(await people_of_films(db, film_ids))
    if index.needs_compaction():
        await asyncio.to_thread(index.compact)


async def open_people(db: Database, path: Path) -> PersonIndex:
    """The saved people index if sound and current enough (films changed since re-read), else
    built from the credits and saved."""
    now = await current_stamp(db)
    try:
        stamp, arrays, _ = await asyncio.to_thread(map_arrays, path, FORMAT)
        if await still_current(db, stamp, now):
            index = PersonIndex(arrays=arrays)
            rows = await db.fetchall(
                "SELECT DISTINCT film_id FROM changes WHERE seq > ? AND seq <= ?",
                (stamp.position, now.position),
            )
            if rows:
                await follow(db, index, [int(r[0]) for r in rows])
            log.info("people index mapped from %s (%d films changed since)", path, len(rows))
            return index
        log.info("people index file %s is stale: rebuilding", path)
    except FileNotFoundError:
        log.info("no people index file at %s: building it", path)
    except UNUSABLE as error:
        log.warning("people index file %s is unusable (%s): rebuilding", path, error)
    people = await read_people(db)
    index = await asyncio.to_thread(PersonIndex, people)
    del people
    try:
        await asyncio.to_thread(write_index, path, index.arrays, {}, now, FORMAT)
    except (OSError, ValueError) as error:
        log.warning("could not save the people index to %s (%s); it is rebuilt next time", path, error)
    return index
