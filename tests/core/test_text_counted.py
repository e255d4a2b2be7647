"""Counts read as a person writes them: '1 rating', '2 ratings', '1,200 films'."""

from bot.core.text import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "rating") == "1 rating"
    assert counted(0, "rating") == "0 ratings"
    assert counted(1200, "film") == "1,200 films"
