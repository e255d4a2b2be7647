import asyncio

from bot.app.pacing import Turnstile
from bot.testing.loop_turns import LoopTurns


async def test_one_interaction_per_turn_in_arrival_order() -> None:
    gate, turns = Turnstile(), LoopTurns()
    started: list[tuple[int, int]] = []

    async def interaction(number: int) -> None:
        await gate.turn()
        started.append((number, turns.count))

    turns.start()
    await asyncio.gather(*(interaction(n) for n in range(50)))
    turns.stop()
    assert [number for number, _ in started] == list(range(50))
    turn_of = [turn for _, turn in started]
    assert len(set(turn_of)) == 50  # never two interactions' work in the same turn of the loop
    assert len(gate) == 0


async def test_a_cancelled_waiter_gives_up_its_place() -> None:
    gate = Turnstile()
    order: list[str] = []

    async def interaction(name: str) -> None:
        await gate.turn()
        order.append(name)

    first = asyncio.create_task(interaction("first"))
    gone = asyncio.create_task(interaction("gone"))
    last = asyncio.create_task(interaction("last"))
    await asyncio.sleep(0)  # all three are waiting
    gone.cancel()
    await asyncio.gather(first, last)
    assert order == ["first", "last"]
    assert gone.cancelled()


async def test_idle_turnstile_admits_at_once() -> None:
    gate = Turnstile()
    await asyncio.wait_for(gate.turn(), 1)
    await asyncio.wait_for(gate.turn(), 1)  # and again, after it went idle
