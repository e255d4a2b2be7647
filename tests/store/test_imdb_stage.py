"""The IMDb reader's compact parts: id bitmaps and staging of unsorted principal rows (with the\nstore's scratch SQLite file, bot.store.imdb_stage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.formats.entries import FilmEntry
from bot.formats.imdb import credits_of, read_imdb
from bot.formats.imdb_ids import BITMAP_IDS, Bits, id_number
from bot.store.imdb_stage import open_stage

BASICS = (
    "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
)


@pytest.mark.parametrize(
    ("ident", "prefix", "number"),
    [("tt0068646", "tt", 68646), ("nm0000154", "nm", 154), ("tt36000000", "tt", 36_000_000),
     ("nm0068646", "tt", None), ("tt²⁰", "tt", None), ("tt", "tt", None), ("tt12a", "tt", None),
     ("tt" + "9" * 13, "tt", None)],
)  # fmt: skip
def test_id_numbers(ident: str, prefix: str, number: int | None) -> None:
    assert id_number(ident, prefix) == number


def test_bits_grow_with_the_ids_and_keep_odd_ones_aside() -> None:
    bits = Bits()
    for number in (0, 7, 8, 68646, 36_000_000, BITMAP_IDS + 5):
        bits.add(number)
    assert all(n in bits for n in (0, 7, 8, 68646, 36_000_000, BITMAP_IDS + 5))
    assert not any(n in bits for n in (1, 9, 68645, 68647, 35_999_999, BITMAP_IDS + 4, BITMAP_IDS * 4))
    assert len(bits.bits) < 36_000_000 // 8 * 1.1 and bits.beyond == {BITMAP_IDS + 5}  # a bit per id


def write(folder: Path, name: str, header: str, rows: list[str]) -> None:
    (folder / name).write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")


def test_unsorted_principals_keep_the_first_billed_in_file_order(tmp_path: Path) -> None:
    write(tmp_path, "title.basics.tsv", BASICS, [
        "tt0000002\tmovie\tTwo\tTwo\t0\t2001\t\\N\t90\tDrama",
        "tt0000001\tmovie\tOne\tOne\t0\t2000\t\\N\t90\tDrama",
        "tt0000003\ttvEpisode\tThree\tThree\t0\t2000\t\\N\t90\tDrama",
    ])  # fmt: skip
    rows = [f'tt000000{1 + n % 2}\t{n}\tnm000000{n}\tactor\t\\N\t["Role {n}"]' for n in range(1, 10)]
    rows += ["tt0000003\t1\tnm0000001\tdirector\t\\N\t\\N", "tt0000001\t10\tnm0000009\tdirector\t\\N\t\\N"]
    write(tmp_path, "title.principals.tsv", "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n", rows)
    names = [f"nm000000{n}\tPerson {n}\t\\N\t\\N\tactor\t\\N" for n in range(1, 10)]
    write(
        tmp_path,
        "name.basics.tsv",
        "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n",
        names,
    )
    basics = tmp_path / "title.basics.tsv"
    with basics.open(encoding="utf-8") as text:
        read = read_imdb(basics, text, staging=open_stage)
        films = {row.film.title: row.film for row in read if isinstance(row, FilmEntry)}
    assert set(films) == {"One", "Two"}  # the episode is not a film
    one = films["One"].credits
    assert [(c.name, c.role, c.order, c.character) for c in one] == [
        ("Person 2", "cast", 0, "Role 2"), ("Person 4", "cast", 1, "Role 4"),
        ("Person 6", "cast", 2, "Role 6"), ("Person 8", "cast", 3, "Role 8"),
        ("Person 9", "director", 0, None),
    ]  # fmt: skip
    # five cast rows, interleaved with the other film's: the first four in file order are kept
    assert [c.name for c in films["Two"].credits] == ["Person 1", "Person 3", "Person 5", "Person 7"]
    assert films["Two"].credits[0].person_key == "imdb:nm0000001"


def test_a_credit_without_a_name_is_left_out() -> None:
    staged: list[tuple[str, str, str | None, str | None]] = [
        ("cast", "nm1", "A", None), ("cast", "nm2", None, "  Ann  Lee "), ("director", "nm3", None, "Dee"),
    ]  # fmt: skip
    assert [(c.name, c.order) for c in credits_of(staged)] == [("Ann Lee", 0), ("Dee", 0)]
