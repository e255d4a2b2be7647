"""The database's CHECK constraints use the numbers declared in bot.core.limits, so they cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core import limits
from bot.core.curation import clean_text
from bot.core.models import title_label
from bot.formats.catalogue_file import read_text
from bot.formats.datasets import read_csv
from bot.formats.entries import FilmEntry
from tests.conftest import ROOT

MIGRATIONS = ROOT / "bot" / "store" / "migrations"
PG_MIGRATIONS = ROOT / "bot" / "store" / "postgres" / "migrations"  # the same checks on PostgreSQL
COLUMN_FIELD = {
    "character": "role",
    "value": "facet",
}  # columns named differently from their field in FIELD_LIMITS


def _checks() -> list[tuple[str, str, int, int]]:
    found = []
    for path in sorted([*MIGRATIONS.glob("*.sql"), *PG_MIGRATIONS.glob("*.sql")]):
        text = path.read_text(encoding="utf-8")
        for column, low, high in re.findall(r"length\((\w+)\) BETWEEN (\d+) AND (\d+)", text):
            found.append((str(path.relative_to(ROOT)), column, int(low), int(high)))
        for low, high in re.findall(r"\byear BETWEEN (\d+) AND (\d+)", text):
            found.append((str(path.relative_to(ROOT)), "year", int(low), int(high)))
    return found


def test_every_length_check_equals_its_declared_limit() -> None:
    checks = _checks()
    for folder in (MIGRATIONS, PG_MIGRATIONS):
        names = {str(path.relative_to(ROOT)) for path in folder.glob("*.sql")}
        columns = {column for name, column, _, _ in checks if name in names}
        assert {"title", "quote", "source", "reason", "alias", "year", "name", "character"} <= columns
    for name, column, low, high in checks:
        if column == "year":
            assert (low, high) == (limits.MIN_YEAR, limits.MAX_YEAR), name
        else:
            assert low == 1, (name, column)
            assert high == limits.FIELD_LIMITS[COLUMN_FIELD.get(column, column)], (name, column)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Zebra\u202e  Crossing\t", "Zebra Crossing"),  # direction override and spacing
        ("Back\u200btrace", "Backtrace"),  # zero-width space
    ],
)
def test_a_title_is_cleaned_the_same_way_typed_uploaded_or_imported(
    tmp_path: Path, raw: str, expected: str
) -> None:
    typed = clean_text(raw, "title", required=True)
    data, problems = read_text(f'films:\n  - id: zebra\n    title: "{raw}"\n', "up.yaml")
    assert problems == []
    csv_file = tmp_path / "films.csv"
    csv_file.write_text(f'title,year\n"{raw}",2020\n', encoding="utf-8")
    with csv_file.open(encoding="utf-8", newline="") as text:
        rows = list(read_csv(csv_file, text))
    imported = rows[0].film.title if isinstance(rows[0], FilmEntry) else rows[0]
    assert [typed, data.films[0].film.title, imported] == [expected] * 3


def test_title_label() -> None:
    assert title_label("NO", 1917) == "NO (1917)"
    assert title_label("Backtrace", None) == "Backtrace"


def test_the_runtime_check_equals_its_declared_limit() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in MIGRATIONS.glob("*.sql"))
    assert f"runtime BETWEEN 1 AND {limits.MAX_RUNTIME}" in text
