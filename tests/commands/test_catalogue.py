"""Server curation through the shared handlers, against a real SQLite file."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest

from bot.app.embeds import to_embed
from bot.core.errors import AlreadyExists, DataFileError, FilmNotFound, InvalidInput, PermissionDenied
from bot.core.models import Caller
from bot.core.resolution import film_ref, resolve
from bot.core.rich import plain_text
from bot.wiring import Services
from tests.conftest import call, text, upload

A, B = 111, 222
ADMIN_A = Caller(guild_id=A, user_id=1, can_manage_guild=True)
ADMIN_B = Caller(guild_id=B, user_id=2, can_manage_guild=True)
MEMBER_A = Caller(guild_id=A, user_id=3)


def count(services: Services, table: str) -> int:
    with sqlite3.connect(services.settings.db_path) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_member_is_refused_and_nothing_changes(services: Services) -> None:
    before = count(services, "films"), count(services, "history")
    with pytest.raises(PermissionDenied, match="Manage Server"):
        await call(services, "catalogue add-film", MEMBER_A, "Zebra Crossing", 2022)
    with pytest.raises(PermissionDenied):
        await call(
            services,
            "catalogue add-film",
            Caller(guild_id=0, user_id=1, can_manage_guild=True),
            "Zebra",
            2022,
        )
    assert (count(services, "films"), count(services, "history")) == before


async def test_curator_role_can_curate_but_not_appoint(services: Services) -> None:
    curator = Caller(guild_id=A, user_id=4, role_ids=frozenset({77}))
    with pytest.raises(PermissionDenied):
        await call(services, "catalogue add-film", curator, "Zebra Crossing", 2022)
    await call(services, "catalogue curators", ADMIN_A, "add", 77)
    await call(services, "catalogue add-film", curator, "Zebra Crossing", 2022)
    with pytest.raises(PermissionDenied, match="curator roles"):
        await call(services, "catalogue curators", curator, "add", 78)
    await call(services, "catalogue curators", ADMIN_A, "remove", 77)
    with pytest.raises(PermissionDenied):
        await call(services, "catalogue add-film", curator, "Another", 2022)


async def test_additions_are_isolated_per_server_and_immediate(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", "2022", synopsis="A quiet film.")
    reply = await call(services, "review", Caller(guild_id=A), "zebra crosing")
    assert reply.title == "Zebra Crossing (2022)"
    assert (await services.commands.complete("review", "title", Caller(guild_id=A), "zebr"))[
        0
    ].name == "Zebra Crossing (2022)"
    assert all(
        c.name != "Zebra Crossing (2022)"
        for c in await services.commands.complete("review", "title", Caller(guild_id=B), "zebr")
    )
    with pytest.raises(FilmNotFound):
        await call(services, "review", Caller(guild_id=B), "zebra crossing")
    film_id = resolve(services.index, "zebra crossing", A).film_id
    with pytest.raises(FilmNotFound):  # another server's id, typed or stale, is not found
        await call(services, "review", Caller(guild_id=B), film_ref(film_id))
    with pytest.raises(FilmNotFound):
        await call(services, "catalogue edit-film", ADMIN_B, film_ref(film_id), "year", "2023")


async def test_seed_films_are_read_only(services: Services) -> None:
    with pytest.raises(InvalidInput, match="shared catalogue"):
        await call(services, "catalogue edit-film", ADMIN_A, "Backtrace", "title", "Frontrace")
    with pytest.raises(InvalidInput, match="shared catalogue"):
        await call(services, "catalogue remove-film", ADMIN_A, "Backtrace")


async def test_adding_twice_says_it_exists(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2022)
    with pytest.raises(AlreadyExists, match="already in the catalogue"):
        await call(services, "catalogue add-film", ADMIN_A, "zebra crossing", 2022)
    with pytest.raises(AlreadyExists):
        await call(services, "catalogue add-film", ADMIN_A, "Backtrace", 2021)
    await call(
        services, "catalogue add-film", ADMIN_B, "Zebra Crossing", 2022
    )  # another server may have its own


async def test_edit_reviews_links_and_aliases_show_up_at_once(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2022)
    await call(services, "catalogue edit-film", ADMIN_A, "Zebra Crossing", "title", "Zebra Crossing Redux")
    assert resolve(services.index, "zebra crossing redux", A).label == "Zebra Crossing Redux (2022)"
    await call(
        services,
        "catalogue add-review",
        ADMIN_A,
        "Backtrace",
        "Tense and twisty",
        "Server Weekly",
        author="Kim",
    )
    reply = await call(services, "review", Caller(guild_id=A), "Backtrace")
    assert len(reply.fields) == 4 and "Tense and twisty" in plain_text(reply.fields[-1].value)
    assert len((await call(services, "review", Caller(guild_id=B), "Backtrace")).fields) == 3
    await call(
        services, "catalogue link", ADMIN_A, "Backtrace", "Zebra Crossing Redux", "Both are about roads."
    )
    similar = await call(services, "similar", Caller(guild_id=A), "Backtrace")
    assert any("Zebra" in f.name and "roads" in plain_text(f.value) for f in similar.fields)
    with pytest.raises(AlreadyExists):
        await call(services, "catalogue link", ADMIN_A, "Zebra Crossing Redux", "Backtrace", "again")
    await call(services, "catalogue unlink", ADMIN_A, "Backtrace", "Zebra Crossing Redux")
    assert len((await call(services, "similar", Caller(guild_id=A), "Backtrace")).fields) == 6
    with pytest.raises(InvalidInput, match="no link"):
        await call(
            services, "catalogue unlink", ADMIN_A, "Backtrace", "Memento"
        )  # a seed link is not the server's
    await call(services, "catalogue alias", ADMIN_A, "Memento", "Tattoo Film")
    assert resolve(services.index, "tattoo film", A).label == "Memento (2000)"
    with pytest.raises(FilmNotFound):
        resolve(services.index, "tattoo film", B)


async def test_remove_review_by_choice(services: Services) -> None:
    await call(services, "catalogue add-review", ADMIN_A, "Memento", "Backwards brilliance", "Zine")
    [choice] = await services.commands.complete("catalogue remove-review", "review", ADMIN_A, "backwards")
    assert await services.commands.complete("catalogue remove-review", "review", MEMBER_A, "backwards") == []
    with pytest.raises(InvalidInput):
        await call(services, "catalogue remove-review", ADMIN_B, choice.value)  # not B's review
    await call(services, "catalogue remove-review", ADMIN_A, choice.value)
    assert "No reviews yet" in text(await call(services, "review", Caller(guild_id=A), "memento"))


async def test_a_curator_sees_review_ids_in_the_listing_and_the_choices(services: Services) -> None:
    for n in range(30):
        await call(
            services,
            "catalogue add-review",
            ADMIN_A,
            "Backtrace",
            f"Take {n} " + "long " * 30,
            "Zine",
            "Ann Critic",
        )
    with sqlite3.connect(services.settings.db_path) as con:
        own = [r[0] for r in con.execute("SELECT id FROM reviews WHERE guild_id = ? ORDER BY id", (A,))]
        shared = con.execute("SELECT count(*) FROM reviews r JOIN films f ON f.id = r.film_id"
                             " WHERE r.guild_id = 0 AND f.title = 'Backtrace'").fetchone()[0]  # fmt: skip
    reply = await call(services, "catalogue reviews", ADMIN_A, "backtrace")
    assert shared and f"30 of {30 + shared} added by this server" in text(reply)
    fields = [field for page in reply.pages for field in page.fields]
    listed = [int(n) for f in fields for n in re.findall(r"#(\d+) · Zine — Ann Critic", f.name)]
    assert all(
        f"/catalogue remove-review #{n}" in plain_text(f.value)
        for f, n in zip(fields[shared:], listed, strict=True)
    )
    assert all("not this server's to remove" in plain_text(f.value) for f in fields[:shared])
    assert sorted(set(listed)) == own  # every one of this server's reviews, with its id
    choices = await services.commands.complete("catalogue remove-review", "review", ADMIN_A, "")
    assert len(choices) == 25 and all(len(c.name) <= 100 for c in choices)
    assert choices[0].name.startswith(f"#{own[-1]} — Ann Critic on Backtrace: “Take 29 long")  # newest first
    assert choices[0].value == f"review:{own[-1]}"
    [by_id] = await services.commands.complete("catalogue remove-review", "review", ADMIN_A, f"#{own[0]} ")
    assert by_id.value == f"review:{own[0]}"
    with pytest.raises(PermissionDenied):
        await call(services, "catalogue reviews", MEMBER_A, "backtrace")
    await call(services, "catalogue remove-review", ADMIN_A, f"#{own[0]}")
    await call(services, "catalogue remove-review", ADMIN_A, str(own[1]))
    after = text(await call(services, "catalogue reviews", ADMIN_A, "backtrace"))
    assert f"28 of {28 + shared} added by this server" in after
    with pytest.raises(InvalidInput, match="give its id"):
        await call(services, "catalogue remove-review", ADMIN_A, "Memento by Zine")


async def test_removing_a_film_with_reviews_asks_first(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2022)
    await call(services, "catalogue add-review", ADMIN_A, "Zebra Crossing", "Fine", "Zine")
    asked = await call(services, "catalogue remove-film", ADMIN_A, "Zebra Crossing")
    assert asked.confirm and "1 review" in text(asked)
    assert resolve(services.index, "zebra crossing", A)  # still there
    refused = await services.commands.resume(asked.confirm.then, MEMBER_A)  # confirming re-checks permission
    assert refused.error and "Manage Server" in text(refused)
    removed = await services.commands.resume(asked.confirm.then, ADMIN_A)
    assert "Removed Zebra Crossing (2022)" in text(removed)
    with pytest.raises(FilmNotFound):
        resolve(services.index, "zebra crossing", A)
    assert count(services, "reviews") == 3
    history = count(services, "history")
    again = await services.commands.resume(asked.confirm.then, ADMIN_A)  # a second press
    assert not again.error and "already removed" in text(again)
    assert count(services, "history") == history  # recorded once


async def test_a_confirmation_removes_exactly_the_film_it_showed(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2022)
    await call(services, "catalogue add-review", ADMIN_A, "Zebra Crossing", "Fine", "Zine")
    asked = await call(services, "catalogue remove-film", ADMIN_A, "zebra crossing")
    assert asked.confirm and "Zebra Crossing (2022)" in text(asked)
    # Meanwhile the words typed come to mean another film.
    await call(services, "catalogue edit-film", ADMIN_A, "zebra crossing", "title", "Zebra Walk")
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2023)
    removed = await services.commands.resume(asked.confirm.then, ADMIN_A)
    assert "Removed Zebra Walk (2022)" in text(removed)
    assert resolve(services.index, "zebra crossing", A).label == "Zebra Crossing (2023)"


GOOD = """films:
  - id: zebra-2022
    title: Zebra
    year: 2022
  - id: no-1962
    title: NO
    year: 1962
