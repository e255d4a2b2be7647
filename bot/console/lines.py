"""Reading typed lines without blocking the event loop or the exit.

`asyncio.to_thread(input)` leaves a pool thread blocked in input() that asyncio.run waits for at
exit, so a stop (Ctrl-C, SIGTERM) would hang until someone pressed Enter. The reader here is a
daemon thread, which nobody waits for; from a pipe it reads the file descriptor itself, because
a daemon thread blocked inside sys.stdin holds its lock and aborts the interpreter's exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading


def _pipe_fd() -> int | None:
    """stdin's descriptor when it is a pipe or file; None for a terminal (input() keeps its line
    editing there, and does not take sys.stdin's lock) or a stand-in object without one."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        fd = sys.stdin.fileno()
        return None if os.isatty(fd) else fd
    return None


class LineReader:
    """Prompts and reads one line at a time on a daemon thread; None at end of input."""

    def __init__(self, prompt: str) -> None:
        self.prompt = prompt
        self._fd = _pipe_fd()
        self._buffer = b""
        self._loop = asyncio.get_running_loop()
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._wanted = threading.Event()  # the prompt shows only once the last reply is printed
        threading.Thread(target=self._read, name="console-input", daemon=True).start()

    def _next(self) -> str | None:
        if self._fd is None:
            try:
                return input(self.prompt)
            except (EOFError, OSError, ValueError):  # end of input, or stdin closed under us
                return None
        sys.stdout.write(self.prompt)
        sys.stdout.flush()
        while b"\n" not in self._buffer:
            chunk = os.read(self._fd, 65536)
            if not chunk:
                line, self._buffer = self._buffer, b""
                return line.decode("utf-8", "replace") if line else None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", "replace").removesuffix("\r")

    def _read(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            try:
                line = self._next()
            except OSError:
                line = None
            try:
                self._loop.call_soon_threadsafe(self._lines.put_nowait, line)
            except RuntimeError:  # the loop has closed: the program is exiting
                return
            if line is None:
                return

    async def readline(self) -> str | None:
        self._wanted.set()
        return await self._lines.get()
