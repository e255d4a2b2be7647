"""Follow-ups on Discord continue the command that asked (issue 9): a pick runs the same command
with the same options, as the same person, permission checked again; deferred answers keep their
file and their controls."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.app import respond, views
from bot.app.client import FilmBot
from bot.core.models import Caller
from bot.testing.fake_discord import EPHEMERAL, FakeDiscord
from bot.wiring import Services
from tests.app.test_catalogue_end_to_end import GUILD_A, MANAGE_GUILD, sub
from tests.conftest import call, text

ADMIN = Caller(guild_id=GUILD_A, user_id=5, can_manage_guild=True)


async def two_mementos(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN, "Memento", 2019)


def select_of(record: Any) -> dict[str, Any]:
    data = record.callbacks[0]["data"]
    assert data["flags"] & EPHEMERAL
    select: dict[str, Any] = data["components"][0]["components"][0]
    return select


async def pick(fake: FakeDiscord, asked: Any, label: str, **who: Any) -> Any:
    """Pick the option labelled `label` from the select menu of the reply `asked` got."""
    select = select_of(asked)
    value = next(o["value"] for o in select["options"] if o["label"] == label)
    payload = fake.interaction_payload(
        "", [], kind=3, custom_id=select["custom_id"], values=[value], message=asked.messages[0], **who
    )
    return await fake.interact(payload)


async def ask_alias(fake: FakeDiscord) -> Any:
    options = sub("alias", film="memento", alias="Tattoo Film")
    return await fake.interact(
        fake.interaction_payload("catalogue", options, permissions=MANAGE_GUILD, user_id=5)
    )


async def test_picking_a_film_continues_the_alias_command(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    await two_mementos(services)
    asked = await ask_alias(fake)
    picked = await pick(fake, asked, "Memento (2000)", user_id=5, permissions=MANAGE_GUILD)
    answer = picked.callbacks[0]["data"]
    assert answer["flags"] & EPHEMERAL  # curation stays private: not a public /review
    assert "can now be found as" in answer["embeds"][0]["description"]
    found = await call(services, "review", Caller(guild_id=GUILD_A), "tattoo film")
    assert found.title == "Memento (2000)"


async def test_a_pick_rechecks_permission(fake: FakeDiscord, bot: FilmBot, services: Services) -> None:
    await two_mementos(services)
    asked = await ask_alias(fake)
    # The same member, who has lost Manage Server by the time they pick.
    picked = await pick(fake, asked, "Memento (2000)", user_id=5, permissions=0)
    assert "Manage Server" in picked.callbacks[0]["data"]["embeds"][0]["description"]
    row = await services.db.fetchone("SELECT count(*) FROM aliases WHERE guild_id = ?", (GUILD_A,))
    assert row is not None and row[0] == 0


async def test_a_pick_keeps_the_pager(fake: FakeDiscord, bot: FilmBot, services: Services) -> None:
    await two_mementos(services)
    for n in range(10):
        await call(services, "catalogue add-review", ADMIN, "Memento (2000)", f"Quote {n}", "Zine")
    asked = await fake.interact(
        fake.interaction_payload(
            "review", [{"name": "title", "type": 3, "value": "memento"}], user_id=5, guild_id=GUILD_A
        )
    )
    picked = await pick(fake, asked, "Memento (2000)", user_id=5, guild_id=GUILD_A)
    data = picked.callbacks[0]["data"]
    assert "page 1 of 2" in data["embeds"][0]["footer"]["text"]
    assert [b["label"] for b in data["components"][0]["components"]] == ["Previous", "Next"]


async def test_a_deferred_answer_keeps_its_file_and_its_controls_expire(
    fake: FakeDiscord, bot: FilmBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(respond, "ANSWER_BUDGET_S", 0.0)  # every answer goes out as a followup
    monkeypatch.setattr(views, "VIEW_TIMEOUT_S", 0.3)
    for n in range(9):
        await call(services, "catalogue add-review", ADMIN, "Memento", f"Quote {n}", "Zine")
    record = await fake.interact(
        fake.interaction_payload(
            "review", [{"name": "title", "type": 3, "value": "memento"}], guild_id=GUILD_A
        )
    )
    assert record.callbacks[0]["type"] == 5  # deferred
    message = record.messages[-1]
    assert message["components"]  # the pager went out with the followup
    for _ in range(50):
        if message.get("edited"):
            break
        await asyncio.sleep(0.05)
    assert message.get("edited") and message["components"] == []  # and is taken off when it expires


async def test_history_mentions_render_as_mentions_but_ping_nobody(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra", 2022)
    record = await fake.interact(
        fake.interaction_payload("catalogue", sub("history"), permissions=MANAGE_GUILD, user_id=5)
    )
    data = record.callbacks[0]["data"]
    assert "<@5>" in data["embeds"][0]["description"] and data["allowed_mentions"] == {"parse": []}
    assert "added Zebra \\(2022\\)" in data["embeds"][0]["description"]
    assert "Zebra (2022)" in text(await call(services, "catalogue history", ADMIN))
