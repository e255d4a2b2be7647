"""The saved people index: built and saved once, mapped at the next start, films changed since
re-read, another database's file never used."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.core.models import Credit, Film
from bot.store.database import connect
from bot.store.film_info import SqliteFilmInfo
from bot.store.films import write_films
from bot.store.people_file import open_people, people_path, read_people

pytestmark = pytest.mark.sqlite_only


def film(key: str, title: str, *names: str) -> Film:
    return Film(0, title, 2001, credits=tuple(Credit(n, "cast", i) for i, n in enumerate(names)), key=key)


async def add(path: Path, *films: Film) -> None:
    db = await connect(path)
    try:
        async with db.transaction():
            await write_films(db, list(films), 0, "import")
    finally:
        await db.close()


async def labels(path: Path, query: str, caplog: pytest.LogCaptureFixture) -> tuple[list[str], str]:
    caplog.clear()
    db = await connect(path)
    try:
        with caplog.at_level(logging.INFO, logger="bot.store.people_file"):
            index = await open_people(db, people_path(path))
        return [m.person.label for m in index.search(query, 10)], caplog.text
    finally:
        await db.close()


async def test_saved_then_mapped_then_caught_up(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "f.sqlite3"
    await add(path, film("a", "Alpha", "Ann Lee", "Bo Chan"))
    found, said = await labels(path, "lee", caplog)
    assert found == ["Ann Lee (actor, 2001)"] and "building it" in said
    assert people_path(path).is_file()
    found, said = await labels(path, "lee", caplog)
    assert found == ["Ann Lee (actor, 2001)"] and "mapped" in said  # read from the file
    await add(path, film("b", "Beta", "Ann Leeds", "Ann Lee"))  # written after the file was saved
    found, said = await labels(path, "ann", caplog)
    assert "mapped" in said and "1 films changed" in said
    assert found == ["Ann Lee (actor, 2001)", "Ann Leeds (actor, 2001)"]


async def test_another_databases_file_is_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    await add(one, film("a", "Alpha", "Ann Lee"))
    await add(two, film("a", "Alpha", "Cy Young"))
    await labels(one, "lee", caplog)
    await labels(two, "young", caplog)
    shutil.copyfile(people_path(one), people_path(two))
    found, said = await labels(two, "lee", caplog)
    assert found == [] and "stale: rebuilding" in said
    people_path(two).write_bytes(b"not an index")
    found, said = await labels(two, "young", caplog)
    assert found == ["Cy Young (actor, 2001)"] and "unusable" in said


async def test_read_people_of_some_says_who_has_no_credits_left(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    await add(path, film("a", "Alpha", "Ann Lee"))
    db = await connect(path)
    try:
        everyone = await read_people(db)
        ann = everyone[0].id
        assert [(p.name, p.roles) for p in await read_people(db, [ann, 999])] == [
            ("Ann Lee", ("actor",)),
            ("", ()),
        ]
    finally:
        await db.close()


async def test_read_people_agrees_with_the_card_store(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    both = Credit("Ann Lee", "director", 0), Credit("Ann Lee", "writer", 0), Credit("Bo Chan", "cast", 0)
    await add(path, Film(0, "Alpha", 1990, credits=both, votes=7, key="a"), film("b", "Beta", "Ann Lee"))
    db = await connect(path)
    try:
        ours = sorted(await read_people(db), key=lambda p: p.id)
        assert ours == sorted(await SqliteFilmInfo(db).people(), key=lambda p: p.id)
        assert sorted((p.name, p.roles, p.first_year, p.last_year, p.weight) for p in ours) == [
            ("Ann Lee", ("director", "writer"), 1990, 2001, 14),
            ("Bo Chan", ("actor",), 1990, 1990, 7),
        ]
    finally:
        await db.close()
