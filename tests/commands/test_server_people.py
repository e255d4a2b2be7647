"""A server's own films and people are found at once: /person and its autocomplete, /films and
/pick by genre and decade, and again after a restart (from the saved people index)."""

from __future__ import annotations

from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import Services, open_services
from tests.conftest import call, text

A = 111
ADMIN = Caller(guild_id=A, user_id=1, can_manage_guild=True)


async def test_people_a_server_adds_are_found_at_once(services: Services, settings: Settings) -> None:
    await call(
        services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022, director="Agnès Quillfeather",
        cast="Joe Marblewick as Sam", genres="Drama, Zebra Noir",
    )  # fmt: skip
    reply = await call(services, "person", ADMIN, "agnes quillfeather")
    assert reply.title == "Agnès Quillfeather (director, 2022)" and "Zebra Crossing (2022)" in text(reply)
    choices = await services.commands.complete("person", "name", ADMIN, "marblew")
    assert [c.name for c in choices] == ["Joe Marblewick (actor, 2022)"]
    await call(
        services, "catalogue edit-film", ADMIN, "zebra crossing", "cast", "Ida Thistlewood; Joe Marblewick"
    )
    choices = await services.commands.complete("person", "name", ADMIN, "ida thistle")
    assert [c.name for c in choices] == ["Ida Thistlewood (actor, 2022)"]
    await services.close()
    again = await open_services(settings)  # the saved people index, with the change replayed
    try:
        reply = await call(again, "person", ADMIN, "ida thistlewood")
        assert "Zebra Crossing (2022)" in text(reply)
    finally:
        await again.close()


async def test_films_a_server_adds_are_discovered_at_once(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022, genres="Zebra Noir, Drama")
    reply = await call(services, "films", ADMIN, "Zebra Noir")
    assert [f.name for f in reply.fields] == ["Zebra Crossing (2022)"]
    reply = await call(services, "films", ADMIN, "zebra noir", None, "2020s")
    assert [f.name for f in reply.fields] == ["Zebra Crossing (2022)"]
    picked = await call(services, "pick", ADMIN, "Zebra Noir")
    assert picked.title == "Zebra Crossing (2022)"
    other = await call(services, "films", Caller(guild_id=222), "Zebra Noir")  # another server's film
    assert not other.fields
    await call(services, "catalogue edit-film", ADMIN, "zebra crossing", "genres", "Comedy")
    reply = await call(services, "films", ADMIN, "Zebra Noir")
    assert not reply.fields
