"""Importing a catalogue file into a server, and exporting what a server added.

Import is all-or-nothing: the whole file is validated (format, references, clashes with the
shared catalogue) before the single transaction that writes it. Export writes the server's own
rows in the same format, so an export imports back unchanged.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from typing import Any

import yaml

from bot.core.errors import DataFileError, Problem
from bot.core.models import Film, ImportReport
from bot.core.normalise import title_key
from bot.formats.catalogue_file import (
    CatalogueData,
    ReviewRecord,
    SimilarRecord,
    cross_check,
    read_text,
)
from bot.store.curation import record
from bot.store.films import film_from_row, write_films
from bot.store.sql import Sql


def _referenced(data: CatalogueData) -> set[str]:
    """Every film key the file names: its films, and what its reviews, links and aliases refer to."""
    keys = {entry.film.key for entry in data.films}
    keys.update(review.film for review in data.reviews)
    keys.update(ref for link in data.similar for ref in (link.film, link.like))
    keys.update(alias.film for alias in data.aliases)
    return keys


async def _keys(db: Sql, guild_id: int, wanted: set[str]) -> dict[str, tuple[int, int]]:
    """film key -> (film id, owner guild) for the `wanted` keys this server can reference: its own,
    then the shared catalogue's. Indexed look-ups of just those keys: the work is bounded by the
    file, never by the size of the catalogue."""
    rows = await db.fetchall(
        "SELECT seed_key, id, guild_id FROM films WHERE guild_id IN (0, ?)"
        " AND seed_key IN (SELECT value FROM json_each(?)) ORDER BY guild_id",
        (guild_id, json.dumps(sorted(wanted))),
    )
    found = {row[0]: (int(row[1]), int(row[2])) for row in rows}
    return found


async def validate(db: Sql, guild_id: int, text: str, name: str) -> CatalogueData:
    # Parsing a large file is seconds of pure-Python work: off the event loop, so other servers
    # keep being answered meanwhile.
    data, problems = await asyncio.to_thread(read_text, text, name)
    known = await _keys(db, guild_id, _referenced(data))
    problems += cross_check(data, known)
    for entry in data.films:
        film = entry.film
        owner = known.get(film.key, (0, guild_id))[1]
        if owner == 0 and film.key in known:
            problems.append(
                Problem(name, entry.line, f"{film.key!r} is a shared film id: give your film another id")
            )
        elif await _in_shared_catalogue(db, film):
            problems.append(Problem(name, entry.line, f"{film.title!r} is already in the shared catalogue"))
        elif (other := await _same_title_here(db, guild_id, film)) is not None:
            problems.append(
                Problem(
                    name,
                    entry.line,
                    f"{film.label} is already in this server's catalogue with the id {other!r}: "
                    "use that id to change it",
                )
            )
    if problems:
        raise DataFileError(sorted(problems, key=lambda p: p.line or 0))
    return data


async def _same_title_here(db: Sql, guild_id: int, film: Film) -> str | None:
    """The id of another of this server's films with this title and year (one film per title and
    year, as the schema says), or None."""
    row = await db.fetchone(
        "SELECT coalesce(seed_key, '') FROM films WHERE guild_id = ? AND title_key = ?"
        " AND coalesce(year, 0) = ? AND coalesce(seed_key, '') != ?",
        (guild_id, title_key(film.title), film.year or 0, film.key),
    )
    return str(row[0]) if row is not None else None


async def _in_shared_catalogue(db: Sql, film: Film) -> bool:
    row = await db.fetchone(
        "SELECT 1 FROM films WHERE guild_id = 0 AND title_key = ? AND coalesce(year, 0) = ?",
        (title_key(film.title), film.year or 0),
    )
    return row is not None


async def import_catalogue(db: Sql, guild_id: int, user_id: int, data: CatalogueData) -> ImportReport:
    report = ImportReport()
    async with db.transaction():
        await _write_films(db, guild_id, [entry.film for entry in data.films], report)
        known = await _keys(db, guild_id, _referenced(data))
        ids = {key: film_id for key, (film_id, _) in known.items()}
        for review in data.reviews:
            await _add_review(db, guild_id, ids[review.film], review, report)
        for link in data.similar:
            await _add_link(db, guild_id, ids[link.film], ids[link.like], link, report)
        names = [(a.film, a.alias) for a in data.aliases] + [
            (entry.film.key, n) for entry in data.films for n in entry.film.aliases
        ]
        for key, name in names:
            cursor = await db.execute(
                "INSERT INTO aliases (film_id, guild_id, alias) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (ids[key], guild_id, name),
            )
            if cursor.rowcount:
                report.added.append(f"alias {name!r} for {key}")
        if not report.empty:
            summary = f"imported {len(report.added)} additions and {len(report.changed)} changes"
            await record(db, guild_id, user_id, "import", summary)
    return report


async def _write_films(db: Sql, guild_id: int, films: list[Film], report: ImportReport) -> None:
    """Write the films that are new or differ from what this server has (one write path)."""
    changed = []
    for film in films:
        row = await db.fetchone(
            "SELECT f.* FROM film_rows f WHERE f.guild_id = ? AND f.seed_key = ?",
            (guild_id, film.key),
        )
        before = film_from_row(row) if row else None
        if before is not None and _comparable(before) == _comparable(film):
            continue
        changed.append(film)
        (report.added if before is None else report.changed).append(f"film {film.label}")
    await write_films(db, changed, guild_id, "admin")


def _comparable(film: Film) -> Film:
    credits = tuple(dataclasses.replace(c, person_key=None) for c in film.credits)
    return dataclasses.replace(film, id=0, guild_id=0, aliases=(), credits=credits)


async def _add_review(
    db: Sql, guild_id: int, film_id: int, review: ReviewRecord, report: ImportReport
) -> None:
    existing = await db.fetchone(
        "SELECT id, author, verdict, url FROM reviews WHERE film_id = ? AND guild_id = ? AND quote = ? AND source = ?",
        (film_id, guild_id, review.quote, review.source),
    )
    if existing is None:
        await db.execute(
            "INSERT INTO reviews (film_id, guild_id, quote, source, author, verdict, url) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (film_id, guild_id, review.quote, review.source, review.author, review.verdict, review.url),
        )
        report.added.append(f"review of {review.film} from {review.source}")
    elif tuple(existing)[1:] != (review.author, review.verdict, review.url):
        await db.execute(
            "UPDATE reviews SET author = ?, verdict = ?, url = ? WHERE id = ?",
            (review.author, review.verdict, review.url, existing[0]),
        )
        report.changed.append(f"review of {review.film} from {review.source}")


async def _add_link(
    db: Sql, guild_id: int, a: int, b: int, link: SimilarRecord, report: ImportReport
) -> None:
    # Either direction, here or in the shared catalogue: a link is one pair, as /catalogue link
    # treats it; storing the reverse as well would list the film twice in /similar.
    existing = await db.fetchone(
        'SELECT id, reason, guild_id FROM "similar" WHERE guild_id IN (0, ?)'
        " AND ((film_id = ? AND similar_id = ?) OR (film_id = ? AND similar_id = ?))"
        " ORDER BY guild_id DESC LIMIT 1",
        (guild_id, a, b, b, a),
    )
    if existing is None:
        await db.execute(
            'INSERT INTO "similar" (film_id, similar_id, guild_id, reason) VALUES (?, ?, ?, ?)',
            (a, b, guild_id, link.reason),
        )
        report.added.append(f"link {link.film} ~ {link.like}")
    elif existing[2] == guild_id and existing[1] != link.reason:
        await db.execute('UPDATE "similar" SET reason = ? WHERE id = ?', (link.reason, existing[0]))
        report.changed.append(f"link {link.film} ~ {link.like}")


async def export_catalogue(db: Sql, guild_id: int) -> str:
    """This server's own films, reviews, links and aliases as an importable YAML file."""
    films = await db.fetchall("SELECT f.* FROM film_rows f WHERE f.guild_id = ? ORDER BY f.id", (guild_id,))
    reviews = await db.fetchall(
        "SELECT f.seed_key, r.quote, r.source, r.author, r.verdict, r.url FROM reviews r"
        " JOIN films f ON f.id = r.film_id WHERE r.guild_id = ? ORDER BY r.id",
        (guild_id,),
    )
    links = await db.fetchall(
        'SELECT a.seed_key, b.seed_key, s.reason FROM "similar" s JOIN films a ON a.id = s.film_id'
        " JOIN films b ON b.id = s.similar_id WHERE s.guild_id = ? ORDER BY s.id",
        (guild_id,),
    )
    aliases = await db.fetchall(
        "SELECT f.seed_key, a.alias FROM aliases a JOIN films f ON f.id = a.film_id WHERE a.guild_id = ? ORDER BY a.id",
        (guild_id,),
    )
    document: dict[str, list[dict[str, Any]]] = {}
    if films:
        document["films"] = [_film_dict(film_from_row(row)) for row in films]
    if reviews:
        document["reviews"] = [
            _compact(
                {"film": r[0], "quote": r[1], "source": r[2], "author": r[3], "verdict": r[4], "url": r[5]}
            )
            for r in reviews
        ]
    if links:
        document["similar"] = [{"film": r[0], "like": r[1], "reason": r[2]} for r in links]
    if aliases:
        document["aliases"] = [{"film": r[0], "alias": r[1]} for r in aliases]
    header = "# filmbot catalogue export: import it with /catalogue import or filmbot import\n"
    return header + await asyncio.to_thread(_dump, document)


def _dump(document: dict[str, list[dict[str, Any]]]) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _film_dict(film: Film) -> dict[str, Any]:
    directors = [c.name for c in film.people("director")]
    cast = [{"name": m.name, "role": m.role} if m.role else m.name for m in film.cast]
    return _compact(
        {
            "id": film.key,
            "title": film.title,
            "year": film.year,
            "director": directors[0] if len(directors) == 1 else directors,
            "writers": [c.name for c in film.people("writer")],
            "cast": cast,
            "genres": list(film.genres),
            "synopsis": film.synopsis,
            "release": film.release,
            "votes": film.votes or None,
            "runtime": film.runtime,
        }
    )


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, [], "")}


class SqliteFiles:
    """bot.core.ports.curation.CatalogueFiles over SQLite."""

    def __init__(self, db: Sql) -> None:
        self.db = db

    async def import_text(self, guild_id: int, user_id: int, text: str, name: str) -> ImportReport:
        data = await validate(self.db, guild_id, text, name)
        return await import_catalogue(self.db, guild_id, user_id, data)

    async def export_text(self, guild_id: int) -> str:
        return await export_catalogue(self.db, guild_id)
