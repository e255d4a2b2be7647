"""Stopping cleanly: SIGTERM (what `docker stop` and `systemctl stop` send) does what Ctrl-C does.

The main coroutine is cancelled, so every `finally` runs: an open write transaction rolls back,
the Discord connection closes, the database connection closes (checkpointing its WAL).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)

STOPPED = 0  # a requested stop is a clean exit: systemd and docker report it as success


async def _until_terminated(main: Coroutine[Any, Any, int]) -> int:
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(main)
    terminated = False

    def stop() -> None:
        nonlocal terminated
        terminated = True
        log.warning("SIGTERM received: closing")
        task.cancel()

    with contextlib.suppress(
        NotImplementedError, RuntimeError, ValueError
    ):  # Windows, or not the main thread
        loop.add_signal_handler(signal.SIGTERM, stop)
    try:
        return await task
    except asyncio.CancelledError:
        if terminated:
            return STOPPED
        raise
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(signal.SIGTERM)


def run(main: Coroutine[Any, Any, int]) -> int:
    """asyncio.run(main), stopped cleanly by SIGTERM as by Ctrl-C (which raises KeyboardInterrupt)."""
    return asyncio.run(_until_terminated(main))
