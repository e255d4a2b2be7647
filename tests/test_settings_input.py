"""`.env` files as editors save them, and values pasted on the wrong line (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.console.cli import main
from bot.core.errors import ConfigError
from bot.settings import load_settings

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only-0123456789ab"


def test_a_byte_order_mark_from_notepad_is_accepted(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes("DISCORD_GUILD_ID=123\r\nLOG_LEVEL=debug\r\n".encode("utf-8-sig"))
    settings = load_settings({}, env)
    assert settings.guild_id == 123 and settings.log_level == "DEBUG"


def test_a_byte_that_is_not_utf8_names_its_line_and_hides_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_bytes(f"LOG_LEVEL=INFO\nDISCORD_TOKEN={TOKEN}\xe9\n".encode("latin-1"))
    assert main(["ask", "/review backtrace"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("filmbot: .env:2: not UTF-8 text: save the file as UTF-8")
    assert "fake-token" not in err and "Traceback" not in err


@pytest.mark.parametrize("key", ["DISCORD_GUILD_ID", "LOG_LEVEL"])
@pytest.mark.parametrize("value", [TOKEN, f'"{TOKEN}"', f"{TOKEN} ", f"x{TOKEN}", TOKEN.replace(".", "")])
def test_a_token_pasted_on_another_line_is_never_echoed(tmp_path: Path, key: str, value: str) -> None:
    env = tmp_path / ".env"
    env.write_text(f"{key}={value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{key} must be") as caught:
        load_settings({}, env)
    assert "looks like a token (not shown" in caught.value.message
    for part in TOKEN.split("."):
        assert part not in caught.value.message


@pytest.mark.parametrize(("key", "value"), [("DISCORD_GUILD_ID", "abc"), ("LOG_LEVEL", "LOUD")])
def test_short_mistakes_are_still_shown(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"got '{value}'"):
        load_settings({key: value}, None)


def test_a_server_id_in_unicode_digits_is_refused_clearly() -> None:
    with pytest.raises(ConfigError, match="DISCORD_GUILD_ID must be a server id"):
        load_settings({"DISCORD_GUILD_ID": "¹²³"}, None)


@pytest.mark.parametrize("key", ["FILMBOT_DB", "FILMBOT_DATA"])
def test_a_token_pasted_as_a_path_is_never_echoed(key: str) -> None:
    with pytest.raises(ConfigError, match=f"{key} must be a path") as caught:
        load_settings({key: f"/srv/{TOKEN}"}, None)
    assert all(part not in caught.value.message for part in TOKEN.split("."))
    assert load_settings({key: "/home/me/filmbot-production-data.sqlite3"}, None)  # long names are fine
