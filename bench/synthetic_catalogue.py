"""`python -m bench.synthetic_catalogue`: a synthetic catalogue of N films with realistic credits.

Deterministic (same N and seed, same database), written through the bot's own write path
(bot.store.starter.write_batch: write_films, then the details and facets) and cached: the
database lands in --folder under a name that says what it holds, and a later run with the same
arguments reuses it (a half-written one is rebuilt). Open it with the starter catalogue off
(FILMBOT_STARTER=off, or Settings(starter=None)): it holds the YAML seed and the synthetic films.

How it is made (bench/README.md, "Synthetic catalogue", says why):

- each film copies a real starter film's genres, countries, languages, runtime, rating, critic
  scores (jittered) and year (within two years), so facets and decades follow the real data;
- people have heavy-tailed careers: credits per person drawn from a Zipf law (most people one
  film, a few hundreds), spread over a career span that grows with the number of films (decades
  for the prolific); each role's slots, sorted by year, are dealt to the credits sorted by year;
- directors often write (as often as in the real data), a fifth of directors also act, and a
  director brings back actors of their first film (recurring pairings);
- titles are built from the real titles' words, 2 % reuse a real title with another year (remakes,
  shared titles), 3 % are sequels of an earlier film (same director often, returning cast).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gzip
import itertools
import logging
import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bot.core.models import Credit, Film
from bot.core.normalise import title_key
from bot.formats.wikidata import StarterFilm, notability, read_extract
from bot.settings import Settings
from bot.store.meta import get_meta
from bot.store.starter import write_batch
from bot.wiring import open_store

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "data" / "starter" / "films-v1.jsonl.gz"
VERSION = "1"  # bump when what is generated changes: cached databases are then rebuilt
BATCH = 20_000  # films per transaction
DONE_KEY = "synthetic_catalogue"
DEFERRED_INDEXES = ("credits_by_person", "film_facets_ranked", "people_by_key")
# Per role: Zipf exponent and most credits one person has (the real data's prolific actors have
# ~90 of 17k films; at a million films careers of a few hundred are plausible).
CAREERS = {"cast": (1.9, 300), "director": (2.2, 80), "writer": (2.2, 60)}
ACTING_DIRECTORS = 0.2  # share of directors who also act (0.24 in the starter data)
REGULARS = 0.5  # chance a director's later film brings back an actor of their first film
SEQUELS, REMAKES = 0.03, 0.02
_STOP = {"the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "at", "from", "by", "is"}
_PATTERNS = ("{w}", "The {w}", "{w} {w}", "The {w} {w}", "{w} of the {w}", "{w} and {w}",
             "A {w} {w}", "{w}'s {w}", "{w}: {w} {w}", "The {w} of {w}", "{w} in {w}")  # fmt: skip
_SEQUEL_FORMS = ("{t} {n}", "{t} {r}", "{t}: Part {r}", "{t} {n}: {w}")
_ROMAN = ("", "", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@functools.cache
def starter_films() -> list[StarterFilm]:
    return list(read_extract(gzip.decompress(STARTER.read_bytes()).decode("utf-8").splitlines()))


def deal(slot_years: np.ndarray, role: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Give each slot (a credit of this role in a film of that year) a person: (person per slot,
    each person's career centre year). People are numbered from 0 for this role."""
    a, cap = CAREERS[role]
    cap = min(cap, 20 + len(slot_years) // 10_000)  # a small catalogue has no 300-film careers
    total, parts = 0, []
    while total < len(slot_years):
        k = np.minimum(rng.zipf(a, max(1000, (len(slot_years) - total) // 2)), cap)
        parts.append(k)
        total += int(k.sum())
    k = np.concatenate(parts)
    cum = np.cumsum(k)
    people = int(np.searchsorted(cum, len(slot_years))) + 1
    k = k[:people]
    k[-1] -= int(cum[people - 1]) - len(slot_years)
    centre = slot_years[rng.integers(0, len(slot_years), people)].astype(np.float64)
    span = np.where(k > 1, np.minimum(50.0, 3 + 5 * np.sqrt(k) * rng.lognormal(0, 0.35, people)), 0.0)
    owner = np.repeat(np.arange(people, dtype=np.int64), k)
    token_year = (centre - span / 2)[owner] + rng.random(len(owner)) * span[owner]
    slot_order = np.argsort(slot_years + rng.random(len(slot_years)) * 0.999, kind="stable")
    person = np.empty(len(slot_years), dtype=np.int64)
    person[slot_order] = owner[np.argsort(token_year, kind="stable")]
    return person, centre


class Titles:
    """Plausible titles from the real titles' words; remakes reuse a real title."""

    def __init__(self, films: list[StarterFilm], rng: random.Random) -> None:
        counts = Counter(
            w for f in films for w in re.findall(r"[^\W\d_][\w'-]*", f.title) if w.lower() not in _STOP
        )
        self.words = [w[0].upper() + w[1:] for w in counts]
        self.cumulative = list(itertools.accumulate(c**0.5 for c in counts.values()))  # less skewed
        self.real = [f.title for f in films]
        self.rng = rng

    def word(self) -> str:
        return str(self.rng.choices(self.words, cum_weights=self.cumulative)[0])

    def new(self) -> str:
        if self.rng.random() < REMAKES:
            return self.rng.choice(self.real)
        pattern = self.rng.choice(_PATTERNS)
        while "{w}" in pattern:
            pattern = pattern.replace("{w}", self.word(), 1)
        return pattern

    def sequel(self, base: str, number: int) -> str:
        form = self.rng.choice(_SEQUEL_FORMS) if number < len(_ROMAN) else "{t} {n}"
        return form.format(t=base, n=number, r=_ROMAN[min(number, len(_ROMAN) - 1)], w=self.word())


class Catalogue:
    """Every film's template, year, title and credits (as arrays), made up front; `batches`
    then turns them into records."""

    def __init__(self, count: int, seed: int) -> None:
        self.templates = starter_films()
        rng = np.random.default_rng(seed)
        self.rng = random.Random(seed)
        pick = rng.integers(0, len(self.templates), count)
        years = np.clip(
            np.array([f.year for f in self.templates])[pick] + rng.integers(-2, 3, count), 1930, 2016
        )
        order = np.argsort(years, kind="stable")  # films numbered by year: sequels follow their first film
        self.template, self.year = pick[order], years[order]
        t = [self.templates[i] for i in self.template]
        n_cast = np.clip([len(f.cast) for f in t], 5, 15)
        n_dir = np.clip([len(f.directors) for f in t], 1, 2)
        n_wri = np.clip([len(f.writers) for f in t], 0, 3)
        self.writes = np.array([bool(set(f.directors) & set(f.writers)) for f in t])
        self.ptr: dict[str, np.ndarray] = {}
        self.who: dict[str, np.ndarray] = {}
        offset, centres = 0, {}
        for role, sizes in (("cast", n_cast), ("director", n_dir), ("writer", n_wri)):
            self.ptr[role] = np.concatenate([[0], np.cumsum(sizes)])
            person, centres[role] = deal(np.repeat(self.year, sizes), role, rng)
            self.who[role] = person + offset
            offset += len(centres[role])
        self.people = offset
        # A fifth of directors also act: the actor of the nearest career centre is that director.
        actors = np.argsort(centres["cast"])
        directors = len(centres["cast"]) + np.flatnonzero(
            rng.random(len(centres["director"])) < ACTING_DIRECTORS
        )
        near = np.searchsorted(centres["cast"][actors], centres["director"][directors - len(centres["cast"])])
        same = np.arange(self.people)
        same[directors] = actors[np.clip(near + rng.integers(-20, 21, len(near)), 0, len(actors) - 1)]
        self.who["director"] = same[self.who["director"]]
        self._names(rng)
        self.titles = self._titles_and_sequels(count)

    def _names(self, rng: np.random.Generator) -> None:
        """First names and surnames drawn apart, as often as in the real data: common names
        recur ("John Smith" is many people), as in any large catalogue."""
        found = Counter(n for f in self.templates for n in (*f.directors, *f.writers, *f.cast))
        first: Counter[str] = Counter()
        last: Counter[str] = Counter()
        for name, n in found.items():
            words = name.split()
            if len(words) >= 2 and "," not in name:
                first[words[0]] += n
                last[words[-1]] += n
        self.first_names, self.last_names = list(first), list(last)
        fp = np.array(list(first.values()), dtype=np.float64)
        lp = np.array(list(last.values()), dtype=np.float64)
        self.first = rng.choice(len(fp), self.people, p=fp / fp.sum()).astype(np.int32)
        self.last = rng.choice(len(lp), self.people, p=lp / lp.sum()).astype(np.int32)

    def name(self, person: int) -> str:
        return f"{self.first_names[self.first[person]]} {self.last_names[self.last[person]]}"

    def _titles_and_sequels(self, count: int) -> list[str]:
        """Titles, unique by title and year; sequels take their first film's title, often its
        director, and its leading actors."""
        titles = Titles(self.templates, self.rng)
        taken: set[int] = set()
        found: list[str] = []
        root: list[tuple[int, int]] = []  # (first film, number in the series)
        first_of: dict[int, int] = {}  # director -> their first film
        cast, dirs = self.who["cast"], self.who["director"]
        for i in range(count):
            year = int(self.year[i])
            base = i - self.rng.randrange(20_000, 80_000) if self.rng.random() < SEQUELS else -1
            lo, hi = self.ptr["cast"][i], self.ptr["cast"][i + 1]
            if base >= 0 and self.year[base] < year:
                first, number = root[base]
                number += 1
                if self.rng.random() < 0.6:
                    dirs[self.ptr["director"][i]] = dirs[self.ptr["director"][base]]
                back = cast[self.ptr["cast"][base] : self.ptr["cast"][base] + 3]
                cast[lo : lo + 3] = back[: hi - lo]
                title = titles.sequel(found[first], number)
            else:
                first, number, title = i, 1, titles.new()
            director = int(dirs[self.ptr["director"][i]])
            if director in first_of and self.rng.random() < REGULARS:
                start = self.ptr["cast"][first_of[director]]
                regular = cast[start + self.rng.randrange(3)]
                if regular not in cast[lo:hi]:
                    cast[hi - 1] = regular
            first_of.setdefault(director, i)
            key = hash((title_key(title), year))
            while key in taken:
                title = titles.new()
                key = hash((title_key(title), year))
            taken.add(key)
            found.append(title)
            root.append((first, number))
        return found

    def batches(self, size: int) -> Iterator[list[tuple[StarterFilm, Film]]]:
        first, last = self.first.tolist(), self.last.tolist()
        names = [f"{self.first_names[a]} {self.last_names[b]}" for a, b in zip(first, last, strict=True)]
        for start in range(0, len(self.titles), size):
            end = min(start + size, len(self.titles))
            rng = np.random.default_rng(start)  # per batch: any batch is the same however reached
            spread = rng.lognormal(0, 0.6, end - start).tolist()
            jitters = rng.integers(-8, 9, (end - start, 2)).tolist()
            yield [self.film(i, names, spread[i - start], jitters[i - start]) for i in range(start, end)]

    def _people(self, role: str, i: int) -> list[int]:
        ptr = self.ptr[role]
        return self.who[role][ptr[i] : ptr[i + 1]].tolist()  # type: ignore[no-any-return]

    def film(self, i: int, names: list[str], spread: float, jitters: list[int]) -> tuple[StarterFilm, Film]:
        t = self.templates[self.template[i]]
        year = int(self.year[i])
        people = {role: list(dict.fromkeys(self._people(role, i))) for role in ("director", "writer", "cast")}
        if self.writes[i] and people["director"][0] not in people["writer"]:
            people["writer"].insert(0, people["director"][0])
        credits = tuple(
            Credit(names[p], role, n, None, f"synth:p{p}")
            for role, who in people.items()
            for n, p in enumerate(who)
        )
        reviews = None if t.rt_reviews is None else int(t.rt_reviews * spread)
        meter, critics = (
            None if score is None else max(0, min(100, score + j))
            for score, j in zip((t.rt_meter, t.metacritic), jitters, strict=True)
        )
        release = f"{year}{t.release_date[4:]}" if t.release_date and t.release_date[5:] != "02-29" else None
        title, key = self.titles[i], f"synth:{i}"
        known = notability(reviews, t.oscars_won, t.oscar_nominations, len(credits))
        detail = StarterFilm(
            key=key, qid=0, imdb_id=None, title=title, year=year, directors=(), writers=(), cast=(),
            genres=t.genres, countries=t.countries, languages=t.languages, runtime=t.runtime,
            release_date=release, mpaa_rating=t.mpaa_rating, rt_meter=meter, rt_reviews=reviews,
            metacritic=critics, oscars_won=t.oscars_won, oscar_nominations=t.oscar_nominations,
            notability=known,
        )  # fmt: skip
        record = Film(
            0, title, year, credits=credits, genres=t.genres, votes=known, runtime=t.runtime, key=key
        )
        return detail, record


def database_path(folder: Path, films: int, seed: int) -> Path:
    return folder / f"synthetic-{films}-s{seed}-v{VERSION}.sqlite3"


async def build(folder: Path, films: int = 1_000_000, seed: int = 1) -> Path:
    """The database of this catalogue in `folder`: reused when complete, else (re)built."""
    path = database_path(folder, films, seed)
    settings = Settings(db_path=path, data_dir=ROOT / "data", starter=None)
    signature = f"{films} {seed} {VERSION}"
    if path.is_file():
        store = await open_store(settings)
        try:
            if await get_meta(store.db, DONE_KEY) == signature:
                log.info("synthetic catalogue reused: %s", path)
                return path
        finally:
            await store.close()
        log.info("synthetic catalogue at %s is incomplete: rebuilding", path)
        for stale in folder.glob(path.name + "*"):
            stale.unlink()
    started = time.perf_counter()
    catalogue = Catalogue(films, seed)
    log.info("planned %d films, %d people in %.1f s", films, catalogue.people, time.perf_counter() - started)
    store = await open_store(settings)
    try:
        db = store.db
        await db.execute("PRAGMA cache_size = -262144")  # 256 MiB
        # Indexes on random keys (people, facets by value) are built once at the end, sorted, as a
        # bulk load does: kept up row by row they cost most of the writing time.
        later = [
            (r[0], r[1])
            for r in await db.fetchall(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?)",
                DEFERRED_INDEXES,
            )
        ]
        for name, _ in later:
            await db.execute(f"DROP INDEX {name}")
        written = 0
        for batch in catalogue.batches(BATCH):
            async with db.transaction():
                stored = await write_batch(db, batch)
            written += stored
            log.info(
                "synthetic catalogue: %d of %d films (%.0f s)", written, films, time.perf_counter() - started
            )
        async with db.transaction():
            for _, sql in later:
                await db.execute(sql)
            await db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (DONE_KEY, signature),
            )
    finally:
        await store.close()
    log.info("synthetic catalogue written: %s in %.0f s", path, time.perf_counter() - started)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--films", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/filmbot-synthetic"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(asyncio.run(build(args.folder, args.films, args.seed)))


if __name__ == "__main__":
    main()
