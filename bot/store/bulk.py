"""Bulk import of film datasets (CSV, MovieLens, IMDb) in batched transactions.

Rows are streamed and written BATCH rows per transaction, so a million rows take a few dozen
seconds and a crash loses at most the batch in flight (every committed batch is complete).
Malformed rows are reported with their line number and skipped; the rest still lands. A row
whose key was imported before updates that film, so re-running an import is safe. A row with
the same title and year as a film already in that catalogue is counted as a duplicate.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import Problem
from bot.core.models import title_label
from bot.core.normalise import title_key
from bot.formats.datasets import FilmRow, detect, open_text, read_rows
from bot.store.catalogue import cast_json, genres_json
from bot.store.curation import record
from bot.store.database import Database

BATCH = 5000
ProgressFn = Callable[[float, int], None]


@dataclass
class BulkReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)


def _values(row: FilmRow, guild_id: int) -> tuple[object, ...]:
    cast, genres = cast_json(row.cast), genres_json(row.genres)
    return (
        row.title,
        title_key(row.title),
        row.year,
        row.director,
        cast,
        genres,
        row.votes,
        guild_id,
        row.key,
    )


UPDATE = (
    "UPDATE films SET title = ?, title_key = ?, year = ?, director = ?, cast_json = ?, genres_json = ?,"
    " votes = ? WHERE guild_id = ? AND seed_key = ?"
)
INSERT = (
    "INSERT OR IGNORE INTO films (title, title_key, year, director, cast_json, genres_json, votes,"
    " guild_id, seed_key, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')"
)


async def _write(db: Database, path: Path, rows: list[FilmRow], guild_id: int, report: BulkReport) -> None:
    values = [_values(row, guild_id) for row in rows]
    skipped = 0
    try:
        async with db.transaction():
            before = db.conn.total_changes
            await db.executemany(UPDATE, values)
            updated = db.conn.total_changes - before
            await db.executemany(INSERT, values)
            added = db.conn.total_changes - before - updated
    except sqlite3.IntegrityError:
        # A re-imported row renamed onto another film's title and year: the batch rolled back;
        # write it again row by row so only the colliding rows are skipped, each reported.
        added = updated = 0
        async with db.transaction():
            for row, value in zip(rows, values, strict=True):
                before = db.conn.total_changes
                try:
                    await db.execute(UPDATE, value)
                except sqlite3.IntegrityError:
                    label = title_label(row.title, row.year)
                    report.problems.append(
                        Problem(str(path), row.line, f"renamed to {label}, which another film already has")
                    )
                    skipped += 1
                    continue
                if db.conn.total_changes > before:
                    updated += 1
                else:
                    await db.execute(INSERT, value)
                    added += db.conn.total_changes - before
    report.rows += len(rows)
    report.added += added
    report.updated += updated
    report.duplicates += len(rows) - added - updated - skipped


async def bulk_import(
    db: Database, path: Path, guild_id: int, user_id: int = 0, progress: ProgressFn | None = None
) -> BulkReport:
    kind = detect(path)
    report = BulkReport()
    text, position = open_text(path)
    batch: list[FilmRow] = []
    with text:
        for row in read_rows(kind, path, text):
            if isinstance(row, Problem):
                report.problems.append(row)
                continue
            batch.append(row)
            if len(batch) == BATCH:
                await _write(db, path, batch, guild_id, report)
                batch = []
                if progress:
                    progress(position.fraction(), report.rows)
    if batch:
        await _write(db, path, batch, guild_id, report)
    if progress:
        progress(1.0, report.rows)
    async with db.transaction():
        summary = f"bulk import of {path.name}: {report.added} added, {report.updated} updated"
        await record(db, guild_id, user_id, "import", summary)
    return report
