"""A similar link is one pair, whichever way round an upload or a command writes it."""

from __future__ import annotations

import sqlite3

from bot.core.models import Caller
from bot.wiring import Services
from tests.conftest import call, text, upload

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)
FILMS = (
    "films:\n  - id: zebra\n    title: Zebra\n    year: 2022\n  - id: yak\n    title: Yak\n    year: 2021\n"
)


def links(services: Services) -> int:
    with sqlite3.connect(services.settings.db_path) as con:
        return int(con.execute("SELECT count(*) FROM similar WHERE guild_id = 5").fetchone()[0])


async def send(services: Services, similar: str) -> None:
    data = (FILMS + "similar:\n" + similar).encode()
    await call(services, "catalogue import", ADMIN, upload(data, "up.yaml"))


async def test_an_upload_never_adds_the_reverse_of_a_link(services: Services) -> None:
    await send(services, "  - film: zebra\n    like: yak\n    reason: Both odd\n")
    await send(services, "  - film: yak\n    like: zebra\n    reason: Both odd, really\n")
    assert links(services) == 1
    answer = text(await call(services, "similar", ADMIN, "Zebra"))
    assert answer.count("Yak (2021)") == 1 and "Both odd, really" in answer


async def test_one_upload_listing_both_ways_adds_one_link(services: Services) -> None:
    both = "  - film: zebra\n    like: yak\n    reason: A\n  - film: yak\n    like: zebra\n    reason: A\n"
    await send(services, both)
    assert links(services) == 1


async def test_an_upload_after_the_command_adds_no_reverse_link(services: Services) -> None:
    await send(services, "")
    await call(services, "catalogue link", ADMIN, "Zebra", "Yak", "Stripes")
    await send(services, "  - film: yak\n    like: zebra\n    reason: Stripes\n")
    assert links(services) == 1
    assert text(await call(services, "similar", ADMIN, "Yak")).count("Zebra (2022)") == 1
