"""Hostile input, Discord's validation, faults and reconnects: end to end against the fake."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.app.client import FilmBot
from bot.commands.context import Context
from bot.commands.films import film_choices
from bot.core.models import Caller
from bot.core.replies import Choice
from bot.testing.fake_discord import EPHEMERAL, TOKEN, FakeDiscord, validate_callback, validate_message
from bot.testing.loop_turns import LoopTurns
from bot.wiring import Services
from tests.conftest import run

HOSTILE = [
    "",
    "   ",
    "x" * 6000,
    "back\x00trace",
    "\x07\x1b[31mbacktrace",
    "\u202ebacktrace\u202c",
    "back\u200btrace",
    "🎬🍿 backtrace 🎥",
    "b\u0301a\u0308cktrace",
    "'; DROP TABLE films;--",
    "%",
    "_",
    ".*(a+)+$",
    "**bold** ||spoiler|| ```code``` [link](https://evil.example)",
    "@everyone",
    "@here",
    "<@123>",
    "<@&123>",
]


@pytest.mark.parametrize("typed", HOSTILE)
async def test_hostile_titles_get_a_clear_answer(
    fake: FakeDiscord, bot: FilmBot, services: Services, typed: str
) -> None:
    films = await services.db.fetchone("SELECT count(*) FROM films")
    record = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": typed}])
    )
    assert fake.rejections == []
    data = record.callbacks[0]["data"]
    embed = data["embeds"][0]
    text = (embed.get("title") or "") + (embed.get("description") or "")
    assert data["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in text and "@here" not in text and "<@123>" not in text and "<@&123>" not in text
    assert "**bold**" not in text and "```" not in text
    if data.get("flags", 0) & EPHEMERAL:
        refusals = ("couldn't find", "Type a film title", "could mean", "must not be empty", "the limit is")
        assert any(words in text for words in refusals)
    else:
        assert embed["title"] == r"Backtrace \(2021\)"
    assert await services.db.fetchone("SELECT count(*) FROM films") == films
    choices = await fake.interact(
        fake.interaction_payload(
            "review", [{"name": "title", "type": 3, "value": typed, "focused": True}], kind=4
        )
    )
    found = choices.callbacks[0]["data"]["choices"]
    assert len(found) <= 25 and all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in found)
    assert fake.rejections == []


async def test_reconnect_in_the_middle_of_a_session(fake: FakeDiscord, bot: FilmBot) -> None:
    first = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "memento"}])
    )
    assert first.callbacks[0]["type"] == 4
    await fake.request_reconnect()
    await fake.identified.wait()
    assert fake.resume_count == 1
    again = await fake.interact(
        fake.interaction_payload("similar", [{"name": "title", "type": 3, "value": "backtrace"}])
    )
    assert len(again.callbacks[0]["data"]["embeds"][0]["fields"]) == 6


@pytest.mark.parametrize("status", [429, 500, 502])
async def test_rate_limits_and_server_errors_are_retried(
    fake: FakeDiscord, bot: FilmBot, status: int
) -> None:
    fake.failures.append(("callback", status))
    record = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "memento"}])
    )
    assert record.callbacks[0]["type"] == 4
    assert sum(1 for _, path in fake.requests if path.endswith("callback")) == 2


async def test_long_review_lists_paginate_for_the_invoker(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    admin = Caller(guild_id=900000000000000001, user_id=1, can_manage_guild=True)
    for n in range(11):
        await run(
            services,
            admin,
            "catalogue add-review",
            film="Memento",
            quote=f"Quote {n} " + "x" * 300,
            source="Zine",
        )
    record = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "memento"}], user_id=5)
    )
    data = record.callbacks[0]["data"]
    assert len(data["embeds"][0]["fields"]) == 8 and "page 1 of 2" in data["embeds"][0]["footer"]["text"]
    buttons = data["components"][0]["components"]
    previous, following = buttons
    assert previous["disabled"] is True
    message = record.messages[0]
    stranger = await fake.interact(
        fake.interaction_payload("", [], kind=3, custom_id=following["custom_id"], user_id=6, message=message)
    )
    assert "Only the person" in stranger.callbacks[0]["data"]["content"]
    turned = await fake.interact(
        fake.interaction_payload("", [], kind=3, custom_id=following["custom_id"], user_id=5, message=message)
    )
    page = turned.callbacks[0]
    assert page["type"] == 7 and "page 2 of 2" in page["data"]["embeds"][0]["footer"]["text"]
    assert len(page["data"]["embeds"][0]["fields"]) == 3
    assert fake.rejections == []


async def test_token_never_logged(fake: FakeDiscord, bot: FilmBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "backtrace"}])
    )
    await fake.request_reconnect()
    await fake.identified.wait()
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


def test_the_fake_rejects_what_discord_rejects() -> None:
    choices = [{"name": f"c{n}", "value": str(n)} for n in range(26)]
    assert "at most 25" in (validate_callback({"type": 8, "data": {"choices": choices}}) or "")
    assert "1 to 100" in (
        validate_callback({"type": 8, "data": {"choices": [{"name": "", "value": "x"}]}}) or ""
    )
    assert "1 to 100" in (
        validate_callback({"type": 8, "data": {"choices": [{"name": "n" * 101, "value": "x"}]}}) or ""
    )
    assert "6000" in (
        validate_message(
            {"embeds": [{"description": "d" * 4000, "fields": [{"name": "n", "value": "v" * 1024}] * 3}]}
        )
        or ""
    )
    assert "4096" in (validate_message({"embeds": [{"description": "d" * 4097}]}) or "")
    assert validate_message({"content": "c" * 2001}) is not None


async def test_the_fake_refuses_a_second_acknowledgement_and_late_answers(fake: FakeDiscord) -> None:
    import time

    import aiohttp

    from bot.testing.fake_discord import Interaction

    record = Interaction("1", "tok-a", time.monotonic())
    late = Interaction("2", "tok-b", time.monotonic() - 5)
    fake.interactions.update({"tok-a": record, "tok-b": late})
    body = {"type": 4, "data": {"content": "hi"}}
    async with aiohttp.ClientSession() as session:
        url = f"{fake.api_base}/interactions/1/tok-a/callback"
        async with session.post(url, json=body) as first:
            assert first.status == 200
        async with session.post(url, json=body) as second:
            assert second.status == 400 and (await second.json())["code"] == 40060
        async with session.post(f"{fake.api_base}/interactions/2/tok-b/callback", json=body) as third:
            assert third.status == 404 and (await third.json())["code"] == 10062


async def test_autocomplete_failure_is_logged_and_offers_nothing(
    fake: FakeDiscord,
    bot: FilmBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(ctx: Context, typed: str) -> list[Choice]:
        raise RuntimeError("index on fire")

    monkeypatch.setitem(services.commands.sources, "films", broken)
    record = await fake.interact(
        fake.interaction_payload(
            "review", [{"name": "title", "type": 3, "value": "back", "focused": True}], kind=4
        )
    )
    assert record.callbacks[0]["type"] == 8 and record.callbacks[0]["data"]["choices"] == []
    assert any(r.exc_info and "autocomplete failed" in r.getMessage() for r in caplog.records)
    monkeypatch.setitem(services.commands.sources, "films", film_choices)  # only this patch: the fake's stay
    again = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "backtrace"}])
    )
    assert again.callbacks[0]["type"] == 4  # still serving


async def test_pagination_buttons_expire_cleanly(
    fake: FakeDiscord, bot: FilmBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot.app import views

    monkeypatch.setattr(views, "VIEW_TIMEOUT_S", 0.3)
    admin = Caller(guild_id=900000000000000001, user_id=1, can_manage_guild=True)
    for n in range(9):
        await run(services, admin, "catalogue add-review", film="Memento", quote=f"Quote {n}", source="Zine")
    record = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "memento"}])
    )
    message = record.messages[0]
    assert message["components"]  # the buttons are there at first
    for _ in range(50):
        if message.get("edited"):
            break
        await asyncio.sleep(0.05)
    assert message.get("edited") and message["components"] == []  # and gone once the view expires


async def test_a_burst_of_autocompletes_is_worked_through_one_per_loop_turn(
    fake: FakeDiscord, bot: FilmBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns, ran = LoopTurns(), []

    async def recorded(ctx: Context, typed: str) -> list[Choice]:
        ran.append((typed, turns.count))
        return await film_choices(ctx, typed)

    monkeypatch.setitem(services.commands.sources, "films", recorded)
    typed = [f"back{n}" for n in range(40)]
    turns.start()
    records = await asyncio.gather(
        *(
            fake.interact(
                fake.interaction_payload(
                    "review", [{"name": "title", "type": 3, "value": t, "focused": True}], kind=4
                )
            )
            for t in typed
        )
    )
    turns.stop()
    monkeypatch.setitem(services.commands.sources, "films", film_choices)  # only this patch: the fake's stay
    assert all(r.callbacks and r.callbacks[0]["type"] == 8 for r in records)
    assert [t for t, _ in ran] == typed  # in the order Discord sent them
    assert len({turn for _, turn in ran}) == len(typed)  # never two in the same turn of the loop
