"""Real dataset shapes import without an adapter, and combining datasets enriches (issue 13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.core.models import Film
from bot.store.bulk import bulk_import
from bot.store.database import Database
from bot.store.films import film_from_row
from bot.store.seeding import seed
from tests.conftest import DATA, ROOT

# Reads the file with sqlite3 directly; dataset imports on PostgreSQL: tests/store/test_postgres.py.
pytestmark = pytest.mark.sqlite_only

SHAPES = ROOT / "tests" / "fixtures" / "shapes"
IMDB = ROOT / "tests" / "fixtures" / "imdb" / "title.basics.tsv"


def stored(db: Database, guild: int = 0) -> dict[str, Film]:
    """Films of this catalogue by title (the label when two share a title)."""
    with sqlite3.connect(db.path) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT * FROM film_rows WHERE guild_id = ?", (guild,)).fetchall()
    films = [film_from_row(row) for row in rows]
    return {f.title if sum(g.title == f.title for g in films) == 1 else f.key: f for f in films}


def aliases(db: Database) -> set[tuple[str, str]]:
    with sqlite3.connect(db.path) as con:
        rows = con.execute(
            "SELECT f.title, a.alias FROM aliases a JOIN films f ON f.id = a.film_id"
        ).fetchall()
    return set(rows)


async def test_movielens_with_float_years_and_movie_ids(db: Database) -> None:
    report = await bulk_import(db, SHAPES / "movielens_years.csv", 0)
    films = stored(db)
    assert (report.added, report.problems, report.notes) == (4, [], [])
    assert (films["Toy Story"].year, films["Toy Story"].key) == (1995, "movielens:1")
    assert films["The Matrix"].year == 1999 and "sci-fi" in films["The Matrix"].genres
    assert films["Band of Brothers"].year is None


async def test_omdb_style_people_lists_genres_runtime_and_imdb_ids(db: Database) -> None:
    report = await bulk_import(db, SHAPES / "omdb.csv", 0)
    films = stored(db)
    godfather = films["The Godfather"]
    assert godfather.key == "imdb:tt0068646" and godfather.runtime == 175 and godfather.votes == 1924563
    assert godfather.genres == ("crime", "drama")
    assert [c.name for c in godfather.people("cast")] == [
        "Marlon Brando",
        "Al Pacino",
        "James Caan",
        "Diane Keaton",
    ]
    assert [c.name for c in godfather.people("writer")] == ["Mario Puzo", "Francis Ford Coppola"]
    cast = [c.name for c in films["Jerry Maguire"].people("cast")]
    assert cast == ["Tom Cruise", "Cuba Gooding, Jr.", "Renée Zellweger", "Kelly Preston"]
    assert [n.message for n in report.notes] == ["ignoring unknown columns: Rated"]
    # Two different films sharing title and year, each with its own IMDb id, are both kept.
    assert {films["imdb:tt0000101"].director, films["imdb:tt0000102"].director} == {
        "Ann Example",
        "Bo Example",
    }
    assert (report.added, report.problems) == (5, [])


async def test_ggplot2_genre_flag_columns(db: Database) -> None:
    report = await bulk_import(db, SHAPES / "ggplot_movies.csv", 0)
    films = stored(db)
    assert films["Toy Story"].genres == ("animation", "comedy")
    assert films["Jerry Maguire"].genres == ("comedy", "drama", "romance")
    assert (films["The Godfather"].runtime, films["The Godfather"].votes) == (175, 122755)
    assert report.added == 3 and report.problems == []
    assert "r1" in report.notes[0].message and "Action" not in report.notes[0].message


async def test_an_older_datasets_smaller_vote_count_does_not_replace_a_larger_one(db: Database) -> None:
    await bulk_import(db, SHAPES / "seven.csv", 0)  # IMDb-sized counts: The Godfather 1,950,000
    report = await bulk_import(db, SHAPES / "ggplot_movies.csv", 0)  # ggplot2's 2005 count: 122,755
    godfather = stored(db)["The Godfather"]
    assert godfather.votes == 1950000 and godfather.genres == ("crime", "drama")
    assert report.skipped["already there with nothing new"] == 1


async def test_map_names_other_columns_and_a_release_date_gives_the_year(db: Database) -> None:
    await bulk_import(db, SHAPES / "mapped.csv", 0, mapping={"title": "name", "year": "Released"})
    films = stored(db)
    assert (films["Chinatown"].year, films["Heat"].year) == (1974, 1995)


async def test_combining_datasets_enriches_aliases_and_never_overwrites(db: Database) -> None:
    await bulk_import(db, SHAPES / "ggplot_movies.csv", 0)  # titles, years, genres: no people, no ids
    report = await bulk_import(db, SHAPES / "omdb.csv", 0)
    films = stored(db)
    godfather = films["The Godfather"]
    assert godfather.director == "Francis Ford Coppola"  # credits filled in
    assert godfather.genres == ("drama",)  # it had genres: kept
    assert godfather.votes == 1924563  # a newer count from a dataset
    assert (report.added, report.enriched) == (3, 2)  # Se7en and the two Namesakes; Godfather, Maguire
    second = await bulk_import(db, SHAPES / "seven.csv", 0)
    assert (second.added, second.aliased) == (0, 1)
    assert ("Se7en", "Seven") in aliases(db) and "Seven" not in stored(db)
    assert second.enriched == 2 and stored(db)["The Godfather"].votes == 1950000  # newer counts
    again = await bulk_import(db, SHAPES / "seven.csv", 0)
    assert (again.added, again.enriched, again.aliased) == (0, 0, 0)
    assert again.skipped == {"already there with nothing new": 2}


async def test_curated_fields_are_never_overwritten(db: Database, tmp_path: Path) -> None:
    await seed(db, DATA)
    before = stored(db)["Memento"]
    await bulk_import(db, IMDB, 0)
    after = stored(db)["Memento"]
    assert (after.title, after.year, after.director, after.genres) == (
        before.title,
        before.year,
        before.director,
        before.genres or after.genres,
    )
    assert after.key == before.key and after.runtime == 113  # the missing runtime filled in


@pytest.mark.usefixtures("cli_environment")
def test_header_notes_do_not_fail_an_import_in_which_every_row_landed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["import", str(SHAPES / "omdb.csv"), "--guild", "5"])
    out = capsys.readouterr().out
    assert code == 0 and "note: " in out and "ignoring unknown columns: Rated" in out
    assert main(["import", str(SHAPES / "mapped.csv"), "--map", "title=Name,year=Released"]) == 0
    assert "2 added" in capsys.readouterr().out
    assert main(["import", str(SHAPES / "mapped.csv"), "--map", "title=Nope"]) == 1
    assert "--map title=Nope: the file has no column 'Nope'" in capsys.readouterr().out
    assert main(["import", str(SHAPES / "mapped.csv"), "--map", "plot=Plot"]) == 2
    assert "unknown field 'plot'" in capsys.readouterr().err


async def test_imdb_progress_is_shown_for_every_file_read(db: Database) -> None:
    seen: list[tuple[str, float]] = []
    await bulk_import(db, IMDB, 0, reading=lambda name, fraction: seen.append((name, fraction)))
    names = ["title.basics.tsv", "title.ratings.tsv", "title.principals.tsv", "name.basics.tsv"]
    assert [name for name, fraction in seen if fraction == 0.0] == names  # each announced as it starts
    assert [name for name, fraction in seen if fraction == 1.0] == names


def test_only_the_films_principal_rows_and_their_people_are_staged() -> None:
    from bot.formats.imdb import credits_of, kept_names, kept_principals
    from bot.formats.imdb_ids import Bits
    from bot.formats.reading import lines
    from bot.store.imdb_stage import open_stage

    films, people = Bits(), Bits()
    films.add(209144)  # Memento only
    with open_stage() as stage:
        stage.credits(kept_principals(lines(IMDB.parent / "title.principals.tsv"), films, people))
        stage.names(kept_names(lines(IMDB.parent / "name.basics.tsv"), people))
        assert stage.db.execute("SELECT DISTINCT title FROM credits").fetchall() == [(209144,)]
        names = {name for (name,) in stage.db.execute("SELECT name FROM names")}
        assert names == {"Guy Pearce", "Christopher Nolan"}
        votes, rows = stage.film(209144)
        assert votes == 0  # no ratings staged
        assert [c.name for c in credits_of(rows)] == ["Guy Pearce", "Christopher Nolan"]
        assert stage.film(133093) == (0, [])
        folder = Path(stage.db.execute("PRAGMA database_list").fetchone()[2]).parent
        assert not folder.exists()  # unlinked once open: nothing is left even if the process is killed
