"""Bulk import of real-format dataset samples into a real SQLite file."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.core.errors import DataFileError
from bot.core.models import CastMember
from bot.formats.datasets import detect
from bot.store.bulk import bulk_import
from bot.store.database import Database
from bot.store.films import film_from_row
from bot.store.seeding import seed
from tests.conftest import DATA, ROOT

# Reads the file with sqlite3 directly; bulk imports on PostgreSQL: tests/store/test_postgres.py.
pytestmark = pytest.mark.sqlite_only

FIXTURES = ROOT / "tests" / "fixtures"


def films(db: Database, guild: int = 0) -> dict[str, tuple[object, ...]]:
    """Imported films as (title, year, votes, director, cast, genres), read back as Films."""
    with sqlite3.connect(db.path) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute(
            "SELECT f.* FROM film_rows f JOIN films o ON o.id = f.id WHERE f.guild_id = ? AND o.origin = 'import'",
            (guild,),
        ).fetchall()
    found = [film_from_row(row) for row in rows]
    return {f.key: (f.title, f.year, f.votes, f.director, f.cast, f.genres) for f in found}


@pytest.mark.parametrize(
    ("name", "kind"),
    [("imdb/title.basics.tsv", "imdb"), ("movies.csv", "movielens"), ("films.csv", "csv")],
)
def test_detect(name: str, kind: str) -> None:
    assert detect(FIXTURES / name) == kind


def test_detect_refuses_unknown_files(tmp_path: Path) -> None:
    odd = tmp_path / "notes.csv"
    odd.write_text("name,score\nx,1\n")
    with pytest.raises(DataFileError, match=r"notes\.csv:1: unknown format"):
        detect(odd)


async def test_imdb_with_ratings_and_people(db: Database, tmp_path: Path) -> None:
    seen: list[tuple[float, int]] = []
    report = await bulk_import(
        db, FIXTURES / "imdb" / "title.basics.tsv", 0, progress=lambda f, n: seen.append((f, n))
    )
    rows = films(db)
    assert set(rows) == {
        "imdb:tt0111161",
        "imdb:tt0068646",
        "imdb:tt0209144",
        "imdb:tt0133093",
        "imdb:tt0000001",
    }
    title, year, votes, director, cast, genres = rows["imdb:tt0209144"]
    assert (title, year, votes, director) == ("Memento", 2000, 1350000, "Christopher Nolan")
    assert (
        isinstance(cast, tuple)
        and CastMember("Guy Pearce", "Leonard") in cast
        and genres == ("mystery", "thriller")
    )
    assert rows["imdb:tt0000001"][1] is None  # \N year
    assert [str(p) for p in report.problems] == [
        f"{FIXTURES / 'imdb' / 'title.basics.tsv'}:8: expected 9 tab-separated fields, found 6",
        f"{FIXTURES / 'imdb' / 'title.basics.tsv'}:9: expected 9 tab-separated fields, found 1",
        f"{FIXTURES / 'imdb' / 'title.basics.tsv'}:11: year '3021' is not a year between 1870 and 2100",
    ]
    assert (report.added, report.enriched) == (5, 0)
    assert seen[-1] == (1.0, 5)
    again = await bulk_import(db, FIXTURES / "imdb" / "title.basics.tsv", 0)
    assert (again.added, again.enriched, again.skipped) == (0, 0, {"already there with nothing new": 5})
    assert len(films(db)) == 5


async def test_gzipped_imdb_files(db: Database, tmp_path: Path) -> None:
    for source in (FIXTURES / "imdb").iterdir():
        with source.open("rb") as raw, gzip.open(tmp_path / f"{source.name}.gz", "wb") as packed:
            shutil.copyfileobj(raw, packed)
    report = await bulk_import(db, tmp_path / "title.basics.tsv.gz", 0)
    assert report.added == 5
    assert films(db)["imdb:tt0111161"][2] == 3000000


async def test_movielens(db: Database) -> None:
    report = await bulk_import(db, FIXTURES / "movies.csv", 0)
    rows = films(db)
    assert rows["movielens:2571"][:2] == ("The Matrix", 1999)
    assert rows["movielens:1"][0] == "Toy Story"
    assert rows["movielens:131260"][5] == ()
    assert rows["movielens:4973"][:2] == ("Amelie (Fabuleux destin d'Amélie Poulain, Le)", 2001)
    assert [p.line for p in report.problems] == [7]


async def test_plain_csv_skips_bad_rows_and_duplicates_of_the_catalogue(db: Database) -> None:
    await seed(db, DATA)
    report = await bulk_import(db, FIXTURES / "films.csv", 0)
    rows = films(db)
    assert set(rows) == {"csv:2", "csv:5"}  # Backtrace (2021) is already in the seed catalogue
    assert rows["csv:5"][:3] == ("NO", 2012, 30000)
    assert (report.added, report.enriched, report.skipped) == (2, 1, {})  # the seed's Backtrace gains votes
    with sqlite3.connect(db.path) as con:
        seeded = con.execute("SELECT origin, votes FROM films WHERE title = 'Backtrace'").fetchall()
    assert seeded == [("seed", 1200)]
    assert [(p.line, p.message) for p in report.problems] == [
        (4, "empty title"),
        (5, "votes 'lots' is not a whole number"),
    ]


async def test_import_into_a_server_stays_there(db: Database) -> None:
    await bulk_import(db, FIXTURES / "movies.csv", 42)
    assert films(db, 0) == {}
    assert len(films(db, 42)) == 5


async def test_a_non_utf8_row_is_skipped_with_its_line(db: Database, tmp_path: Path) -> None:
    big = tmp_path / "films.csv"
    rows = "".join(f"Film {n},2001\n" for n in range(12_000))
    big.write_bytes(b"title,year\n" + rows.encode() + b"Bad \xff,2002\nLast,2003\n")
    report = await bulk_import(db, big, 0)
    assert report.added == 12_001
    assert [(p.line, p.message) for p in report.problems] == [
        (12_002, "not valid UTF-8: save the file as UTF-8")
    ]


async def test_seeding_adopts_a_film_imported_before_it(db: Database, tmp_path: Path) -> None:
    early = tmp_path / "films.csv"
    early.write_text("id,title,year,votes\n1,Memento,2000,1350000\n2,Other Film,2001,5\n")
    await bulk_import(db, early, 0)
    await seed(db, DATA)  # must not fail on Memento (2000)
    with sqlite3.connect(db.path) as con:
        rows = con.execute("SELECT seed_key, origin, votes FROM films WHERE title = 'Memento'").fetchall()
    assert rows == [("memento-2000", "seed", 0)]
    assert set(films(db)) == {"csv:2"}
