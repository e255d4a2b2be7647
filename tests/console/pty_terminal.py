"""`filmbot console` in a real pseudo-terminal: what a person typing sees."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.conftest import DATA, ROOT

WAIT_S = 90.0  # generous: the machine is shared; a passing test returns as soon as the text shows


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pty, so Ctrl-C typed
    there becomes SIGINT for it, as in a real terminal window."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, tmp_path: Path, *args: str, starter: Path | None = None) -> None:
        master, slave = pty.openpty()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "TERM": "xterm",
            "FILMBOT_DB": str(tmp_path / "db.sqlite3"),
            "FILMBOT_DATA": str(DATA),
            "FILMBOT_STARTER": str(starter) if starter else "off",
            "INPUTRC": "/dev/null",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", *args],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, preexec_fn=_own_terminal,
        )  # fmt: skip
        os.close(slave)
        self.master = master
        self.seen = ""

    def expect(self, text: str) -> str:
        """Read until `text` has appeared (after what earlier expects consumed); return all read."""
        deadline = time.monotonic() + WAIT_S
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{text!r} never appeared; the screen showed:\n{self.seen[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program ended
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{text!r} never appeared before exit:\n{self.seen[-2000:]}")
                self.seen += chunk.decode("utf-8", "replace")
        shown, _, self.seen = self.seen.partition(text)
        return shown + text

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def interrupt(self) -> None:
        """Ctrl-C as the terminal sends it: the line discipline turns the key into SIGINT."""
        self.send("\x03")

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=WAIT_S)
        finally:
            os.close(self.master)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
