"""Discovery queries: years typed every way people type them."""

from __future__ import annotations

import pytest

from bot.core.discovery import parse_years
from bot.core.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("1994", (1994, 1994)),
        ("1990s", (1990, 1999)),
        ("1990's", (1990, 1999)),
        ("90s", (1990, 1999)),
        ("00s", (2000, 2009)),
        ("10s", (2010, 2019)),
        ("1940s", (1940, 1949)),
        ("1990-1999", (1990, 1999)),
        ("1999 - 1990", (1990, 1999)),
        ("1980 to 1985", (1980, 1985)),
    ],
)
def test_years(text: str, years: tuple[int, int]) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize(
    ("text", "problem"), [("nineties", "not a year"), ("199", "not a year"), ("1800", "outside")]
)
def test_bad_years_say_what_to_type(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_years(text)
