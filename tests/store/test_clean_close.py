"""The start-up integrity check is skipped only after a clean close that nothing has followed."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store.clean_close import closed_cleanly, marker_path
from bot.store.database import DatabaseError, connect
from tests.conftest import ROOT

SKIPPED = "integrity check skipped"
CHECKING = "not known to have been closed cleanly"


async def _made(path: Path) -> None:
    db = await connect(path)
    async with db.transaction() as tx:
        await tx.execute("CREATE TABLE t (x TEXT)")
        for _ in range(200):
            await tx.execute("INSERT INTO t VALUES (?)", ("y" * 500,))
    await db.close()


def _damage(path: Path) -> bytes:
    time.sleep(0.05)  # file times move with the kernel's clock tick (a few ms): damage comes later
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 8] = b"\xff" * 8  # scribble over the second page's b-tree header
    path.write_bytes(bytes(data))
    return bytes(data)


async def test_a_clean_close_skips_the_check_and_the_record_is_cleared_while_running(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.sqlite3"
    await _made(path)
    assert closed_cleanly(path)
    with caplog.at_level(logging.INFO, logger="bot.store.database"):
        db = await connect(path)
    assert SKIPPED in caplog.text and CHECKING not in caplog.text
    assert not marker_path(path).exists()  # a crash now leaves no record
    await db.close()
    assert closed_cleanly(path)


async def test_damage_after_a_clean_close_is_still_caught(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    await _made(path)
    assert closed_cleanly(path)
    damaged = _damage(path)
    assert not closed_cleanly(path)
    with pytest.raises(DatabaseError, match="restore it from a backup"):
        await connect(path)
    assert path.read_bytes() == damaged


async def test_a_copied_database_with_its_record_is_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, copy = tmp_path / "db.sqlite3", tmp_path / "copy.sqlite3"
    await _made(path)
    shutil.copy2(path, copy)
    shutil.copy2(marker_path(path), marker_path(copy))  # same size and times, another file
    assert not closed_cleanly(copy)
    with caplog.at_level(logging.INFO, logger="bot.store.database"):
        await (await connect(copy)).close()
    assert CHECKING in caplog.text


CRASHER = """
import asyncio, sys
from pathlib import Path
from bot.store.database import connect

async def main():
    db = await connect(Path(sys.argv[1]))
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO t VALUES ('written before the crash')")
    print("ready", flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


async def test_a_crash_brings_the_check_back(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "db.sqlite3"
    await _made(path)
    before_crash = marker_path(path).read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    assert not marker_path(path).exists()  # cleared while it runs
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    marker_path(path).write_bytes(before_crash)  # even a stale record put back is not trusted
    assert not closed_cleanly(path)
    with caplog.at_level(logging.INFO, logger="bot.store.database"):
        db = await connect(path)
    assert CHECKING in caplog.text and SKIPPED not in caplog.text
    row = await db.fetchone("SELECT count(*) FROM t WHERE x = 'written before the crash'")
    assert row is not None and row[0] == 1
    await db.close()
    assert closed_cleanly(path)
    damaged = _damage(path)  # and damage is caught at the start after that
    with pytest.raises(DatabaseError, match="restore it from a backup"):
        await connect(path)
    assert path.read_bytes() == damaged
