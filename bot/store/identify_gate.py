"""Turns to IDENTIFY with Discord, shared by every bot process on one machine or one database.

A turn is a lock on the shard's bucket, taken in this process first (two of its shards may
reconnect at once) and then across processes, and held for the identify window
(bot.shards.IDENTIFY_WINDOW_S) after it was taken. Locks are polled rather than waited on, so a
closing bot never leaves a thread or a query blocked; a process that dies drops its locks (the
kernel releases a lock file, PostgreSQL a session's advisory locks).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path

from bot.shards import IDENTIFY_WINDOW_S

log = logging.getLogger(__name__)

POLL_S = 0.1  # how often a waiting shard tries the lock again


class BucketGate:
    """The turn-taking; subclasses supply the lock shared across processes."""

    def __init__(self, window: float = IDENTIFY_WINDOW_S) -> None:
        self.window = window
        self._here: dict[int, asyncio.Lock] = {}
        self._holding: set[asyncio.Task[None]] = set()

    async def turn(self, bucket: int) -> None:
        here = self._here.setdefault(bucket, asyncio.Lock())
        await here.acquire()
        try:
            while not await self._try_lock(bucket):
                await asyncio.sleep(POLL_S)
        except BaseException:
            here.release()
            raise
        task = asyncio.create_task(self._hold(bucket, here), name=f"filmbot-identify-{bucket}")
        self._holding.add(task)
        task.add_done_callback(self._holding.discard)

    async def _hold(self, bucket: int, here: asyncio.Lock) -> None:
        try:
            await asyncio.sleep(self.window)
        finally:
            try:
                await self._unlock(bucket)
            finally:
                here.release()

    async def close(self) -> None:
        for task in list(self._holding):
            task.cancel()
        await asyncio.gather(*self._holding, return_exceptions=True)

    async def _try_lock(self, bucket: int) -> bool:
        raise NotImplementedError

    async def _unlock(self, bucket: int) -> None:
        raise NotImplementedError


class FileIdentifyGate(BucketGate):
    """Lock files (flock) beside the SQLite database: for processes on one machine."""

    def __init__(self, folder: Path, window: float = IDENTIFY_WINDOW_S) -> None:
        super().__init__(window)
        self.folder = folder
        self._held: dict[int, int] = {}  # bucket -> the open lock file

    def path(self, bucket: int) -> Path:
        return self.folder / f".filmbot-identify-{bucket}.lock"

    async def _try_lock(self, bucket: int) -> bool:
        fd = os.open(self.path(bucket), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._held[bucket] = fd
        return True

    async def _unlock(self, bucket: int) -> None:
        fd = self._held.pop(bucket)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
