"""SIGTERM (docker stop, systemctl stop) closes the bot like Ctrl-C: a real signal to a real process."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bot.testing.fake_discord import TOKEN, FakeDiscord
from tests.conftest import DATA, ROOT

# The Discord runner, pointed at the fake Discord the test runs (as tests/app/conftest.py does).
DISCORD = """
import sys, discord, yarl
from discord.gateway import DiscordWebSocket
discord.http.Route.BASE = sys.argv[1]
DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])
from bot.console.cli import main
sys.exit(main(["discord"]))
"""


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FILMBOT_"))}
    return (
        env
        | {"FILMBOT_DB": str(tmp_path / "db.sqlite3"), "FILMBOT_DATA": str(DATA), "FILMBOT_STARTER": "off"}
        | extra
    )


async def stopped(process: asyncio.subprocess.Process) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode is not None
    return process.returncode, err.decode()


def closed_cleanly(tmp_path: Path) -> None:
    """The last connection closed normally: SQLite checkpointed the WAL and removed it."""
    assert not (tmp_path / "db.sqlite3-wal").exists()
    with sqlite3.connect(tmp_path / "db.sqlite3") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_sigterm_closes_the_terminal_front_end_cleanly(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console", "--guild", "5", "--admin",
        cwd=tmp_path, env=environment(tmp_path) | {"PYTHONPATH": str(ROOT)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    await asyncio.wait_for(process.stdout.readuntil(b"filmbot> "), 60)
    process.stdin.write(b"/catalogue add-film title=Zebra year=2022\n")
    await process.stdin.drain()
    answer = await asyncio.wait_for(process.stdout.readuntil(b"filmbot> "), 30)
    assert b"Added Zebra (2022)" in answer
    code, err = await stopped(process)  # stdin stays open: it stops while waiting for a line
    assert code == 0 and "SIGTERM received: closing" in err and "Traceback" not in err, err
    closed_cleanly(tmp_path)
    with sqlite3.connect(tmp_path / "db.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM films WHERE title = 'Zebra'").fetchone()[0] == 1


async def test_sigterm_closes_the_discord_runner_cleanly(tmp_path: Path) -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", DISCORD, fake.api_base, fake.gateway_url,
            cwd=ROOT, env=environment(tmp_path, DISCORD_TOKEN=TOKEN),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        await asyncio.wait_for(fake.identified.wait(), 60)
        code, err = await stopped(process)
        assert code == 0 and "SIGTERM received: closing" in err and "Traceback" not in err, err
        closed_cleanly(tmp_path)
        assert fake.sockets == []  # the gateway connection was closed
    finally:
        await fake.stop()
