"""Which Discord shards this process runs: `filmbot run --shards 0,1 --shard-count 4`.

Discord sends each server's events to shard `(guild_id >> 22) % shard_count`; several processes
that together run every shard of one count serve every server. The plan is checked when the
settings are read (bot.settings), before anything connects, so a typo is one line naming the fix
rather than a gateway close code.
"""

from __future__ import annotations

from dataclasses import dataclass

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
