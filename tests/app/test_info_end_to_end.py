"""/film and /person end to end on the real starter catalogue: the discord.py client, the fake Discord."""

from __future__ import annotations

from typing import Any

from bot.app.client import FilmBot
from bot.testing.fake_discord import FakeDiscord


def option(name: str, value: str, focused: bool = False) -> list[dict[str, Any]]:
    found: dict[str, Any] = {"name": name, "type": 3, "value": value}
    if focused:
        found["focused"] = True
    return [found]


async def test_film_autocomplete_then_card(fake: FakeDiscord, starter_bot: FilmBot) -> None:
    record = await fake.interact(
        fake.interaction_payload("film", option("title", "heat", focused=True), kind=4)
    )
    choices = record.callbacks[0]["data"]["choices"]
    names = [c["name"] for c in choices]
    assert "Heat (1995)" in names and "Heat (1972)" in names  # two films, one title: both offered
    picked = next(c["value"] for c in choices if c["name"] == "Heat (1995)")
    card = await fake.interact(fake.interaction_payload("film", option("title", picked)))
    embed = card.callbacks[0]["data"]["embeds"][0]
    assert embed["title"] == r"Heat \(1995\)"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Directed by"] == "Michael Mann"
    assert "Al Pacino" in fields["With"] and "Robert De Niro" in fields["With"]
    assert fake.rejections == []


async def test_film_in_seed_and_starter_is_offered_once(fake: FakeDiscord, starter_bot: FilmBot) -> None:
    record = await fake.interact(
        fake.interaction_payload("film", option("title", "memento", focused=True), kind=4)
    )
    names = [c["name"] for c in record.callbacks[0]["data"]["choices"]]
    assert names.count("Memento (2000)") == 1


async def test_person_autocomplete_then_filmography(fake: FakeDiscord, starter_bot: FilmBot) -> None:
    typed = option("name", "jean-pierre jeunet", focused=True)
    record = await fake.interact(fake.interaction_payload("person", typed, kind=4))
    choices = record.callbacks[0]["data"]["choices"]
    assert choices[0]["name"] == "Jean-Pierre Jeunet (director, writer, 1991-2013)"
    assert all(1 <= len(c["name"]) <= 100 for c in choices) and len(choices) <= 25
    answer = await fake.interact(fake.interaction_payload("person", option("name", choices[0]["value"])))
    embed = answer.callbacks[0]["data"]["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "Amélie \\(2001\\)" in fields["Directed"] or "Amélie (2001)" in fields["Directed"]
    assert fake.rejections == []


async def test_person_typed_with_a_typo_and_no_pick(fake: FakeDiscord, starter_bot: FilmBot) -> None:
    answer = await fake.interact(fake.interaction_payload("person", option("name", "christoper nolan")))
    embed = answer.callbacks[0]["data"]["embeds"][0]
    assert embed["title"].startswith("Christopher Nolan")
    assert fake.rejections == []


async def test_film_card_buttons_open_reviews_and_similar(fake: FakeDiscord, bot: FilmBot) -> None:
    card = await fake.interact(fake.interaction_payload("film", option("title", "memento")))
    data = card.callbacks[0]["data"]
    buttons = {b["label"]: b for row in data["components"] for b in row["components"]}
    assert list(buttons) == ["Reviews", "Similar films"]
    assert data["embeds"][0]["footer"]["text"].startswith("/review Memento")  # the hint stays too

    def press(label: str, user_id: int = 800000000000000001) -> dict[str, Any]:
        custom_id = buttons[label]["custom_id"]
        return fake.interaction_payload(
            "", [], kind=3, custom_id=custom_id, user_id=user_id, message=card.messages[0]
        )

    similar = await fake.interact(press("Similar films"))
    answer = similar.callbacks[0]
    assert answer["type"] == 4  # a new message: the card keeps its buttons
    assert answer["data"]["embeds"][0]["title"].startswith("If you liked Memento")
    assert "Backtrace" in str(answer["data"]["embeds"][0]["fields"])
    reviews = await fake.interact(press("Reviews"))
    assert "Memento" in reviews.callbacks[0]["data"]["embeds"][0]["title"]
    other = await fake.interact(press("Reviews", user_id=800000000000000002))
    assert "Only the person" in other.callbacks[0]["data"]["content"]
    assert fake.rejections == []


async def test_fake_discord_refuses_controls_discord_refuses() -> None:
    from bot.testing.fake_limits import validate_components

    button = {"type": 2, "style": 2, "label": "Reviews", "custom_id": "a"}
    assert validate_components([{"type": 1, "components": [button]}]) is None
    six = [dict(button, custom_id=str(n)) for n in range(6)]
    assert validate_components([{"type": 1, "components": six}]) is not None
    assert validate_components([{"type": 1, "components": [dict(button, label="x" * 81)]}]) is not None
    assert validate_components([{"type": 1, "components": [button, button]}]) is not None  # same id
    assert validate_components([{"type": 1, "components": [button]}] * 6) is not None


async def test_a_servers_own_people_stay_in_that_server(fake: FakeDiscord, bot: FilmBot) -> None:
    here, elsewhere = 900000000000000001, 900000000000000002
    add = [{"name": "add-film", "type": 1, "options": [
        {"name": "title", "type": 3, "value": "Zebra Crossing"},
        {"name": "year", "type": 4, "value": 2022},
        {"name": "director", "type": 3, "value": "Agnès Quillfeather"},
    ]}]  # fmt: skip
    added = await fake.interact(fake.interaction_payload("catalogue", add, permissions=1 << 5, guild_id=here))
    assert "Zebra Crossing" in str(added.callbacks)

    async def choices(guild_id: int) -> list[dict[str, Any]]:
        typed = fake.interaction_payload(
            "person", option("name", "agnes quill", focused=True), kind=4, guild_id=guild_id
        )
        return list((await fake.interact(typed)).callbacks[0]["data"]["choices"])

    [mine] = await choices(here)
    assert mine["name"] == "Agnès Quillfeather (director, 2022)"
    assert await choices(elsewhere) == []
    card = await fake.interact(
        fake.interaction_payload("person", option("name", mine["value"]), guild_id=here)
    )
    assert "Zebra Crossing" in str(card.callbacks[0]["data"]["embeds"])
    refused = await fake.interact(
        fake.interaction_payload("person", option("name", mine["value"]), guild_id=elsewhere)
    )
    shown = str(refused.callbacks[0]["data"])
    assert "No one called" in shown and "Zebra" not in shown and "Quillfeather" not in shown
    assert fake.rejections == []
