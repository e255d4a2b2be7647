"""Members' ratings from the terminal: the same commands, a typed /confirm instead of a button."""

from __future__ import annotations

from bot.console.session import ConsoleSession
from bot.wiring import Services


async def test_rate_review_and_forget_in_the_terminal(services: Services) -> None:
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line("/rate memento 4")
    assert failed and "only work inside a server" in text
    await session.run_line("/guild 5")
    text, failed = await session.run_line('/rate memento 4,5 review="**Backwards** @everyone" spoiler=true')
    assert not failed and "You rated Memento (2000) ★★★★½ (4.5 / 5)." in text
    text, failed = await session.run_line("/rate memento")  # no forms here: say what to type
    assert failed and "Give the stars too" in text
    text, _ = await session.run_line("/review memento")
    assert "This server's members: ★★★★½ 4.5 / 5 from 1 rating" in text
    assert "**Backwards** @everyone" in text and "\\" not in text  # as written, no Discord escapes
    text, _ = await session.run_line("/forget-me")
    assert "Type /confirm" in text
    text, failed = await session.run_line("/confirm")
    assert not failed and "Deleted your 1 rating" in text
    text, _ = await session.run_line("/my-ratings")
    assert "You haven't rated any film in this server yet" in text
