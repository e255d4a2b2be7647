"""IMDb ids as numbers, and sets of them as bitmaps: how the IMDb reader (bot.formats.imdb)
remembers which of 10 million titles are films, and which of 14 million people it needs, in a
few MiB (a bit per id number: 4.5 MiB for IMDb's 36 M title ids)."""

from __future__ import annotations

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
