"""Members' ratings end to end: the real discord.py client against the fake Discord."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app.client import FilmBot
from bot.testing.fake_discord import EPHEMERAL, FakeDiscord, Interaction
from bot.wiring import Services

MANAGE_GUILD = 1 << 5
GUILD_A, GUILD_B = 900000000000000001, 900000000000000002
MEMBER, OTHER, CURATOR = 800000000000000007, 800000000000000008, 800000000000000009
KINDS = {bool: 5, int: 4, str: 3}


def options(**values: Any) -> list[dict[str, Any]]:
    return [{"name": k, "type": KINDS[type(v)], "value": v} for k, v in values.items() if v is not None]


def sub(name: str, **values: Any) -> list[dict[str, Any]]:
    return [{"name": name, "type": 1, "options": options(**values)}]


def embed(record: Interaction) -> dict[str, Any]:
    data = record.callbacks[0]["data"]
    found: dict[str, Any] = (data.get("embeds") or [{}])[0]
    return found


def shown(record: Interaction) -> str:
    """Everything the first answer's embed says."""
    found = embed(record)
    fields = " ".join(f"{f['name']} {f['value']}" for f in found.get("fields", []))
    return f"{found.get('title', '')} {found.get('description', '')} {fields}"


async def rate(fake: FakeDiscord, user: int, guild: int = GUILD_A, **values: Any) -> Interaction:
    return await fake.interact(
        fake.interaction_payload("rate", options(**values), user_id=user, guild_id=guild)
    )


async def review(fake: FakeDiscord, title: str, user: int = OTHER, guild: int = GUILD_A) -> Interaction:
    return await fake.interact(
        fake.interaction_payload("review", options(title=title), user_id=user, guild_id=guild)
    )


async def test_rate_rerate_spoiler_and_other_server(fake: FakeDiscord, bot: FilmBot) -> None:
    first = await rate(
        fake, MEMBER, title="Memento", stars="4,5", review="He did it, ||twist||", spoiler=True
    )
    assert first.callbacks[0]["data"]["flags"] & EPHEMERAL
    assert "You rated **Memento \\(2000\\)** ★★★★½" in shown(first)
    again = await rate(fake, MEMBER, title="Memento", stars="5", review="He did it, ||twist||", spoiler=True)
    assert "This replaces your earlier rating \\(★★★★½ and its review\\)" in shown(again)
    await rate(fake, OTHER, title="Memento", stars="3", review="@everyone see https://example.com")
    public = await review(fake, "Memento")
    assert not public.callbacks[0]["data"].get("flags", 0) & EPHEMERAL
    text = shown(public)
    assert "This server's members:" in text and "4.0 / 5 from 2 ratings" in text
    assert "||He did it, \\|\\|twist\\|\\|||" in text  # the whole review behind one spoiler mark
    assert f"<@{MEMBER}>" in text and "@\u200beveryone" in text and "https://" not in text
    elsewhere = await review(fake, "Memento", guild=GUILD_B)
    assert "members" not in shown(elsewhere) and "twist" not in shown(elsewhere)
    assert fake.rejections == []


