"""Which Discord shards this process runs: `filmbot run --shards 0,1 --shard-count 4`.

Discord sends each server's events to shard `(guild_id >> 22) % shard_count`; several processes
that together run every shard of one count serve every server. The plan is checked here, before
anything connects, so a typo is one line naming the fix rather than a gateway close code.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import ConfigError
from bot.core.text import whole_number

EXAMPLE = "for example --shards 0,1 --shard-count 4"
# Discord starts max_concurrency sessions per 5 s; the extra half second covers the moment between
# taking the turn and the IDENTIFY reaching Discord.
IDENTIFY_WINDOW_S = 5.5


@dataclass(frozen=True)
class ShardPlan:
    count: int  # shards across all processes
    ids: tuple[int, ...]  # the ones this process runs

    def describe(self) -> str:
        return f"shards {','.join(map(str, self.ids))} of {self.count}"


def shard_of(guild_id: int, count: int) -> int:
    """The shard Discord delivers a server's events to (its sharding formula)."""
    return (guild_id >> 22) % count


def parse_shards(ids: tuple[str, str] | None, count: tuple[str, str] | None) -> ShardPlan | None:
    """A plan from (name, text) pairs, each from an option or an environment variable; the names
    appear in the messages. None when neither is given: one unsharded connection, as always."""
    if count is None:
        if ids is not None:
            raise ConfigError(
                f"{ids[0]} needs the total number of shards across all processes as well: "
                f"add --shard-count or FILMBOT_SHARD_COUNT ({EXAMPLE})"
            )
        return None
    count_name, count_text = count
    total = whole_number(count_text)
    if total is None or total < 1:
        raise ConfigError(
            f"{count_name} must be a whole number of shards, 1 or more ({EXAMPLE}), got {_shown(count_text)}"
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
            f"{name} must list shard numbers separated by commas, or a range such as 0-3 ({EXAMPLE}), "
            f"got {_shown(part.strip() or ',')}"
        )
    return range(first, last + 1)


def _shown(text: str) -> str:
    from bot.settings import shown  # the one rule for echoing configuration values

    return shown(text)
