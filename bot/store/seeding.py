"""Loading the shared seed catalogue (data/*.yaml) into the database.

Seeding is idempotent: a digest of the files is kept in `meta`, so an unchanged folder costs one
read at start-up, and a changed one is re-applied in a single transaction. The whole folder is
validated before anything is written, so a malformed file leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from bot.core.errors import DataFileError, Problem
from bot.core.models import SEED_GUILD, Film
from bot.core.normalise import title_key
from bot.formats.catalogue_file import CatalogueData, load_folder, seed_files
from bot.store.films import write_films
from bot.store.meta import get_meta
from bot.store.references import held_films
from bot.store.sql import Sql

log = logging.getLogger(__name__)


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in seed_files(folder):
        digest.update(path.name.encode())
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            raise DataFileError(
                [Problem(str(path), None, f"cannot be read: {exc.strerror or exc}")]
            ) from None
    return digest.hexdigest()


async def seed(db: Sql, folder: Path) -> bool:
    """Bring the seed catalogue in line with `folder`. Returns True when anything was written."""
    if not folder.is_dir():
        raise DataFileError([Problem(str(folder), None, "seed folder not found: set FILMBOT_DATA")])
    digest = folder_digest(folder)
    if await get_meta(db, "seed_digest") == digest:
        return False
    data = load_folder(folder)
    try:
        async with db.transaction():
            await _apply(db, data)
            await db.execute(
                "INSERT INTO meta (key, value) VALUES ('seed_digest', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (digest,),
            )
    except db.conflicts:
        message = (
            "the seed files clash with a film already in the database (the same title and year under"
            " another id); nothing was changed"
        )
        raise DataFileError([Problem(str(folder), None, message)]) from None
    log.info("seeded %d films, %d reviews, %d links", len(data.films), len(data.reviews), len(data.similar))
    return True


async def _adopt_imported(db: Sql, films: list[Film]) -> None:
    # A dataset import may already hold a seed film (same title and year): adopt that row as the
    # seed film instead of colliding with it, so imports before the first start are harmless.
    # IMDb rows may share a title and year (migration 0004): adopt one, the most-voted.
    await db.executemany(
        "UPDATE films SET seed_key = :key, origin = 'seed' WHERE id = ("
        " SELECT id FROM films WHERE guild_id = 0 AND origin = 'import' AND title_key = :title_key"
        " AND coalesce(year, 0) = coalesce(:year, 0) ORDER BY votes DESC, id LIMIT 1)"
        " AND NOT EXISTS (SELECT 1 FROM films WHERE guild_id = 0 AND seed_key = :key)",
        [{"key": film.key, "title_key": title_key(film.title), "year": film.year} for film in films],
    )


async def _apply(db: Sql, data: CatalogueData) -> None:
    films = [entry.film for entry in data.films]
    await _adopt_imported(db, films)
    written = await write_films(db, films, SEED_GUILD, "seed")
    ids = {film.key: film_id for film, film_id in zip(films, written.ids, strict=True) if film_id}
    # A film dropped from the seed goes, unless a row the seed does not own refers to it (a
    # server's edits, members' ratings): bot/store/references.py holds that rule.
    await db.execute("CREATE TEMP TABLE IF NOT EXISTS seed_keep (key TEXT PRIMARY KEY)")
    await db.execute("DELETE FROM seed_keep")
    await db.executemany("INSERT INTO seed_keep (key) VALUES (?)", [(key,) for key in ids])
    dropped = await db.fetchall(
        "SELECT id FROM films WHERE guild_id = 0 AND origin = 'seed'"
        " AND seed_key NOT IN (SELECT key FROM seed_keep)"
    )
    held = await held_films(db, (row[0] for row in dropped))
    await db.executemany(
        "DELETE FROM films WHERE id = ?", [(row[0],) for row in dropped if row[0] not in held]
    )
    await db.execute("DELETE FROM reviews WHERE guild_id = 0")
    await db.executemany(
        "INSERT INTO reviews (film_id, guild_id, quote, source, author, verdict, url)"
        " VALUES (?, 0, ?, ?, ?, ?, ?)",
        [(ids[r.film], r.quote, r.source, r.author, r.verdict, r.url) for r in data.reviews],
    )
    await db.execute('DELETE FROM "similar" WHERE guild_id = 0')
    await db.executemany(
        'INSERT INTO "similar" (film_id, similar_id, guild_id, reason) VALUES (?, ?, 0, ?)'
        " ON CONFLICT DO NOTHING",
        [(ids[s.film], ids[s.like], s.reason) for s in data.similar],
    )
    await db.execute("DELETE FROM aliases WHERE guild_id = 0")
    await db.executemany(
        "INSERT INTO aliases (film_id, guild_id, alias) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
        [(ids[film.key], alias) for film in films for alias in film.aliases]
        + [(ids[record.film], record.alias) for record in data.aliases],
    )
