"""Which shards a process runs: --shards/--shard-count and FILMBOT_SHARDS/FILMBOT_SHARD_COUNT."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.settings import load_settings
from bot.shards import ShardPlan, shard_of
from bot.testing.fake_discord import TOKEN
from tests.console.cli import run_cli


def test_without_shard_settings_the_bot_is_unsharded() -> None:
    assert load_settings({}, None).shards is None


@pytest.mark.parametrize(
    ("environ", "options", "plan"),
    [
        ({"FILMBOT_SHARDS": "0,1", "FILMBOT_SHARD_COUNT": "4"}, {}, ShardPlan(4, (0, 1))),
        ({"FILMBOT_SHARDS": " 2, 3 ", "FILMBOT_SHARD_COUNT": " 4 "}, {}, ShardPlan(4, (2, 3))),
        ({"FILMBOT_SHARDS": "0-2,5", "FILMBOT_SHARD_COUNT": "6"}, {}, ShardPlan(6, (0, 1, 2, 5))),
        ({"FILMBOT_SHARD_COUNT": "3"}, {}, ShardPlan(3, (0, 1, 2))),  # a count alone: all of them here
        ({}, {"shards": "1", "shard_count": "2"}, ShardPlan(2, (1,))),
        # the options win, each on its own: a shared count in the environment, ids per process
        ({"FILMBOT_SHARDS": "0", "FILMBOT_SHARD_COUNT": "4"}, {"shards": "3"}, ShardPlan(4, (3,))),
    ],
)
def test_shard_plans(environ: dict[str, str], options: dict[str, str], plan: ShardPlan) -> None:
    assert load_settings(environ, None, **options).shards == plan


@pytest.mark.parametrize(
    ("environ", "options", "message"),
    [
        ({}, {"shards": "0,1"}, "--shards needs the total number of shards across all processes"),
        ({}, {"shards": "0,4", "shard_count": "4"}, "there is no shard 4 when --shard-count is 4: shards are numbered 0 to 3"),
        ({}, {"shards": "0,1,0", "shard_count": "4"}, "--shards lists shard 0 twice: list each shard once"),
        ({}, {"shards": "0,one", "shard_count": "4"}, "--shards must list shard numbers separated by commas"),
        ({}, {"shards": "0,,1", "shard_count": "4"}, "--shards must list shard numbers"),
        ({}, {"shards": "-1", "shard_count": "4"}, "--shards must list shard numbers"),
        ({}, {"shards": "3-1", "shard_count": "4"}, "--shards must list shard numbers"),
        ({}, {"shards": "0", "shard_count": "four"}, "--shard-count must be a whole number of shards, 1 or more"),
        ({}, {"shards": "0", "shard_count": "0"}, "--shard-count must be a whole number of shards, 1 or more"),
        ({"FILMBOT_SHARDS": "7", "FILMBOT_SHARD_COUNT": "2"}, {}, "FILMBOT_SHARDS: there is no shard 7 when FILMBOT_SHARD_COUNT is 2"),
        ({"FILMBOT_SHARDS": "1.5", "FILMBOT_SHARD_COUNT": "2"}, {}, "FILMBOT_SHARDS must list shard numbers"),
    ],
)  # fmt: skip
def test_bad_shard_settings_name_the_fix(
    environ: dict[str, str], options: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_settings(environ, None, **options)


def test_a_token_pasted_as_the_shard_list_is_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"FILMBOT_SHARDS": TOKEN, "FILMBOT_SHARD_COUNT": "2"}, None)
    assert TOKEN not in caught.value.message and "not shown" in caught.value.message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("run", "--shards", "0,4", "--shard-count", "4"), "there is no shard 4 when --shard-count is 4"),
        (("discord", "--shards", "1,1", "--shard-count", "2"), "--shards lists shard 1 twice"),
        (("run", "--shard-count", "x"), "--shard-count must be a whole number of shards"),
    ],
)
def test_cli_refuses_bad_shards_in_one_line_before_connecting(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli(tmp_path, *args, env={"DISCORD_TOKEN": TOKEN})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("filmbot: ") and message in line
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "db.sqlite3").exists()  # refused before the database, let alone Discord


def test_cli_shards_without_a_token_do_not_fall_back_to_the_terminal(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", "--shards", "0", "--shard-count", "2")
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr and "runs in the terminal" not in result.stdout


def test_shard_of_is_discords_formula() -> None:
    guild = (123456789 << 22) | 4321  # the high bits are the server's creation time
    assert shard_of(guild, 4) == 123456789 % 4
    assert {shard_of(guild, 1), shard_of(0, 7)} == {0}
