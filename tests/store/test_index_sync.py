"""The search index follows every committed write: the bot's own, and other processes' (filmbot import)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.errors import FilmNotFound
from bot.core.models import Film
from bot.core.resolution import resolve
from bot.settings import Settings
from bot.store.database import connect
from bot.store.films import write_films
from bot.wiring import Services
from tests.conftest import DATA, ROOT

GUILD = 5


async def test_the_stores_own_writes_reindex_without_any_refresh_call(services: Services) -> None:
    store = services.store.curation
    film = await store.add_film(GUILD, 1, Film(0, "Zebra Crossing", 2022, key="zebra-crossing-2022"))
    assert resolve(services.index, "zebra crossing", GUILD).film_id == film.id
    await store.edit_film(GUILD, 1, film.id, "title", "Okapi Crossing")
    assert resolve(services.index, "okapi crossing", GUILD).label == "Okapi Crossing (2022)"
    await store.add_alias(GUILD, 1, film, "Stripes Again")
    assert resolve(services.index, "stripes again", GUILD).film_id == film.id
    await store.remove_film(GUILD, 1, film.id)
    with pytest.raises(FilmNotFound):
        resolve(services.index, "okapi crossing", GUILD)


async def test_another_connections_writes_are_noticed_and_only_they_are_reread(services: Services) -> None:
    assert not await services.sync.feed.changed_elsewhere()
    other = await connect(services.settings.db_path)
    try:
        async with other.transaction():
            await write_films(other, [Film(0, "Quiet Harbour", 2019, key="csv:1"), Film(0, "Loud Dock", 2020, key="csv:2")], 0, "import")  # fmt: skip
        async with other.transaction():  # the same rows again change nothing the index holds
            await write_films(other, [Film(0, "Quiet Harbour", 2019, key="csv:1")], 0, "import")
    finally:
        await other.close()
    with pytest.raises(FilmNotFound):
        resolve(services.index, "quiet harbour", 0)  # not yet: nothing has looked
    assert await services.sync.feed.changed_elsewhere()
    assert await services.sync.catch_up() == 2  # the two new films, not the whole catalogue
    assert resolve(services.index, "quiet harbour", 0).label == "Quiet Harbour (2019)"
    assert await services.sync.catch_up() == 0


async def test_a_bulk_import_in_another_process_reaches_the_running_bot(
    services: Services, settings: Settings
) -> None:
    env = {
        "FILMBOT_DB": str(settings.db_path),
        "FILMBOT_DATA": str(DATA),
        "FILMBOT_STARTER": "off",
        "PATH": "/usr/bin:/bin",
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "import", str(ROOT / "tests" / "fixtures" / "films.csv")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "added" in result.stdout, result.stderr
    # The running services poll every second (IndexSync.watch): no call here asks them to.
    for _ in range(200):
        try:
            if resolve(services.index, "zebra crossing", 0).label == "Zebra Crossing (2022)":
                break
        except FilmNotFound:
            pass
        await asyncio.sleep(0.1)
    assert resolve(services.index, "zebra crossing", 0).label == "Zebra Crossing (2022)"


async def test_operator_commands_open_only_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.console import cli
    from bot.core.matching import TitleIndex

    def refuse(*_: object) -> None:
        raise AssertionError("an operator command built the title index")

    monkeypatch.setattr(TitleIndex, "add", refuse)
    monkeypatch.setenv("FILMBOT_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.setenv("FILMBOT_DATA", str(DATA))
    monkeypatch.setenv("FILMBOT_STARTER", "off")
    monkeypatch.chdir(tmp_path)
    upload = tmp_path / "mine.yaml"
    upload.write_text("films:\n  - id: zebra-2022\n    title: Zebra\n    year: 2022\n")
    assert await asyncio.to_thread(cli.main, ["import", str(upload), "--guild", "7"]) == 0
    assert await asyncio.to_thread(cli.main, ["import", str(ROOT / "tests" / "fixtures" / "films.csv")]) in (
        0,
        1,
    )
    assert (
        await asyncio.to_thread(cli.main, ["export", "--guild", "7", "-o", str(tmp_path / "out.yaml")]) == 0
    )
    assert "zebra-2022" in (tmp_path / "out.yaml").read_text()
    assert await asyncio.to_thread(cli.main, ["backup", str(tmp_path / "copy.sqlite3")]) == 0


async def test_old_change_log_entries_are_pruned_and_positions_never_reused(services: Services) -> None:
    feed = services.sync.feed
    before = await feed.latest()
    await services.db.execute("UPDATE changes SET at = at - 2 * 86400")  # everything is two days old
    await feed.prune()
    assert await services.db.fetchall("SELECT seq FROM changes") == []
    await services.store.curation.add_film(GUILD, 1, Film(0, "Fresh Start", 2024, key="fresh-start-2024"))
    row = await services.db.fetchone("SELECT min(seq) FROM changes")
    assert row is not None and row[0] > before  # AUTOINCREMENT: a reader's position stays valid
    assert resolve(services.index, "fresh start", GUILD).label == "Fresh Start (2024)"


async def test_many_additions_are_compacted_in_the_background(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.core import matching

    monkeypatch.setattr(matching, "DELTA_COMPACT", 0)  # any addition is worth compacting
    film = await services.store.curation.add_film(
        GUILD, 1, Film(0, "Night Shift", 2011, key="night-shift-2011")
    )
    assert resolve(services.index, "night shift", GUILD).film_id == film.id  # searchable before compaction
    await services.sync.compacted()
    assert not services.index.needs_compaction()
    assert resolve(services.index, "night shift", GUILD).film_id == film.id
