"""A counter of event-loop turns, for tests about what runs in the same turn."""

import asyncio


class LoopTurns:
    """Counts turns of the running event loop (a callback that re-schedules itself each turn)."""

    def __init__(self) -> None:
        self.count = 0
        self._stopped = False

    def start(self) -> None:
        asyncio.get_running_loop().call_soon(self._tick)

    def stop(self) -> None:
        self._stopped = True

    def _tick(self) -> None:
        self.count += 1
        if not self._stopped:
            asyncio.get_running_loop().call_soon(self._tick)
