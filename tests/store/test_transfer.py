"""Catalogue uploads and exports do work bounded by the file, off the event loop (issue 15 item 2)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.core.models import Caller
from bot.settings import Settings
from bot.store import transfer
from bot.store.database import Database
from bot.wiring import Services, open_services
from tests.conftest import DATA, call, text, upload

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)
UPLOAD = """films:
  - id: zebra-2022
    title: Zebra
    year: 2022
reviews:
  - film: memento-2000
    quote: Backwards
    source: Zine
similar:
  - film: zebra-2022
    like: backtrace-2021
    reason: Both wind back time.
"""


def bulk_films(path: Path, count: int) -> None:
    """Many imported films in the shared catalogue, as after an IMDb import."""
    with sqlite3.connect(path) as con:
        con.executemany(
            "INSERT INTO films (guild_id, seed_key, title, title_key, year, origin) VALUES (0, ?, ?, ?, 1990, 'import')",
            [(f"imdb:tt{n:07d}", f"Film {n}", f"film {n}") for n in range(count)],
        )


async def _steps_to_import(settings: Settings, films_already_there: int) -> int:
    """SQLite virtual-machine steps spent importing UPLOAD (in hundreds): a count, not a timing."""
    services = await open_services(settings)
    try:
        bulk_films(settings.db_path, films_already_there)
        await services.sync.catch_up()  # index them now: only the upload's own work is counted
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        assert isinstance(services.db, Database)  # SQLite's own progress handler counts the work
        await services.db.conn.set_progress_handler(count, 100)
        reply = await call(services, "catalogue import", ADMIN, upload(UPLOAD.encode(), "up.yaml"))
        await services.db.conn.set_progress_handler(lambda: 0, 1_000_000)
        assert "Added (3)" in text(reply)
        return steps[0]
    finally:
        await services.close()


async def test_an_upload_costs_the_same_however_big_the_catalogue(tmp_path: Path) -> None:
    small = await _steps_to_import(Settings(db_path=tmp_path / "small.sqlite3", data_dir=DATA), 0)
    large = await _steps_to_import(Settings(db_path=tmp_path / "large.sqlite3", data_dir=DATA), 50_000)
    # Reading every key or title of 50,000 films would cost hundreds of thousands of steps more.
    assert large < small * 1.5 + 50, (small, large)


async def test_parsing_and_dumping_run_off_the_event_loop(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: dict[str, bool] = {}
    parse, dump = transfer.read_text, transfer._dump  # type: ignore[attr-defined]

    def recorded_parse(*args: object, **kwargs: object) -> object:
        threads["parse"] = threading.current_thread() is threading.main_thread()
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    def recorded_dump(document: dict[str, list[dict[str, Any]]]) -> str:
        threads["dump"] = threading.current_thread() is threading.main_thread()
        return dump(document)

    monkeypatch.setattr(transfer, "read_text", recorded_parse)
    monkeypatch.setattr(transfer, "_dump", recorded_dump)
    await call(services, "catalogue import", ADMIN, upload(UPLOAD.encode(), "up.yaml"))
    exported = await call(services, "catalogue export", ADMIN)
    assert exported.attachment is not None and b"zebra-2022" in exported.attachment.data
    assert threads == {"parse": False, "dump": False}  # neither ran on the event loop's thread
