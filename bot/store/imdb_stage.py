"""Staging for the IMDb reader (bot.formats.imdb): what it keeps of the big files, on disk.

A private SQLite file in the temp folder (TMPDIR; no journal, no fsync, a 16 MiB page cache)
holds the films' votes, their first principal rows and the names of the people in them; it is
written in batches while the files stream past, read back one film at a time, and gone at the
end. Nothing here grows in memory with the number of films.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path

from bot.formats.imdb import Staged

BATCH = 20_000  # staged rows per transaction: few commits, a small constant of memory


class Stage:
    def __init__(self, path: Path) -> None:
        # Used by one thread at a time: the import's reading thread (bot.store.bulk), and the
        # caller that closes it.
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # A scratch file: no journal, no fsync; a 16 MiB page cache whatever the data's size.
        for pragma in ("PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -16384"):
            self.db.execute(pragma)
        self.db.executescript(
            """
            CREATE TABLE votes (title INTEGER PRIMARY KEY, votes INTEGER NOT NULL);
            -- seq keeps the file's order; rows arrive sorted by title, so inserts append
            CREATE TABLE credits (
                title INTEGER, seq INTEGER, role TEXT, person TEXT, character TEXT,
                PRIMARY KEY (title, seq)
            ) WITHOUT ROWID;
            CREATE TABLE names (person TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
            """
        )

    def _insert(self, sql: str, rows: Iterator[tuple[object, ...]]) -> None:
        while batch := list(islice(rows, BATCH)):
            self.db.execute("BEGIN")
            self.db.executemany(sql, batch)
            self.db.execute("COMMIT")

    def votes(self, rows: Iterator[tuple[int, int]]) -> None:
        self._insert("INSERT OR REPLACE INTO votes VALUES (?, ?)", rows)

    def credits(self, rows: Iterator[tuple[int, int, str, str, str | None]]) -> None:
        self._insert("INSERT OR REPLACE INTO credits VALUES (?, ?, ?, ?, ?)", rows)

    def names(self, rows: Iterator[tuple[str, str]]) -> None:
        self._insert("INSERT OR REPLACE INTO names VALUES (?, ?)", rows)

    def film(self, title: int) -> tuple[int, list[Staged]]:
        """A film's vote count (0 if none) and staged principal rows: role, nconst, character, name."""
        votes = self.db.execute("SELECT votes FROM votes WHERE title = ?", (title,)).fetchone()
        rows = self.db.execute(
            "SELECT c.role, c.person, c.character, n.name FROM credits c LEFT JOIN names n ON n.person = c.person"
            " WHERE c.title = ? ORDER BY c.seq",
            (title,),
        ).fetchall()
        return (votes[0] if votes else 0), rows


@contextmanager
def open_stage() -> Iterator[Stage]:
    """A fresh staging file in a private temp folder. Where the system allows it (Linux, macOS)
    the file is unlinked as soon as it is open, so its disk space is returned however the
    process ends, even killed; elsewhere it is removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix="filmbot-imdb-"))
    stage = Stage(folder / "imdb-stage.sqlite3")
    try:
        with suppress(OSError):  # Windows keeps an open file: removed below instead
            (folder / "imdb-stage.sqlite3").unlink()
            folder.rmdir()
        yield stage
    finally:
        stage.db.close()
        shutil.rmtree(folder, ignore_errors=True)
