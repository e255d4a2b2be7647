"""All wiring in one place: settings, then database (migrate + seed), then index and the command table.

Nothing in the package reads the environment or opens a connection at import time; the entry
points call `open_services` (answering questions: builds the title index and keeps it current)
or `open_store` (operator commands: the database only, no index), and close what they get.
This module and bot/store are the only ones that name the SQLite classes; everything else
depends on the ports in bot.core.ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.commands.context import Deps
from bot.commands.runner import Commands
from bot.commands.table import COMMANDS, SOURCES
from bot.core.errors import DataFileError, Problem
from bot.core.index_sync import IndexSync
from bot.core.matching import TitleIndex
from bot.core.people import PersonIndex
from bot.core.ratings import RateLimiter
from bot.settings import Settings
from bot.store.backup import backup, backup_target
from bot.store.bulk import BulkReport as BulkReport  # re-exported for the CLI
from bot.store.bulk import ProgressFn, bulk_import
from bot.store.catalogue import SqliteCatalogue
from bot.store.changes import SqliteChangeFeed
from bot.store.curation import SqliteCuration
from bot.store.database import Database, connect
from bot.store.film_info import SqliteFilmInfo
from bot.store.index_file import index_path, open_index
from bot.store.meta import SqliteKeyValues
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from bot.store.seeding import seed
from bot.store.starter import load_starter
from bot.store.stats import collect, describe
from bot.store.transfer import SqliteFiles

log = logging.getLogger(__name__)


@dataclass
class Store:
    """The database and the storage ports over it: all an operator command needs."""

    db: Database
    catalogue: SqliteCatalogue
    curation: SqliteCuration
    files: SqliteFiles
    meta: SqliteKeyValues

    async def bulk_import(
        self,
        path: Path,
        guild_id: int,
        user_id: int = 0,
        progress: ProgressFn | None = None,
        mapping: Mapping[str, str] | None = None,
        report: BulkReport | None = None,
        reading: Callable[[str, float], None] | None = None,
    ) -> BulkReport:
        return await bulk_import(self.db, path, guild_id, user_id, progress, mapping, report, reading)

    async def stats(self) -> str:
        """`filmbot stats`: films by source, people, reviews, ratings and the size, as text."""
        return describe(await collect(self.db))

    async def close(self) -> None:
        await self.db.close()


async def open_store(settings: Settings) -> Store:
    """The database, migrated and seeded, without any search index."""
    if not settings.data_dir.is_dir():  # checked before the database file is created
        raise DataFileError(
            [Problem(str(settings.data_dir), None, "seed folder not found: set FILMBOT_DATA")]
        )
    db = await connect(settings.db_path)
    try:
        await seed(db, settings.data_dir)
        if settings.starter is not None:
            await load_starter(db, settings.starter, _progress)
    except BaseException:
        await db.close()
        raise
    return Store(db, SqliteCatalogue(db), SqliteCuration(db), SqliteFiles(db), SqliteKeyValues(db))


def _progress(done: int, total: int) -> None:
    log.info("loading the starter catalogue: %d of %d films", done, total)


async def backup_database(settings: Settings, target: Path) -> Path:
    """`filmbot backup`: refuse a target that is the live database before even opening it, then
    copy the existing database (never created here) and return the file written."""
    backup_target(settings.db_path, target)
    db = await connect(settings.db_path, create=False)
    try:
        return await backup(db, target)
    finally:
        await db.close()


@dataclass
class Services:
    settings: Settings
    store: Store
    index: TitleIndex
    sync: IndexSync
    commands: Commands
    _watching: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        return self.store.db

    @property
    def catalogue(self) -> SqliteCatalogue:
        return self.store.catalogue

    @property
    def meta(self) -> SqliteKeyValues:
        return self.store.meta

    async def close(self) -> None:
        if self._watching is not None:
            self._watching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watching
        await self.sync.compacted()
        await self.store.close()


async def open_services(settings: Settings) -> Services:
    store = await open_store(settings)
    try:
        feed = SqliteChangeFeed(store.db, store.catalogue)
        await feed.prune()
        latest = await feed.latest()  # before the full read: later changes are caught up after
        # The saved index (bot/store/index_file.py) if sound, else built from the catalogue and saved.
        index, position = await open_index(store.db, store.catalogue, index_path(settings.db_path))
    except BaseException:
        await store.close()
        raise
    log.info("catalogue ready: %d searchable names", len(index))
    # Every write this process commits re-indexes what it touched; other processes' writes are
    # noticed by polling (bot.core.index_sync).
    sync = IndexSync(feed, index, position)
    store.db.after_commit.append(sync.catch_up)
    if position < latest:  # a saved index a few changes behind: replay them before answering
        await sync.catch_up()
    ratings, moderation = SqliteRatings(store.db), SqliteRatingModeration(store.db)
    info = SqliteFilmInfo(store.db)
    people = PersonIndex(await info.people())
    log.info("people ready: %d names", len(people))
    deps = Deps(
        store.catalogue, store.curation, store.files, index, ratings, moderation, RateLimiter(), info, people
    )
    services = Services(settings, store, index, sync, Commands(deps, COMMANDS, SOURCES))
    services._watching = asyncio.create_task(sync.watch(), name="filmbot-index-sync")
    return services
