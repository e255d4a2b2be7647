"""The one rule for what re-seeding may delete, read from the schema's foreign keys."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.store.references import held_films, references_to
from bot.store.seeding import seed
from bot.store.sql import Sql
from tests.conftest import DATA

GUILD = 111


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def edit_seed(
    folder: Path, drop: set[str], films: tuple[dict[str, Any], ...] = (), retitle: str = ""
) -> None:
    """Rewrite the seed without the films in `drop` (and links to them), plus `films`."""
    doc = yaml.safe_load((folder / "films.yaml").read_text())
    doc["films"] = [f for f in doc["films"] if f["id"] not in drop] + list(films)
    if retitle:
        doc["films"][0]["title"] = retitle
    (folder / "films.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    for name, section in (("similar.yaml", "similar"), ("reviews.yaml", "reviews")):
        doc = yaml.safe_load((folder / name).read_text())
        doc[section] = [r for r in doc[section] if not {r.get("film"), r.get("like")} & drop]
        (folder / name).write_text(yaml.safe_dump(doc, allow_unicode=True))


async def film_row(db: Sql, film_id: int) -> tuple[Any, ...] | None:
    row = await db.fetchone("SELECT seed_key, title, origin FROM films WHERE id = ?", (film_id,))
    return tuple(row) if row else None


async def seed_ids(db: Sql) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in await db.fetchall("SELECT seed_key, id FROM films WHERE guild_id = 0")}


async def test_the_rule_is_read_from_the_schema(data: Path, db: Sql) -> None:
    refs = {(r.table, r.column, r.owned) for r in await references_to(db, "films")}
    assert {
        ("reviews", "film_id", True),
        ("similar", "similar_id", True),
        ("aliases", "film_id", True),
    } <= refs
    await seed(db, data)
    ids = await seed_ids(db)
    # A table no code has heard of: a server's row in it keeps its film; a seed row (guild 0) or a
    # row of a table without owners (a part of the film) does not.
    await db.execute(
        "CREATE TABLE watchlist (guild_id BIGINT NOT NULL, film BIGINT REFERENCES films (id) ON DELETE CASCADE)"
    )
    await db.execute("CREATE TABLE film_notes (film_id BIGINT REFERENCES films (id) ON DELETE CASCADE)")
    await db.execute("INSERT INTO watchlist VALUES (?, ?)", (GUILD, ids["memento-2000"]))
    await db.execute("INSERT INTO watchlist VALUES (0, ?)", (ids["211-2018"],))
    await db.execute("INSERT INTO film_notes VALUES (?)", (ids["out-of-death-2021"],))
    edit_seed(data, drop={"memento-2000", "211-2018", "out-of-death-2021"})
    assert await seed(db, data) is True
    assert await film_row(db, ids["memento-2000"]) is not None
    assert await film_row(db, ids["211-2018"]) is None
    assert await film_row(db, ids["out-of-death-2021"]) is None
    assert await db.fetchone("SELECT 1 FROM film_notes") is None  # went with its film


async def test_nothing_asked_nothing_held(db: Sql) -> None:
    assert await held_films(db, []) == set()
