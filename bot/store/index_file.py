"""The search index saved next to the database, memory-mapped by every process that opens it.

Building the index reads every name from the database and takes most of a minute at a million
films; mapping a saved one takes well under a second, and every process on the machine shares the
mapped pages. The file is a fixed header, a JSON description and the raw arrays, each at an
aligned offset (bot.core.index_arrays says what they hold). It is trusted only when all of this
holds, and otherwise rebuilt (a file that cannot be read never stops the bot from starting):

- its magic, format version, layout and CRC-32 check out;
- it carries this database's random token (meta `index_token`), so another database's file is
  never used, and the change-log position it was saved at;
- the catalogue has not moved past that position, or only by a few changes still in the change
  log, which the caller replays (bot.core.index_sync) before answering.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.index_arrays import FORMAT_VERSION, from_arrays, to_arrays
from bot.core.matching import TitleIndex
from bot.core.title_arrays import Arrays
from bot.store.catalogue import SqliteCatalogue
from bot.store.database import Database

log = logging.getLogger(__name__)

MAGIC = b"FILMIDX\x00"
ALIGN = 64  # every array starts on a cache line
CATCH_UP_MAX = 20_000  # changes worth replaying onto a saved index; more, and a rebuild is quicker
TOKEN_KEY = "index_token"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a saved index was built from: which database, up to which change."""

    token: str
    position: int


def index_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def write_index(
    path: Path, arrays: Arrays, scalars: dict[str, int], stamp: Stamp, version: int = FORMAT_VERSION
) -> None:
    """Write atomically (a temporary file renamed over the old one): readers see old or new."""
    layout: dict[str, list[Any]] = {}
    offset = 0
    for name, data in arrays.items():
        data = np.ascontiguousarray(data)
        offset = -(-offset // ALIGN) * ALIGN
        layout[name] = [data.dtype.str, list(data.shape), offset, data.nbytes]
        offset += data.nbytes
    crc = 0
    for data in arrays.values():
        crc = zlib.crc32(np.ascontiguousarray(data).tobytes(), crc)
    header = json.dumps(
        {"version": version, "token": stamp.token, "position": stamp.position,
         "scalars": scalars, "arrays": layout, "size": offset, "crc": crc}
    ).encode()  # fmt: skip
    start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + struct.pack("<Q", len(header)) + header)
            for name, data in arrays.items():
                out.seek(start + layout[name][2])
                out.write(np.ascontiguousarray(data).tobytes())
            out.truncate(start + offset)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_index(path: Path) -> tuple[Stamp, TitleIndex]:
    """Map the file and check it whole; ValueError (or OSError) if it is not a sound index file."""
    stamp, arrays, scalars = map_arrays(path, FORMAT_VERSION)
    return stamp, from_arrays(arrays, scalars)


def map_arrays(path: Path, version: int) -> tuple[Stamp, Arrays, dict[str, int]]:
    """Map a file written by `write_index` (of this format version) and check it whole."""
    mapped = np.memmap(path, dtype=np.uint8, mode="r")
    if bytes(mapped[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a filmbot index file")
    (length,) = struct.unpack("<Q", bytes(mapped[len(MAGIC) : len(MAGIC) + 8]))
    header = json.loads(bytes(mapped[len(MAGIC) + 8 : len(MAGIC) + 8 + length]))
    if header.get("version") != version:
        raise ValueError(f"index format {header.get('version')!r}, this bot reads {version}")
    start = -(-(len(MAGIC) + 8 + length) // ALIGN) * ALIGN
    if start + int(header["size"]) != len(mapped):
        raise ValueError("the index file is truncated or padded")
    arrays: Arrays = {}
    crc = 0
    for name, (dtype, shape, offset, nbytes) in header["arrays"].items():
        kind = np.dtype(dtype)
        if (
            offset < 0
            or start + offset + nbytes > len(mapped)
            or nbytes != kind.itemsize * int(np.prod(shape))
        ):
            raise ValueError(f"array {name} lies outside the file")
        arrays[name] = np.ndarray(tuple(shape), kind, buffer=mapped, offset=start + offset)
        crc = zlib.crc32(mapped[start + offset : start + offset + nbytes].data, crc)
    if crc != header["crc"]:
        raise ValueError("the index file is damaged (checksum)")
    return Stamp(str(header["token"]), int(header["position"])), arrays, header["scalars"]


async def _token(db: Database) -> str:
    row = await db.fetchone("SELECT value FROM meta WHERE key = ?", (TOKEN_KEY,))
    if row:
        return str(row[0])
    token = secrets.token_hex(16)
    async with db.transaction() as tx:
        await tx.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (TOKEN_KEY, token))
    row = await db.fetchone("SELECT value FROM meta WHERE key = ?", (TOKEN_KEY,))
    return str(row[0]) if row else token


async def _position(db: Database) -> int:
    """The newest change-log number ever given out (pruning old entries does not lower it)."""
    row = await db.fetchone("SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
    return int(row[0]) if row else 0


async def _replayable(db: Database, since: int, until: int) -> bool:
    """Every change after `since` is still in the log, and few enough to replay."""
    if until - since > CATCH_UP_MAX:
        return False
    row = await db.fetchone("SELECT count(*) FROM changes WHERE seq > ? AND seq <= ?", (since, until))
    return row is not None and int(row[0]) == until - since


# What reading a saved index file can raise when the file is damaged or from another version.
UNUSABLE = (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError)


async def current_stamp(db: Database) -> Stamp:
    """This database's token and change-log position: what a file saved now is stamped with."""
    return Stamp(await _token(db), await _position(db))


async def still_current(db: Database, saved: Stamp, now: Stamp) -> bool:
    """A file stamped `saved` belongs to this database and the changes since can be replayed."""
    return (
        saved.token == now.token
        and saved.position <= now.position
        and await _replayable(db, saved.position, now.position)
    )


async def open_index(db: Database, catalogue: SqliteCatalogue, path: Path) -> tuple[TitleIndex, int]:
    """The title index and the change-log position it reflects (later changes are the caller's
    to replay): the saved file if it is sound and current enough, else built and saved."""
    now = await current_stamp(db)
    try:
        stamp, index = await asyncio.to_thread(read_index, path)
        if await still_current(db, stamp, now):
            log.info(
                "search index mapped from %s (%d changes to replay)", path, now.position - stamp.position
            )
            return index, stamp.position
        log.info("search index file %s is stale: rebuilding", path)
    except FileNotFoundError:
        log.info("no search index file at %s: building it", path)
    except UNUSABLE as error:
        log.warning("search index file %s is unusable (%s): rebuilding", path, error)
    index = TitleIndex()
    async for entry in catalogue.title_entries():
        index.add(entry)
    index.compact()
    try:
        await asyncio.to_thread(_save, path, index, now)
    except (OSError, ValueError) as error:
        log.warning("could not save the search index to %s (%s); it will be rebuilt next time", path, error)
    return index, now.position


def _save(path: Path, index: TitleIndex, stamp: Stamp) -> None:
    arrays, scalars = to_arrays(index)
    write_index(path, arrays, scalars, stamp)
