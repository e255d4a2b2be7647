"""The store classes satisfy the storage ports on both backends (checked by mypy here, and at run time)."""

from __future__ import annotations

from bot.core.ports.catalogue import CatalogueReader
from bot.core.ports.changes import ChangeFeed
from bot.core.ports.curation import CatalogueFiles, CurationWriter, KeyValueStore
from bot.store.catalogue import SqliteCatalogue
from bot.store.changes import SqliteChangeFeed
from bot.store.curation import SqliteCuration
from bot.store.meta import SqliteKeyValues
from bot.store.sql import Sql
from bot.store.transfer import SqliteFiles


def ports(db: Sql) -> tuple[CatalogueReader, CurationWriter, CatalogueFiles, KeyValueStore, ChangeFeed]:
    """mypy checks each assignment: a missing or mistyped method fails `make typecheck`."""
    catalogue: CatalogueReader = SqliteCatalogue(db)
    curation: CurationWriter = SqliteCuration(db)
    files: CatalogueFiles = SqliteFiles(db)
    meta: KeyValueStore = SqliteKeyValues(db)
    feed: ChangeFeed = SqliteChangeFeed(db, SqliteCatalogue(db))
    return catalogue, curation, files, meta, feed


async def test_sqlite_classes_satisfy_the_ports(db: Sql) -> None:
    catalogue, curation, files, meta, feed = ports(db)
    assert isinstance(catalogue, CatalogueReader)
    assert isinstance(curation, CurationWriter)
    assert isinstance(files, CatalogueFiles)
    assert isinstance(meta, KeyValueStore)
    assert isinstance(feed, ChangeFeed)
    assert not isinstance(object(), CatalogueReader)  # the check can fail


async def test_key_values_round_trip(db: Sql) -> None:
    meta = SqliteKeyValues(db)
    assert await meta.get("digest") is None
    await meta.put("digest", "abc")
    await meta.put("digest", "def")
    assert await meta.get("digest") == "def"
