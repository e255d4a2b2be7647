"""A confirmation pressed twice at once (two interactions in flight) removes once and records once."""

from __future__ import annotations

import asyncio
import sqlite3

from bot.core.models import Caller
from bot.wiring import Services
from tests.conftest import call, text

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)


def history(services: Services) -> int:
    with sqlite3.connect(services.settings.db_path) as con:
        return int(con.execute("SELECT count(*) FROM history WHERE action = 'remove film'").fetchone()[0])


async def test_two_presses_at_once_remove_once_and_record_once(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    await call(services, "catalogue add-review", ADMIN, "Zebra Crossing", "Fine", "Zine")
    asked = await call(services, "catalogue remove-film", ADMIN, "Zebra Crossing")
    assert asked.confirm
    first, second = await asyncio.gather(
        services.commands.resume(asked.confirm.then, ADMIN),
        services.commands.resume(asked.confirm.then, ADMIN),
    )
    answers = sorted([text(first), text(second)])
    assert "already removed" in answers[1] or "already removed" in answers[0]
    assert any("Removed Zebra Crossing (2022)" in answer for answer in answers)
    assert not first.error and not second.error
    assert history(services) == 1
