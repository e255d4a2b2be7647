"""The one rule for what re-seeding may delete, read from the schema's foreign keys.

A film dropped from the seed files may go only if nothing but the seed's own rows refers to it.
Whose a referring row is comes from its table: a table with a guild_id column holds rows owned
by that guild (0 is the seed catalogue; a server's edits and its members' ratings are never 0),
and a table without one holds parts of the film itself (they go with it). A new table that
refers to films is covered the day it is created: nobody keeps a list of tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from bot.store.database import Database

OWNER = "guild_id"


@dataclass(frozen=True, slots=True)
class Reference:
    table: str
    column: str
    owned: bool  # the table says whose each row is (it has a guild_id column)


async def references_to(db: Database, target: str) -> list[Reference]:
    """Every foreign key column in the schema that refers to `target`."""
    found = []
    tables = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    for (table,) in tables:
        keys = await db.fetchall('SELECT "table", "from" FROM pragma_foreign_key_list(?)', (table,))
        columns = {row[0] for row in await db.fetchall("SELECT name FROM pragma_table_info(?)", (table,))}
        found += [Reference(table, key[1], OWNER in columns) for key in keys if key[0] == target]
    return found


async def held_films(db: Database, film_ids: Iterable[int]) -> set[int]:
    """Those of `film_ids` that a row not owned by the seed catalogue refers to."""
    wanted = json.dumps(sorted(set(film_ids)))
    held: set[int] = set()
    if wanted == "[]":
        return held
    for ref in await references_to(db, "films"):
        if not ref.owned:
            continue
        # Identifiers come from the schema itself (quoted), values only as parameters.
        sql = (
            f'SELECT DISTINCT "{ref.column}" FROM "{ref.table}"'  # noqa: S608
            f' WHERE {OWNER} <> 0 AND "{ref.column}" IN (SELECT value FROM json_each(?))'
        )
        held.update(int(row[0]) for row in await db.fetchall(sql, (wanted,)))
    return held
