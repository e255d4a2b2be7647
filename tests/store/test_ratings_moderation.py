"""Curators' actions on reviews, ratings settings, and a member's own data, on a real SQLite file."""

from __future__ import annotations

import json

import pytest

from bot.core.errors import AlreadyExists, InvalidInput
from bot.core.ratings import DEFAULT_MIN_RATINGS, RatingSettings
from bot.store.curation import SqliteCuration
from bot.store.database import Database
from bot.store.ratings import SqliteRatings
from bot.store.ratings_moderation import SqliteRatingModeration
from tests.store.conftest import GUILD, OTHER_GUILD


async def test_hide_and_restore_are_recorded_in_the_history(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int], db: Database
) -> None:
    rated = await ratings.rate(GUILD, 7, films["memento-2000"], 2, "rude words", False)
    hidden = await moderation.hide(GUILD, 500, rated.rating.id, "  rude\n")
    assert hidden.hidden and hidden.hidden_reason == "rude"
    with pytest.raises(AlreadyExists):
        await moderation.hide(GUILD, 500, rated.rating.id, "again")
    restored = await moderation.restore(GUILD, 501, rated.rating.id)
    assert not restored.hidden and restored.hidden_reason is None and restored.review == "rude words"
    with pytest.raises(InvalidInput, match="isn't hidden"):
        await moderation.restore(GUILD, 501, rated.rating.id)
    history = await SqliteCuration(db).history(GUILD)
    n = rated.rating.id
    assert [(h.user_id, h.action, h.detail) for h in history] == [
        (501, "restore review", f"restored review {n} of Memento (2000)"),
        (500, "hide review", f"hid review {n} of Memento (2000): rude"),
    ]
    assert "rude words" not in " ".join(h.detail for h in history)  # the review itself is not copied


async def test_curators_reach_only_their_own_server(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int], db: Database
) -> None:
    rated = await ratings.rate(GUILD, 7, films["memento-2000"], 8, "fine", False)
    for action in (
        moderation.hide(OTHER_GUILD, 500, rated.rating.id, "x"),
        moderation.restore(OTHER_GUILD, 500, rated.rating.id),
        moderation.delete(OTHER_GUILD, 500, rated.rating.id),
    ):
        with pytest.raises(InvalidInput, match="No rating numbered"):
            await action
    assert (await moderation.review(GUILD, rated.rating.id)) == rated.rating
    assert await SqliteCuration(db).history(OTHER_GUILD) == []


async def test_stars_only_rating_has_nothing_to_hide(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int]
) -> None:
    rated = await ratings.rate(GUILD, 7, films["memento-2000"], 8, None, False)
    with pytest.raises(InvalidInput, match="no review"):
        await moderation.hide(GUILD, 500, rated.rating.id, "x")
    with pytest.raises(InvalidInput, match="Say why"):
        await moderation.hide(GUILD, 500, rated.rating.id, " ")


async def test_delete_outright(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int], db: Database
) -> None:
    rated = await ratings.rate(GUILD, 7, films["memento-2000"], 8, "bad", False)
    deleted = await moderation.delete(GUILD, 500, rated.rating.id)
    assert deleted == rated.rating
    assert await ratings.rating(GUILD, 7, films["memento-2000"]) is None
    assert (await SqliteCuration(db).history(GUILD))[0].action == "delete review"


async def test_settings_default_set_and_recorded(moderation: SqliteRatingModeration, db: Database) -> None:
    assert await moderation.settings(GUILD) == RatingSettings(DEFAULT_MIN_RATINGS, None)
    assert await moderation.set_review_role(GUILD, 500, 77) == RatingSettings(DEFAULT_MIN_RATINGS, 77)
    assert await moderation.set_min_ratings(GUILD, 500, 5) == RatingSettings(5, 77)
    assert await moderation.set_review_role(GUILD, 500, None) == RatingSettings(5, None)
    assert await moderation.settings(OTHER_GUILD) == RatingSettings()
    with pytest.raises(InvalidInput):
        await moderation.set_min_ratings(GUILD, 500, 0)
    assert [h.detail for h in await SqliteCuration(db).history(GUILD)] == [
        "any member may write reviews",
        "set the minimum for /top to 5 ratings",
        "reviews need role 77",
    ]


async def test_export_and_forget_a_member_in_every_server(
    ratings: SqliteRatings, moderation: SqliteRatingModeration, films: dict[str, int], db: Database
) -> None:
    memento, heist = films["memento-2000"], films["american-heist-2014"]
    await ratings.rate(GUILD, 7, memento, 9, "Backwards and brilliant", True)
    await ratings.rate(OTHER_GUILD, 7, heist, 3, None, False)
    other = await ratings.rate(GUILD, 8, memento, 4, "meh", False)
    await moderation.hide(GUILD, 7, other.rating.id, "spoils the ending")  # member 7 is a curator too
    exported = json.loads(json.dumps(await moderation.export_member(7)))
    assert exported["member"] == "7"
    assert [(r["server"], r["film"], r["stars"], r["review"], r["spoiler"]) for r in exported["ratings"]] == [
        (str(GUILD), "Memento (2000)", 4.5, "Backwards and brilliant", True),
        (str(OTHER_GUILD), "American Heist (2014)", 1.5, None, False),
    ]
    assert [a["action"] for a in exported["curator_actions"]] == ["hide review"]
    assert "meh" not in json.dumps(exported)  # another member's words are theirs, not 7's

    assert await moderation.forget_member(7) == 2
    assert (await moderation.export_member(7))["ratings"] == []
    assert await ratings.rating(OTHER_GUILD, 7, heist) is None
    kept = await moderation.review(GUILD, other.rating.id)  # member 8 keeps theirs, still hidden
    assert kept.hidden and kept.review == "meh"
    row = await db.fetchone("SELECT count(*) FROM ratings WHERE user_id = 7 OR hidden_by = 7")
    assert row is not None and row[0] == 0
    assert await moderation.forget_member(7) == 0
