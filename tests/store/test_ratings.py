"""Members' ratings on a real SQLite file: rating, re-rating, listings, /top, co-ratings, isolation."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.errors import FilmNotFound, InvalidInput
from bot.core.models import Film
from bot.core.ratings import MIN_CO_RATERS, Average, TopFilter, co_rating_suggestions
from bot.core.ratings_text import clean_review
from bot.store.curation import SqliteCuration
from bot.store.database import Database
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from tests.store.conftest import GUILD, OTHER_GUILD


async def count(db: Database) -> int:
    row = await db.fetchone("SELECT count(*) FROM ratings")
    assert row is not None
    return int(row[0])


async def test_rate_then_rate_again_replaces_and_says_what_it_replaced(
    ratings: SqliteRatings, films: dict[str, int], db: Database
) -> None:
    memento = films["memento-2000"]
    first = await ratings.rate(GUILD, 7, memento, 8, "Backwards and brilliant.", False)
    assert first.previous is None
    assert (first.rating.halves, first.rating.review, first.rating.film_label) == (
        8,
        "Backwards and brilliant.",
        "Memento (2000)",
    )
    again = await ratings.rate(GUILD, 7, memento, 9, None, True)
    assert again.previous == first.rating
    assert (again.rating.halves, again.rating.review, again.rating.spoiler) == (9, None, False)
    assert again.rating.id == first.rating.id and again.rating.created_at == first.rating.created_at
    assert again.rating.updated_at > first.rating.updated_at
    assert await count(db) == 1
    assert await ratings.average(GUILD, memento) == Average(1, 9)


async def test_bad_ratings_change_nothing(
    ratings: SqliteRatings, films: dict[str, int], db: Database
) -> None:
    memento = films["memento-2000"]
    with pytest.raises(InvalidInput, match="out of range"):
        await ratings.rate(GUILD, 7, memento, 11, None, False)
    with pytest.raises(InvalidInput, match="keep it to 1000"):
        await ratings.rate(GUILD, 7, memento, 8, "x" * 1001, False)
    with pytest.raises(InvalidInput, match="in a server"):
        await ratings.rate(0, 7, memento, 8, None, False)
    with pytest.raises(FilmNotFound):
        await ratings.rate(GUILD, 7, 999_999, 8, None, False)
    assert await count(db) == 0


async def test_review_text_is_stored_cleaned(ratings: SqliteRatings, films: dict[str, int]) -> None:
    raw = " Twisty\u202e!\r\n\n\n\nSee it.\u200b "
    result = await ratings.rate(GUILD, 7, films["memento-2000"], 8, raw, True)
    assert result.rating.review == clean_review(raw) == "Twisty!\n\nSee it."
    assert result.rating.spoiler
    blank = await ratings.rate(GUILD, 8, films["memento-2000"], 8, "  \n ", True)
    assert blank.rating.review is None and not blank.rating.spoiler  # no text, nothing to hide


async def test_a_server_sees_only_its_own_ratings(
    ratings: SqliteRatings, db: Database, films: dict[str, int]
) -> None:
    memento = films["memento-2000"]
    await ratings.rate(GUILD, 7, memento, 10, "Mine.", False)
    assert await ratings.average(OTHER_GUILD, memento) == Average(0, 0)
    assert (await ratings.reviews(OTHER_GUILD, memento, 7, 0, 10)).total == 0
    assert (await ratings.member_ratings(OTHER_GUILD, 7, 0, 10)).total == 0
    assert await ratings.rating(OTHER_GUILD, 7, memento) is None
    assert await ratings.top(OTHER_GUILD, TopFilter(), 1, 10) == []
    # A film another server added is out of reach: as if it did not exist.
    own = await SqliteCuration(db).add_film(OTHER_GUILD, 1, Film(0, "Private Cut", 2020, key="private-cut"))
    with pytest.raises(FilmNotFound):
        await ratings.rate(GUILD, 7, own.id, 8, None, False)
    await ratings.rate(OTHER_GUILD, 7, own.id, 8, None, False)


async def test_unrate(ratings: SqliteRatings, films: dict[str, int], db: Database) -> None:
    memento = films["memento-2000"]
    assert await ratings.unrate(GUILD, 7, memento) is None
    rated = await ratings.rate(GUILD, 7, memento, 8, None, False)
    await ratings.rate(OTHER_GUILD, 7, memento, 8, None, False)
    assert await ratings.unrate(GUILD, 7, memento) == rated.rating
    assert await ratings.rating(GUILD, 7, memento) is None
    assert await count(db) == 1  # the other server's rating stays


async def test_reviews_newest_first_paginated_hidden_only_for_author(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int]
) -> None:
    heist = films["american-heist-2014"]
    for user in range(1, 8):
        await ratings.rate(GUILD, user, heist, user + 2, f"review {user}", user == 3)
    await ratings.rate(GUILD, 50, heist, 6, None, False)  # stars only: not a review
    await ratings.rate(GUILD, 2, heist, 10, "review 2, rewritten", False)  # now the newest
    first = await ratings.reviews(GUILD, heist, 99, 0, 3)
    assert first.total == 7
    assert [r.review for r in first.items] == ["review 2, rewritten", "review 7", "review 6"]
    rest = await ratings.reviews(GUILD, heist, 99, 3, 10)
    assert [r.user_id for r in rest.items] == [5, 4, 3, 1]
    assert [r.spoiler for r in rest.items] == [False, False, True, False]
    hidden = first.items[1]
    await moderation.hide(GUILD, 500, hidden.id, "off topic")
    assert 7 not in [r.user_id for r in (await ratings.reviews(GUILD, heist, 99, 0, 10)).items]
    assert (await ratings.reviews(GUILD, heist, 99, 0, 10)).total == 6
    own = await ratings.reviews(GUILD, heist, 7, 0, 10)
    assert own.total == 7 and own.items[1].hidden and own.items[1].hidden_reason == "off topic"
    # Hiding hides the words, not the member's stars.
    assert (await ratings.average(GUILD, heist)).count == 8


async def test_rerating_a_hidden_review_keeps_it_hidden_until_restored(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int]
) -> None:
    film = films["memento-2000"]
    rated = await ratings.rate(GUILD, 7, film, 2, "spam spam", False)
    await moderation.hide(GUILD, 500, rated.rating.id, "spam")
    again = await ratings.rate(GUILD, 7, film, 3, "spam again", False)
    assert again.rating.hidden and again.rating.hidden_reason == "spam"
    cleared = await ratings.rate(GUILD, 7, film, 3, None, False)
    assert not cleared.rating.hidden and cleared.rating.hidden_reason is None


async def test_member_ratings_are_private_to_the_member_and_server(
    ratings: SqliteRatings, films: dict[str, int]
) -> None:
    for key in ("memento-2000", "211-2018", "escape-plan-2013"):
        await ratings.rate(GUILD, 7, films[key], 8, None, False)
    await ratings.rate(GUILD, 8, films["memento-2000"], 8, None, False)
    page = await ratings.member_ratings(GUILD, 7, 0, 2)
    assert page.total == 3
    assert [r.film_label for r in page.items] == ["Escape Plan (2013)", "211 (2018)"]
    assert [r.film_label for r in (await ratings.member_ratings(GUILD, 7, 2, 2)).items] == ["Memento (2000)"]


async def test_top_with_minimum_genre_and_decade(ratings: SqliteRatings, films: dict[str, int]) -> None:
    plan: dict[str, list[int]] = {
        "memento-2000": [10, 10, 9],  # mystery 2000s: 4.8
        "backtrace-2021": [8, 8, 8, 8],  # action crime 2020s: 4.0
        "211-2018": [10, 10],  # too few ratings for a minimum of 3
        "escape-plan-2013": [6, 8, 10],  # action 2010s: 4.0 with 3 ratings, below Backtrace's 4
        "american-heist-2014": [2, 2, 2],  # crime 2010s: 1.0
    }
    for key, stars in plan.items():
        for user, halves in enumerate(stars, start=1):
            await ratings.rate(GUILD, user, films[key], halves, None, False)
    top = await ratings.top(GUILD, TopFilter(), 3, 10)
    assert [e.film.title for e in top] == ["Memento", "Backtrace", "Escape Plan", "American Heist"]
    assert top[0].average == Average(3, 29) and top[0].average.number == "4.8"
    assert [e.film.title for e in await ratings.top(GUILD, TopFilter(), 2, 1)] == ["211"]
    crime = await ratings.top(GUILD, TopFilter(genre="crime"), 3, 10)
    assert [e.film.title for e in crime] == ["Backtrace", "American Heist"]
    tens = await ratings.top(GUILD, TopFilter(decade=2010), 2, 10)
    assert [e.film.title for e in tens] == ["211", "Escape Plan", "American Heist"]
    both = await ratings.top(GUILD, TopFilter(genre="action", decade=2010), 1, 10)
    assert [e.film.title for e in both] == ["211", "Escape Plan", "American Heist"]
    assert await ratings.top(GUILD, TopFilter(genre="western"), 1, 10) == []


async def test_members_who_liked_also_liked(ratings: SqliteRatings, films: dict[str, int]) -> None:
    memento, backtrace, plan, heist = (
        films[k] for k in ("memento-2000", "backtrace-2021", "escape-plan-2013", "american-heist-2014")
    )
    for user in range(1, 5):  # four members loved Memento and Backtrace
        await ratings.rate(GUILD, user, memento, 9, None, False)
        await ratings.rate(GUILD, user, backtrace, 8, None, False)
    for user in range(1, MIN_CO_RATERS):  # too few liked Escape Plan as well
        await ratings.rate(GUILD, user, plan, 10, None, False)
    for user in range(1, 5):  # they all rated American Heist, but low: not "liked"
        await ratings.rate(GUILD, user, heist, 5, None, False)
    await ratings.rate(GUILD, 9, memento, 2, None, False)  # disliked Memento: not counted
    await ratings.rate(GUILD, 9, backtrace, 10, None, False)
    await ratings.rate(OTHER_GUILD, 20, memento, 10, None, False)  # other servers don't count
    await ratings.rate(OTHER_GUILD, 20, backtrace, 10, None, False)
    found = await ratings.liked_together(GUILD, memento, 10)
    assert [(c.film.title, c.members) for c in found] == [("Backtrace", 4)]
    film = next(iter(await ratings.top(GUILD, TopFilter(genre="mystery"), 1, 1))).film
    reasons = [s.reason for s in co_rating_suggestions(film, found)]
    assert reasons == ["4 members who rated Memento highly also liked Backtrace"]


async def test_hundred_concurrent_ratings_lose_nothing(
    ratings: SqliteRatings, films: dict[str, int], db: Database
) -> None:
    memento, backtrace = films["memento-2000"], films["backtrace-2021"]
    stars = [(user % 10) + 1 for user in range(100)]
    results = await asyncio.gather(
        *(
            ratings.rate(GUILD, 1000 + user, memento, stars[user], f"take {user}", False)
            for user in range(100)
        )
    )
    assert len({r.rating.id for r in results}) == 100 and all(r.previous is None for r in results)
    assert await ratings.average(GUILD, memento) == Average(100, sum(stars))
    # One member pressing a hundred times at once still holds exactly one rating: the last write.
    again = await asyncio.gather(
        *(ratings.rate(GUILD, 5, backtrace, h % 10 + 1, None, False) for h in range(100))
    )
    assert sum(r.previous is None for r in again) == 1
    assert await count(db) == 101
    final = await ratings.rating(GUILD, 5, backtrace)
    assert final is not None and final.updated_at == max(r.rating.updated_at for r in again)
