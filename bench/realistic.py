"""A real-titled catalogue and the queries that test trust: absent films, sequels, typed years.

No IMDb data is available offline, so the catalogue is built from what the repository holds:

- the 17,472 real films of the starter catalogue (`data/starter`, CC0 Wikidata), each with votes =
  its notability (about one per critic's review) x 300, roughly IMDb's scale for known films;
- the 255 well-known films of `bench/data/real_titles.csv` not already there;
- synthetic titles (`bench.catalogue`) made of the real titles' words and made-up words, to the
  requested size, with their log-normal votes.

Absent films are real titles the catalogue does not hold, typed the ways people type them:
`bench/data/absent_titles.csv` (films from 2015 on and TV series, none in the catalogue) and a
seeded sample of the starter films, drawn by notability and left out of the catalogue ("films from
other datasets"). Titles whose key a present film shares (a remake) are not absent and are dropped.
Every absent title belongs to exactly one of the two query sets, the tuning set or the held-out set.
"""

from __future__ import annotations

import csv
import gzip
import random
from dataclasses import dataclass
from pathlib import Path

from bench import catalogue, queries
from bench.catalogue import Title
from bench.queries import Query
from bot.core.normalise import match_key

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "data" / "starter" / "films-v1.jsonl.gz"
ABSENT = Path(__file__).parent / "data" / "absent_titles.csv"
VOTES_PER_NOTABILITY = 300
LEFT_OUT = 600  # starter films left out of the catalogue to be looked for anyway
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI", "7": "VII", "8": "VIII"}


@dataclass(frozen=True, slots=True)
class Absent:
    title: str
    kind: str  # "film", "series" or "other-dataset"


@dataclass
class Setup:
    titles: list[Title]
    absent: list[Absent]


def build(size: int, seed: int) -> Setup:
    from bot.formats.wikidata import read_extract

    rng = random.Random(seed)
    with gzip.open(STARTER, "rt", encoding="utf-8") as handle:
        starter = list(read_extract(handle))
    left_out = set()
    weights = [film.notability for film in starter]
    while len(left_out) < LEFT_OUT:
        left_out.update(rng.choices(range(len(starter)), weights=weights, k=LEFT_OUT - len(left_out)))
    titles = [
        Title(n + 1, film.title, film.year, film.notability * VOTES_PER_NOTABILITY)
        for n, film in enumerate(starter)
        if n not in left_out
    ]
    absent = [Absent(starter[n].title, "other-dataset") for n in sorted(left_out)]
    seen = {(match_key(t.title), t.year) for t in titles}
    next_id = len(starter) + 1
    for sample in catalogue.read_csv(catalogue.REAL_SAMPLE):
        if (match_key(sample.title), sample.year) not in seen:
            titles.append(Title(next_id, sample.title, sample.year, int(rng.lognormvariate(11, 1.2))))
            next_id += 1
    filler = catalogue.build(
        max(size - len(titles), 0) + len(catalogue.read_csv(catalogue.REAL_SAMPLE)), seed
    )
    real_sample = len(catalogue.read_csv(catalogue.REAL_SAMPLE))
    for made in filler[real_sample:]:
        titles.append(Title(next_id, made.title, made.year, made.votes))
        next_id += 1
    with ABSENT.open(newline="", encoding="utf-8") as handle:
        absent += [Absent(row["title"], row["kind"]) for row in csv.DictReader(handle)]
    present = {match_key(t.title) for t in titles}
    absent = [a for a in absent if match_key(a.title) not in present]
    rng.shuffle(absent)
    return Setup(titles[:size] if size else titles, absent)


def _roman_or_arabic(rng: random.Random, title: str) -> str | None:
    """The title with its sequel number written another way ("Part II" -> "2", "3" -> "III")."""
    words = title.split()
    last = words[-1].strip(":.,")
    arabic = {v: k for k, v in ROMAN.items()}
    before = words[-2].lower().strip(".") if len(words) > 1 else ""
    if last in arabic:
        number = arabic[last]
    elif last in ROMAN:
        number = last
    else:
        return None
    stem = words[:-2] if before in ("part", "chapter", "vol", "volume") else words[:-1]
    if not stem:
        return None
    style = rng.choice(("arabic", "roman", "part"))
    written = {"arabic": number, "roman": ROMAN[number], "part": f"part {number}"}[style]
    text = " ".join([*stem, written]).lower()
    return text if match_key(text) == match_key(title) and text != title.lower() else None


def sequel_queries(titles: list[Title], count: int, seed: int) -> list[Query]:
    """Numbered films, the number typed another way; films sharing the key are never targets."""
    rng = random.Random(seed)
    keys: dict[str, int] = {}
    for t in titles:
        key = match_key(t.title)
        keys[key] = keys.get(key, 0) + 1
    pool = [t for t in titles if keys[match_key(t.title)] == 1 and _roman_or_arabic(rng, t.title)]
    picks = rng.sample(pool, min(count, len(pool)))
    return [Query(text, t.id, "sequel") for t in picks if (text := _roman_or_arabic(rng, t.title))]


def absent_queries(titles: list[Title], absent: list[Absent], seed: int) -> list[Query]:
    """Each absent title typed one way: as written, lowercase, without punctuation, or one typo."""
    rng = random.Random(seed)
    present = {match_key(t.title) for t in titles}
    found = []
    for n, item in enumerate(absent):
        how = ("exact", "lowercase", "plain", "typo1")[n % 4]
        text = item.title
        if how == "lowercase":
            text = text.lower()
        elif how == "plain":
            text = queries._plain(text).lower()
        elif how == "typo1":
            text = queries._typo(rng, text.lower())
        if match_key(text) not in present:  # a typo that lands on a real title is that title
            found.append(Query(text, -1, f"absent-{item.kind}"))
    return found


def query_sets(setup: Setup, count: int, seed: int) -> dict[str, list[Query]]:
    """The tuning set and the held-out set: other seeds, and disjoint halves of the absent titles."""
    half = len(setup.absent) // 2
    sets = {}
    for name, own_seed, absent in (
        ("tuning", seed, setup.absent[:half]),
        ("held-out", seed + 1000, setup.absent[half:]),
    ):
        sets[name] = (
            queries.make(setup.titles, count, own_seed)
            + sequel_queries(setup.titles, count // 8, own_seed)
            + absent_queries(setup.titles, absent, own_seed)
        )
    return sets
