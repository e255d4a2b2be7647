"""The in-memory facet index answers exactly as filtering and sorting every film would."""

from __future__ import annotations

import random

import pytest

from bot.core import facets
from bot.core.discovery import Discovery, Order
from bot.core.facet_rows import FacetColumns, FacetRow
from bot.core.facets import FacetIndex

GENRES = ["drama", "comedy", "horror", "western", "sci-fi"]
COUNTRIES = ["united states", "france", "japan", "india"]
LANGUAGES = ["english", "french", "japanese"]
GUILD, OTHER = 7, 8


def catalogue(rng: random.Random, size: int) -> list[FacetRow]:
    rows = []
    for film_id in rng.sample(range(1, size * 10), size):
        genres = {("genre", g) for g in rng.sample(GENRES, rng.choice([0, 1, 1, 2, 3]))}
        # skewed: drama and the US are common, westerns and India rare
        if rng.random() < 0.6:
            genres.add(("genre", "drama"))
        place = {("country", rng.choice(COUNTRIES[:2] if rng.random() < 0.8 else COUNTRIES))}
        speech = {("language", rng.choice(LANGUAGES))} if rng.random() < 0.9 else set()
        guild = 0 if rng.random() < 0.95 else rng.choice([GUILD, OTHER])
        rows.append(
            FacetRow(
                film_id,
                guild,
                None if rng.random() < 0.03 else rng.randint(1930, 2020),
                rng.choice([0, 0, 1, 5, 50, rng.randint(0, 10_000)]),  # ties on notability
                rng.choice([-1, -1, rng.randint(0, 100)]),
                frozenset(genres | place | speech),
            )
        )
    return rows


def naive(rows: list[FacetRow], query: Discovery, guild: int, people: set[int] | None) -> list[int]:
    wanted = {
        (k, v)
        for k, v in (("genre", query.genre), ("country", query.country), ("language", query.language))
        if v
    }
    kept = [
        r
        for r in rows
        if r.guild_id in (0, guild)
        and wanted <= r.facets
        and (people is None or r.film_id in people)
        and (query.years is None or (r.year is not None and query.years[0] <= r.year <= query.years[1]))
    ]
    return [r.film_id for r in sorted(kept, key=lambda r: r.key(query.order))]


def queries(rng: random.Random, rows: list[FacetRow], count: int) -> list[tuple[Discovery, set[int] | None]]:
    found = []
    for _ in range(count):
        start = rng.randint(1925, 2020)
        people = (
            set(rng.sample([r.film_id for r in rows], rng.randint(0, 40))) if rng.random() < 0.2 else None
        )
        query = Discovery(
            genre=rng.choice([None, None, *GENRES, "no such genre"]),
            years=rng.choice([None, (start, start), (start, start + 9), (1900, start)]),
            country=rng.choice([None, None, *COUNTRIES]),
            language=rng.choice([None, None, None, *LANGUAGES]),
            order=rng.choice(list(Order)),
        )
        found.append((query, people))
    return found


@pytest.mark.parametrize("sparse_limit", [1 << 15, 8])  # the ranked path, and the bitset walk
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_filter_combination_and_order_matches_the_naive_answer(
    monkeypatch: pytest.MonkeyPatch, seed: int, sparse_limit: int
) -> None:
    monkeypatch.setattr(facets, "SPARSE_LIMIT", sparse_limit)
    monkeypatch.setattr(facets, "WALK_CHUNK", 16)  # walks of several steps, and past the limit
    monkeypatch.setattr(facets, "WALK_LIMIT", 64)
    rng = random.Random(seed)
    rows = catalogue(rng, 1500)
    index = FacetIndex(FacetColumns.of(rows))
    for query, people in queries(rng, rows, 300):
        guild = rng.choice([0, GUILD])
        expected = naive(rows, query, guild, people)
        limit = rng.choice([1, 25, 200])
        found = index.find(query, guild, limit, sorted(people) if people is not None else None)
        assert (found.film_ids, found.total) == (expected[:limit], len(expected)), query


def test_changed_films_are_found_as_they_are_now() -> None:
    rng = random.Random(5)
    rows = catalogue(rng, 800)
    index = FacetIndex(FacetColumns.of(rows))
    changed = rng.sample(rows, 60)
    removed, edited = changed[:20], changed[20:]
    now = {r.film_id: r for r in rows}
    for row in removed:
        del now[row.film_id]
    for row in edited:
        now[row.film_id] = FacetRow(row.film_id, 0, 1999, 99_999, 90, frozenset({("genre", "western")}))
    added = [FacetRow(10**9 + i, GUILD, 2001, i, -1, frozenset({("genre", "western")})) for i in range(5)]
    index.replace([r.film_id for r in changed], [now[r.film_id] for r in edited])
    index.replace([r.film_id for r in added], added)
    current = list(now.values()) + added
    for query, people in queries(rng, current, 200):
        for guild in (0, GUILD):
            expected = naive(current, query, guild, people)
            found = index.find(query, guild, 25, sorted(people) if people is not None else None)
            assert (found.film_ids, found.total) == (expected[:25], len(expected)), query
    westerns = index.find(Discovery(genre="western", years=(1999, 1999)), 0, 40)
    assert westerns.film_ids == sorted(r.film_id for r in edited)  # most notable first, then by id


@pytest.mark.parametrize("sparse_limit", [1 << 15, 4])
def test_a_pick_is_a_matching_film_and_any_can_come_up(
    monkeypatch: pytest.MonkeyPatch, sparse_limit: int
) -> None:
    monkeypatch.setattr(facets, "SPARSE_LIMIT", sparse_limit)
    rng = random.Random(9)
    rows = catalogue(rng, 600)
    index = FacetIndex(FacetColumns.of(rows))
    index.replace([], [FacetRow(10**9, 0, 1950, 1, -1, frozenset({("genre", "western")}))])
    query = Discovery(genre="western")
    matching = set(index.find(query, 0, 10_000).film_ids)
    assert 10**9 in matching and len(matching) > 10
    picked = {index.pick(query, 0, rng) for _ in range(3000)}
    assert picked == matching  # every match, and nothing else
    assert index.pick(Discovery(genre="no such genre"), 0, rng) is None


def test_an_empty_index_finds_nothing() -> None:
    index = FacetIndex()
    assert index.find(Discovery(), 0, 25).film_ids == [] and index.find(Discovery(), 0, 25).total == 0
    assert index.pick(Discovery(years=(1990, 1999)), 0, random.Random(1)) is None
