"""The synthetic catalogue: deterministic, written through the bot's store, careers shared, cached."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.synthetic_catalogue import Catalogue, build
from bot.settings import Settings
from bot.store.film_info import SqliteFilmInfo
from bot.wiring import open_store

ROOT = Path(__file__).resolve().parents[2]
FILMS = 3_000


def test_same_seed_same_catalogue_another_seed_another() -> None:
    one, two, other = Catalogue(500, 4), Catalogue(500, 4), Catalogue(500, 5)
    films = [record for batch in one.batches(200) for _, record in batch]
    assert films == [record for batch in two.batches(200) for _, record in batch]
    assert one.titles != other.titles


def test_careers_look_like_careers() -> None:
    catalogue = Catalogue(FILMS, 1)
    films = [record for batch in catalogue.batches(1000) for _, record in batch]
    credits = Counter(c.person_key for f in films for c in f.credits if c.role == "cast")
    assert max(credits.values()) >= 10  # heavy-tailed: some actors in many films
    assert sum(1 for n in credits.values() if n == 1) > len(credits) / 3  # most in one or two
    writing = sum(
        1
        for f in films
        if {c.person_key for c in f.people("director")} & {c.person_key for c in f.people("writer")}
    )
    assert 0.25 < writing / len(films) < 0.6  # the starter data: 41 %
    sizes = [len(f.people("cast")) for f in films]
    assert max(sizes) <= 15 and sum(1 for n in sizes if n < 5) < len(films) / 100  # (a repeat dropped)
    years = [f.year or 0 for f in films]
    assert min(years) < 1960 and max(years) > 2005
    titles = Counter(f.title for f in films)
    assert any(n > 1 for n in titles.values())  # shared titles, different years
    assert len({(f.title, f.year) for f in films}) == len(films)
    assert any(f.title.endswith((" 2", " II")) or ": Part " in f.title for f in films)  # sequels


async def test_built_through_the_store_and_reused(tmp_path: Path) -> None:
    path = await build(tmp_path, FILMS, 1)
    stamp = path.stat().st_mtime_ns
    assert await build(tmp_path, FILMS, 1) == path
    assert path.stat().st_mtime_ns == stamp  # reused, not rewritten
    store = await open_store(Settings(db_path=path, data_dir=ROOT / "data", starter=None))
    try:
        row = await store.db.fetchone("SELECT count(*) FROM films WHERE seed_key LIKE 'synth:%'")
        assert row is not None and row[0] == FILMS
        people = await SqliteFilmInfo(store.db).people()
        assert max(p.weight for p in people) > 0
        assert any(len(p.roles) == 2 for p in people)  # directors who act or write
        genres = await SqliteFilmInfo(store.db).facet_values("genre", "", 3)
        assert genres[0] == "Drama"  # the real data's commonest genre
        index = await store.db.fetchone("SELECT count(*) FROM sqlite_master WHERE name = 'credits_by_person'")
        assert index is not None and index[0] == 1  # the deferred indexes are back
    finally:
        await store.close()
