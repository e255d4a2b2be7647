"""Bulk import of damaged files through `filmbot import`: every bad row or file gets one line
naming file and line, and the rest lands."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.settings import Settings

pytestmark = pytest.mark.usefixtures("cli_environment")


def imported(settings: Settings) -> dict[str, int | None]:
    with sqlite3.connect(settings.db_path) as con:
        rows = con.execute("SELECT title, year FROM films WHERE origin = 'import'").fetchall()
    return dict(rows)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    lines = [line for line in (captured.out + captured.err).splitlines() if line.strip()]
    assert not any("Traceback" in line for line in lines)
    return code, lines


def test_a_row_renaming_a_film_adds_an_alias_and_renames_nothing(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "films.csv"
    first.write_text("id,title,year\n1,Alpha,2000\n2,Beta,2000\n", encoding="utf-8")
    assert run(capsys, str(first))[0] == 0
    first.write_text("id,title,year\n2,Beta Two,2000\n1,Beta Two,2000\n3,Gamma,2001\n", encoding="utf-8")
    code, lines = run(capsys, str(first))
    assert code == 0
    assert f"{first.name}: 1 added, 0 enriched, 2 aliased, 0 skipped, into the shared catalogue" in lines[0]
    assert imported(settings) == {"Alpha": 2000, "Beta": 2000, "Gamma": 2001}
    with sqlite3.connect(settings.db_path) as con:
        aliases = con.execute(
            "SELECT f.title, a.alias FROM aliases a JOIN films f ON f.id = a.film_id WHERE f.origin = 'import'"
        ).fetchall()
    assert sorted(aliases) == [("Alpha", "Beta Two"), ("Beta", "Beta Two")]


def test_an_unclosed_quote_is_reported_not_merged(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "films.csv"
    path.write_text('title,year\nAlpha,2000\n"Beta,2001\nGamma,2002\nDelta,2003\n', encoding="utf-8")
    code, lines = run(capsys, str(path))
    assert code == 1
    assert (
        f"skipped {path}:3: a quote opened on this line is never closed, so nothing after it was read"
        in lines
    )
    assert imported(settings) == {"Alpha": 2000}


def test_a_quote_closed_lines_later_is_not_a_title(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "films.csv"
    path.write_text('title,year\n"Beta\nGamma",2002\nDelta,2003\n', encoding="utf-8")
    code, lines = run(capsys, str(path))
    assert code == 1 and any(f"{path}:2: the title runs over several lines" in line for line in lines)
    assert imported(settings) == {"Delta": 2003}


def test_a_field_over_the_csv_limit_is_reported_and_the_rest_lands(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "films.csv"
    huge = "x" * 140_000
    path.write_text(f'title,year\nAlpha,2000\n"{huge}",2001\nGamma,2002\n', encoding="utf-8")
    code, lines = run(capsys, str(path))
    assert code == 1
    assert f"skipped {path}:3: a field is longer than 131,072 characters" in lines
    assert imported(settings) == {"Alpha": 2000, "Gamma": 2002}


def test_a_file_that_is_not_gzip_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("films.csv.gz", "title.basics.tsv.gz"):
        path = tmp_path / name
        path.write_text("title,year\nAlpha,2000\n", encoding="utf-8")
        code, lines = run(capsys, str(path))
        assert code in (1, 2)
        assert (
            [line for line in lines if "gzip" in line]
            == [line for line in lines if f"{path}:1: the file is not valid gzip" in line]
            != []
        )


def test_a_cut_short_gzip_keeps_the_rows_before_the_cut(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"Film {n},{1900 + n % 100}\n" for n in range(6000))
    data = gzip.compress(f"title,year\n{rows}".encode(), compresslevel=1)
    path = tmp_path / "films.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    code, lines = run(capsys, str(path))
    assert code == 1
    damaged = [line for line in lines if "cut short" in line]
    assert len(damaged) == 1 and damaged[0].startswith(f"skipped {path}:")
    reached = int(damaged[0].split(":")[1]) - 1  # the last line read before the cut
    landed = imported(settings)
    assert 1000 < len(landed) == reached - 1  # every row read (beyond the header) landed
    assert "Film 0" in landed


def test_a_csv_with_a_byte_order_mark_imports(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("title,year\r\nAmélie,2001\r\nAlpha,2000\r\n".encode("utf-8-sig"))
    code, _ = run(capsys, str(path))
    assert code == 0
    assert imported(settings) == {"Amélie": 2001, "Alpha": 2000}
