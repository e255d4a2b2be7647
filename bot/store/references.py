"""The one rule for what re-seeding may delete, read from the schema's foreign keys.

A film dropped from the seed files may go only if nothing but the seed's own rows refers to it.
Whose a referring row is comes from its table: a table with a guild_id column holds rows owned
by that guild (0 is the seed catalogue; a server's edits and its members' ratings are never 0),
and a table without one holds parts of the film itself (they go with it). A new table that
refers to films is covered the day it is created: nobody keeps a list of tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.store.sql import Sql

OWNER = "guild_id"
CHUNK = 500  # ids per query (SQLite allows 32,766 parameters, PostgreSQL 65,535)


@dataclass(frozen=True, slots=True)
class Reference:
    table: str
    column: str
    owned: bool  # the table says whose each row is (it has a guild_id column)


async def references_to(db: Sql, target: str) -> list[Reference]:
    """Every foreign key column in the schema that refers to `target`."""
    if db.dialect == "postgresql":
        rows = await db.fetchall(
            """
            SELECT k.table_name, k.column_name, EXISTS (
                SELECT 1 FROM information_schema.columns c WHERE c.table_schema = k.table_schema
                AND c.table_name = k.table_name AND c.column_name = :owner) AS owned
            FROM information_schema.referential_constraints r
            JOIN information_schema.key_column_usage k
              ON k.constraint_name = r.constraint_name AND k.constraint_schema = r.constraint_schema
            JOIN information_schema.constraint_table_usage t
              ON t.constraint_name = r.constraint_name AND t.constraint_schema = r.constraint_schema
            WHERE t.table_name = :target AND k.table_schema = current_schema()
            ORDER BY k.table_name, k.column_name
            """,
            {"owner": OWNER, "target": target},
        )
        return [Reference(row[0], row[1], bool(row[2])) for row in rows]
    found = []
    tables = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    for (table,) in tables:
        keys = await db.fetchall('SELECT "table", "from" FROM pragma_foreign_key_list(?)', (table,))
        columns = {row[0] for row in await db.fetchall("SELECT name FROM pragma_table_info(?)", (table,))}
        found += [Reference(table, key[1], OWNER in columns) for key in keys if key[0] == target]
    return found


async def held_films(db: Sql, film_ids: Iterable[int]) -> set[int]:
    """Those of `film_ids` that a row not owned by the seed catalogue refers to."""
    wanted = sorted(set(film_ids))
    held: set[int] = set()
    if not wanted:
        return held
    for ref in await references_to(db, "films"):
        if not ref.owned:
            continue
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            # Identifiers come from the schema itself (quoted), values only as parameters.
            sql = (
                f'SELECT DISTINCT "{ref.column}" FROM "{ref.table}"'  # noqa: S608
                f' WHERE {OWNER} <> 0 AND "{ref.column}" IN ({", ".join("?" * len(chunk))})'
            )
            held.update(int(row[0]) for row in await db.fetchall(sql, chunk))
    return held
