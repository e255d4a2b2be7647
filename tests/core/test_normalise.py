import pytest

from bot.core.normalise import compact, fold, split_year, title_key


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Backtrace", "backtrace"),
        ("BACKTRACE", "backtrace"),
        ("  Backtrace  ", "backtrace"),
        ("Amélie", "amelie"),
        ("ＡＭＥＬＩＥ", "amelie"),
        ("AMÉLIE", "amelie"),
        ("The Matrix", "matrix"),
        ("Matrix, The", "matrix"),
        ("matrix", "matrix"),
        ("A Beautiful Mind", "beautiful mind"),
        ("Fast & Furious", "fast and furious"),
        ("Fast and Furious", "fast and furious"),
        ("Schindler's List", "schindlers list"),
        ("Schindler’s List", "schindlers list"),
        ("Spider-Man: No Way Home", "spider man no way home"),
        ("WALL·E", "wall e"),
        ("211", "211"),
        ("1917", "1917"),
        ("NO", "no"),
        ("The", "the"),
        ("Back\u200btrace", "backtrace"),
        ("\u202eBacktrace", "backtrace"),
    ],
)
def test_title_key(typed: str, expected: str) -> None:
    assert title_key(typed) == expected


def test_same_key_for_index_and_query_variants() -> None:
    variants = ["Dragged Across Concrete", "dragged across concrete!", "DRAGGED  ACROSS  CONCRETE"]
    assert len({title_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("typed", "title", "year"),
    [
        ("Backtrace 2021", "Backtrace", 2021),
        ("Backtrace (2021)", "Backtrace", 2021),
        ("Backtrace [2021]", "Backtrace", 2021),
        ("Backtrace, 2021", "Backtrace", 2021),
        ("Backtrace", "Backtrace", None),
        ("1917", "1917", None),
        ("211", "211", None),
        ("Blade Runner 2049", "Blade Runner", 2049),
        ("Catch-22", "Catch-22", None),
        ("Ocean's 11", "Ocean's 11", None),
    ],
)
def test_split_year(typed: str, title: str, year: int | None) -> None:
    assert split_year(typed) == (title, year)


def test_fold_and_compact() -> None:
    assert fold("Ça") == "ca"
    assert compact(title_key("Back Trace")) == "backtrace"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("The Godfather Part II", "godfather 2"),
        ("godfather part 2", "godfather 2"),
        ("Godfather II", "godfather 2"),
        ("Kill Bill: Vol. 1", "kill bill 1"),
        ("Harry Potter and the Deathly Hallows: Part 2", "harry potter and the deathly hallows 2"),
        ("Rocky IV", "rocky 4"),
        ("Chapter Two", "2"),
        ("Malcolm X", "malcolm x"),  # a lone letter is a letter
        ("I, Robot", "i robot"),
        ("1917", "1917"),
        ("Part of the Game", "part of the game"),
    ],
)
def test_match_key_writes_sequel_numbers_one_way(typed: str, expected: str) -> None:
    from bot.core.normalise import match_key

    assert match_key(typed) == expected
