"""Staging for the IMDb reader (bot.formats.imdb): what it keeps of the big files, on disk.

A private SQLite file (no journal, no fsync, a 16 MiB page cache) holds the films' votes, their
first principal rows and the names of the people in them; it is written in batches while the
files stream past and read back one film at a time. The process holds only a bitmap of the
films' ids and one of the people's ids (a bit per id number: 4.5 MiB for IMDb's 36 M title ids)
and one batch of rows, so its memory does not grow with the number of films.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from bot.core.text import whole_number

ROLES = {"director": "director", "writer": "writer", "actor": "cast", "actress": "cast", "self": "cast"}
BILLED = 4  # writers and cast kept per film: the principals a reply names
BATCH = 20_000  # staged rows per transaction: few commits, a small constant of memory
BITMAP_IDS = 1 << 28  # ids up to 268 M in a bitmap (32 MiB at most); IMDb's are below 40 M


def id_number(ident: str, prefix: str) -> int | None:
    """The number of an IMDb id ('tt0068646' -> 68646), or None for anything else."""
    digits = ident[2:]
    if ident[:2] != prefix or not digits.isascii() or not digits.isdigit() or len(digits) > 12:
        return None
    return int(digits)


class Bits:
    """A set of id numbers as a bitmap, growing as higher ids arrive; an id beyond BITMAP_IDS
    (none on IMDb) goes to a plain set, so no odd id can make the bitmap huge."""

    def __init__(self) -> None:
        self.bits = bytearray()
        self.beyond: set[int] = set()

    def add(self, number: int) -> None:
        if number >= BITMAP_IDS:
            self.beyond.add(number)
            return
        at = number >> 3
        if at >= len(self.bits):
            self.bits.extend(bytes(at + 1 - len(self.bits) + (at >> 4)))  # room for later ids
        self.bits[at] |= 1 << (number & 7)

    def __contains__(self, number: int) -> bool:
        at = number >> 3
        if at < len(self.bits):
            return bool(self.bits[at] >> (number & 7) & 1)
        return number in self.beyond


class Stage:
    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "imdb-stage.sqlite3", isolation_level=None)
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
        self.people = Bits()

    def close(self) -> None:
        self.db.close()

    def _insert(self, sql: str, rows: Iterator[tuple[object, ...]]) -> None:
        while batch := list(islice(rows, BATCH)):
            self.db.execute("BEGIN")
            self.db.executemany(sql, batch)
            self.db.execute("COMMIT")

    def votes(self, rows: Iterable[tuple[int, str]], films: Bits) -> None:
        """title.ratings: the films' vote counts (tconst, averageRating, numVotes)."""

        def kept() -> Iterator[tuple[int, int]]:
            for _, line in rows:
                fields = line.split("\t")
                number = id_number(fields[0], "tt") if len(fields) >= 3 else None
                count = whole_number(fields[2]) if number is not None and number in films else None
                if number is not None and count is not None:
                    yield number, count

        self._insert("INSERT OR REPLACE INTO votes VALUES (?, ?)", kept())

    def principals(self, rows: Iterable[tuple[int, str]], films: Bits) -> None:
        """title.principals (tconst, ordering, nconst, category, job, characters): the films'
        directors and first writers and cast. 90 M rows: a row of another title is skipped on
        its first field, and the verdict is reused while the title stays the same."""

        def kept() -> Iterator[tuple[int, int, str, str, str | None]]:
            last, keep, number, billed = "", False, 0, {"writer": 0, "cast": 0}
            for seq, line in rows:
                tconst = line[: line.find("\t")]
                if tconst != last:
                    last, billed = tconst, {"writer": 0, "cast": 0}
                    found = id_number(tconst, "tt")
                    keep, number = found is not None and found in films, found or 0
                if not keep:
                    continue
                fields = line.split("\t")
                role = ROLES.get(fields[3]) if len(fields) >= 6 else None
                person = id_number(fields[2], "nm") if role else None
                if role is None or person is None:
                    continue
                if role != "director":
                    if billed[role] >= BILLED:
                        continue  # the credits_of reader applies the limit again, for unsorted files
                    billed[role] += 1
                character = (
                    None if role != "cast" or fields[5] == "\\N" else fields[5].strip('[]"').split('","')[0]
                )
                self.people.add(person)
                yield number, seq, role, fields[2], character or None

        self._insert("INSERT OR REPLACE INTO credits VALUES (?, ?, ?, ?, ?)", kept())

    def names(self, rows: Iterable[tuple[int, str]]) -> None:
        """name.basics (nconst, primaryName, …): the names of the people staged with a credit."""

        def kept() -> Iterator[tuple[str, str]]:
            for _, line in rows:
                nconst = line[: line.find("\t")]
                number = id_number(nconst, "nm")
                if number is not None and number in self.people:
                    fields = line.split("\t", 2)
                    if len(fields) > 1:
                        yield nconst, fields[1]

        self._insert("INSERT OR REPLACE INTO names VALUES (?, ?)", kept())

    def film(self, title: int) -> tuple[int, list[tuple[str, str, str | None, str | None]]]:
        """A film's vote count (0 if none) and staged principal rows: role, nconst, character, name."""
        votes = self.db.execute("SELECT votes FROM votes WHERE title = ?", (title,)).fetchone()
        rows = self.db.execute(
            "SELECT c.role, c.person, c.character, n.name FROM credits c LEFT JOIN names n ON n.person = c.person"
            " WHERE c.title = ? ORDER BY c.seq",
            (title,),
        ).fetchall()
        return (votes[0] if votes else 0), rows
