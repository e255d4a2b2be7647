"""Loading the starter catalogue (data/starter: Wikidata's CC0 films) into the seed catalogue.

Run at start-up after the YAML seed. The seed and the starter data are one catalogue: a film in
both (same title and year, e.g. Memento 2000) stays one film, keeping the YAML's title, synopsis,
reviews, links and aliases and gaining the starter data's credits and details. Starter films are
written with origin 'import', so re-seeding the YAML never removes them.

A digest of the extract, the YAML seed's digest and LOADER_VERSION is kept in `meta`: an unchanged
start skips the load entirely; a change to either file reloads (in one transaction).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from bot.core.limits import FIELD_LIMITS, clip
from bot.core.models import SEED_GUILD, Credit, Film
from bot.core.normalise import fold, title_key
from bot.formats.wikidata import StarterFilm, read_extract
from bot.store.films import write_films
from bot.store.meta import get_meta
from bot.store.sql import Sql

log = logging.getLogger(__name__)

LOADER_VERSION = "2"  # bump when what the loader writes changes, so every database reloads once
BATCH = 2_000  # films per write: progress is reported between batches
Progress = Callable[[int, int], None]  # (films written, of how many); (0, 0) first: a load begins


def starter_digest(data: bytes, seed_digest: str) -> str:
    digest = hashlib.sha256(f"starter {LOADER_VERSION} {seed_digest} ".encode())
    digest.update(data)
    return digest.hexdigest()


def fame(films: Iterable[StarterFilm]) -> Counter[str]:
    """Credits per name in the starter data: how billing is ordered, as the /film card orders its
    cast (the source lists cast alphabetically, which would make Abe Vigoda The Godfather's star)."""
    return Counter(name for f in films for name in (*f.directors, *f.writers, *f.cast))


def _credits(
    film: StarterFilm, curated_cast: list[tuple[str, str | None]], known: Mapping[str, int]
) -> tuple[Credit, ...]:
    """The starter credits, cast billed best known first; a curated cast (in its billing order,
    with characters) leads."""
    found = [Credit(name, "director", n) for n, name in enumerate(film.directors)]
    found += [Credit(name, "writer", n) for n, name in enumerate(film.writers)]
    curated = {name for name, _ in curated_cast}
    billed = sorted((name for name in film.cast if name not in curated), key=lambda n: (-known.get(n, 0), n))
    cast = curated_cast + [(name, None) for name in billed]
    found += [Credit(name, "cast", n, character) for n, (name, character) in enumerate(cast)]
    return tuple(found)


async def _seed_films(db: Sql) -> tuple[dict[str, Film], dict[tuple[str, int | None], Film]]:
    """The seed catalogue's films, with their curated cast: by key, and by title key and year
    (of two films with one title and year, the older row)."""
    rows = await db.fetchall(
        "SELECT id, seed_key, title, title_key, year, genres_json, synopsis, release, votes, runtime"
        " FROM films WHERE guild_id = 0 ORDER BY id"
    )
    # Only the YAML's own films have a curated cast (billing order, characters) to keep.
    cast_rows = await db.fetchall(
        "SELECT c.film_id, p.name, c.character FROM credits c JOIN people p ON p.id = c.person_id"
        " JOIN films f ON f.id = c.film_id"
        " WHERE f.guild_id = 0 AND f.origin = 'seed' AND c.role = 'cast' ORDER BY c.film_id, c.billing"
    )
    cast: dict[int, list[Credit]] = {}
    for row in cast_rows:
        credits = cast.setdefault(row["film_id"], [])
        credits.append(Credit(row["name"], "cast", len(credits), row["character"]))
    films = [
        Film(
            id=row["id"],
            title=row["title"],
            year=row["year"],
            credits=tuple(cast.get(row["id"], ())),
            genres=tuple(json.loads(row["genres_json"])),
            synopsis=row["synopsis"],
            release=row["release"],
            votes=row["votes"],
            runtime=row["runtime"],
            key=row["seed_key"] or "",
        )
        for row in rows
    ]
    by_name: dict[tuple[str, int | None], Film] = {}
    for row, film in zip(rows, films, strict=True):
        by_name.setdefault((row["title_key"], row["year"]), film)
    return {film.key: film for film in films}, by_name


def merged(
    film: StarterFilm, existing: Film | None, key: str | None = None, known: Mapping[str, int] | None = None
) -> Film:
    """The film record to write: the starter film, or the existing one with the starter's credits
    (cast billed by `known`: credits per name)."""
    known = known or {}
    if existing is None:
        return Film(
            id=0,
            title=film.title,
            year=film.year,
            credits=_credits(film, [], known),
            genres=film.genres,
            votes=film.notability,
            runtime=film.runtime,
            key=key or film.key,
        )
    curated = [(c.name, c.character) for c in existing.credits if c.role == "cast"]
    return Film(
        id=existing.id,
        title=existing.title,
        year=existing.year,
        credits=_credits(film, curated, known),
        genres=existing.genres or film.genres,
        synopsis=existing.synopsis,
        release=existing.release,
        votes=max(existing.votes, film.notability),
        runtime=existing.runtime or film.runtime,
        key=existing.key,
    )


async def load_starter(db: Sql, path: Path, progress: Progress | None = None) -> bool:
    """Bring the starter catalogue in line with the extract at `path`; False when nothing changed."""
    if not path.is_file():
        log.warning("no starter catalogue at %s: only the YAML seed is loaded", path)
        return False
    data = path.read_bytes()
    digest = starter_digest(data, await get_meta(db, "seed_digest") or "")
    if await get_meta(db, "starter_digest") == digest:
        return False
    if progress:
        progress(0, 0)
    films = list(read_extract(gzip.decompress(data).decode("utf-8").splitlines()))
    known = fame(films)
    # A film is keyed by its IMDb id where it has one ("imdb:tt0113277"), so a later IMDb import
    # finds it instead of adding it again, and the five title + year pairs naming two films each
    # stay two films. Without an id, title and year name it: of two, the better known is kept.
    films.sort(key=lambda f: (-f.notability, f.qid))
    by_key, by_name = await _seed_films(db)
    seen: set[tuple[str, int | None]] = set()
    keys: set[str] = set()
    kept: list[tuple[StarterFilm, Film]] = []
    for film in films:
        named = (title_key(film.title), film.year)
        key = f"imdb:{film.imdb_id}" if film.imdb_id else None
        if key in keys:  # a re-release sharing its original's id (Apocalypse Now Redux)
            key = None
        if named in seen and key is None:
            log.info("starter: skipped %s (%d), a second film of that title and year", film.title, film.year)
            continue
        keys.add(key or "")
        # A film loaded before is found by its key (on a reload, each of two films sharing a title
        # and year finds its own row); a seed film by title and year (Memento 2000).
        existing = by_key.get(key or film.key) or (None if named in seen else by_name.get(named))
        kept.append((film, merged(film, existing, key, known)))
        seen.add(named)
    async with db.transaction():
        for start in range(0, len(kept), BATCH):
            await write_batch(db, kept[start : start + BATCH])
            if progress:
                progress(min(start + BATCH, len(kept)), len(kept))
        await _facets_for_curated_films(db)
        await db.execute(
            "INSERT INTO meta (key, value) VALUES ('starter_digest', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (digest,),
        )
    log.info(
        "starter catalogue loaded: %d films (%d already in the seed)",
        len(kept),
        sum(1 for _, r in kept if r.id),
    )
    return True


async def write_batch(db: Sql, batch: list[tuple[StarterFilm, Film]]) -> int:
    """Write these films (records as merged) with their details and facets, inside the caller's
    transaction; returns how many were stored (a title and year already taken is skipped)."""
    written = await write_films(
        db, [record for _, record in batch], SEED_GUILD, "import", skip_duplicates=True
    )
    stored = [
        (film_id, film, record)
        for film_id, (film, record) in zip(written.ids, batch, strict=True)
        if film_id is not None
    ]
    await _write_details(db, [(film_id, film) for film_id, film, _ in stored])
    await _write_facets(db, stored)
    return len(stored)


async def _write_details(db: Sql, films: list[tuple[int, StarterFilm]]) -> None:
    await db.executemany(
        "INSERT INTO film_details (film_id, wikidata_id, imdb_id, release_date, mpaa_rating,"
        " rt_meter, rt_reviews, metacritic, oscars_won, oscar_nominations, notability)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (film_id) DO UPDATE SET wikidata_id = excluded.wikidata_id, imdb_id = excluded.imdb_id,"
        " release_date = excluded.release_date, mpaa_rating = excluded.mpaa_rating,"
        " rt_meter = excluded.rt_meter, rt_reviews = excluded.rt_reviews, metacritic = excluded.metacritic,"
        " oscars_won = excluded.oscars_won, oscar_nominations = excluded.oscar_nominations,"
        " notability = excluded.notability",
        [
            (
                film_id,
                f.qid or None,
                f.imdb_id,
                f.release_date,
                f.mpaa_rating,
                f.rt_meter,
                f.rt_reviews,
                f.metacritic,
                f.oscars_won,
                f.oscar_nominations,
                f.notability,
            )
            for film_id, f in films
        ],
    )


def facet_rows(film_id: int, film: StarterFilm, record: Film) -> Iterable[tuple[object, ...]]:
    """(kind, value_key, film_id, value, year, notability) rows for one film."""
    for kind, values in (("genre", record.genres), ("country", film.countries), ("language", film.languages)):
        for value in dict.fromkeys(v for v in values if v.strip()):
            yield (
                kind,
                fold(value),
                film_id,
                clip(value, FIELD_LIMITS["facet"]),
                record.year,
                film.notability,
            )


async def _write_facets(db: Sql, films: list[tuple[int, StarterFilm, Film]]) -> None:
    await db.executemany("DELETE FROM film_facets WHERE film_id = ?", [(film_id,) for film_id, _, _ in films])
    await db.executemany(
        "INSERT INTO film_facets (kind, value_key, film_id, value, year, notability)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [row for film_id, film, record in films for row in facet_rows(film_id, film, record)],
    )


async def _facets_for_curated_films(db: Sql) -> None:
    """YAML-only seed films (Backtrace 2021) are found by genre too."""
    rows = await db.fetchall(
        "SELECT f.id, f.year, f.votes, g.value FROM films f, json_each(f.genres_json) g"
        " WHERE f.guild_id = 0 AND NOT EXISTS (SELECT 1 FROM film_facets x WHERE x.film_id = f.id)"
    )
    await db.executemany(
        "INSERT INTO film_facets (kind, value_key, film_id, value, year, notability)"
        " VALUES ('genre', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            (fold(r["value"]), r["id"], clip(r["value"], FIELD_LIMITS["facet"]), r["year"], r["votes"])
            for r in rows
            if str(r["value"]).strip()
        ],
    )
