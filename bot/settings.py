"""Configuration from the environment and an optional .env file (the environment wins)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import ConfigError
from bot.core.text import whole_number
from bot.shards import ShardPlan

# Three base64url parts separated by dots; checked before any network call so a pasted client
# secret or a stray quote fails with a clear line instead of a 401 traceback.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# Anything token-like inside a value, or a long unbroken run of token characters: never echoed.
_TOKEN_INSIDE = re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}")
_SECRET_LIKE = re.compile(rf"{_TOKEN_INSIDE.pattern}|[A-Za-z0-9_.-]{{24,}}")


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
    # FILMBOT_DB=postgresql://...: the database is PostgreSQL (the URL may hold a password).
    db_url: Secret | None = None
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    # The starter catalogue (data/README.md); None: the YAML seed alone (tests, FILMBOT_STARTER=off).
    starter: Path | None = None
    # FILMBOT_SHARDS / FILMBOT_SHARD_COUNT (or --shards / --shard-count): None is one unsharded connection.
    shards: ShardPlan | None = None

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


def shown(value: str) -> str:
    """A configuration value fit to echo in an error: a token pasted on the wrong line is hidden."""
    if _SECRET_LIKE.search(value) and not value.isdigit():
        return "a value that looks like a token (not shown: if it is your bot token, it belongs on DISCORD_TOKEN)"
    return repr(value)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; '#' comments; optional 'export ' and matching quotes around values.

    A byte order mark (Notepad writes one) is ignored; a byte that is not UTF-8 is reported with
    its line, never with the line's text (it may hold the token)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{where}: not UTF-8 text: save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
        ) from None
    for number, raw in enumerate(text.splitlines(), start=1):
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


BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"  # the seed shipped beside the package


def default_data_dir() -> Path:
    """./data when run from the project folder, else the seed shipped with filmbot."""
    return Path("data") if Path("data").is_dir() else BUNDLED_DATA


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None = Path(".env"),
    *,
    shards: str | None = None,
    shard_count: str | None = None,
) -> Settings:
    """Settings from the environment and `env_file`; `shards`/`shard_count` (the run command's
    --shards/--shard-count) win over FILMBOT_SHARDS/FILMBOT_SHARD_COUNT, each on its own."""
    env = dict(read_env_file(env_file)) if env_file else {}
    env.update({k: v for k, v in (os.environ if environ is None else environ).items() if v != ""})
    guild = env.get("DISCORD_GUILD_ID", "").strip()
    guild_id = whole_number(guild) if guild else None
    if guild and guild_id is None:
        raise ConfigError(f"DISCORD_GUILD_ID must be a server id (digits 0-9 only), got {shown(guild)}")
    raw_level = env.get("LOG_LEVEL", "INFO").strip()
    level = raw_level.upper() or "INFO"
    if level not in LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, got {shown(raw_level)}")
    database = env.get("FILMBOT_DB", "var/filmbot.sqlite3")
    postgres = database.strip().startswith(("postgresql://", "postgres://"))
    # Paths are echoed in errors: never a pasted token. A PostgreSQL URL is never echoed whole
    # (it may hold a password; bot.store.postgres.connect shows it without).
    for key in ("FILMBOT_DATA",) if postgres else ("FILMBOT_DB", "FILMBOT_DATA"):
        if _TOKEN_INSIDE.search(env.get(key, "")):
            raise ConfigError(f"{key} must be a path, got {shown(env[key])}")
    return Settings(
        token=Secret(env.get("DISCORD_TOKEN", "").strip()),
        guild_id=guild_id,
        db_path=Path("var/filmbot.sqlite3") if postgres else Path(database),
        db_url=Secret(database.strip()) if postgres else None,
        data_dir=Path(env["FILMBOT_DATA"]) if "FILMBOT_DATA" in env else default_data_dir(),
        log_level=level,
        starter=_starter(env.get("FILMBOT_STARTER", str(default_data_dir() / STARTER_FILE))),
        shards=parse_shards(
            ("--shards", shards) if shards is not None else _named(env, "FILMBOT_SHARDS"),
            ("--shard-count", shard_count) if shard_count is not None else _named(env, "FILMBOT_SHARD_COUNT"),
        ),
    )


def _named(env: Mapping[str, str], key: str) -> tuple[str, str] | None:
    return (key, env[key]) if key in env else None


STARTER_FILE = Path("starter/films-v1.jsonl.gz")  # in the data folder: found from any working folder


def _starter(value: str) -> Path | None:
    return None if value.strip().lower() in {"off", "no", "none", "0", "false"} else Path(value.strip())


SHARDS_EXAMPLE = "for example --shards 0,1 --shard-count 4"


def parse_shards(ids: tuple[str, str] | None, count: tuple[str, str] | None) -> ShardPlan | None:
    """A plan from (name, text) pairs, each from an option or an environment variable; the names
    appear in the messages. None when neither is given: one unsharded connection, as always."""
    if count is None:
        if ids is not None:
            raise ConfigError(
                f"{ids[0]} needs the total number of shards across all processes as well: "
                f"add --shard-count or FILMBOT_SHARD_COUNT ({SHARDS_EXAMPLE})"
            )
        return None
    count_name, count_text = count
    total = whole_number(count_text)
    if total is None or total < 1:
        raise ConfigError(
            f"{count_name} must be a whole number of shards, 1 or more ({SHARDS_EXAMPLE}), got {shown(count_text)}"
        )
    if ids is None:  # a count alone: this process runs all of them
        return ShardPlan(total, tuple(range(total)))
    name, text = ids
    chosen: list[int] = []
    for part in text.split(","):
        for shard in _numbers(name, part):
            if shard >= total:
                raise ConfigError(
                    f"{name}: there is no shard {shard} when {count_name} is {total}: "
                    f"shards are numbered 0 to {total - 1}"
                )
            if shard in chosen:
                raise ConfigError(f"{name} lists shard {shard} twice: list each shard once")
            chosen.append(shard)
    return ShardPlan(total, tuple(chosen))


def _numbers(name: str, part: str) -> range:
    """One item of the list: a shard number, or an inclusive range such as 0-3."""
    low, dash, high = part.strip().partition("-")
    first, last = whole_number(low), whole_number(high) if dash else whole_number(low)
    if first is None or last is None or last < first:
        raise ConfigError(
            f"{name} must list shard numbers separated by commas, or a range such as 0-3 ({SHARDS_EXAMPLE}), "
            f"got {shown(part.strip() or ',')}"
        )
    return range(first, last + 1)


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
