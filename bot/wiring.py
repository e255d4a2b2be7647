"""All wiring in one place: settings, then database (migrate + seed), then index and the command table.

Nothing in the package reads the environment or opens a connection at import time; the entry
points call `open_services` (answering questions: builds the title index and keeps it current)
or `open_store` (operator commands: the database only, no index), and close what they get.
This module and bot/store are the only ones that name the storage classes; everything else
depends on the ports in bot.core.ports. FILMBOT_DB picks the engine: a file path is SQLite, a
postgresql:// URL is PostgreSQL (bot/store/postgres); the repositories are the same on both.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.commands.context import Deps
from bot.commands.runner import Commands
from bot.commands.table import COMMANDS, SOURCES
from bot.core.errors import DataFileError, Problem
from bot.core.facet_sync import FacetFollower
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
from bot.store.copying import CopyReport, copy_database
from bot.store.copying import ProgressFn as CopyProgress
from bot.store.curation import SqliteCuration
from bot.store.database import Database, DatabaseError, connect
from bot.store.facet_reader import FacetReader
from bot.store.film_info import SqliteFilmInfo
from bot.store.identify_gate import BucketGate, FileIdentifyGate
from bot.store.index_file import index_path, open_index
from bot.store.meta import SqliteKeyValues
from bot.store.people_file import follow as follow_people
from bot.store.people_file import open_people, people_path, read_people
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from bot.store.seeding import seed
from bot.store.sql import Sql
from bot.store.starter import load_starter
from bot.store.stats import collect, describe
from bot.store.transfer import SqliteFiles

log = logging.getLogger(__name__)


@dataclass
class Store:
    """The database and the storage ports over it: all an operator command needs."""

    db: Sql
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
        where = self.db.path if isinstance(self.db, Database) else getattr(self.db, "shown_url", "PostgreSQL")
        return f"{where}\n{describe(await collect(self.db))}"

    async def close(self) -> None:
        await self.db.close()


async def open_store(settings: Settings, start: FirstStart | None = None) -> Store:
    """The database, migrated and seeded, without any search index."""
    if not settings.data_dir.is_dir():  # checked before the database file is created
        raise DataFileError(
            [Problem(str(settings.data_dir), None, "seed folder not found: set FILMBOT_DATA")]
        )
    db = await open_database(settings)
    try:
        await seed(db, settings.data_dir)
        if settings.starter is not None:
            await load_starter(db, settings.starter, (start or FirstStart()).films)
    except BaseException:
        await db.close()
        raise
    return Store(db, SqliteCatalogue(db), SqliteCuration(db), SqliteFiles(db), SqliteKeyValues(db))


class FirstStart:
    """The first start's progress (loading the starter catalogue, then building the indexes from
    it: seconds with nothing else to show): logged, and shown by `show` (the terminal's line)."""

    def __init__(self, show: Callable[[str], None] | None = None) -> None:
        self.show = show
        self.loading = False

    def films(self, done: int, total: int) -> None:
        self.loading = True
        count = f": {done:,} of {total:,} films" if total else "..."
        self._say(f"First start: loading the film catalogue{count}")

    def indexes(self) -> None:
        if self.loading:
            self._say("First start: building the search indexes...")

    def ready(self, titles: int, people: int) -> None:
        if self.loading:
            self._say(f"Film catalogue ready: {titles:,} titles and aliases, {people:,} people.")

    def _say(self, line: str) -> None:
        log.info("%s", line)
        if self.show is not None:
            self.show(line)


async def open_database(settings: Settings) -> Sql:
    """SQLite at FILMBOT_DB's path, or PostgreSQL at its postgresql:// URL; migrated, not seeded."""
    if settings.db_url is not None:
        return await open_database_at(settings.db_url.reveal())
    return await connect(settings.db_path)


async def open_database_at(location: str, *, create: bool = True) -> Sql:
    """A database named as FILMBOT_DB names one (a path or a postgresql:// URL); migrated, not seeded."""
    if is_postgres_url(location):
        # Imported only when used: a SQLite bot never loads asyncpg.
        from bot.store.postgres.connect import connect_postgres

        return await connect_postgres(location)
    return await connect(Path(location), create=create)


def is_postgres_url(location: str) -> bool:
    return location.strip().startswith(("postgresql://", "postgres://"))


def shown_location(location: str) -> str:
    """A database as an operator may see it (a PostgreSQL URL without its password)."""
    if not is_postgres_url(location):
        return location
    from bot.store.postgres.connect import without_password

    return without_password(location)


async def copy_between(source: str, target: str, progress: CopyProgress | None = None) -> CopyReport:
    """`filmbot copy-db`: the whole catalogue from `source` (which must exist) into `target`."""
    if shown_location(source) == shown_location(target):
        raise DatabaseError("the source and the target are the same database: name two different ones")
    origin = await open_database_at(source, create=False)
    try:
        destination = await open_database_at(target)
        try:
            return await copy_database(origin, destination, progress)
        finally:
            await destination.close()
    finally:
        await origin.close()


async def backup_database(settings: Settings, target: Path) -> Path:
    """`filmbot backup`: refuse a target that is the live database before even opening it, then
    copy the existing database (never created here) and return the file written."""
    if settings.db_url is not None:
        raise DatabaseError(
            "filmbot backup copies SQLite files; on PostgreSQL use its own tool, for example "
            f"`pg_dump --format=custom --file={target} DATABASE_URL` (consistent while the bot runs), "
            "and pg_restore to bring it back"
        )
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
    def db(self) -> Sql:
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
        if self.commands.deps.facets is not None:
            await self.commands.deps.facets.close()
        await self.store.close()


async def open_services(settings: Settings, start: FirstStart | None = None) -> Services:
    start = start or FirstStart()
    store = await open_store(settings, start)
    start.indexes()
    try:
        if not isinstance(store.db, Database):
            from bot.store.postgres.changes import PgChangeFeed
            from bot.store.postgres.database import PgDatabase

            assert isinstance(store.db, PgDatabase)
            feed: SqliteChangeFeed = PgChangeFeed(store.db, store.catalogue)
            await feed.prune()
            # No saved index file on PostgreSQL yet: built from the catalogue at each start.
            latest = position = await feed.latest()  # before the full read: later changes caught up after
            index = TitleIndex()
            async for entry in store.catalogue.title_entries():
                index.add(entry)
            index.compact()
        else:
            assert isinstance(store.db, Database)
            feed = SqliteChangeFeed(store.db, store.catalogue)
            await feed.prune()
            latest = await feed.latest()  # before the full read: later changes are caught up after
            # The saved index (bot/store/index_file.py) if sound, else built from the catalogue and saved.
            index, position = await open_index(store.db, store.catalogue, index_path(settings.db_path))
        # The people index likewise: saved next to a SQLite database, built at each start on PostgreSQL.
        if isinstance(store.db, Database):
            people = await open_people(store.db, people_path(settings.db_path))
        else:
            people = PersonIndex(await read_people(store.db))
    except BaseException:
        await store.close()
        raise
    log.info("catalogue ready: %d searchable names, %d people", len(index), len(people))
    start.ready(len(index), len(people))
    # Every write this process commits re-indexes what it touched; other processes' writes are
    # noticed each second (bot.core.index_sync): SQLite's data_version, PostgreSQL's NOTIFY.
    sync = IndexSync(feed, index, position)
    sync.followers.append(functools.partial(follow_people, store.db, people))
    store.db.after_commit.append(sync.catch_up)
    if position < latest:  # a saved index a few changes behind: replay them before answering
        await sync.catch_up()
    ratings, moderation = SqliteRatings(store.db), SqliteRatingModeration(store.db)
    info = SqliteFilmInfo(store.db)
    # /films and /pick in memory (bot.core.facets), built in the background on first use
    facets = FacetFollower(FacetReader(store.db))
    sync.followers.append(facets.films_changed)
    deps = Deps(
        store.catalogue,
        store.curation,
        store.files,
        index,
        ratings,
        moderation,
        RateLimiter(),
        info,
        people,
        facets,
    )
    services = Services(settings, store, index, sync, Commands(deps, COMMANDS, SOURCES))
    services._watching = asyncio.create_task(sync.watch(), name="filmbot-index-sync")
    return services


def identify_gate(services: Services) -> BucketGate:
    """Turns to IDENTIFY with Discord (bot/app/shards.py), shared by every shard process on this
    database: advisory locks on PostgreSQL, lock files beside a SQLite database (one machine)."""
    if isinstance(services.db, Database):
        return FileIdentifyGate(services.settings.db_path.parent)
    from bot.store.postgres.database import PgDatabase
    from bot.store.postgres.identify_gate import PgIdentifyGate

    assert isinstance(services.db, PgDatabase)
    return PgIdentifyGate(services.db)
