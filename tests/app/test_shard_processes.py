"""Two bot processes, each running half the shards, on one PostgreSQL, against the fake Discord.

The processes are the real `filmbot run` command (bot.testing.against_fake only points discord.py
at the fake). The fake refuses a second IDENTIFY in a bucket within 5 s, as Discord does, so every
shard connecting at the first try shows the two processes took turns through PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.testing.fake_discord import TOKEN, FakeDiscord
from tests.app.test_catalogue_end_to_end import MANAGE_GUILD, description, sub
from tests.app.test_shard_gateway import guild_on
from tests.conftest import DATA

COUNT = 4
SERVER_A, SERVER_B = guild_on(1, COUNT), guild_on(2, COUNT)  # served by process A and B
START_S = 180.0  # generous: two interpreters, two indexes, four identifies on a loaded machine
FOUND_S = 30.0  # the deadline for a change to reach the other process (expected: about a second)


@dataclass
class BotProcess:
    name: str
    process: asyncio.subprocess.Process
    log: Path

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


def environment(pg_url: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FILMBOT_"))}
    return {
        **kept,
        "DISCORD_TOKEN": TOKEN,
        "FILMBOT_DB": pg_url,
        "FILMBOT_DATA": str(DATA),
        "FILMBOT_STARTER": "off",
        "FILMBOT_SHARD_COUNT": str(COUNT),  # shared; each process names its own --shards
        "LOG_LEVEL": "INFO",
    }


async def start(
    fake: FakeDiscord, name: str, args: list[str], env: dict[str, str], folder: Path
) -> BotProcess:
    folder.mkdir()
    log = folder / "filmbot.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.testing.against_fake", fake.api_base, fake.gateway_url, *args,
            cwd=folder, env=env, stdout=out, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    return BotProcess(name, process, log)


async def stop(bot: BotProcess) -> int:
    if bot.process.returncode is None:
        bot.process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(bot.process.wait(), 30)
    except TimeoutError:
        bot.process.kill()
        await bot.process.wait()
        return -9


async def wait_for_sessions(fake: FakeDiscord, shards: list[tuple[int, int]], bots: list[BotProcess]) -> None:
    """Until the connected sessions are exactly `shards` (a shard twice: two sessions of it)."""
    deadline = time.monotonic() + START_S
    while sorted(s.shard for s in fake.sessions if s.socket is not None) != sorted(shards):
        for bot in bots:
            assert bot.process.returncode is None, f"process {bot.name} exited:\n{bot.tail()}"
        assert time.monotonic() < deadline, "shards not all connected:\n" + "\n".join(b.tail() for b in bots)
        await asyncio.sleep(0.2)


@pytest.fixture
async def two_processes(
    fake: FakeDiscord, pg_url: str, tmp_path: Path
) -> AsyncIterator[tuple[BotProcess, BotProcess, dict[str, str]]]:
    async with running_pair(fake, environment(pg_url), tmp_path) as pair:
        yield pair


@asynccontextmanager
async def running_pair(
    fake: FakeDiscord, env: dict[str, str], folder: Path
) -> AsyncIterator[tuple[BotProcess, BotProcess, dict[str, str]]]:
    """Processes A (shards 0, 1) and B (2, 3) connected, then stopped cleanly by SIGTERM."""
    # max_concurrency 2: buckets {0, 2} and {1, 3}, each holding one shard of each process, so
    # both processes want each bucket at the same moment.
    fake.max_concurrency = 2
    fake.guilds = [guild_on(shard, COUNT) for shard in range(COUNT)]
    a = await start(fake, "A", ["run", "--shards", "0,1"], env, folder / "a")
    b = await start(fake, "B", ["run", "--shards", "2,3"], env, folder / "b")
    try:
        await wait_for_sessions(fake, [(n, COUNT) for n in range(COUNT)], [a, b])
        yield a, b, env
    finally:
        codes = [await stop(a), await stop(b)]
        assert codes == [0, 0], f"not a clean stop on SIGTERM: {codes}\n{a.tail()}\n{b.tail()}"


def add_film(fake: FakeDiscord, guild_id: int, title: str) -> dict[str, Any]:
    """/catalogue add-film by a member with Manage Server."""
    options = sub("add-film", title=title, year=2022)
    return fake.interaction_payload("catalogue", options, permissions=MANAGE_GUILD, guild_id=guild_id)


def typed(value: str) -> list[dict[str, Any]]:
    return [{"name": "title", "type": 3, "value": value, "focused": True}]


async def offered(fake: FakeDiscord, guild_id: int, prefix: str) -> tuple[list[str], int | None]:
    """Autocomplete in a server: the names offered, and the shard that answered."""
    record = await fake.interact(fake.interaction_payload("review", typed(prefix), kind=4, guild_id=guild_id))
    return [c["name"] for c in record.callbacks[0]["data"]["choices"]], record.shard


async def found_within(fake: FakeDiscord, guild_id: int, prefix: str, title: str) -> float:
    """Ask again and again until `title` is offered; the seconds it took (reported, never asserted)."""
    started = time.monotonic()
    while True:
        names, _ = await offered(fake, guild_id, prefix)
        if any(title in name for name in names):
            return time.monotonic() - started
        assert time.monotonic() - started < FOUND_S, f"{title!r} not offered in {guild_id} after {FOUND_S} s"
        await asyncio.sleep(0.1)


async def imported_from_a_shell(fake: FakeDiscord, env: dict[str, str], folder: Path) -> None:
    """`filmbot import` run from a shell while both processes run: both offer the film, no restart."""
    shared = folder / "shared.csv"
    shared.write_text("title,year\nQuokka Summer,2019\n")
    importing = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "import", str(shared), cwd=folder, env={**env, "FILMBOT_SHARD_COUNT": ""},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await importing.communicate()
    assert importing.returncode == 0, output.decode(errors="replace")
    in_b = await found_within(fake, SERVER_B, "quokka", "Quokka Summer (2019)")
    in_a = await found_within(fake, SERVER_A, "quokka", "Quokka Summer (2019)")
    print(f"imported film offered by B after {in_b:.2f} s, by A after a further {in_a:.2f} s")


async def served_and_shared(fake: FakeDiscord, env: dict[str, str], folder: Path) -> None:
    """Shards identified in turn, each server served by its process, an admin's film kept to its
    server, and a film imported from a shell offered by both processes without a restart."""
    # Every shard identified at its first try: no IDENTIFY came too early in its bucket.
    assert [i for i in fake.identifies if not i.accepted] == []
    assert sorted(i.shard for i in fake.identifies) == [(n, COUNT) for n in range(COUNT)]

    # Each server's interactions reach the process that runs its shard.
    assert (await offered(fake, SERVER_A, "backtr"))[1] == 1  # process A
    assert (await offered(fake, SERVER_B, "backtr"))[1] == 2  # process B

    # An admin adds a film through process A: that server has it; it stays that server's own.
    record = await fake.interact(add_film(fake, SERVER_A, "Zebra Crossing"))
    assert record.shard == 1 and "Added **Zebra Crossing" in description(record)
    await found_within(fake, SERVER_A, "zebra cr", "Zebra Crossing")
    assert not any("Zebra Crossing" in name for name in (await offered(fake, SERVER_B, "zebra cr"))[0])

    # An operator imports films for every server from a shell while both run: both processes'
    # indexes pick them up without a restart.
    await imported_from_a_shell(fake, env, folder)
    assert fake.rejections == []


async def test_two_shard_processes_identify_in_turn_and_share_changes(
    fake: FakeDiscord, two_processes: tuple[BotProcess, BotProcess, dict[str, str]], tmp_path: Path
) -> None:
    a, _, env = two_processes
    await served_and_shared(fake, env, tmp_path)  # PostgreSQL NOTIFY carries the import

    # A rolling deploy: process C starts with shard 1 too (Discord allows several sessions of one
    # shard; the fake keeps sending a shard's traffic to its oldest session, A's). An admin adds a
    # film through A; A stops; the same server's autocomplete now reaches C, which never
    # restarted: the addition reached C's index through PostgreSQL.
    c = await start(fake, "C", ["run", "--shards", "1"], env, tmp_path / "c")
    try:
        older = fake.serving(SERVER_A)
        assert older is not None
        await wait_for_sessions(fake, [(1, COUNT)] * 2 + [(n, COUNT) for n in (0, 2, 3)], [c])
        assert fake.serving(SERVER_A) is older
        record = await fake.interact(add_film(fake, SERVER_A, "Yak Lantern"))
        assert record.shard == 1 and "Added **Yak Lantern" in description(record)
        added = time.monotonic()
        assert await stop(a) == 0
        await wait_for_sessions(fake, [(n, COUNT) for n in (1, 2, 3)], [c])  # A's sessions gone
        assert fake.serving(SERVER_A) not in (None, older)  # C's session now
        await found_within(fake, SERVER_A, "yak lan", "Yak Lantern")
        print(
            f"the admin's addition through A was offered by C {time.monotonic() - added:.2f} s later (A's stop included)"
        )
    finally:
        assert await stop(c) == 0, c.tail()
