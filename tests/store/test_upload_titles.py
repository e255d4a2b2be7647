"""An upload naming a title and year this server already has (under another id) is refused with
its line, not an internal error (issue 15: a duplicate title in an upload)."""

from __future__ import annotations

import sqlite3

import pytest

from bot.core.errors import DataFileError
from bot.core.models import Caller
from bot.wiring import Services
from tests.conftest import call, upload

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)


def films(services: Services) -> int:
    with sqlite3.connect(services.settings.db_path) as con:
        return int(con.execute("SELECT count(*) FROM films WHERE guild_id = 5").fetchone()[0])


async def send(services: Services, key: str, title: str) -> object:
    data = f"films:\n  - id: {key}\n    title: {title}\n    year: 2020\n".encode()
    return await call(services, "catalogue import", ADMIN, upload(data, "up.yaml"))


@pytest.mark.parametrize("first", ["command", "upload"])
async def test_a_title_the_server_has_under_another_id_is_named(services: Services, first: str) -> None:
    if first == "command":
        await call(services, "catalogue add-film", ADMIN, "Zed", 2020)
    else:
        await send(services, "zed-2020", "Zed")
    before = films(services)
    with pytest.raises(DataFileError) as refused:
        await send(services, "another-id", "ZED")
    assert [str(p) for p in refused.value.problems] == [
        "up.yaml:2: ZED (2020) is already in this server's catalogue with the id 'zed-2020': use that id to change it"
    ]
    assert films(services) == before
    await send(services, "zed-2020", "Zed!")  # the same id updates it
