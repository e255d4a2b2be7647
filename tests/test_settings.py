from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.settings import Secret, load_settings

GOOD = "MTEwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only-0123456789ab"


def test_env_file_and_environment(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f'# comment\nDISCORD_TOKEN="{GOOD}"\nexport DISCORD_GUILD_ID=123\nLOG_LEVEL=debug\n')
    settings = load_settings({"FILMBOT_DB": "x.sqlite3", "LOG_LEVEL": ""}, env)
    assert settings.require_token() == GOOD
    assert settings.guild_id == 123
    assert settings.log_level == "DEBUG"
    assert str(settings.db_path) == "x.sqlite3"
    assert load_settings({"DISCORD_GUILD_ID": "9"}, env).guild_id == 9  # the environment wins


def test_token_never_shows() -> None:
    settings = load_settings({"DISCORD_TOKEN": GOOD}, None)
    assert GOOD not in repr(settings) and GOOD not in str(settings.token)
    assert repr(Secret("")) == "Secret('')"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "DISCORD_TOKEN is not set: copy .env.example to .env"),
        ({"DISCORD_TOKEN": "not-a-token"}, "DISCORD_TOKEN does not look like a bot token"),
    ],
)
def test_missing_or_malformed_token(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(environ, None).require_token()
    assert "not-a-token" not in caught.value.message


@pytest.mark.parametrize(
    ("environ", "message"),
    [({"DISCORD_GUILD_ID": "abc"}, "DISCORD_GUILD_ID must be"), ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be")],
)
def test_bad_values_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ, None)


def test_bad_env_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("DISCORD_TOKEN\n")
    with pytest.raises(ConfigError, match=r"\.env:1: expected KEY=VALUE"):
        load_settings({}, env)


def test_the_starter_catalogue_is_found_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./data here: the data shipped with filmbot is used
    settings = load_settings({}, None)
    assert settings.starter is not None and settings.starter.is_file(), settings.starter
    assert settings.starter.parent.parent == settings.data_dir
    assert load_settings({"FILMBOT_STARTER": "off"}, None).starter is None
