"""Server curation through the shared handlers, against a real SQLite file."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.core.errors import AlreadyExists, DataFileError, FilmNotFound, InvalidInput, PermissionDenied
from bot.core.models import Caller
from bot.core.resolution import film_ref, resolve
from bot.wiring import Services

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
        await services.curation.add_film(MEMBER_A, "Zebra Crossing", 2022)
    with pytest.raises(PermissionDenied):
        await services.curation.add_film(Caller(guild_id=0, user_id=1, can_manage_guild=True), "Zebra", 2022)
    assert (count(services, "films"), count(services, "history")) == before


async def test_curator_role_can_curate_but_not_appoint(services: Services) -> None:
    curator = Caller(guild_id=A, user_id=4, role_ids=frozenset({77}))
    with pytest.raises(PermissionDenied):
        await services.curation.add_film(curator, "Zebra Crossing", 2022)
    await services.curation.curators(ADMIN_A, "add", 77)
    await services.curation.add_film(curator, "Zebra Crossing", 2022)
    with pytest.raises(PermissionDenied, match="curator roles"):
        await services.curation.curators(curator, "add", 78)
    await services.curation.curators(ADMIN_A, "remove", 77)
    with pytest.raises(PermissionDenied):
        await services.curation.add_film(curator, "Another", 2022)


async def test_additions_are_isolated_per_server_and_immediate(services: Services) -> None:
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", "2022", synopsis="A quiet film.")
    reply = await services.handlers.review(Caller(guild_id=A), "zebra crosing")
    assert reply.title == r"Zebra Crossing \(2022\)"
    assert services.handlers.autocomplete(Caller(guild_id=A), "zebr")[0].name == "Zebra Crossing (2022)"
    assert all(
        c.name != "Zebra Crossing (2022)" for c in services.handlers.autocomplete(Caller(guild_id=B), "zebr")
    )
    with pytest.raises(FilmNotFound):
        await services.handlers.review(Caller(guild_id=B), "zebra crossing")
    film_id = resolve(services.index, "zebra crossing", A).film_id
    with pytest.raises(FilmNotFound):  # another server's id, typed or stale, is not found
        await services.handlers.review(Caller(guild_id=B), film_ref(film_id))
    with pytest.raises(FilmNotFound):
        await services.curation.edit_film(ADMIN_B, film_ref(film_id), "year", "2023")


async def test_seed_films_are_read_only(services: Services) -> None:
    with pytest.raises(InvalidInput, match="shared catalogue"):
        await services.curation.edit_film(ADMIN_A, "Backtrace", "title", "Frontrace")
    with pytest.raises(InvalidInput, match="shared catalogue"):
        await services.curation.remove_film(ADMIN_A, "Backtrace")


async def test_adding_twice_says_it_exists(services: Services) -> None:
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", 2022)
    with pytest.raises(AlreadyExists, match="already in the catalogue"):
        await services.curation.add_film(ADMIN_A, "zebra crossing", 2022)
    with pytest.raises(AlreadyExists):
        await services.curation.add_film(ADMIN_A, "Backtrace", 2021)
    await services.curation.add_film(ADMIN_B, "Zebra Crossing", 2022)  # another server may have its own


async def test_edit_reviews_links_and_aliases_show_up_at_once(services: Services) -> None:
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", 2022)
    await services.curation.edit_film(ADMIN_A, "Zebra Crossing", "title", "Zebra Crossing Redux")
    assert resolve(services.index, "zebra crossing redux", A).label == "Zebra Crossing Redux (2022)"
    await services.curation.add_review(
        ADMIN_A, "Backtrace", "Tense and twisty", "Server Weekly", author="Kim"
    )
    reply = await services.handlers.review(Caller(guild_id=A), "Backtrace")
    assert len(reply.fields) == 4 and "Tense and twisty" in reply.fields[-1].value
    assert len((await services.handlers.review(Caller(guild_id=B), "Backtrace")).fields) == 3
    await services.curation.link(ADMIN_A, "Backtrace", "Zebra Crossing Redux", "Both are about roads.")
    similar = await services.handlers.similar(Caller(guild_id=A), "Backtrace")
    assert any("Zebra" in f.name and "roads" in f.value for f in similar.fields)
    with pytest.raises(AlreadyExists):
        await services.curation.link(ADMIN_A, "Zebra Crossing Redux", "Backtrace", "again")
    await services.curation.unlink(ADMIN_A, "Backtrace", "Zebra Crossing Redux")
    assert len((await services.handlers.similar(Caller(guild_id=A), "Backtrace")).fields) == 6
    with pytest.raises(InvalidInput, match="no link"):
        await services.curation.unlink(ADMIN_A, "Backtrace", "Memento")  # a seed link is not the server's
    await services.curation.add_alias(ADMIN_A, "Memento", "Tattoo Film")
    assert resolve(services.index, "tattoo film", A).label == "Memento (2000)"
    with pytest.raises(FilmNotFound):
        resolve(services.index, "tattoo film", B)


async def test_remove_review_by_choice(services: Services) -> None:
    await services.curation.add_review(ADMIN_A, "Memento", "Backwards brilliance", "Zine")
    [choice] = await services.curation.review_choices(ADMIN_A, "backwards")
    with pytest.raises(InvalidInput):
        await services.curation.remove_review(ADMIN_B, choice.value)  # not B's review
    await services.curation.remove_review(ADMIN_A, choice.value)
    assert "No reviews yet" in (await services.handlers.review(Caller(guild_id=A), "memento")).description


async def test_removing_a_film_with_reviews_asks_first(services: Services) -> None:
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", 2022)
    await services.curation.add_review(ADMIN_A, "Zebra Crossing", "Fine", "Zine")
    asked = await services.curation.remove_film(ADMIN_A, "Zebra Crossing")
    assert asked.confirm and "1 review" in asked.description
    assert resolve(services.index, "zebra crossing", A)  # still there
    with pytest.raises(PermissionDenied):  # confirming re-checks permission
        await services.curation.remove_film(MEMBER_A, "Zebra Crossing", confirmed=True)
    await services.curation.remove_film(ADMIN_A, "Zebra Crossing", confirmed=True)
    with pytest.raises(FilmNotFound):
        resolve(services.index, "zebra crossing", A)
    assert count(services, "reviews") == 3


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
        await services.curation.import_file(ADMIN_A, bad.encode(), "upload.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "upload.yaml:10: films[2].year: expected a whole number, got 'soon'"
    ]
    assert (count(services, "films"), count(services, "reviews"), count(services, "history")) == before
    reply = await services.curation.import_file(ADMIN_A, GOOD.encode(), "upload.yaml")
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
        await services.curation.import_file(ADMIN_A, text.encode(), "upload.yaml")
    assert count(services, "history") == 0


async def test_export_imports_back_unchanged(services: Services) -> None:
    await services.curation.import_file(ADMIN_A, GOOD.encode(), "upload.yaml")
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", 2022, cast="Joe as Sam; Ann", genres="drama")
    exported = (await services.curation.export(ADMIN_A)).attachment
    assert exported is not None
    again = await services.curation.import_file(ADMIN_A, exported.data, "export.yaml")
    assert "nothing to change" in again.description
    await services.curation.import_file(ADMIN_B, exported.data, "export.yaml")
    from_b = (await services.curation.export(ADMIN_B)).attachment
    assert from_b is not None and from_b.data == exported.data


async def test_concurrent_writes_lose_nothing(services: Services) -> None:
    titles = [f"Concurrent Film {n}" for n in range(20)]
    results = await asyncio.gather(
        *(services.curation.add_film(ADMIN_A, t, 2020) for t in titles),
        *(services.curation.add_film(ADMIN_A, "Same Film", 2020) for _ in range(5)),
        *(services.curation.add_review(ADMIN_A, "Memento", f"Quote {n}", "Zine") for n in range(10)),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 4 and all(isinstance(e, AlreadyExists) for e in errors)
    for title in titles:
        assert resolve(services.index, title, A).label == f"{title} (2020)"
    assert len((await services.handlers.review(Caller(guild_id=A), "memento")).pages[0]) == 8
    assert count(services, "history") == 20 + 1 + 10


async def test_history_records_who_and_what(services: Services) -> None:
    await services.curation.add_film(ADMIN_A, "Zebra Crossing", 2022)
    await services.curation.add_alias(ADMIN_A, "Zebra Crossing", "Stripes")
    reply = await services.curation.history(ADMIN_A)
    assert "<@1>" in reply.description and "added Zebra Crossing" in reply.description
    assert reply.description.index("alias") < reply.description.index("added Zebra")  # newest first
    assert "No changes yet" in (await services.curation.history(ADMIN_B)).description


async def test_user_text_is_escaped_and_cannot_mention(services: Services) -> None:
    reply = await services.curation.add_film(ADMIN_A, "@everyone **Loud** <@123>", 2022)
    assert "@everyone" not in reply.description and "**Loud**" not in reply.description
    assert "<@123>" not in reply.description
