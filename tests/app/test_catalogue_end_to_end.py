"""/catalogue end to end: the real discord.py client, the local fake Discord, a real database."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from bot.app.client import FilmBot
from bot.testing.fake_discord import EPHEMERAL, FakeDiscord
from bot.wiring import Services

MANAGE_GUILD = 1 << 5
GUILD_A, GUILD_B = 900000000000000001, 900000000000000002


def sub(name: str, **options: Any) -> list[dict[str, Any]]:
    kinds = {int: 4, str: 3}
    return [
        {
            "name": name,
            "type": 1,
            "options": [{"name": k, "type": kinds.get(type(v), 3), "value": v} for k, v in options.items()],
        }
    ]


def upload(fake: FakeDiscord, name: str, data: bytes, **who: Any) -> dict[str, Any]:
    """A /catalogue import interaction carrying `data` as an attachment the fake serves."""
    attachment = fake.attachment(name, data)
    options = [
        {"name": "import", "type": 1, "options": [{"name": "file", "type": 11, "value": attachment["id"]}]}
    ]
    who.setdefault("permissions", MANAGE_GUILD)
    return fake.interaction_payload(
        "catalogue", options, resolved={"attachments": {attachment["id"]: attachment}}, **who
    )


def films(services: Services) -> int:
    with sqlite3.connect(services.settings.db_path) as con:
        return int(con.execute("SELECT count(*) FROM films").fetchone()[0])


def answer(record: Any) -> dict[str, Any]:
    """What the bot finally said: the initial response, or the followup after a deferral."""
    first = record.callbacks[0]
    if first["type"] == 4:
        return {**first["data"], "files": first["files"]}
    last: dict[str, Any] = record.messages[-1]
    return last


def description(record: Any) -> str:
    data = record.callbacks[0].get("data") or {}
    embeds = data.get("embeds") or (record.messages[-1]["embeds"] if record.messages else [])
    return str(embeds[0]["description"] if embeds else data.get("content", ""))


async def test_member_who_reaches_the_command_is_refused(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    before = films(services)
    payload = fake.interaction_payload("catalogue", sub("add-film", title="Zebra Crossing"), permissions=0)
    record = await fake.interact(payload)
    assert record.callbacks[0]["data"]["flags"] & EPHEMERAL
    assert "Manage Server" in description(record)
    assert films(services) == before


async def test_admin_adds_a_film_visible_only_in_that_server(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    payload = fake.interaction_payload(
        "catalogue", sub("add-film", title="Zebra Crossing", year=2022), permissions=MANAGE_GUILD
    )
    record = await fake.interact(payload)
    assert "Added **Zebra Crossing \\(2022\\)**" in description(record)
    assert record.callbacks[0]["data"]["flags"] & EPHEMERAL
    typed = [{"name": "title", "type": 3, "value": "zebr", "focused": True}]
    here = await fake.interact(fake.interaction_payload("review", typed, kind=4, guild_id=GUILD_A))
    assert [c["name"] for c in here.callbacks[0]["data"]["choices"]] == ["Zebra Crossing (2022)"]
    there = await fake.interact(fake.interaction_payload("review", typed, kind=4, guild_id=GUILD_B))
    assert "Zebra Crossing (2022)" not in [c["name"] for c in there.callbacks[0]["data"]["choices"]]
    dm = await fake.interact(
        fake.interaction_payload("catalogue", sub("history"), guild_id=None, permissions=MANAGE_GUILD)
    )
    assert "only work inside a server" in description(dm)


async def test_confirmation_button_is_for_the_invoker_and_rechecks_permission(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    admin: dict[str, Any] = {"permissions": MANAGE_GUILD, "user_id": 10}
    await fake.interact(
        fake.interaction_payload("catalogue", sub("add-film", title="Zebra Crossing"), **admin)
    )
    await fake.interact(
        fake.interaction_payload(
            "catalogue", sub("add-review", film="Zebra Crossing", quote="Fine", source="Zine"), **admin
        )
    )
    asked = await fake.interact(
        fake.interaction_payload("catalogue", sub("remove-film", film="Zebra Crossing"), **admin)
    )
    data = asked.callbacks[0]["data"]
    assert "has 1 review" in data["embeds"][0]["description"]
    confirm = data["components"][0]["components"][0]
    assert confirm["label"].startswith("Remove Zebra Crossing")
    message = asked.messages[0]

    def press(user_id: int, permissions: int) -> dict[str, Any]:
        return fake.interaction_payload(
            "",
            [],
            kind=3,
            custom_id=confirm["custom_id"],
            user_id=user_id,
            permissions=permissions,
            message=message,
        )

    other = await fake.interact(press(11, MANAGE_GUILD))
    assert "Only the person" in other.callbacks[0]["data"]["content"]
    demoted = await fake.interact(press(10, 0))  # the invoker lost Manage Server meanwhile
    assert "Manage Server" in description(demoted)
    assert films(services) == 8
    # A refused press ends that view; a fresh request can still be confirmed.
    asked = await fake.interact(
        fake.interaction_payload("catalogue", sub("remove-film", film="Zebra Crossing"), **admin)
    )
    confirm = asked.callbacks[0]["data"]["components"][0]["components"][0]
    message = asked.messages[0]
    done = await fake.interact(press(10, MANAGE_GUILD))
    assert done.callbacks[0]["type"] == 7  # the confirmation message is updated in place
    assert "Removed **Zebra Crossing**" in done.callbacks[0]["data"]["embeds"][0]["description"]
    assert films(services) == 7


async def test_import_attachment_then_export(fake: FakeDiscord, bot: FilmBot, services: Services) -> None:
    text = b"films:\n  - id: zebra-2022\n    title: Zebra\n    year: 2022\n"
    record = await fake.interact(upload(fake, "mine.yaml", text))
    assert record.callbacks[0]["type"] == 5  # uploads are acknowledged before any work
    assert answer(record)["embeds"][0]["fields"][0]["name"] == r"Added \(1\)"
    exported = await fake.interact(
        fake.interaction_payload("catalogue", sub("export"), permissions=MANAGE_GUILD)
    )
    [(name, data)] = answer(exported)["files"]  # a deferred answer keeps its file
    assert name.endswith(".yaml") and b"id: zebra-2022" in data


async def test_bad_upload_lists_its_line_and_changes_nothing(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    before = films(services)
    record = await fake.interact(upload(fake, "bad.yaml", b"films:\n  - id: z\n    title: Z\n    title: Y\n"))
    assert "bad.yaml:4: duplicate key 'title'" in description(record)
    assert films(services) == before


async def test_concurrent_admin_writes_through_discord(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    import asyncio

    before = films(services)
    payloads = [
        fake.interaction_payload(
            "catalogue", sub("add-film", title=f"Rush {n}"), permissions=MANAGE_GUILD, user_id=n + 1
        )
        for n in range(20)
    ]
    records = await asyncio.gather(*(fake.interact(p) for p in payloads))
    assert all("Added" in description(r) for r in records)
    assert films(services) == before + 20
    assert fake.rejections == []


async def test_export_from_one_server_imports_into_another(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    admin_a: dict[str, Any] = {"permissions": MANAGE_GUILD, "guild_id": GUILD_A}
    admin_b: dict[str, Any] = {"permissions": MANAGE_GUILD, "guild_id": GUILD_B}
    await fake.interact(
        fake.interaction_payload("catalogue", sub("add-film", title="Zebra", year=2022), **admin_a)
    )
    await fake.interact(
        fake.interaction_payload("catalogue", sub("alias", film="Zebra", alias="Stripes"), **admin_a)
    )
    exported = await fake.interact(fake.interaction_payload("catalogue", sub("export"), **admin_a))
    [(name, data)] = answer(exported)["files"]
    await fake.interact(upload(fake, name, data, **admin_b))
    again = await fake.interact(fake.interaction_payload("catalogue", sub("export"), **admin_b))
    assert answer(again)["files"][0][1] == data
    found = await fake.interact(
        fake.interaction_payload(
            "review", [{"name": "title", "type": 3, "value": "stripes"}], guild_id=GUILD_B
        )
    )
    assert found.callbacks[0]["data"]["embeds"][0]["title"] == r"Zebra \(2022\)"


async def test_add_review_without_a_quote_opens_a_form(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    admin: dict[str, Any] = {"permissions": MANAGE_GUILD, "user_id": 10}
    asked = await fake.interact(
        fake.interaction_payload("catalogue", sub("add-review", film="Memento"), **admin)
    )
    [callback] = asked.callbacks
    assert callback["type"] == 9  # a modal
    form = callback["data"]
    assert form["title"] == "Review snippet"
    inputs = [label["component"]["custom_id"] for label in form["components"]]
    typed = ["Backwards and brilliant", "Zine", "Kim", "Great", ""]
    submitted = [
        {"type": 18, "component": {"type": 4, "custom_id": cid, "value": value}}
        for cid, value in zip(inputs, typed, strict=True)
    ]
    done = await fake.interact(
        fake.interaction_payload("", [], kind=5, custom_id=form["custom_id"], components=submitted, **admin)
    )
    assert r"Added a review of **Memento \(2000\)**" in done.callbacks[0]["data"]["embeds"][0]["description"]
    shown = await fake.interact(
        fake.interaction_payload("review", [{"name": "title", "type": 3, "value": "memento"}])
    )
    fields = shown.callbacks[0]["data"]["embeds"][0]["fields"]
    assert "Backwards and brilliant" in fields[0]["value"] and "Kim" in fields[0]["name"]
    refused = await fake.interact(fake.interaction_payload("catalogue", sub("add-review", film="Memento")))
    assert refused.callbacks[0]["type"] == 4 and "Manage Server" in description(
        refused
    )  # no form for members


async def test_a_curator_picks_a_review_by_its_id_and_sees_the_ids_listed(
    fake: FakeDiscord, bot: FilmBot, services: Services
) -> None:
    admin: dict[str, Any] = {"permissions": MANAGE_GUILD, "user_id": 10}
    for n in range(27):
        quote = f"Take {n} " + "very " * 40
        added = sub("add-review", film="Backtrace", quote=quote, source="Zine", author="Ann Critic")
        await fake.interact(fake.interaction_payload("catalogue", added, **admin))
    typed = [
        {
            "name": "remove-review",
            "type": 1,
            "options": [{"name": "review", "type": 3, "value": "ann", "focused": True}],
        }
    ]
    record = await fake.interact(fake.interaction_payload("catalogue", typed, kind=4, **admin))
    choices = record.callbacks[0]["data"]["choices"]
    assert fake.rejections == [] and len(choices) == 25  # Discord's limits: 25 choices of 1..100 characters
    assert all(len(c["name"]) <= 100 for c in choices)
    newest = choices[0]
    found = re.match(r"#(\d+) — Ann Critic on Backtrace: “Take 26 very", newest["name"])
    assert found and newest["value"] == f"review:{found.group(1)}"
    member = await fake.interact(fake.interaction_payload("catalogue", typed, kind=4, permissions=0))
    assert member.callbacks[0]["data"]["choices"] == []
    listing = await fake.interact(
        fake.interaction_payload("catalogue", sub("reviews", film="Backtrace"), **admin)
    )
    data = answer(listing)
    assert listing.callbacks[0]["data"]["flags"] & EPHEMERAL  # only the curator sees it
    fields = data["embeds"][0]["fields"]
    assert all(re.match(r"\\#\d+ · ", field["name"]) for field in fields)  # each id, markdown-escaped
    assert "From the shared catalogue" in fields[0]["value"]  # the seed's snippets come first
    removed = await fake.interact(
        fake.interaction_payload("catalogue", sub("remove-review", review=newest["value"]), **admin)
    )
    assert "Removed a review of Backtrace from Zine" in description(removed)
    again = await fake.interact(fake.interaction_payload("catalogue", typed, kind=4, **admin))
    assert newest["value"] not in [c["value"] for c in again.callbacks[0]["data"]["choices"]]
