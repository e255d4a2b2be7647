"""All wiring in one place: settings, then database (migrate + seed), then index and handlers.

Nothing in the package reads the environment or opens a connection at import time; the entry
points call `open_services` and close what it returns.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.matching import TitleIndex
from bot.curation_handlers import CurationHandlers
from bot.handlers import Handlers
from bot.settings import Settings
from bot.store.catalogue import Catalogue
from bot.store.database import Database, connect
from bot.store.seeding import seed

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: Database
    catalogue: Catalogue
    index: TitleIndex
    handlers: Handlers
    curation: CurationHandlers

    async def close(self) -> None:
        await self.db.close()


async def open_services(settings: Settings) -> Services:
    db = await connect(settings.db_path)
    try:
        await seed(db, settings.data_dir)
        catalogue = Catalogue(db)
        index = TitleIndex()
        async for entry in catalogue.title_entries():
            index.add(entry)
        index.compact()
    except BaseException:
        await db.close()
        raise
    log.info("catalogue ready: %d searchable names", len(index))
    handlers = Handlers(catalogue, index)
    return Services(settings, db, catalogue, index, handlers, CurationHandlers(db, handlers))
