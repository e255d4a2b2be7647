"""The first start's progress line in the terminal (stderr: answers on stdout stay clean)."""

from __future__ import annotations

import sys
from typing import TextIO


class StartLine:
    """One line rewritten in place at a terminal; one line per step when piped or logged."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, line: str) -> None:
        if self.stream.isatty():
            self.stream.write("\r\x1b[K" + line)  # back to the line's start, then clear it
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        """End the rewritten line, so what follows starts on a line of its own."""
        if self.shown and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
