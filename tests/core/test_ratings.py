"""The pure rules of members' ratings: stars, averages, permissions, rate limit, /top, co-ratings."""

from __future__ import annotations

import pytest

from bot.core.errors import InvalidInput, PermissionDenied
from bot.core.models import Caller, Film
from bot.core.ratings import (
    MIN_CO_RATERS,
    RATE_LIMIT,
    Average,
    CoRating,
    RateLimited,
    RateLimiter,
    RatingSettings,
    TopFilter,
    check_halves,
    check_may_review,
    check_server,
    co_rating_suggestions,
    parse_hide_reason,
    parse_min_ratings,
    parse_stars,
    parse_top_filter,
    stars_number,
    stars_text,
)


@pytest.mark.parametrize(
    ("text", "halves"),
    [
        ("4.5", 9),
        ("4,5", 9),
        (" 4 ", 8),
        ("0.5", 1),
        ("5", 10),
        ("5.0", 10),
        ("4½", 9),
        ("4 1/2", 9),
        ("3.5/5", 7),
        ("3 stars", 6),
        ("★★★★½", 9),
        ("★★★☆☆", 6),
        ("⭐⭐⭐⭐", 8),
        ("⭐️⭐️", 4),  # with emoji variation selectors
        ("½", 1),
        ("****", 8),
        ("４.５", 9),  # full-width digits
    ],
)
def test_parse_stars_accepts(text: str, halves: int) -> None:
    assert parse_stars(text) == halves


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "An empty rating isn't a rating"),
        ("great", "isn't a rating"),
        ("4.3", "isn't a half step"),
        ("4.25", "isn't a half step"),
        ("0", "out of range"),
        ("5.5", "out of range"),
        ("6", "out of range"),
        ("★★★★★★", "out of range"),
        ("★½★", "isn't a rating"),
        ("½½", "isn't a rating"),
        ("-3", "isn't a rating"),
        ("1e1", "isn't a rating"),
    ],
)
def test_parse_stars_refuses_with_the_fix(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_stars(text)
    assert problem in caught.value.message
    assert "half steps" in caught.value.message


def test_check_halves() -> None:
    assert check_halves(1) == 1 and check_halves(10) == 10
    for bad in (0, 11, -2):
        with pytest.raises(InvalidInput, match="out of range"):
            check_halves(bad)


@pytest.mark.parametrize(
    ("halves", "glyphs", "number"), [(1, "½", "0.5"), (8, "★★★★", "4"), (9, "★★★★½", "4.5")]
)
def test_stars_shown_as_glyphs_and_number(halves: int, glyphs: str, number: str) -> None:
    assert stars_text(halves) == glyphs
    assert stars_number(halves) == number
    assert parse_stars(glyphs) == halves == parse_stars(number)


def test_average_as_stars_and_number() -> None:
    assert Average(3, 8 + 9 + 9).number == "4.3"  # 26 halves / 3 = 4.33 stars
    assert Average(3, 8 + 9 + 9).stars == "★★★★½"  # 8.67 halves rounds to 9
    assert Average(2, 8 + 9).stars == "★★★★½"  # a tie (8.5) rounds up
    assert Average(1, 2).describe() == "★ 1.0 / 5 from 1 rating"
    assert Average(4, 30).describe() == "★★★★ 3.8 / 5 from 4 ratings"
    assert Average(0, 0).describe() == "No member has rated it yet."
    assert Average(0, 0).stars == ""


def test_ratings_need_a_server() -> None:
    check_server(1234)
    with pytest.raises(InvalidInput, match="in a server"):
        check_server(0)


def test_review_role() -> None:
    member = Caller(guild_id=1, user_id=2, role_ids=frozenset({5}))
    check_may_review(RatingSettings(), member)
    check_may_review(RatingSettings(review_role_id=5), member)
    check_may_review(RatingSettings(review_role_id=6), Caller(guild_id=1, user_id=3, can_manage_guild=True))
    with pytest.raises(PermissionDenied, match="needs a role"):
        check_may_review(RatingSettings(review_role_id=6), member)


def test_settings_values() -> None:
    assert parse_min_ratings(1) == 1
    for bad in (0, -1, 1001):
        with pytest.raises(InvalidInput, match="between 1 and 1000"):
            parse_min_ratings(bad)
    assert parse_hide_reason("  off\n topic ") == "off topic"
    with pytest.raises(InvalidInput, match="Say why"):
        parse_hide_reason("  ")
    with pytest.raises(InvalidInput, match="under 400"):
        parse_hide_reason("x" * 401)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_per_member_with_retry_time() -> None:
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    for _ in range(RATE_LIMIT):
        limiter.check(1)
        clock.now += 1
    with pytest.raises(RateLimited) as caught:
        limiter.check(1)
    # The first rating was at 1000 and the window is 60 s: it frees a slot at 1060, now is 1005.
    assert caught.value.retry_after == 55
    assert "try again in 55 s" in caught.value.message
    limiter.check(2)  # another member is not held back
    clock.now = 1059.5
    with pytest.raises(RateLimited) as caught:
        limiter.check(1)
    assert caught.value.retry_after == 1  # never "try again in 0 s"
    clock.now = 1060.0
    limiter.check(1)  # the oldest rating left the window
    with pytest.raises(RateLimited):
        limiter.check(1)  # refused checks counted nothing, but the window is full again


@pytest.mark.parametrize(
    ("genre", "decade", "expected"),
    [
        (None, None, TopFilter()),
        ("  Crime ", "1990s", TopFilter("crime", 1990)),
        ("science  fiction", "90s", TopFilter("science fiction", 1990)),
        (None, "'80s", TopFilter(None, 1980)),
        (None, "1994", TopFilter(None, 1990)),
        ("", " ", TopFilter()),
        (None, "10s", TopFilter(None, 2010)),
    ],
)
def test_top_filter(genre: str | None, decade: str | None, expected: TopFilter) -> None:
    assert parse_top_filter(genre, decade) == expected


@pytest.mark.parametrize("decade", ["nineties", "199", "19900s", "3000s"])
def test_top_filter_refuses_bad_decades(decade: str) -> None:
    with pytest.raises(InvalidInput, match=r"decade|years"):
        parse_top_filter(None, decade)


def test_co_rating_suggestions_need_enough_members_and_say_how_many() -> None:
    heat = Film(1, "Heat", 1995)
    thief, ronin, collateral = Film(2, "Thief", 1981), Film(3, "Ronin", 1998), Film(4, "Collateral", 2004)
    found = [
        CoRating(ronin, MIN_CO_RATERS),
        CoRating(thief, 4),
        CoRating(collateral, MIN_CO_RATERS - 1),  # too few members: no claim made
        CoRating(heat, 9),  # never suggest the film itself
    ]
    suggestions = co_rating_suggestions(heat, found)
    assert [s.film.title for s in suggestions] == ["Thief", "Ronin"]
    assert suggestions[0].reason == "4 members who rated Heat highly also liked Thief"
    assert co_rating_suggestions(heat, found, limit=1)[0].film is thief
