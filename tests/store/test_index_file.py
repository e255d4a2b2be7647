"""The search index saved next to the database: reused while current, rebuilt otherwise, never fatal."""

from __future__ import annotations

import logging
import os

import pytest

from bot.core.models import Film
from bot.core.resolution import resolve
from bot.settings import Settings
from bot.store.database import connect
from bot.store.films import write_films
from bot.store.index_file import index_path
from bot.wiring import open_services

QUERIES = ["memento", "backtrace", "escape pln", "dragged across concrete", "211"]


async def start(settings: Settings, caplog: pytest.LogCaptureFixture) -> tuple[list[int], str]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.store.index_file"):
        services = await open_services(settings)
    try:
        found = [resolve(services.index, q, 0).film_id for q in QUERIES]
    finally:
        await services.close()
    return found, caplog.text


async def test_second_start_maps_the_saved_index_and_answers_the_same(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    first, said = await start(settings, caplog)
    assert "building it" in said and index_path(settings.db_path).exists()
    again, said = await start(settings, caplog)
    assert "mapped from" in said and "(0 changes to replay)" in said
    assert again == first


async def test_changes_since_the_save_are_replayed(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await start(settings, caplog)
    other = await connect(settings.db_path)
    try:
        async with other.transaction():
            await write_films(other, [Film(0, "Quiet Harbour", 2019, key="csv:1")], 0, "import")
    finally:
        await other.close()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.store.index_file"):
        services = await open_services(settings)
    try:
        assert "mapped from" in caplog.text and "(0 changes" not in caplog.text
        assert resolve(services.index, "quiet harbour", 0).label == "Quiet Harbour (2019)"
    finally:
        await services.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-100] + bytes(b ^ 0xFF for b in data[-100:]),  # bits flipped in the arrays
        lambda data: b"not an index at all",
        lambda data: data[:8] + b"\xff" * 8 + data[16:],  # an absurd header length
    ],
)
async def test_a_damaged_file_is_rebuilt_never_trusted(
    settings: Settings, caplog: pytest.LogCaptureFixture, damage: object
) -> None:
    expected, _ = await start(settings, caplog)
    path = index_path(settings.db_path)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    found, said = await start(settings, caplog)
    assert "unusable" in said and found == expected
    _, said = await start(settings, caplog)
    assert "mapped from" in said  # the rebuilt file was saved


async def test_another_databases_index_is_not_used(
    settings: Settings, tmp_path: os.PathLike[str], caplog: pytest.LogCaptureFixture
) -> None:
    await start(settings, caplog)
    other = Settings(db_path=settings.db_path.with_name("other.sqlite3"), data_dir=settings.data_dir)
    await start(other, caplog)
    index_path(settings.db_path).write_bytes(index_path(other.db_path).read_bytes())
    _, said = await start(settings, caplog)
    assert "stale" in said


async def test_an_unwritable_folder_still_starts(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    path = index_path(settings.db_path)
    path.mkdir()  # the file cannot be created: a folder has its name
    found, said = await start(settings, caplog)
    assert "could not save" in said and len(found) == len(QUERIES)
