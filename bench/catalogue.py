"""Benchmark catalogues: a shipped sample of real film titles plus documented synthetic variants.

Synthetic titles are built from the real sample's words and from pronounceable made-up words,
with the shapes real catalogues have: leading articles, subtitles after a colon, sequel numbers,
apostrophes and ampersands, accented letters, and remakes that reuse a title with another year.
Votes follow a heavy-tailed (log-normal) distribution, as vote counts do on IMDb.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

REAL_SAMPLE = Path(__file__).parent / "data" / "real_titles.csv"
SYLLABLES = [
    "ka", "lo", "ri", "an", "to", "mi", "sa", "ven", "dor", "el", "mar", "tin", "ra", "gan", "sol",
    "ber", "ish", "nu", "vo", "les", "qua", "zen", "fal", "cor", "wyn", "tha", "ro", "dex", "ul", "mo",
    "ste", "pha", "gri", "ka", "jun", "lia", "or", "bel", "sha", "kir", "tu", "ne", "vis", "ama", "go",
]  # fmt: skip
COMMON = ["of", "the", "and", "in", "a", "to", "for", "love", "night", "man", "last", "day", "city",
          "dark", "life", "story", "time", "war", "house", "girl", "world", "blood", "home", "king"]  # fmt: skip
ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "n": "ñ", "c": "ç"}


@dataclass(frozen=True, slots=True)
class Title:
    id: int
    title: str
    year: int | None
    votes: int


def read_csv(path: Path) -> list[Title]:
    """A catalogue CSV with the header id,title,year,votes (year and votes may be empty)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        if rows.fieldnames is None or not {"id", "title"} <= set(rows.fieldnames):
            raise SystemExit(f"{path}: expected the header id,title,year,votes")
        return [
            Title(int(row["id"]), row["title"], int(row["year"]) if row.get("year") else None,
                  int(row["votes"]) if row.get("votes") else 0)
            for row in rows
        ]  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3))))


def build(size: int, seed: int = 7) -> list[Title]:
    """`size` titles: the real sample first, then synthetic variants."""
    rng = random.Random(seed)
    real = read_csv(REAL_SAMPLE)
    vocabulary = sorted({w.strip(":,.'") for t in real for w in t.title.lower().split() if len(w) > 2})
    vocabulary += [_word(rng) for _ in range(max(2000, size // 25))]
    titles: list[Title] = []
    for sample in real[:size]:
        votes = int(rng.lognormvariate(11, 1.2))  # the real sample holds well-known films
        titles.append(Title(sample.id, sample.title, sample.year, votes))
    next_id = max((t.id for t in titles), default=0) + 1
    while len(titles) < size:
        if titles and rng.random() < 0.02:  # a remake: the same title, another year
            original = rng.choice(titles)
            title = original.title
        else:
            title = _synthetic_title(rng, vocabulary)
        titles.append(Title(next_id, title, rng.randint(1920, 2025), int(rng.lognormvariate(5, 2.2))))
        next_id += 1
    return titles


def _synthetic_title(rng: random.Random, vocabulary: list[str]) -> str:
    count = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
    words = [rng.choice(COMMON) if rng.random() < 0.18 else rng.choice(vocabulary) for _ in range(count)]
    words = [w.capitalize() if i == 0 or w not in COMMON else w for i, w in enumerate(words)]
    roll = rng.random()
    if roll < 0.22:
        words.insert(0, rng.choice(("The", "The", "A", "An")))
    title = " ".join(words)
    if rng.random() < 0.10:
        title += ": " + " ".join(rng.choice(vocabulary).capitalize() for _ in range(rng.choice((1, 2, 3))))
    if rng.random() < 0.05:
        title += " " + rng.choice(("2", "3", "II", "III", "Part II", "Returns"))
    if rng.random() < 0.04:
        title = title.replace(" and ", " & ", 1) if " and " in title else title + "'s"
    if rng.random() < 0.03:
        position = rng.randrange(len(title))
        char = title[position].lower()
        if char in ACCENTED:
            title = title[:position] + ACCENTED[char] + title[position + 1 :]
    return title
