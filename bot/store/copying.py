"""`filmbot copy-db SOURCE TARGET`: a whole catalogue from one database to another (SQLite to
PostgreSQL, or back), in batches, keeping every id so every reference still holds.

Rows already in the target (same key) are left alone, so running the copy twice changes nothing,
and a copy interrupted half-way is finished by running it again. Afterwards every table must hold
as many rows in the target as in the source; if not (the target held other data), the copy is
reported as failed. The change log is not copied: the target's own triggers log what arrived,
so a bot running on the target picks it up. The copy is then compared with the source, row by
row, table by table: a target that held a catalogue of its own is reported, never merged silently.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from bot.core.errors import FilmbotError
from bot.store.sql import Sql

BATCH = 2000  # rows per read and per write transaction

# In the order references need (a film before its credits and reviews): table, key, columns.
# Both engines' migrations give these tables these columns.
TABLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("meta", ("key",), ("key", "value")),  # but the database's own identity (OWN_KEYS)
    ("films", ("id",), ("id", "guild_id", "seed_key", "title", "title_key", "year", "genres_json",
                        "synopsis", "release", "votes", "runtime", "origin")),
    ("people", ("id",), ("id", "name", "name_key", "source_key")),
    ("credits", ("film_id", "role", "billing"), ("film_id", "person_id", "role", "billing", "character")),
    ("film_details", ("film_id",), ("film_id", "wikidata_id", "imdb_id", "release_date", "mpaa_rating",
                                    "rt_meter", "rt_reviews", "metacritic", "oscars_won", "oscar_nominations",
                                    "notability")),
    ("film_facets", ("kind", "value_key", "film_id"), ("kind", "value_key", "film_id", "value", "year",
                                                       "notability")),
    ("reviews", ("id",), ("id", "film_id", "guild_id", "quote", "source", "author", "verdict", "url")),
    ("similar", ("id",), ("id", "film_id", "similar_id", "guild_id", "reason")),
    ("aliases", ("id",), ("id", "film_id", "guild_id", "alias")),
    ("history", ("id",), ("id", "guild_id", "user_id", "action", "detail", "at")),
    ("curator_roles", ("guild_id", "role_id"), ("guild_id", "role_id")),
    ("ratings", ("id",), ("id", "guild_id", "user_id", "film_id", "stars", "review", "spoiler", "created_at",
                          "updated_at", "hidden", "hidden_reason", "hidden_by")),
    ("rating_settings", ("guild_id",), ("guild_id", "min_ratings", "review_role_id")),
)  # fmt: skip

# Facts about one database rather than the catalogue: the token its saved search index is bound
# to (bot/store/index_file.py). A copy gets its own.
OWN_KEYS = ("index_token",)

ProgressFn = Callable[[str, int, int], None]  # table, rows done, rows in the table


class CopyMismatch(FilmbotError):
    """After the copy the target's rows differ from the source's."""


@dataclass
class CopyReport:
    copied: dict[str, int] = field(default_factory=dict)  # rows written per table
    counts: dict[str, int] = field(default_factory=dict)  # rows per table, the same in both


async def count(db: Sql, table: str) -> int:
    """Rows of `table` that a copy carries."""
    where = f"WHERE key NOT IN ({', '.join(repr(k) for k in OWN_KEYS)})" if table == "meta" else ""
    row = await db.fetchone(f'SELECT count(*) FROM "{table}" {where}')  # noqa: S608 (names from TABLES)
    return int(row[0]) if row else 0


def _statements(table: str, key: tuple[str, ...], columns: tuple[str, ...]) -> tuple[str, str, str]:
    """The first page's read, the next pages' read (after a key) and the idempotent write of one
    table (names from TABLES, never input). Pages follow the key (keyset paging): each read starts
    in the key's index where the last ended, so a million rows cost as much per page as a hundred."""
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in key)
    own = f"key NOT IN ({', '.join(repr(k) for k in OWN_KEYS)})" if table == "meta" else "TRUE"
    after = f"({order}) > ({', '.join('?' * len(key))})"
    first = f'SELECT {names} FROM "{table}" WHERE {own} ORDER BY {order} LIMIT ?'  # noqa: S608
    then = f'SELECT {names} FROM "{table}" WHERE {own} AND {after} ORDER BY {order} LIMIT ?'  # noqa: S608
    marks = ", ".join("?" * len(columns))
    write = f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING'  # noqa: S608
    return first, then, write


async def pages(
    db: Sql, table: str, key: tuple[str, ...], columns: tuple[str, ...]
) -> AsyncIterator[list[tuple[Any, ...]]]:
    """The rows of `table` in key order, BATCH at a time."""
    first, then, _ = _statements(table, key, columns)
    at = [columns.index(c) for c in key]
    rows = [tuple(row) for row in await db.fetchall(first, (BATCH,))]
    while rows:
        yield rows
        last = rows[-1]
        rows = [tuple(row) for row in await db.fetchall(then, (*(last[i] for i in at), BATCH))]


async def copy_database(source: Sql, target: Sql, progress: ProgressFn | None = None) -> CopyReport:
    report = CopyReport()
    for table, key, columns in TABLES:
        total = await count(source, table)
        _, _, write = _statements(table, key, columns)
        done = copied = 0
        async for rows in pages(source, table, key, columns):
            async with target.transaction():
                copied += await _write(target, table, columns, write, rows)
            done += len(rows)
            if progress:
                progress(table, done, total)
        report.copied[table] = copied
        if progress and not total:
            progress(table, 0, 0)
    if target.dialect == "postgresql":
        await _restart_identities(target)
    for table, key, columns in TABLES:
        report.counts[table] = await _verify(source, target, table, key, columns)
    return report


async def _write(
    target: Sql, table: str, columns: tuple[str, ...], write: str, rows: list[tuple[Any, ...]]
) -> int:
    """One batch into the target; on PostgreSQL one COPY, not a statement per row."""
    if target.dialect == "postgresql":
        from bot.store.postgres.database import PgDatabase  # asyncpg only when PostgreSQL is used

        assert isinstance(target, PgDatabase)
        return await target.insert_new(table, columns, rows)
    return await target.executemany(write, rows)


async def _verify(
    source: Sql, target: Sql, table: str, key: tuple[str, ...], columns: tuple[str, ...]
) -> int:
    """Both tables hold the same rows, compared in key order; the number of rows."""
    done = 0
    theirs = aiter(pages(target, table, key, columns))
    async for mine in pages(source, table, key, columns):
        if mine != await anext(theirs, None):
            return await _differs(source, target, table)
        done += len(mine)
    if await anext(theirs, None) is not None:
        return await _differs(source, target, table)
    return done


async def _differs(source: Sql, target: Sql, table: str) -> NoReturn:
    there, here = await count(source, table), await count(target, table)
    raise CopyMismatch(
        f"the copy differs from the source in {table} ({there:,} rows in the source, {here:,} in "
        "the target): the target held a catalogue of its own. Copy into a new, empty database."
    )


async def _restart_identities(db: Sql) -> None:
    """Ids were copied as they were: new rows must be numbered after the largest one."""
    async with db.transaction():
        for table, key, _ in TABLES:
            if key == ("id",):
                # The table name comes from TABLES, never from input.
                sql = (
                    "SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 0) + 1, false) FROM "  # noqa: S608
                    + f'"{table}"'
                )
                await db.execute(sql, (f'"{table}"',))
