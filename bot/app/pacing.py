"""Interactions start their work one per event-loop turn, so a burst never stalls the loop.

discord.py starts a task for every interaction it reads from the gateway. When hundreds arrive
together, those tasks are all ready at once, and asyncio runs every ready task before it looks
at its timers again: one turn of the loop would then hold the whole burst's work (about a
millisecond each), and everything else, heartbeats included, would wait for all of it. Each
interaction first waits at this turnstile, which lets one through per turn of the loop, so a
turn holds at most one interaction's work and the others wait their turn cheaply, in order.
"""

from __future__ import annotations

import asyncio
from collections import deque


class Turnstile:
    def __init__(self) -> None:
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._turning = False

    def __len__(self) -> int:
        """Interactions waiting for their turn."""
        return len(self._waiting)

    async def turn(self) -> None:
        """Return once it is this caller's turn: at the earliest on the loop's next turn."""
        loop = asyncio.get_running_loop()
        ticket: asyncio.Future[None] = loop.create_future()
        self._waiting.append(ticket)
        if not self._turning:
            self._turning = True
            loop.call_soon(self._admit, loop)
        await ticket

    def _admit(self, loop: asyncio.AbstractEventLoop) -> None:
        while self._waiting:
            ticket = self._waiting.popleft()
            if not ticket.done():  # a cancelled waiter gives up its place
                ticket.set_result(None)
                break
        if self._waiting:
            loop.call_soon(self._admit, loop)
        else:
            self._turning = False
