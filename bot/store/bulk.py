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
from bot.formats.datasets import detect, open_text, read_rows
from bot.formats.entries import FilmEntry
from bot.store.curation import record
from bot.store.database import Database
from bot.store.films import write_films

BATCH = 5000
ProgressFn = Callable[[float, int], None]


@dataclass
class BulkReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)


async def _write(
    db: Database, path: Path, entries: list[FilmEntry], guild_id: int, report: BulkReport
) -> None:
    films = [entry.film for entry in entries]
    skipped = 0
    try:
        async with db.transaction():
            written = await write_films(db, films, guild_id, "import", skip_duplicates=True)
        added, updated = written.added, written.updated
    except sqlite3.IntegrityError:
        # A re-imported row renamed onto another film's title and year: the batch rolled back;
        # write it again row by row so only the colliding rows are skipped, each reported.
        added = updated = 0
        async with db.transaction():
            for entry in entries:
                try:
                    one = await write_films(db, [entry.film], guild_id, "import", skip_duplicates=True)
                except sqlite3.IntegrityError:
                    label = title_label(entry.film.title, entry.film.year)
                    report.problems.append(
                        Problem(str(path), entry.line, f"renamed to {label}, which another film already has")
                    )
                    skipped += 1
                    continue
                added, updated = added + one.added, updated + one.updated
    report.rows += len(entries)
    report.added += added
    report.updated += updated
    report.duplicates += len(entries) - added - updated - skipped


async def bulk_import(
    db: Database, path: Path, guild_id: int, user_id: int = 0, progress: ProgressFn | None = None
) -> BulkReport:
    kind = detect(path)
    report = BulkReport()
    text, position = open_text(path)
    batch: list[FilmEntry] = []
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
