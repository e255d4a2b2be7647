"""The first start says what it is doing while it loads the starter catalogue (issue 10): a line at
the terminal, rewritten as films are written; a later start, with nothing to load, says nothing."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.conftest import STARTER
from tests.console.pty_terminal import Terminal

FILMS = 2_500  # more than one batch of the loader: the count moves on the line


def small_extract(folder: Path) -> Path:
    """The starter extract's header and its first films (the header's count made to match)."""
    lines = gzip.decompress(STARTER.read_bytes()).decode().splitlines()[: FILMS + 1]
    lines[0] = lines[0].replace('"count": 17472', f'"count": {FILMS}')
    path = folder / "films-small.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    return path


def test_the_first_start_shows_its_progress_and_a_later_one_does_not(tmp_path: Path) -> None:
    starter = small_extract(tmp_path)
    first = Terminal(tmp_path, starter=starter)
    try:
        first.expect("First start: loading the film catalogue...")
        first.expect(f"2,000 of {FILMS:,} films")
        first.expect(f"{FILMS:,} of {FILMS:,} films")
        first.expect("First start: building the search indexes...")
        shown = first.expect("filmbot> ")
        assert "Film catalogue ready:" in shown and "people." in shown
        first.send("\x04")  # Ctrl-D: quit
        assert first.wait() == 0
    finally:
        first.kill()
    again = Terminal(tmp_path, starter=starter)
    try:
        shown = again.expect("filmbot> ")
        assert "First start" not in shown and "catalogue ready" not in shown
        again.send("\x04")
        assert again.wait() == 0
    finally:
        again.kill()
