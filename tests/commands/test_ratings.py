"""Members' ratings through the command table, against a real SQLite file."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bot.core.errors import InvalidInput, PermissionDenied
from bot.core.models import Caller
from bot.core.ratings import RATE_LIMIT, RateLimited
from bot.core.rich import Span
from bot.wiring import Services
from tests.conftest import call, run, text

A, B = 111, 222
MEMBER = Caller(guild_id=A, user_id=7)
OTHER = Caller(guild_id=A, user_id=8)
CURATOR = Caller(guild_id=A, user_id=1, can_manage_guild=True)
ELSEWHERE = Caller(guild_id=B, user_id=9)


async def test_rate_rerate_and_unrate(services: Services) -> None:
    first = await call(services, "rate", MEMBER, "memento", "4,5", "Backwards and brilliant")
    assert first.ephemeral
    assert "You rated Memento (2000) ★★★★½ (4.5 / 5)." in text(first)
    assert "Your review is saved." in text(first)
    again = await call(services, "rate", MEMBER, "memento", "★★★")
    assert "This replaces your earlier rating (★★★★½ and its review)." in text(again)
    removed = await call(services, "unrate", MEMBER, "memento")
    assert "Removed your rating of Memento (2000) (★★★)." in text(removed)
    nothing = await call(services, "unrate", MEMBER, "memento")
    assert "nothing to remove" in text(nothing)


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"stars": "6"}, "out of range"),
        ({"stars": "four"}, "isn't a rating"),
        ({}, "Give the stars too"),
        ({"stars": "4", "review": "x" * 1001}, "review is 1001 characters long"),  # the option's limit
    ],
)
async def test_bad_ratings_are_refused_kindly(
    services: Services, options: dict[str, str], problem: str
) -> None:
    reply = await run(services, MEMBER, "rate", title="memento", **options)
    assert reply.error and problem in text(reply)
    assert (await services.commands.deps.ratings.member_ratings(A, 7, 0, 10)).total == 0


async def test_ratings_need_a_server(services: Services) -> None:
    reply = await run(services, Caller(user_id=7), "rate", title="memento", stars="4")
    assert reply.error and "only work inside a server" in text(reply)


async def test_review_shows_the_server_verdict_and_spoilers_hidden(services: Services) -> None:
    await call(services, "rate", MEMBER, "memento", "5", "The ending: he did it", spoiler=True)
    await call(services, "rate", OTHER, "memento", "4", "@everyone go see it https://example.com")
    shown = await call(services, "review", MEMBER, "memento")
    assert "This server's members: ★★★★½ 4.5 / 5 from 2 ratings" in text(shown)
    members = [f for f in shown.fields if f.value and f.value[0].style == "user"]
    assert [f.value[0].target for f in members] == ["8", "7"]  # newest first
    assert Span("The ending: he did it", "spoiler") in members[1].value
    elsewhere = await call(services, "review", ELSEWHERE, "memento")
    assert "members" not in text(elsewhere) and "he did it" not in text(elsewhere)
    direct = await call(services, "review", Caller(user_id=7), "memento")
    assert "he did it" not in text(direct)


async def test_hide_restore_delete_and_history(services: Services) -> None:
    await call(services, "rate", MEMBER, "memento", "1", "rude words")
    [choice] = await services.commands.complete("catalogue hide-review", "review", CURATOR, "rude")
    with pytest.raises(PermissionDenied):
        await call(services, "catalogue hide-review", OTHER, choice.value, "spam")
    hidden = await call(services, "catalogue hide-review", CURATOR, choice.value, "spam")
    assert "Hid the review of Memento (2000)" in text(hidden)
    assert "rude words" not in text(await call(services, "review", OTHER, "memento"))
    assert "rude words" not in text(await call(services, "review", MEMBER, "memento"))  # public reply
    mine = await call(services, "my-ratings", MEMBER)
    assert mine.ephemeral and "rude words" in text(mine) and "Hidden by the curators: spam" in text(mine)
    await call(services, "catalogue restore-review", CURATOR, choice.value)
    assert "rude words" in text(await call(services, "review", OTHER, "memento"))
    history = text(await call(services, "catalogue history", CURATOR))
    assert "hid review" in history and "restored review" in history
    await call(services, "catalogue delete-rating", CURATOR, choice.value)
    assert "rude words" not in text(await call(services, "my-ratings", MEMBER))
    with pytest.raises(InvalidInput, match="Pick the review"):
        await call(services, "catalogue hide-review", CURATOR, "rude words", "spam")


async def test_review_role_and_minimum(services: Services) -> None:
    await call(services, "catalogue ratings", CURATOR, review_role=55)
    with pytest.raises(PermissionDenied, match="needs a role"):
        await call(services, "rate", MEMBER, "memento", "4", "my words")
    await call(services, "rate", MEMBER, "memento", "4")  # stars alone need no role
    allowed = dataclasses.replace(MEMBER, role_ids=frozenset({55}))
    await call(services, "rate", allowed, "memento", "4", "my words")
    settings = await call(services, "catalogue ratings", CURATOR, min_ratings=1, anyone_reviews=True)
    assert "at least 1 rating;" in text(settings) and "any member may write reviews" in text(settings)
    top = await call(services, "top", OTHER)
    assert "1. Memento (2000)" in text(top)
    assert "No film here" in text(await call(services, "top", OTHER, "western"))
    assert "No film here" in text(await call(services, "top", OTHER, None, "1980s"))


async def test_rate_limit_says_when_to_try_again(services: Services) -> None:
    films = ["memento", "backtrace", "escape plan", "american heist", "211", "out of death"]
    for title in films[:RATE_LIMIT]:
        await call(services, "rate", MEMBER, title, "3")
    with pytest.raises(RateLimited):
        await call(services, "rate", MEMBER, films[RATE_LIMIT], "3")
    reply = await run(services, MEMBER, "rate", title=films[RATE_LIMIT], stars="3")
    assert reply.error and "try again in" in text(reply)
    await call(services, "rate", OTHER, films[RATE_LIMIT], "3")  # another member is not held back


async def test_similar_adds_what_members_who_liked_it_liked(services: Services) -> None:
    for user in range(20, 24):
        caller = Caller(guild_id=A, user_id=user)
        await call(services, "rate", caller, "memento", "5")
        await call(services, "rate", caller, "escape plan", "4")
    shown = text(await call(services, "similar", MEMBER, "memento"))
    assert "4 members who rated Memento highly also liked Escape Plan" in shown
    assert "members who rated" not in text(await call(services, "similar", ELSEWHERE, "memento"))


async def test_my_data_and_forget_me(services: Services) -> None:
    await call(services, "rate", MEMBER, "memento", "4", "mine")
    await call(services, "rate", dataclasses.replace(MEMBER, guild_id=B), "memento", "2")
    data = await call(services, "my-data", MEMBER)
    assert data.ephemeral and data.attachment is not None
    exported = json.loads(data.attachment.data)
    assert [r["server"] for r in exported["ratings"]] == [str(A), str(B)]
    asked = await call(services, "forget-me", MEMBER)
    assert (
        asked.confirm is not None and (await services.commands.deps.ratings.member_ratings(A, 7, 0, 9)).total
    )
    done = await services.commands.resume(asked.confirm.then, MEMBER)
    assert "Deleted your 2 ratings" in text(done)
    assert json.loads((await call(services, "my-data", MEMBER)).attachment.data)["ratings"] == []  # type: ignore[union-attr]


async def test_similar_narrowed_keeps_only_members_favourites_that_fit(services: Services) -> None:
    for user in range(20, 24):
        caller = Caller(guild_id=A, user_id=user)
        await call(services, "rate", caller, "memento", "5")
        await call(services, "rate", caller, "escape plan", "4")
    liked = "4 members who rated Memento highly also liked Escape Plan"
    assert liked in text(await call(services, "similar", MEMBER, "memento", years="2010s"))
    assert liked in text(await call(services, "similar", MEMBER, "memento", genre="Prison"))
    assert liked not in text(await call(services, "similar", MEMBER, "memento", years="2020s"))
    assert liked not in text(await call(services, "similar", MEMBER, "memento", genre="crime"))
