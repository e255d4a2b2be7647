"""Storage faults: read-only database, full disk, damaged file, backups, kill -9 during writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.models import Caller
from bot.store.backup import backup
from bot.store.database import Database, DatabaseError, WritesUnavailable, connect
from bot.wiring import Services
from tests.conftest import ROOT, call

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)


async def test_read_only_database_refuses_writes_and_keeps_answering(services: Services) -> None:
    await services.db.execute("PRAGMA query_only = ON")  # SQLite answers writes with SQLITE_READONLY
    with pytest.raises(WritesUnavailable, match="read-only"):
        await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    assert (await call(services, "review", Caller(guild_id=5), "backtrace")).fields
    await services.db.execute("PRAGMA query_only = OFF")
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)  # works again afterwards


async def test_full_disk_refuses_writes_and_changes_nothing(services: Services) -> None:
    row = await services.db.fetchone("PRAGMA page_count")
    assert row is not None
    await services.db.execute(f"PRAGMA max_page_count = {int(row[0])}")
    big = "x" * 1000
    with pytest.raises(WritesUnavailable, match="disk is full"):
        for n in range(200):
            await call(services, "catalogue add-film", ADMIN, f"Film {n}", 2000, synopsis=big)
    assert (await call(services, "similar", Caller(), "backtrace")).fields
    history = await services.db.fetchone("SELECT count(*) FROM history")
    films = await services.db.fetchone("SELECT count(*) FROM films WHERE guild_id = 5")
    assert history is not None and films is not None
    assert history[0] == films[0]  # each edit is either fully there or fully absent


async def test_backup_is_consistent(services: Services, tmp_path: Path) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    target = tmp_path / "backups" / "copy.sqlite3"
    assert isinstance(services.db, Database)
    await backup(services.db, target)
    with sqlite3.connect(target) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM films WHERE title = 'Zebra Crossing'").fetchone()[0] == 1
    assert not (tmp_path / "backups" / "copy.sqlite3.partial").exists()


async def test_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x TEXT)")
        con.executemany("INSERT INTO t VALUES (?)", [("y" * 500,) for _ in range(200)])
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 8] = b"\xff" * 8  # scribble over the second page's b-tree header
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="restore it from a backup"):
        await connect(path)
    assert path.read_bytes() == bytes(data)


async def test_damaged_database_with_a_wal_is_refused_without_a_write(tmp_path: Path) -> None:
    live, path = tmp_path / "live.sqlite3", tmp_path / "db.sqlite3"
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE t (x TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [("y" * 500,) for _ in range(200)])
    con.execute("CREATE TABLE u (x TEXT)")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.executemany("INSERT INTO u VALUES (?)", [("z" * 500,) for _ in range(50)])  # only in the WAL
    data = bytearray(live.read_bytes())
    wal = Path(f"{live}-wal").read_bytes()  # copied while open: the crash leaves both files
    con.close()
    data[3 * 4096 : 3 * 4096 + 8] = b"\xff" * 8  # damage a page of t, which the WAL does not hold
    path.write_bytes(bytes(data))
    Path(f"{path}-wal").write_bytes(wal)
    with pytest.raises(DatabaseError, match="restore it from a backup"):
        await connect(path)
    assert path.read_bytes() == bytes(data)
    assert Path(f"{path}-wal").read_bytes() == wal


WRITER = """
import asyncio, sys
from pathlib import Path
from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import open_services

async def main():
    services = await open_services(Settings(db_path=Path(sys.argv[1]), data_dir=Path(sys.argv[2])))
    admin = Caller(guild_id=5, user_id=1, can_manage_guild=True)
    n = 0
    while True:
        film = {"title": f"Film {n}", "year": 2000, "synopsis": "s" * 300}
        await services.commands.call("catalogue add-film", admin, film)
        review = {"film": f"film {n} 2000", "quote": "Quote", "source": "Zine"}
        await services.commands.call("catalogue add-review", admin, review)
        n += 1
        print(n, flush=True)

asyncio.run(main())
"""


def test_kill_9_during_writes_loses_nothing_committed(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(ROOT / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    done = 0
    deadline = time.monotonic() + 60
    while done < 30 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the writer stopped early: {process.stderr.read() if process.stderr else ''}")
        done = int(line)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        films = {r[0] for r in con.execute("SELECT title FROM films WHERE guild_id = 5")}
        added = {r[0] for r in con.execute("SELECT detail FROM history WHERE action = 'add film'")}
        reviews = con.execute("SELECT count(*) FROM reviews WHERE guild_id = 5").fetchone()[0]
        review_history = con.execute("SELECT count(*) FROM history WHERE action = 'add review'").fetchone()[0]
    assert len(films) >= done >= 30
    assert added == {f"added {title} (2000)" for title in films}  # every film with its history row
    assert reviews == review_history


def test_kill_9_during_an_import_keeps_whole_batches(tmp_path: Path) -> None:
    from bot.store.bulk import BATCH

    source = tmp_path / "films.csv"
    source.write_text(
        "title,year\n" + "".join(f"Imported Film {n},{1900 + n % 100}\n" for n in range(400_000))
    )
    db_path = tmp_path / "db.sqlite3"
    env = {
        "FILMBOT_DB": str(db_path),
        "FILMBOT_DATA": str(ROOT / "data"),
        "FILMBOT_STARTER": "off",
        "PATH": "/usr/bin:/bin",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "import", str(source)], cwd=ROOT, env=env, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    imported = 0
    while time.monotonic() < deadline and imported < 3 * BATCH and process.poll() is None:
        time.sleep(0.05)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as con:
                    imported = con.execute("SELECT count(*) FROM films WHERE origin = 'import'").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    assert process.poll() is None, "the import finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = con.execute("SELECT count(*) FROM films WHERE origin = 'import'").fetchone()[0]
    assert count >= 3 * BATCH and count % BATCH == 0  # only whole batches, never half of one