reviews:
  - film: backtrace-2021
    quote: Solid
    source: Zine
similar:
  - film: zebra-2022
    like: memento-2000
    reason: Both wind back time.
aliases:
  - film: zebra-2022
    alias: Stripes
"""


async def test_import_is_all_or_nothing(services: Services) -> None:
    bad = GOOD.replace(
        "    year: 1962\n", "    year: 1962\n  - id: broken\n    title: Broken\n    year: soon\n"
    )
    before = count(services, "films"), count(services, "reviews"), count(services, "history")
    with pytest.raises(DataFileError) as caught:
        await call(services, "catalogue import", ADMIN_A, upload(bad.encode(), "upload.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        "upload.yaml:10: films[2].year: expected a whole number, got 'soon'"
    ]
    assert (count(services, "films"), count(services, "reviews"), count(services, "history")) == before
    reply = await call(services, "catalogue import", ADMIN_A, upload(GOOD.encode(), "upload.yaml"))
    added = reply.fields[0]
    assert added.name == "Added (5)"  # two films, a review, a link, an alias
    assert resolve(services.index, "stripes", A).label == "Zebra (2022)"
    assert resolve(services.index, "NO", A).label == "NO (1962)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("films:\n  - id: x\n    title: !!python/object/apply:os.system [echo]\n", "unsupported tag"),
        ('a: &a ["x"]\nb: [*a, *a]\n', "anchors and aliases"),
        ("films: " + "[" * 5000 + "]" * 5000, "nested more than"),
        ("films:\n  - id: backtrace-2021\n    title: Mine\n", "shared film id"),
        ("films:\n  - id: mine\n    title: Backtrace\n    year: 2021\n", "already in the shared catalogue"),
    ],
)
async def test_hostile_or_clashing_uploads_are_refused(services: Services, text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        await call(services, "catalogue import", ADMIN_A, upload(text.encode(), "upload.yaml"))
    assert count(services, "history") == 0


async def test_export_imports_back_unchanged(services: Services) -> None:
    await call(services, "catalogue import", ADMIN_A, upload(GOOD.encode(), "upload.yaml"))
    await call(
        services,
        "catalogue add-film",
        ADMIN_A,
        "Zebra Crossing",
        2022,
        cast="Joe as Sam; Ann",
        genres="drama",
    )
    exported = (await call(services, "catalogue export", ADMIN_A)).attachment
    assert exported is not None
    again = await call(services, "catalogue import", ADMIN_A, upload(exported.data, "export.yaml"))
    assert "nothing to change" in text(again)
    await call(services, "catalogue import", ADMIN_B, upload(exported.data, "export.yaml"))
    from_b = (await call(services, "catalogue export", ADMIN_B)).attachment
    assert from_b is not None and from_b.data == exported.data


async def test_concurrent_writes_lose_nothing(services: Services) -> None:
    titles = [f"Concurrent Film {n}" for n in range(20)]
    results = await asyncio.gather(
        *(call(services, "catalogue add-film", ADMIN_A, t, 2020) for t in titles),
        *(call(services, "catalogue add-film", ADMIN_A, "Same Film", 2020) for _ in range(5)),
        *(
            call(services, "catalogue add-review", ADMIN_A, "Memento", f"Quote {n}", "Zine")
            for n in range(10)
        ),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 4 and all(isinstance(e, AlreadyExists) for e in errors)
    for title in titles:
        assert resolve(services.index, title, A).label == f"{title} (2020)"
    assert len((await call(services, "review", Caller(guild_id=A), "memento")).pages[0].fields) == 8
    assert count(services, "history") == 20 + 1 + 10


async def test_history_records_who_and_what(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra Crossing", 2022)
    await call(services, "catalogue alias", ADMIN_A, "Zebra Crossing", "Stripes")
    reply = await call(services, "catalogue history", ADMIN_A)
    assert any(span.style == "user" and span.target == "1" for span in reply.description)
    said = text(reply)
    assert "added Zebra Crossing" in said and said.index("alias") < said.index("added Zebra")  # newest first
    assert "No changes yet" in text(await call(services, "catalogue history", ADMIN_B))


async def test_user_text_is_escaped_and_cannot_mention(services: Services) -> None:
    reply = await call(services, "catalogue add-film", ADMIN_A, "@everyone **Loud** <@123>", 2022)
    shown = to_embed(reply).description or ""
    assert "@everyone" not in shown and "**Loud**" not in shown and "<@123>" not in shown
    assert "@everyone **Loud** <@123>" in text(reply)  # the text itself is kept as typed


async def test_writers_are_credits_an_admin_can_add_and_edit(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Zebra", 2022, writers="Ann Lee; Joe Bloggs")
    film = await services.commands.context(ADMIN_A).film("zebra 2022")
    assert [c.name for c in film.people("writer")] == ["Ann Lee", "Joe Bloggs"]
    await call(services, "catalogue edit-film", ADMIN_A, "zebra 2022", "writers", "Kim Park")
    await call(services, "catalogue edit-film", ADMIN_A, "zebra 2022", "director", "Sam Ray")
    film = await services.commands.context(ADMIN_A).film("zebra 2022")
    assert [(c.role, c.name) for c in film.credits] == [("director", "Sam Ray"), ("writer", "Kim Park")]


async def test_an_alias_cannot_take_another_films_title(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN_A, "Alpha", 2001)
    for taken in ("Memento", "back trace"):
        with pytest.raises(AlreadyExists, match="is the title of"):
            await call(services, "catalogue alias", ADMIN_A, "alpha", taken)
    assert resolve(services.index, "memento", A).label == "Memento (2000)"  # still answered, not asked
    await call(services, "catalogue alias", ADMIN_A, "alpha", "First Letter")  # any other name is fine
    assert resolve(services.index, "first letter", A).label == "Alpha (2001)"


async def test_genres_are_spelled_as_the_catalogue_spells_them(starter_services: Services) -> None:
    await call(
        starter_services,
        "catalogue add-film",
        ADMIN_A,
        "Zebra Crossing",
        2022,
        genres="drama, sci-fi, Mumblecore",
    )
    assert "Drama, Sci-Fi, mumblecore" in text(
        await call(starter_services, "film", ADMIN_A, "zebra crossing")
    )
    await call(starter_services, "catalogue edit-film", ADMIN_A, "zebra crossing", "genres", "HORROR")
    assert "Horror" in text(await call(starter_services, "film", ADMIN_A, "zebra crossing"))
