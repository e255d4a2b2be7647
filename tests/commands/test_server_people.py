"""A server's own films and people are found at once: /person and its autocomplete, /films and
/pick by genre and decade, and again after a restart (from the saved people index)."""

from __future__ import annotations

import pytest

from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import Services, open_services
from tests.conftest import call, run, text

A = 111
ADMIN = Caller(guild_id=A, user_id=1, can_manage_guild=True)


@pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])
async def test_people_a_server_adds_are_found_at_once(
    starter_services: Services, starter_settings: Settings
) -> None:
    services = starter_services
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
    again = await open_services(starter_settings)  # the saved people index (or a rebuild), with the change
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


B = 222


@pytest.mark.parametrize("starter_backend", ["sqlite", "postgres"])
async def test_a_servers_own_people_are_seen_by_that_server_only(
    starter_services: Services, starter_settings: Settings
) -> None:
    await call(
        starter_services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022, director="Agnès Quillfeather",
        cast="Al Pacino; Joe Marblewick",
    )  # fmt: skip
    seen = await call(starter_services, "person", ADMIN, "agnes quillfeather")
    assert seen.title == "Agnès Quillfeather (director, 2022)"
    choices = await starter_services.commands.complete("person", "name", ADMIN, "quillfe")
    assert [c.name for c in choices] == ["Agnès Quillfeather (director, 2022)"]
    pacino_here = await call(starter_services, "person", ADMIN, "al pacino")
    assert "Zebra Crossing (2022)" in text(pacino_here) and (pacino_here.title or "").endswith("2022)")
    await _unseen_by(starter_services, Caller(guild_id=B), choices[0].value)
    await starter_services.close()
    again = await open_services(starter_settings)  # the saved people file (or a rebuild) likewise
    try:
        await _unseen_by(again, Caller(guild_id=B), choices[0].value)
        assert (await call(again, "person", ADMIN, "agnes quillfeather")).title == seen.title
    finally:
        await again.close()


async def _unseen_by(services: Services, other: Caller, person_ref: str) -> None:
    """Another server finds neither the person, nor their id, nor their film in a shared person's
    card (Al Pacino: the starter catalogue's, so seen everywhere, by his starter films only)."""
    for typed in ("quillfe", "agnes quillfeather", "marblewick"):
        choices = await services.commands.complete("person", "name", other, typed)
        assert not [c for c in choices if "Quillfeather" in c.name or "Marblewick" in c.name]
    for name in ("agnes quillfeather", person_ref, "joe marblewick"):
        reply = await run(services, other, "person", name=name)
        assert "Quillfeather" not in text(reply) and "Marblewick" not in text(reply)
        assert "Zebra Crossing" not in text(reply)
    assert (await run(services, other, "person", name=person_ref)).error  # the id is no one here
    reply = await run(services, other, "films", person="agnes quillfeather")
    assert "Zebra Crossing" not in text(reply)
    pacino = await call(services, "person", other, "al pacino")
    assert "Zebra Crossing" not in text(pacino) and not (pacino.title or "").endswith("2022)")
    choices = await services.commands.complete("person", "name", other, "al pacino")
    assert choices and not [c for c in choices if "2022" in c.name]
    asked = await run(services, other, "ask", question="films directed by agnes quillfeather")
    assert "Zebra Crossing" not in text(asked)
