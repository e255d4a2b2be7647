"""/ask end to end: the real discord.py client against the fake Discord."""

from __future__ import annotations

import pytest

from bot.app.client import FilmBot
from bot.app.embeds import ANSWER_COLOUR
from bot.core.models import TitleEntry
from bot.testing.fake_discord import EPHEMERAL, FakeDiscord
from bot.wiring import Services
from tests.app.conftest import choose


def question(text: str) -> list[dict]:
    return [{"name": "question", "type": 3, "value": text}]


async def ask(fake: FakeDiscord, text: str) -> dict:
    """The answer's message data: one callback, no mention can ping."""
    record = await fake.interact(fake.interaction_payload("ask", question(text)))
    assert fake.rejections == []
    [callback] = record.callbacks
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    data: dict = callback["data"]
    return data


async def test_a_film_question_gets_the_film_commands_answer(fake: FakeDiscord, bot: FilmBot) -> None:
    data = await ask(fake, "what do critics say about backtrce?")
    assert not data.get("flags", 0) & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == r"Backtrace \(2021\)"
    assert embed["description"].startswith(r"*Reviews of Backtrace \(2021\)*")
    assert "Get Your Comic On" in embed["fields"][0]["name"]


async def test_a_film_question_on_the_starter_catalogue_gets_the_film_card(
    fake: FakeDiscord, starter_bot: FilmBot
) -> None:
    data = await ask(fake, "Who directed Heat (1995)?")
    [embed] = data["embeds"]
    assert embed["title"] == r"Heat \(1995\)"
    assert embed["description"].startswith(r"*Director of Heat \(1995\)*")
    assert {f["name"]: f["value"] for f in embed["fields"]}["Directed by"] == "Michael Mann"


async def test_a_person_question_gets_the_filmography(fake: FakeDiscord, starter_bot: FilmBot) -> None:
    data = await ask(fake, "what films did david fincher direct")
    assert not data.get("flags", 0) & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"].startswith(r"David Fincher \(director")
    assert embed["description"].startswith("*Films directed by David Fincher*")
    assert any("Fight Club" in f["value"] for f in embed["fields"])


async def test_an_ambiguous_film_asks_which_one_and_only_the_asker_may_pick(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    record = await fake.interact(fake.interaction_payload("ask", question("films like memento"), user_id=5))
    data = record.callbacks[0]["data"]
    assert data["flags"] & EPHEMERAL
    assert "could mean more than one film" in data["embeds"][0]["description"]
    assert data["embeds"][0]["color"] == ANSWER_COLOUR.value  # a question back, not an error's red
    select = data["components"][0]["components"][0]
    assert {o["label"] for o in select["options"]} == {"Memento (2000)", "Memento (2019)"}
    stranger = await choose(fake, record, "Memento (2000)", user_id=6)
    assert "Only the person" in stranger.callbacks[0]["data"]["content"]
    picked = await choose(fake, record, "Memento (2000)", user_id=5)
    assert picked.callbacks[0]["data"]["embeds"][0]["title"] == r"If you liked Memento \(2000\)"
    assert fake.rejections == []


async def test_a_question_it_cannot_understand_gets_three_examples_privately(
    fake: FakeDiscord, bot: FilmBot
) -> None:
    data = await ask(fake, "can you play music in the voice channel")
    assert data["flags"] & EPHEMERAL
    description = data["embeds"][0]["description"]
    assert "didn't understand" in description
    assert description.count("/ask ") == 3


async def test_a_question_about_what_the_catalogue_lacks_says_so(fake: FakeDiscord, bot: FilmBot) -> None:
    data = await ask(fake, "is memento on netflix?")
    assert data["flags"] & EPHEMERAL
    assert "streaming" in data["embeds"][0]["description"]


HOSTILE = [
    "<@123456789012345678> @everyone films like **memento** ||now|| <@&42> @here",
    "films like `memento`\u202e\u200b",
    "who directed `memento`\u202e\u200b",
    "```films like memento```",
    "[films like memento](https://evil.example)",
    "@everyone",
    "films like " + "memento " * 800,
    "'; DROP TABLE films;-- who directed memento",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_questions_get_a_clear_answer_and_change_nothing(
    fake: FakeDiscord, bot: FilmBot, services: Services, text: str
) -> None:
    films = await services.db.fetchone("SELECT count(*) FROM films")
    data = await ask(fake, text)
    embed = data["embeds"][0]
    shown = (embed.get("title") or "") + (embed.get("description") or "")
    for ping in ("@everyone", "@here", "<@123456789012345678>", "<@&42>"):
        assert ping not in shown
    assert "**memento**" not in shown and "```" not in shown
    if data.get("flags", 0) & EPHEMERAL:
        reasons = ("didn't understand", "the limit is 300", "couldn't find", "could mean")
        assert any(reason in shown for reason in reasons), shown
    else:
        assert "Memento" in embed["title"]
    assert (await services.db.fetchone("SELECT count(*) FROM films"))[0] == films[0]


async def test_similar_narrowed_by_genre_and_years_through_discord(
    fake: FakeDiscord, starter_bot: FilmBot
) -> None:
    registered = next(c for cmds in fake.commands.values() for c in cmds if c["name"] == "similar")
    assert {"genre", "years"} <= {o["name"] for o in registered["options"]}
    typed = [{"name": "genre", "type": 3, "value": "horr", "focused": True}]
    offered = await fake.interact(
        fake.interaction_payload(
            "similar", [{"name": "title", "type": 3, "value": "alien 1979"}, *typed], kind=4
        )
    )
    assert "Horror" in [c["name"] for c in offered.callbacks[0]["data"]["choices"]]
    options = [
        {"name": "title", "type": 3, "value": "alien 1979"},
        {"name": "genre", "type": 3, "value": "Horror"},
        {"name": "years", "type": 3, "value": "1980s"},
    ]
    record = await fake.interact(fake.interaction_payload("similar", options))
    [embed] = record.callbacks[0]["data"]["embeds"]
    assert embed["title"] == r"If you liked Alien \(1979\): horror, 1980\-1989"
    assert embed["fields"] and all("198" in f["name"] for f in embed["fields"])
    data = await ask(fake, "horror films like alien 1979 from the 80s")
    [asked] = data["embeds"]
    assert asked["description"].startswith(r"*Films like Alien \(1979\), horror only, 1980\-1989*")
    assert asked["fields"] == embed["fields"]
    assert fake.rejections == []
