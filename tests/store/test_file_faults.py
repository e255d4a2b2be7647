"""Another process holding the write lock, and the database file deleted under a running bot."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.console.session import ConsoleSession
from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import Services

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)
HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()  # until the test says so
con.execute("ROLLBACK")
"""


async def test_a_write_lock_held_elsewhere_gives_a_busy_answer(
    services: Services, settings: Settings
) -> None:
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLDER, str(settings.db_path),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert await asyncio.wait_for(holder.stdout.readline(), 30) == b"holding\n"
        session = ConsoleSession(services.commands, ADMIN)
        text, failed = await session.run_line("/catalogue add-film title=Zebra year=2022")  # waits 5 s
        assert failed and text.startswith("The catalogue is busy") and "try again" in text
        assert "Something went wrong" not in text
        answer, failed = await session.run_line("/review backtrace")  # reading goes on meanwhile
        assert not failed and answer.startswith("Backtrace (2021)")
    finally:
        holder.stdin.write(b"done\n")
        await holder.wait()
    text, failed = await ConsoleSession(services.commands, ADMIN).run_line(
        "/catalogue add-film title=Zebra year=2022"
    )
    assert not failed, text


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_a_database_file_deleted_under_the_bot_is_noticed(
    services: Services, settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    session = ConsoleSession(services.commands, ADMIN)
    assert not (await session.run_line("/catalogue add-film title=Before year=2020"))[1]
    if how == "deleted":
        settings.db_path.unlink()
    else:
        shutil.copy(settings.db_path, tmp_path / "other.sqlite3")
        (tmp_path / "other.sqlite3").replace(settings.db_path)
    with caplog.at_level(logging.ERROR):
        text, failed = await session.run_line("/catalogue add-film title=Vanishing year=2021")
    assert failed and "database file was deleted or replaced" in text and "nothing was changed" in text
    assert any("deleted or replaced while the bot was running" in r.getMessage() for r in caplog.records)
    if how == "replaced":
        with sqlite3.connect(settings.db_path) as con:
            assert con.execute("SELECT count(*) FROM films WHERE title = 'Vanishing'").fetchone()[0] == 0