async def test_rate_without_stars_opens_a_form_with_a_spoiler_box(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    asked = await rate(fake, MEMBER, title="Memento")
    [callback] = asked.callbacks
    assert callback["type"] == 9 and fake.rejections == []  # a form Discord accepts
    form = callback["data"]
    kinds = [label["component"]["type"] for label in form["components"]]
    assert kinds == [4, 4, 23]  # stars, review, the "contains spoilers" tick box
    ids = [label["component"]["custom_id"] for label in form["components"]]
    submitted = [
        {"type": 18, "component": {"type": 4, "custom_id": ids[0], "value": "★★★★"}},
        {"type": 18, "component": {"type": 4, "custom_id": ids[1], "value": "Backwards, and the end!"}},
        {"type": 18, "component": {"type": 23, "custom_id": ids[2], "value": True}},
    ]
    done = await fake.interact(
        fake.interaction_payload(
            "", [], kind=5, custom_id=form["custom_id"], components=submitted, user_id=MEMBER
        )
    )
    assert "You rated **Memento \\(2000\\)** ★★★★" in shown(done)
    rating = await services.commands.deps.ratings.rating(GUILD_A, MEMBER, (await review_film_id(services)))
    assert rating is not None and rating.spoiler and rating.review == "Backwards, and the end!"


async def review_film_id(services: Services) -> int:
    row = await services.db.fetchone("SELECT id FROM films WHERE seed_key = 'memento-2000'")
    assert row is not None
    return int(row[0])


async def test_hide_and_restore(fake: FakeDiscord, bot: FilmBot) -> None:
    await rate(fake, MEMBER, title="Memento", stars="1", review="rude words")
    curator: dict[str, Any] = {"permissions": MANAGE_GUILD, "user_id": CURATOR}
    typed = [
        {
            "name": "hide-review",
            "type": 1,
            "options": [{"name": "review", "type": 3, "value": "rude", "focused": True}],
        }
    ]
    offered = await fake.interact(fake.interaction_payload("catalogue", typed, kind=4, **curator))
    [choice] = offered.callbacks[0]["data"]["choices"]
    assert choice["name"].startswith("Memento (2000) ★ — “rude words”")
    hid = await fake.interact(
        fake.interaction_payload(
            "catalogue", sub("hide-review", review=choice["value"], reason="abuse"), **curator
        )
    )
    assert "Hid the review" in shown(hid)
    assert "rude words" not in shown(await review(fake, "Memento"))
    assert "rude words" not in shown(
        await review(fake, "Memento", user=MEMBER)
    )  # public: not even the author
    mine = await fake.interact(fake.interaction_payload("my-ratings", [], user_id=MEMBER))
    assert mine.callbacks[0]["data"]["flags"] & EPHEMERAL and "abuse" in shown(mine)
    await fake.interact(
        fake.interaction_payload("catalogue", sub("restore-review", review=choice["value"]), **curator)
    )
    assert "rude words" in shown(await review(fake, "Memento"))
    history = await fake.interact(fake.interaction_payload("catalogue", sub("history"), **curator))
    assert "hid review" in shown(history) and "restored review" in shown(history)


async def test_forget_me_needs_its_own_button(fake: FakeDiscord, bot: FilmBot, services: Services) -> None:
    await rate(fake, MEMBER, title="Memento", stars="4", review="mine")
    await rate(fake, MEMBER, guild=GUILD_B, title="Memento", stars="2")
    data = await fake.interact(fake.interaction_payload("my-data", [], user_id=MEMBER))
    [(name, content)] = data.callbacks[0]["files"]
    assert name.endswith(".json") and b'"review": "mine"' in content
    asked = await fake.interact(fake.interaction_payload("forget-me", [], user_id=MEMBER))
    button = asked.callbacks[0]["data"]["components"][0]["components"][0]

    def press(user_id: int) -> dict[str, Any]:
        return fake.interaction_payload(
            "", [], kind=3, custom_id=button["custom_id"], user_id=user_id, message=asked.messages[0]
        )

    other = await fake.interact(press(OTHER))
    assert "Only the person" in other.callbacks[0]["data"]["content"]
    row = await services.db.fetchone("SELECT count(*) FROM ratings WHERE user_id = ?", (MEMBER,))
    assert row is not None and row[0] == 2
    done = await fake.interact(press(MEMBER))
    assert "Deleted your 2 ratings" in shown(done)
    row = await services.db.fetchone("SELECT count(*) FROM ratings WHERE user_id = ?", (MEMBER,))
    assert row is not None and row[0] == 0


async def test_hundred_members_rating_at_once_lose_nothing(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    users = range(810000000000000000, 810000000000000100)
    answered = await asyncio.gather(
        *(rate(fake, user, title="Memento", stars=str(1 + user % 5), review=f"take {user}") for user in users)
    )
    assert all("You rated" in shown(record) for record in answered)
    assert fake.rejections == []
    row = await services.db.fetchone("SELECT count(*), sum(stars) FROM ratings")
    assert row is not None and tuple(row) == (100, sum(2 * (1 + user % 5) for user in users))


async def test_members_reviews_page_newest_first_with_buttons_for_the_asker(
    fake: FakeDiscord, bot: FilmBot
) -> None:
    users = range(820000000000000000, 820000000000000012)
    for user in users:  # one after the other: each newer than the last
        await rate(fake, user, title="Escape Plan", stars="3", review=f"take {user % 100}")
    asked = await review(fake, "Escape Plan")
    data = asked.callbacks[0]["data"]
    assert "page 1 of 2" in data["embeds"][0]["footer"]["text"]
    first = [f["value"] for f in data["embeds"][0]["fields"]]
    assert first[0].endswith("take 11") and first[1].endswith("take 10")  # newest first
    next_button = data["components"][0]["components"][1]
    assert next_button["label"] == "Next"

    def press(user_id: int) -> dict[str, Any]:
        return fake.interaction_payload(
            "", [], kind=3, custom_id=next_button["custom_id"], user_id=user_id, message=asked.messages[0]
        )

    refused = await fake.interact(press(MEMBER))
    assert "Only the person" in refused.callbacks[0]["data"]["content"]
    turned = await fake.interact(press(OTHER))
    page_two = [f["value"] for f in turned.callbacks[0]["data"]["embeds"][0]["fields"]]
    assert (
        page_two[-1].endswith("take 0")
        and "page 2 of 2" in turned.callbacks[0]["data"]["embeds"][0]["footer"]["text"]
    )
