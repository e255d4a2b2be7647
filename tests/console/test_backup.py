"""`filmbot backup`, driven through the real command line in-process, against a running bot."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import Services, open_services
from tests.conftest import DATA, ROOT, call
from tests.mounts import read_only_folder, small_disk

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)


pytestmark = pytest.mark.usefixtures("cli_environment")


async def backup(target: Path | str) -> int:
    return await asyncio.to_thread(main, ["backup", str(target)])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if "partial" in p.name or "journal" in p.name)


def link_to(live: Path, suffix: str, kind: str) -> Path:
    """Another name for the live database's file `suffix`: the path itself, a symlink or a hard link."""
    real = live.with_name(live.name + suffix)
    if kind == "same path":
        return real
    if kind == "roundabout path":
        return live.parent / ".." / live.parent.name / real.name
    other = live.parent / "elsewhere" / f"copy{suffix or '.sqlite3'}"
    other.parent.mkdir(exist_ok=True)
    if kind == "symlink":
        other.symlink_to(real)
    else:
        os.link(real, other)
    return other


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
@pytest.mark.parametrize("kind", ["same path", "roundabout path", "symlink", "hard link"])
async def test_backup_refuses_the_live_database_and_its_files(
    services: Services, settings: Settings, capsys: pytest.CaptureFixture[str], suffix: str, kind: str
) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    live = settings.db_path
    target = link_to(live, suffix, kind)
    before = {p.name: p.read_bytes() for p in live.parent.iterdir() if p.is_file() and p.name != "db.sqlite3"}
    assert await backup(target) == 2
    assert "is the live database" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in live.parent.iterdir() if p.is_file() and p.name != "db.sqlite3"}
    assert after.keys() == before.keys() and after[live.name] == before[live.name]
    assert leftovers(live.parent) == []
    for n in range(50):  # the bot keeps working, and the file survives a restart intact
        await call(services, "catalogue add-film", ADMIN, f"Film {n}", 2000, synopsis="s" * 300)
    await services.close()
    reopened = await open_services(settings)
    try:
        row = await reopened.db.fetchone("SELECT count(*) FROM films WHERE guild_id = 5")
        assert row is not None and row[0] == 51
    finally:
        await reopened.close()
    with sqlite3.connect(live) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_backup_of_a_missing_database_is_refused_and_creates_nothing(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await backup(tmp_path / "copy.sqlite3") == 2
    assert "no database at" in capsys.readouterr().err
    assert not settings.db_path.exists() and not (tmp_path / "copy.sqlite3").exists()


async def test_backup_into_a_folder_writes_a_dated_file_inside(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    folder = tmp_path / "backups"
    folder.mkdir()
    assert await backup(folder) == 0
    assert await backup(folder) == 0  # a second one in the same second gets its own name
    written = sorted(folder.iterdir())
    assert len(written) == 2 and all(p.name.startswith("filmbot-") for p in written)
    assert "integrity check passed" in capsys.readouterr().out
    for copy in written:
        with sqlite3.connect(copy) as con:
            assert con.execute("SELECT count(*) FROM films WHERE title = 'Zebra Crossing'").fetchone()[0] == 1


async def test_backup_into_a_read_only_folder_fails_cleanly(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only_folder(tmp_path / "ro") as folder:
        assert await backup(folder / "copy.sqlite3") == 2
        assert "cannot write a backup" in capsys.readouterr().err
        assert list(folder.iterdir()) == []


async def test_backup_onto_a_full_disk_fails_and_removes_the_partial_copy(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(200):
        await call(services, "catalogue add-film", ADMIN, f"Film {n}", 2000, synopsis="s" * 1000)
    with small_disk(tmp_path / "small", 128) as disk:
        assert await backup(disk / "copy.sqlite3") == 2
        assert "failed and was removed" in capsys.readouterr().err
        assert list(disk.iterdir()) == []


# The same with a file-size limit instead of a small disk: works without root, in a subprocess
# because the limit applies to the whole process.
LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
from bot.console.cli import main
sys.exit(main(["backup", sys.argv[1]]))
"""


async def test_backup_past_a_file_size_limit_fails_and_removes_the_partial_copy(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    for n in range(200):
        await call(services, "catalogue add-film", ADMIN, f"Film {n}", 2000, synopsis="s" * 1000)
    await services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = tmp_path / "out"
    folder.mkdir()
    env = dict(os.environ, FILMBOT_DB=str(settings.db_path), FILMBOT_DATA=str(DATA), FILMBOT_STARTER="off")
    run: Callable[[], subprocess.CompletedProcess[str]] = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-c", LIMITED, str(folder / "copy.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    result = await asyncio.to_thread(run)
    assert result.returncode == 2, result.stderr
    assert "failed and was removed" in result.stderr and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("typed", ["backups", "backups/", "nested/backups"])
async def test_backup_into_a_new_folder_makes_it_and_writes_a_dated_file_inside(
    services: Services, tmp_path: Path, typed: str
) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    assert await backup(f"{tmp_path}/{typed}") == 0
    folder = tmp_path / typed
    assert folder.is_dir()  # not a file named "backups"
    written = list(folder.iterdir())
    assert len(written) == 1 and written[0].name.startswith("filmbot-") and written[0].suffix == ".sqlite3"


async def test_backup_to_a_named_file_writes_that_file(services: Services, tmp_path: Path) -> None:
    assert await backup(tmp_path / "monday.sqlite3") == 0
    assert (tmp_path / "monday.sqlite3").is_file()
