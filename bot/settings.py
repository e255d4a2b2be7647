"""Configuration from the environment and an optional .env file (the environment wins)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import ConfigError

# Three base64url parts separated by dots; checked before any network call so a pasted client
# secret or a stray quote fails with a clear line instead of a 401 traceback.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class Secret:
    """A string that never shows itself in repr, str or logs."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    token: Secret = field(default_factory=lambda: Secret(""))
    guild_id: int | None = None
    db_path: Path = Path("var/filmbot.sqlite3")
    data_dir: Path = Path("data")
    log_level: str = "INFO"

    def require_token(self) -> str:
        """The token, checked for shape; ConfigError naming the fix otherwise."""
        token = self.token.reveal()
        if not token:
            raise ConfigError("DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot token")
        if not TOKEN_SHAPE.match(token):
            raise ConfigError(
                "DISCORD_TOKEN does not look like a bot token (three dot-separated parts): copy it again "
                "from the Developer Portal, Bot page, Reset Token, without quotes or spaces"
            )
        return token


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; '#' comments; optional 'export ' and matching quotes around values."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")) -> Settings:
    env = dict(read_env_file(env_file)) if env_file else {}
    env.update({k: v for k, v in (os.environ if environ is None else environ).items() if v != ""})
    guild = env.get("DISCORD_GUILD_ID", "").strip()
    if guild and not guild.isdigit():
        raise ConfigError(f"DISCORD_GUILD_ID must be a server id (digits only), got {guild!r}")
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, got {level!r}")
    return Settings(
        token=Secret(env.get("DISCORD_TOKEN", "").strip()),
        guild_id=int(guild) if guild else None,
        db_path=Path(env.get("FILMBOT_DB", "var/filmbot.sqlite3")),
        data_dir=Path(env.get("FILMBOT_DATA", "data")),
        log_level=level,
    )


def configure_logging(settings: Settings, *, terminal: bool = False) -> None:
    """Log to stderr. In the terminal front-end INFO lines would bury the replies, so the
    floor there is WARNING unless a stricter level was asked for."""
    level = getattr(logging, settings.log_level)
    if terminal:
        level = max(level, logging.WARNING)
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    logging.getLogger("discord").setLevel(max(logging.INFO, getattr(logging, settings.log_level)))
