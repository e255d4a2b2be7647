"""End to end: the unmodified discord.py client against the local fake Discord."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.app.client import FilmBot
from bot.settings import Settings
from bot.testing.fake_discord import EPHEMERAL, FakeDiscord
from bot.wiring import Services
from tests.app.conftest import choose, start_bot, stop_bot

RATINGS = {"rate", "unrate", "my-ratings", "my-data", "forget-me", "top"}
ALL_COMMANDS = {
    "review",
    "similar",
    "ask",
    "catalogue",
    "help",
    "film",
    "person",
    "films",
    "pick",
    "about",
} | RATINGS


def title_option(value: str, focused: bool = False) -> list[dict[str, Any]]:
    option = {"name": "title", "type": 3, "value": value}
    if focused:
        option["focused"] = True
    return [option]


async def test_startup_syncs_commands_once(fake: FakeDiscord, services: Services, settings: Settings) -> None:
    client, task = await start_bot(fake, services, settings)
    assert fake.sync_count == 1
    names = {cmd["name"] for cmd in fake.commands[0]}
    assert names == ALL_COMMANDS
    catalogue = next(cmd for cmd in fake.commands[0] if cmd["name"] == "catalogue")
    assert str(catalogue["default_member_permissions"]) == "32"  # Manage Server: hidden from members
    assert catalogue["dm_permission"] is False  # guild only: not offered in DMs
    review = next(cmd for cmd in fake.commands[0] if cmd["name"] == "review")
    assert review["description"].startswith("Review snippets")
    option = review["options"][0]
    assert option["autocomplete"] is True and option["description"]
    await stop_bot(client, task)
    fake.identified.clear()
    fake.identifies.clear()  # as if restarted later: Discord refuses a second IDENTIFY within 5 s (op 9)
    client, task = await start_bot(fake, services, settings)  # unchanged: no second sync
    assert fake.sync_count == 1
    await stop_bot(client, task)


async def test_dev_guild_sync(fake: FakeDiscord, services: Services, settings: Settings) -> None:
    client, task = await start_bot(fake, services, dataclasses.replace(settings, guild_id=42))
    assert {cmd["name"] for cmd in fake.commands[42]} == ALL_COMMANDS
    assert 0 not in fake.commands
    await stop_bot(client, task)


async def test_review_answers_with_an_embed(fake: FakeDiscord, bot: FilmBot) -> None:
    record = await fake.interact(fake.interaction_payload("review", title_option("backtrce")))
    assert fake.rejections == []
    [callback] = record.callbacks
    assert callback["type"] == 4
    data = callback["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert not data.get("flags", 0) & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == r"Backtrace \(2021\)"
    assert len(embed["fields"]) == 3
    assert "Get Your Comic On" in embed["fields"][0]["name"]


async def test_similar_in_a_dm(fake: FakeDiscord, bot: FilmBot) -> None:
    record = await fake.interact(
        fake.interaction_payload("similar", title_option("Backtrace 2021"), guild_id=None)
    )
    [embed] = record.callbacks[0]["data"]["embeds"]
    assert len(embed["fields"]) == 6


async def test_autocomplete_offers_choices(fake: FakeDiscord, bot: FilmBot) -> None:
    payload = fake.interaction_payload("review", title_option("esc", focused=True), kind=4)
    record = await fake.interact(payload)
    [callback] = record.callbacks
    assert callback["type"] == 8
    choices = callback["data"]["choices"]
    assert choices[0]["name"] == "Escape Plan (2013)"
    assert choices[0]["value"].startswith("film:")
    assert fake.rejections == []
    picked = await fake.interact(fake.interaction_payload("review", title_option(choices[0]["value"])))
    assert picked.callbacks[0]["data"]["embeds"][0]["title"] == r"Escape Plan \(2013\)"


async def test_not_found_is_private(fake: FakeDiscord, bot: FilmBot) -> None:
    record = await fake.interact(fake.interaction_payload("review", title_option("@everyone qqqzzzxx")))
    data = record.callbacks[0]["data"]
    assert data["flags"] & EPHEMERAL
    assert "couldn't find" in data["embeds"][0]["description"]
    assert "@everyone" not in data["embeds"][0]["description"]  # defused with a zero-width space
    assert data["allowed_mentions"] == {"parse": []}


async def test_ambiguous_offers_a_select_only_the_invoker_can_use(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    from bot.core.models import TitleEntry

    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    record = await fake.interact(fake.interaction_payload("similar", title_option("memento"), user_id=5))
    data = record.callbacks[0]["data"]
    assert data["flags"] & EPHEMERAL
    select = data["components"][0]["components"][0]
    assert {o["label"] for o in select["options"]} == {"Memento (2000)", "Memento (2019)"}
    stranger = await choose(fake, record, "Memento (2000)", user_id=6)
    assert stranger.callbacks[0]["data"]["flags"] & EPHEMERAL
    assert "Only the person" in stranger.callbacks[0]["data"]["content"]
    picked = await choose(fake, record, "Memento (2000)", user_id=5)
    assert picked.callbacks[0]["data"]["embeds"][0]["title"] == r"If you liked Memento \(2000\)"
    assert fake.rejections == []


async def test_rejected_token_is_one_clear_error(fake: FakeDiscord, settings: Settings) -> None:
    import pytest

    from bot.app.runner import _run
    from bot.core.errors import ConfigError

    wrong = "MTEwMDAwMDAwMDAwMDAwMDAy.GwrongX.wrong-token-for-tests-only-012345678"
    with pytest.raises(ConfigError, match=r"Discord rejected DISCORD_TOKEN \(401 Unauthorized\)") as caught:
        await _run(settings, wrong)
    assert wrong not in caught.value.message


async def test_slow_answer_is_deferred_then_followed_up(
    fake: FakeDiscord, bot: FilmBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot.app import respond

    monkeypatch.setattr(respond, "ANSWER_BUDGET_S", 0.05)
    original = services.catalogue.reviews

    async def slow_reviews(film_id: int, guild_id: int) -> Any:
        await asyncio.sleep(0.3)
        return await original(film_id, guild_id)

    monkeypatch.setattr(services.catalogue, "reviews", slow_reviews)
    record = await fake.interact(fake.interaction_payload("review", title_option("Backtrace")))
    assert [c["type"] for c in record.callbacks] == [5]  # deferred, "thinking…"
    assert record.messages[-1]["embeds"][0]["title"] == r"Backtrace \(2021\)"
    assert fake.rejections == []


async def test_error_after_public_defer_stays_private(
    fake: FakeDiscord, bot: FilmBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot.app import respond
    from bot.core.errors import FilmNotFound

    monkeypatch.setattr(respond, "ANSWER_BUDGET_S", 0.05)

    async def vanished(film_id: int, guild_id: int) -> Any:
        await asyncio.sleep(0.3)
        raise FilmNotFound("Backtrace")

    monkeypatch.setattr(services.catalogue, "reviews", vanished)
    record = await fake.interact(fake.interaction_payload("review", title_option("Backtrace")))
    placeholder, followup = record.messages
    assert placeholder.get("deleted") is True
    assert followup["flags"] & EPHEMERAL
    assert "couldn't find" in followup["embeds"][0]["description"]


async def test_unexpected_error_gives_a_reference_not_a_traceback(
    fake: FakeDiscord,
    bot: FilmBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(film_id: int, guild_id: int) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services.catalogue, "similar", broken)
    record = await fake.interact(fake.interaction_payload("similar", title_option("Backtrace")))
    data = record.callbacks[0]["data"]
    assert data["flags"] & EPHEMERAL
    text = data["embeds"][0]["description"]
    assert "Something went wrong" in text and "disk on fire" not in text
    reference = text.split("`")[1]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
    again = await fake.interact(fake.interaction_payload("review", title_option("Backtrace")))
    assert again.callbacks[0]["type"] == 4  # still serving
