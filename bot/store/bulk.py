"""Bulk import of film datasets (CSV, MovieLens, IMDb) in batched transactions.

Rows are streamed and written BATCH rows per transaction, so a million rows take a few dozen
seconds and a crash loses at most the batch in flight (every committed batch is complete).
Malformed rows are reported with their line number and skipped; the rest still lands. A row
for a film already there enriches it (bot.store.merge), so re-running an import is safe and
combining datasets keeps the richer data of both.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from bot.core.errors import Problem
from bot.core.models import title_label
from bot.formats.datasets import FileProgress, Progress, Row, detect, open_text, read_rows
from bot.formats.entries import FilmEntry, HeaderNote
from bot.store.curation import record
from bot.store.imdb_stage import open_stage
from bot.store.merge import Merged, merge_films
from bot.store.sql import Sql

BATCH = 5000
ProgressFn = Callable[[float, int], None]


@dataclass
class BulkReport:
    rows: int = 0
    added: int = 0
    enriched: int = 0
    aliased: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> rows
    problems: list[Problem] = field(default_factory=list)  # rows not imported, by line
    notes: list[Problem] = field(default_factory=list)  # about the header: no row lost over them

    def count(self, merged: Merged) -> None:
        self.added += merged.added
        self.enriched += merged.enriched
        self.aliased += merged.aliased
        self.skipped.update(merged.skipped)


async def _write(db: Sql, path: Path, entries: list[FilmEntry], guild_id: int, report: BulkReport) -> None:
    try:
        async with db.transaction():
            report.count(await merge_films(db, [entry.film for entry in entries], guild_id))
    except db.conflicts:
        # A film given the title and year of another film: the batch rolled back; write it
        # again row by row so only the colliding rows are skipped, each reported.
        async with db.transaction():
            for entry in entries:
                try:  # a failed part is undone alone; the transaction goes on
                    async with db.savepoint():
                        report.count(await merge_films(db, [entry.film], guild_id))
                except db.conflicts:
                    label = title_label(entry.film.title, entry.film.year)
                    report.problems.append(
                        Problem(str(path), entry.line, f"{label} is another film's title and year")
                    )
    report.rows += len(entries)


class Stopped(Exception):
    """The import was interrupted: the reading thread stops at its next progress report."""


async def bulk_import(
    db: Sql,
    path: Path,
    guild_id: int,
    user_id: int = 0,
    progress: ProgressFn | None = None,
    mapping: Mapping[str, str] | None = None,
    report: BulkReport | None = None,
    reading: FileProgress | None = None,
) -> BulkReport:
    """Import a dataset file. Interrupted (Ctrl-C), every batch written before is committed and
    `report.rows` counts them; running it again skips those rows and carries on.

    The files are read in a thread of their own, a batch at a time, so the event loop (and
    Ctrl-C) is never kept waiting by the minutes an IMDb import spends reading its big files;
    interrupted, the reading stops at its next progress report (every 50,000 lines)."""
    kind = detect(path, mapping)
    report = report if report is not None else BulkReport()  # the caller's, to read if interrupted
    stop = threading.Event()

    def read_progress(name: str, fraction: float) -> None:  # in the reading thread
        if stop.is_set():
            raise Stopped
        if reading:
            reading(name, fraction)

    text, position = open_text(path)
    rows = read_rows(kind, path, text, mapping, read_progress, open_stage)
    reader = ThreadPoolExecutor(1, thread_name_prefix="filmbot-import")
    try:
        await _import_rows(db, path, guild_id, report, progress, reader, rows, position)
    finally:
        stop.set()
        reader.shutdown(wait=True)  # at most one progress interval or one batch of reading
        rows.close()  # an IMDb import's scratch file goes with it
        text.close()
    async with db.transaction():
        summary = f"bulk import of {path.name}: {report.added} added, {report.enriched} enriched, {report.aliased} aliased"
        await record(db, guild_id, user_id, "import", summary)
    return report


async def _import_rows(
    db: Sql,
    path: Path,
    guild_id: int,
    report: BulkReport,
    progress: ProgressFn | None,
    reader: ThreadPoolExecutor,
    rows: Iterator[Row],
    position: Progress,
) -> None:
    batch: list[FilmEntry] = []
    while chunk := await asyncio.wrap_future(reader.submit(lambda: list(islice(rows, BATCH)))):
        for row in chunk:
            if isinstance(row, HeaderNote):
                report.notes.append(row)
                continue
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
